# hw1-numerics: the two commands a newcomer needs are `make run` and `make test`.
# Each target installs what it needs first (Debian packages, the Python venv).

SHELL        := /bin/bash
SWIFT        ?= swift
# Optimisation flags live here, never in a library target (they would break dependants).
# SWIFT_TARGET_CPU tunes the release build for one processor, e.g. `make bench
# SWIFT_TARGET_CPU=znver4` (AMD Zen 4) or skylake-avx512; unset, it builds for baseline x86-64
# and runs anywhere. Switching it rebuilds everything.
SWIFT_TARGET_CPU ?=
RELEASE      := -c release -Xswiftc -O $(if $(SWIFT_TARGET_CPU),-Xswiftc -target-cpu -Xswiftc $(SWIFT_TARGET_CPU))
BIN          := .build/release
VENV         := .venv
PYTHON       := $(VENV)/bin/python
APT_PACKAGES := libopenblas-dev liblapacke-dev zlib1g-dev pkg-config dataset-fashion-mnist \
                pandoc chromium-headless-shell fonts-noto-core fonts-lmodern fonts-stix poppler-utils
DATA_DIR     := /usr/share/datasets/fashion-mnist

.PHONY: all deps venv build test run bench example docs clean distclean help

all: build

help:
	@echo "make test   - install what is missing, build, run every test (Swift, Python parity, example package)"
	@echo "make run    - the main job: all of Problem 5 and the results report in results/"
	@echo "make bench  - benchmarks against OpenBLAS, NumPy and PyTorch in the same run"
	@echo "make build  - release build of the hw1 CLI and hw1-bench"
	@echo "make example - build and run Examples/BLASConsumer, a package reusing the BLAS wrapper"
	@echo "make bench SWIFT_TARGET_CPU=znver4 - tune release builds (build, run, bench) for one processor; unset: baseline x86-64"
	@echo "make submission NAME=First_Last - the hand-in archive dist/HW1_First_Last.zip (PDFs, notebooks, code, results)"
	@echo "make pdf NAME=First_Last - only the two answer PDFs in dist/"
	@echo "make docs   - the BLASKit DocC catalog (warnings are errors)"
	@echo "make fuzz FUZZ_SECONDS=60 - libFuzzer targets for every parser (Fuzz/); make sanitize - the suite under TSan and ASan"
	@echo "make clean  - remove build output (make distclean also removes the Python venv)"

# Debian packages: installed with apt-get as root, else through sudo, else we say how.
deps:
	@missing=""; \
	for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "make: installing Debian packages:$$missing"; \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	  elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	  else echo "make: missing Debian packages. Install them with:"; echo "  sudo apt-get install$$missing"; exit 1; fi; \
	fi

# The Python virtual environment: NumPy/SciPy/PyTorch peers and the PyTorch twin (Problem 5f).
# torch is pinned to the CPU build in Scripts/requirements.txt.
venv: $(VENV)/.installed
$(VENV)/.installed: Scripts/requirements.txt
	python3 -m venv $(VENV)
	$(PYTHON) -m pip install --quiet -r Scripts/requirements.txt
	touch $@

build: deps
	$(SWIFT) build $(RELEASE) --product hw1
	$(SWIFT) build $(RELEASE) --product hw1-bench

test: deps
	@$(MAKE) --no-print-directory venv || echo "make: the Python venv could not be made; the Python and PyTorch parity tests will be skipped"
	@if [ -f $(VENV)/.installed ]; then $(PYTHON) Scripts/test_python_tools.py && $(PYTHON) Scripts/test_parity_torch.py; fi
	$(MAKE) --no-print-directory example
	$(SWIFT) build --build-tests
	SWIFTC=$(dir $(shell command -v $(SWIFT)))swiftc Scripts/check_hidden_api.sh
	$(SWIFT) test --skip-build
	Scripts/check_doc_coverage.py
	$(MAKE) --no-print-directory test-handin

