#!/usr/bin/env python3
"""Documentation coverage of BLASKit's public API (issue #13).

Extracts the symbol graph of the debug build's BLASKit module (swift-symbolgraph-extract, public
symbols only, extensions on Swift types included) and lists every public symbol without a doc
comment. Symbols that DocC documents from the protocol they implement (Equatable's ==,
CustomStringConvertible's description, RandomNumberGenerator's next(), …) inherit that
documentation and are not counted. Exits 1 if any symbol is undocumented; run after
`swift build`. Prints the coverage.
"""
import json, os, pathlib, shutil, subprocess, sys, tempfile

root = pathlib.Path(__file__).resolve().parent.parent
modules = root / ".build" / "debug" / "Modules"
if not (modules / "BLASKit.swiftmodule").exists():
    sys.exit(f"check_doc_coverage: build first (swift build): {modules}/BLASKit.swiftmodule is missing")
tool = shutil.which("swift-symbolgraph-extract") or "/opt/swift/usr/bin/swift-symbolgraph-extract"
out = pathlib.Path(tempfile.mkdtemp())
subprocess.run([tool, "-module-name", "BLASKit", "-I", str(modules), "-target", "x86_64-unknown-linux-gnu",
                "-minimum-access-level", "public", "-output-dir", str(out),
                "-Xcc", f"-fmodule-map-file={root}/Modules/BLASKitCBLAS/module.modulemap",
                "-Xcc", f"-fmodule-map-file={root}/Modules/BLASKitCLAPACKE/module.modulemap",
                "-I", str(root / ".build/checkouts/swift-numerics/Sources/_NumericsShims/include")], check=True)
total, missing = 0, []
for graph in sorted(out.glob("*.symbols.json")):
    data = json.loads(graph.read_text())
    implements = {r["source"] for r in data["relationships"] if r["kind"] in ("defaultImplementationOf", "requirementOf")}
    overrides = {r["source"] for r in data["relationships"] if r["kind"] == "overrides"}
    conforms_docs = set()
    for r in data["relationships"]:
        if r["kind"] == "memberOf" and r.get("sourceOrigin"):  # implements a protocol requirement
            conforms_docs.add(r["source"])
    for s in data["symbols"]:
        if s["accessLevel"] != "public" or s["kind"]["identifier"].endswith("extension"):
            continue
        name = ".".join(s["pathComponents"])
        if s["names"]["title"].startswith("_") or any(p.startswith("_") for p in s["pathComponents"]):
            continue
        total += 1
        if s.get("docComment") or s["identifier"]["precise"] in conforms_docs | implements | overrides:
            continue
        missing.append(f'{s["kind"]["displayName"].lower()} {name}')
shutil.rmtree(out)
documented = total - len(missing)
print(f"check_doc_coverage: {documented}/{total} public BLASKit symbols documented ({100 * documented / max(total, 1):.1f} %)")
for m in missing:
    print("  undocumented:", m)
sys.exit(1 if missing else 0)
