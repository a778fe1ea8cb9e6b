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
.PHONY: pdf test-handin
HANDIN := Scripts/handin
pdf: deps venv
	@$(PYTHON) $(HANDIN)/handin_name.py "$(NAME)" >/dev/null
	$(PYTHON) $(HANDIN)/answers_pdf.py --lang en --name "$(NAME)" --out "dist/HW1_$(NAME).pdf"
	$(PYTHON) $(HANDIN)/answers_pdf.py --lang fa --name "$(NAME)" --out "dist/HW1_$(NAME)_fa.pdf"

# Tests of the hand-in: NAME checks, both PDFs build, headings, no raw TeX, images.
test-handin: deps venv
	$(PYTHON) $(HANDIN)/test_handin.py