# The DocC documentation of BLASKit (Sources/BLASKit/BLASKit.docc), warnings as errors.
docs: deps
	$(SWIFT) package --disable-sandbox generate-documentation --target BLASKit --warnings-as-errors --output-path .build/docs

# The example consumer package: proves the BLAS wrapper can be reused by another package.
example: deps
	cd Examples/BLASConsumer && $(SWIFT) run --quiet

# The main job: 5(a) samples, parts b–e over three seeds each (hyperparameters: the --part
# presets, chosen on a validation split, Docs/hyperparameters.md), 5(f) with the PyTorch twin,
# then results/README.md and the results table in README.md.
SEEDS        := 1 2 3
RUNS         := results/runs
# 5(f) repeats part b in PyTorch with part b's hyperparameters (rate, cosine schedule, epochs).
PART_F_FLAGS := --epochs 15 --batch-size 64 --learning-rate 2.0 --schedule cosine:0.02
run: deps build $(if $(wildcard Scripts/requirements.txt),venv)
	@mkdir -p results
	$(BIN)/hw1 samples --count 4 --out results/samples.png
	@for part in b c d e; do for seed in $(SEEDS); do \
	  echo "== part $$part, seed $$seed"; \
	  $(BIN)/hw1 train --part $$part --seed $$seed --out $(RUNS)/$$part/seed-$$seed || exit 1; \
	done; done
	@if [ -f Scripts/part_f_pytorch.py ]; then for seed in $(SEEDS); do \
	  echo "== part f (PyTorch), seed $$seed"; \
	  $(PYTHON) Scripts/part_f_pytorch.py --seed $$seed $(PART_F_FLAGS) --out $(RUNS)/f/seed-$$seed || exit 1; \
	done; else echo "make run: Scripts/part_f_pytorch.py is absent; part f skipped"; fi
	@if grep -q '<!-- results:start -->' README.md; then \
	  $(BIN)/hw1 report --runs $(RUNS) --out results/README.md --answers Docs/answers --readme README.md; \
	else $(BIN)/hw1 report --runs $(RUNS) --out results/README.md --answers Docs/answers; fi

# Swift against OpenBLAS, NumPy/SciPy and PyTorch, all measured in this same run.
bench: deps build venv
	$(BIN)/hw1-bench all

clean:
	rm -rf .build Examples/BLASConsumer/.build

distclean: clean
	rm -rf $(VENV)

# ---- Hand-in (issue #11): the answer PDFs from Docs/answers/ -------------------------------
# make pdf NAME=First_Last → dist/HW1_First_Last.pdf and dist/HW1_First_Last_fa.pdf.
# NAME is checked first (letters of any script, digits, _ and -).
.PHONY: pdf test-handin submission notebooks handin-pictures
HANDIN := Scripts/handin
# NAME is checked with the system python3 (handin_name.py needs the standard library only),
# before anything is installed or built.
CHECK_NAME = python3 $(HANDIN)/handin_name.py "$(NAME)" >/dev/null
pdf:
	@$(CHECK_NAME)
	@$(MAKE) --no-print-directory deps venv
	$(PYTHON) $(HANDIN)/answers_pdf.py --lang en --name "$(NAME)" --out "dist/HW1_$(NAME).pdf"
	$(PYTHON) $(HANDIN)/answers_pdf.py --lang fa --name "$(NAME)" --out "dist/HW1_$(NAME)_fa.pdf"

# make submission NAME=First_Last → dist/HW1_First_Last.zip: both PDFs, the executed notebooks,
# code/ (git archive HEAD) and results/. Reuses make run's results; runs make run if any is missing.
submission:
	@$(CHECK_NAME)
	@$(MAKE) --no-print-directory deps build venv
	@$(PYTHON) $(HANDIN)/submission.py --results-complete || $(MAKE) --no-print-directory run
	$(PYTHON) $(HANDIN)/submission.py --name "$(NAME)"

