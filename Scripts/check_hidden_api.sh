#!/usr/bin/env bash
# Checks that BLASKit's hidden API stays hidden from a consumer (issue #13): each snippet below
# uses one symbol that must not compile outside this package, and must fail with the expected
# message; a control snippet using the public API must compile, so the failures are real.
# Type-checks against the debug build's modules (run after `swift build`); takes a few seconds.
set -u
SWIFTC="${SWIFTC:-swiftc}"
cd "$(dirname "$0")/.."
MODULES=.build/debug/Modules
[ -f "$MODULES/BLASKit.swiftmodule" ] || { echo "check_hidden_api: build first (swift build): $MODULES/BLASKit.swiftmodule is missing"; exit 1; }
FLAGS=(-typecheck -I "$MODULES"
  -Xcc -fmodule-map-file=Modules/BLASKitCBLAS/module.modulemap
  -Xcc -fmodule-map-file=Modules/BLASKitCLAPACKE/module.modulemap
  -I .build/checkouts/swift-numerics/Sources/_NumericsShims/include)
dir=$(mktemp -d); trap 'rm -rf "$dir"' EXIT
failures=0

expect() {  # expect ok|fail NAME "expected message" <<< source
  local mode=$1 name=$2 message=$3 file="$dir/$2.swift"
  cat > "$file"
  local output; output=$("$SWIFTC" "${FLAGS[@]}" "$file" 2>&1); local status=$?
  if [ "$mode" = ok ]; then
    if [ $status -ne 0 ]; then echo "check_hidden_api: FAIL $name: the public API did not compile:"; echo "$output" | grep error: | head -3; failures=$((failures + 1)); fi
  elif [ $status -eq 0 ]; then
    echo "check_hidden_api: FAIL $name compiled in a consumer; it must be hidden"; failures=$((failures + 1))
  elif ! grep -q -- "$message" <<< "$output"; then
    echo "check_hidden_api: FAIL $name failed for another reason than \"$message\":"; echo "$output" | grep error: | head -3; failures=$((failures + 1))
  fi
}

expect ok control "" <<'SWIFT'
import BLASKit
let a = Matrix<Double>([[2, 0], [0, 2]])
var c = Matrix<Double>(rows: 2, columns: 2)
BLAS.gemm(a, .noTranspose, a, .transposed, into: &c)
_ = try LAPACK.solve(a, Matrix(column: [1, 1]))
SWIFT
expect fail raw-blas "'rawGemv' is inaccessible due to 'package' protection level" <<'SWIFT'
import BLASKit
var y = [0.0]
Double.rawGemv(.init(111), 1, 1, 1, nil, 1, nil, 1, 0, &y, 1)
SWIFT
expect fail raw-lapack "'rawPotrf' is inaccessible due to 'package' protection level" <<'SWIFT'
import BLASKit
_ = Double.rawPotrf(102, 76, 0, nil, 1)
SWIFT
expect fail old-protocol-requirement "has no member 'cblasGemm'" <<'SWIFT'
import BLASKit
Double.cblasGemm(.init(111), .init(111), 1, 1, 1, 1, nil, 1, nil, 1, 0, nil, 1)
SWIFT
expect fail normal-sampler "'nextStandardNormal' is inaccessible due to 'package' protection level" <<'SWIFT'
import BLASKit
var g = SeededGenerator(seed: 1)
_ = g.nextStandardNormal()
SWIFT
expect fail c-symbols-through-blaskit "cannot find 'cblas_ddot' in scope" <<'SWIFT'
import BLASKit
let x: [Double] = [1]
_ = cblas_ddot(1, x, 1, x, 1)
SWIFT
expect fail layout-constants "'rowMajor' is inaccessible due to 'package' protection level" <<'SWIFT'
import BLASKit
_ = LAPACK.rowMajor
SWIFT
expect fail transpose-none "has no member 'none'" <<'SWIFT'
import BLASKit
let t: Transpose = Transpose.none
SWIFT
if [ $failures -gt 0 ]; then echo "check_hidden_api: $failures check(s) failed"; exit 1; fi
echo "check_hidden_api: 8 snippets: the public API compiles, 7 hidden symbols do not"
