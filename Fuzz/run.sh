#!/usr/bin/env bash
# Builds the libFuzzer targets in Fuzz/ and runs each for FUZZ_SECONDS (default 60).
#
#   Fuzz/run.sh                  build and run every target
#   Fuzz/run.sh build            build only
#   Fuzz/run.sh idx gzip         build all, run the named targets only
#
# HW1Data is compiled once as an instrumented static library (-sanitize=fuzzer,address), and each
# target's `@_cdecl("LLVMFuzzerTestOneInput")` entry is linked against it (the metrics target
# also compiles Sources/hw1/RunMetrics.swift, the reader `hw1 report` uses). Runs start from the
# committed seeds in Fuzz/corpus/<target> and grow a working corpus in .build/fuzz/corpus/<target>;
# a crash is written to .build/fuzz/crashes/<target>/ and stops the script with exit 1.
set -euo pipefail
cd "$(dirname "$0")/.."
SWIFTC="${SWIFTC:-swiftc}"
FUZZ_SECONDS="${FUZZ_SECONDS:-60}"
OUT=.build/fuzz
TARGETS=(idx gzip csv safetensors metrics)
FLAGS=(-parse-as-library -sanitize=fuzzer,address -O -g -use-ld=lld -I Modules/HW1CZlib)

source_dir() {
    case "$1" in
        idx) echo IDX ;; gzip) echo Gzip ;; csv) echo CSV ;; safetensors) echo SafeTensors ;; metrics) echo Metrics ;;
        *) echo "Fuzz/run.sh: unknown target '$1' (targets: ${TARGETS[*]})" >&2; exit 2 ;;
    esac
}
extra_sources() { [ "$1" = metrics ] && echo Sources/hw1/RunMetrics.swift || true; }

build() {
    mkdir -p "$OUT/lib"
    local newest
    newest=$(ls -t Sources/HW1Data/*.swift | head -1)
    if [ ! -f "$OUT/lib/libHW1Data.a" ] || [ "$newest" -nt "$OUT/lib/libHW1Data.a" ]; then
        echo "fuzz: building instrumented HW1Data"
        "$SWIFTC" "${FLAGS[@]}" -module-name HW1Data -emit-module -emit-module-path "$OUT/lib/HW1Data.swiftmodule" \
            -emit-library -static -o "$OUT/lib/libHW1Data.a" Sources/HW1Data/*.swift
    fi
    for target in "${TARGETS[@]}"; do
        local dir binary
        dir=Fuzz/$(source_dir "$target")
        binary=$OUT/fuzz-$target
        # shellcheck disable=SC2046
        if [ ! -f "$binary" ] || [ "$OUT/lib/libHW1Data.a" -nt "$binary" ] || [ "$dir/main.swift" -nt "$binary" ] \
            || { [ -n "$(extra_sources "$target")" ] && [ "$(extra_sources "$target")" -nt "$binary" ]; }; then
            echo "fuzz: building $binary"
            "$SWIFTC" "${FLAGS[@]}" -module-name "Fuzz$(source_dir "$target")" -I "$OUT/lib" \
                "$dir/main.swift" $(extra_sources "$target") -L "$OUT/lib" -lHW1Data -lz -o "$binary"
        fi
    done
}

run() {
    local target=$1 corpus=$OUT/corpus/$1 crashes=$OUT/crashes/$1 log=$OUT/fuzz-$1.log
    mkdir -p "$corpus" "$crashes"
    echo "fuzz: $target for ${FUZZ_SECONDS} s (seeds Fuzz/corpus/$target, corpus $corpus, log $log)"
    # -rss_limit_mb: an input that makes a reader allocate gigabytes is a finding, not a pass.
    if ! "$OUT/fuzz-$target" -max_total_time="$FUZZ_SECONDS" -rss_limit_mb=2048 -timeout=10 \
        -artifact_prefix="$crashes/" -print_final_stats=1 "$corpus" "Fuzz/corpus/$target" >"$log" 2>&1; then
        tail -40 "$log"
        echo "fuzz: $target FOUND A PROBLEM; the input is in $crashes/ (fix the reader, then add the input to Tests/HW1DataTests/Fixtures/fuzz-regressions/$target/, which the normal test suite replays)"
        return 1
    fi
    local execs units
    execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo "?")
    units=$(ls "$corpus" | wc -l)
    echo "fuzz: $target clean: $execs executions in ${FUZZ_SECONDS} s, working corpus $units files"
}

build
[ "${1:-}" = build ] && exit 0
status=0
[ $# -gt 0 ] && TARGETS=("$@")
for target in "${TARGETS[@]}"; do
    source_dir "$target" >/dev/null
    run "$target" || status=1
done
exit $status