# The README's pictures of each answer file's title page and contents (Docs/handin/, committed).
handin-pictures:
	@$(MAKE) --no-print-directory pdf NAME=First_Last
	@for lang in en fa; do suffix=$$([ $$lang = fa ] && echo _fa); \
	  pdftoppm -f 1 -l 1 -png -scale-to 468 -singlefile dist/HW1_First_Last$$suffix.pdf Docs/handin/page1-$$lang; \
	  pdftoppm -f 2 -l 2 -png -scale-to 468 -singlefile dist/HW1_First_Last$$suffix.pdf Docs/handin/contents-$$lang; done
	@echo "wrote Docs/handin/{page1,contents}-{en,fa}.png"

# The notebooks executed with outputs into dist/notebooks (make submission does this itself).
notebooks: deps build venv
	$(PYTHON) $(HANDIN)/notebooks.py --out dist/notebooks

# Tests of the hand-in: NAME checks, both PDFs build, headings, no raw TeX, images; the
# notebooks in fast mode; the archive's name, members and NAME errors.
test-handin: deps build venv
	$(PYTHON) $(HANDIN)/test_handin.py
	$(PYTHON) $(HANDIN)/test_submission.py

# ---- Hostile input (issue #17): fuzz targets and the sanitizers --------------------------
# make fuzz: builds Fuzz/<target>/main.swift with -sanitize=fuzzer,address against an instrumented
# HW1Data and runs each target (idx gzip csv safetensors metrics) for FUZZ_SECONDS from the seeds
# in Fuzz/corpus/; FUZZ_TARGETS picks some. A crash fails that target (the others still run)
# and its input is kept in .build/fuzz/crashes/<target>/.
# make sanitize: the whole suite under ThreadSanitizer, then AddressSanitizer, each in its own
# scratch path (.build/tsan, .build/asan), so the normal build is not thrown away.
.PHONY: fuzz fuzz-build sanitize sanitize-thread sanitize-address
FUZZ_SECONDS ?= 60
FUZZ_TARGETS ?=
SWIFTC       ?= $(patsubst %swift,%swiftc,$(SWIFT))
fuzz-build: deps
	SWIFTC=$(SWIFTC) Fuzz/run.sh build
fuzz: deps
	SWIFTC=$(SWIFTC) FUZZ_SECONDS=$(FUZZ_SECONDS) Fuzz/run.sh $(FUZZ_TARGETS)

sanitize: sanitize-thread sanitize-address
sanitize-thread: deps
	@start=$$(date +%s); \
	$(SWIFT) build --build-tests --sanitize=thread --scratch-path .build/tsan && \
	built=$$(date +%s) && \
	$(SWIFT) test --skip-build --sanitize=thread --scratch-path .build/tsan && \
	echo "make sanitize-thread: clean; build $$((built - start)) s, tests $$(( $$(date +%s) - built )) s"
sanitize-address: deps
	@start=$$(date +%s); \
	$(SWIFT) build --build-tests --sanitize=address --scratch-path .build/asan && \
	built=$$(date +%s) && \
	LSAN_OPTIONS=suppressions=$(CURDIR)/Fuzz/lsan.supp $(SWIFT) test --skip-build --sanitize=address --scratch-path .build/asan && \
	echo "make sanitize-address: clean; build $$((built - start)) s, tests $$(( $$(date +%s) - built )) s"

# make test also runs a short fuzz pass (FUZZ_SHORT_SECONDS per target, about 2 minutes after
# the targets' first build); the regression corpus replay is part of `swift test` itself.
.PHONY: fuzz-short
FUZZ_SHORT_SECONDS ?= 20
fuzz-short: deps
	SWIFTC=$(SWIFTC) FUZZ_SECONDS=$(FUZZ_SHORT_SECONDS) Fuzz/run.sh
test: fuzz-short
