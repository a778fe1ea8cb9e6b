"""`make submission NAME=First_Last`: the hand-in archive dist/HW1_First_Last.zip.

The homework asks for one compressed file named HW1_[firstName]_[lastName] holding the answer
file and the code, with each practical question in its own Jupyter notebook. The archive holds:

    HW1_First_Last.pdf      the answers in English (answers_pdf.py)
    HW1_First_Last_fa.pdf   the same in Persian, right to left
    notebooks/              problem-1, problem-5, problem-5f-pytorch, executed with outputs
    code/                   the source tree at HEAD (`git archive`), rebuildable with the README
    results/                the figures and metrics.json files the PDFs cite (no model files)

It reuses what `make run` left in results/ (the notebooks show those runs; nothing retrains
when every part's runs are complete) and stops at the first failure with what to do.

    python Scripts/handin/submission.py --name Ada_Lovelace [--out dist] [--fast]
"""

from __future__ import annotations

import argparse
import io
import json
import os
import subprocess
import sys
import tarfile
import tempfile
import time
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path.insert(0, str(HERE))
import notebooks  # noqa: E402
from handin_name import USAGE, InvalidName, check_name  # noqa: E402

PARTS = ("b", "c", "d", "e", "f")
SEEDS = (1, 2, 3)
# What results/ must hold for the PDFs and notebooks (relative to the project root).
REQUIRED_RESULTS = ["results/samples.png", "results/regression/benchmark.csv",
                    "results/regression/benchmark.md", "results/regression/time-vs-n.svg",
                    "results/comparison-accuracy.svg"]
RESULT_SUFFIXES = (".svg", ".png", ".json", ".csv", ".md")


class SubmissionError(RuntimeError):
    """The archive cannot be made; the message says what is missing and what to run."""


def missing_results() -> list[str]:
    """The runs and figures `make run` should have left, that are absent or incomplete."""
    missing = [path for path in REQUIRED_RESULTS if not (ROOT / path).is_file()]
    for part in PARTS:
        for seed in SEEDS:
            metrics = ROOT / "results" / "runs" / part / f"seed-{seed}" / "metrics.json"
            try:
                outcome = json.loads(metrics.read_text()).get("config", {}).get("outcome", "completed")
            except (OSError, json.JSONDecodeError):
                missing.append(str(metrics.relative_to(ROOT)))
                continue
            if outcome != "completed":
                missing.append(f"{metrics.relative_to(ROOT)} (run {outcome})")
    return missing


def result_members() -> list[Path]:
    """results/ files the archive carries: figures, tables, metrics; never model weights or logs."""
    files = []
    for path in sorted((ROOT / "results").rglob("*")):
        if path.is_file() and path.suffix in RESULT_SUFFIXES and "bench" not in path.relative_to(ROOT / "results").parts[:1]:
            files.append(path)
    return files


def code_members() -> list[tuple[str, bytes, int]]:
    """The tracked source tree at HEAD, from `git archive` (name, bytes, mode)."""
    try:
        archive = subprocess.run(["git", "archive", "--format=tar", "HEAD"], cwd=ROOT,
                                 capture_output=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError) as error:
        raise SubmissionError(f"git archive HEAD failed ({error}); make submission needs the project's git "
                              "checkout (code/ is the source tree at HEAD)") from None
    members = []
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        for member in tar.getmembers():
            if member.isfile():
                members.append((member.name, tar.extractfile(member).read(), member.mode))
    return members


def uncommitted_changes() -> list[str]:
    status = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=ROOT,
                            capture_output=True, text=True)
    return [line[3:] for line in status.stdout.splitlines()]


def build_pdfs(name: str, out_dir: Path) -> list[Path]:
    pdfs = []
    for language, suffix in (("en", ""), ("fa", "_fa")):
        target = out_dir / f"HW1_{name}{suffix}.pdf"
        command = [sys.executable, str(HERE / "answers_pdf.py"), "--lang", language, "--name", name, "--out", str(target)]
        completed = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
        if completed.returncode != 0:
            raise SubmissionError(f"the {language} answer file failed to build:\n{completed.stderr.strip()}")
        pdfs.append(target)
    return pdfs


def write_archive(zip_path: Path, name: str, pdfs: list[Path], executed: list[Path]) -> list[str]:
    """Write the zip; returns its member names. Every text member is checked for machine paths."""
    names = []
    zip_path.parent.mkdir(parents=True, exist_ok=True)
    partial = zip_path.with_suffix(".zip.partial")
    try:
        _fill(partial, names, pdfs, executed)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    partial.replace(zip_path)
    return names


def _fill(partial: Path, names: list[str], pdfs: list[Path], executed: list[Path]) -> None:
    with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        def add(member: str, data: bytes, mode: int = 0o644) -> None:
            if not member.endswith((".pdf", ".png")):
                try:
                    leftovers = notebooks.leftover_paths(data.decode("utf-8"))
                except UnicodeDecodeError:
                    leftovers = []
                if leftovers:
                    raise SubmissionError(f"{member} names {leftovers[0]}, an absolute path of this machine; "
                                          "make the file refer to it relative to the project root")
            info = zipfile.ZipInfo(member, date_time=time.localtime()[:6])
            info.external_attr = (0o100000 | mode) << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, data)
            names.append(member)

        for pdf in pdfs:
            add(pdf.name, pdf.read_bytes())
        for notebook in executed:
            add(f"notebooks/{notebook.name}", notebook.read_bytes())
        for member, data, mode in code_members():
            add(f"code/{member}", data, mode & 0o777)
        for path in result_members():
            add(str(path.relative_to(ROOT)), path.read_bytes())


def describe(zip_path: Path, names: list[str]) -> str:
    code = [n for n in names if n.startswith("code/")]
    others = [n for n in names if not n.startswith("code/")]
    lines = [f"wrote {zip_path.relative_to(ROOT) if zip_path.is_relative_to(ROOT) else zip_path} "
             f"({zip_path.stat().st_size / 1e6:.1f} MB, {len(names)} files):"]
    lines += [f"  {n}" for n in others if not n.startswith("results/")]
    results = [n for n in others if n.startswith("results/")]
    lines.append(f"  results/ ({len(results)} files: figures, tables and metrics.json of every run)")
    lines += [f"    {n}" for n in results]
    top = sorted({n.split("/")[1] for n in code})
    lines.append(f"  code/ ({len(code)} files, the source tree at HEAD: {', '.join(top)})")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Build the hand-in archive HW1_NAME.zip.")
    parser.add_argument("--name", help="First_Last (letters of any script, digits, _ and -)")
    parser.add_argument("--out", type=Path, default=ROOT / "dist", help="output folder (default dist/)")
    parser.add_argument("--fast", action="store_true",
                        help="notebooks in fast mode (one epoch, tiny grid): for tests, not for handing in")
    parser.add_argument("--results-complete", action="store_true",
                        help="only check that make run's results are all there (exit 0) or not (exit 3)")
    args = parser.parse_args(argv)
    if args.results_complete:
        missing = missing_results()
        if missing:
            print(f"make submission: results/ lacks {len(missing)} file(s) (first: {missing[0]}); running `make run` first",
                  file=sys.stderr)
        return 3 if missing else 0
    try:
        name = check_name(args.name)
    except InvalidName as error:
        print(f"make submission: {error}.\n{USAGE}", file=sys.stderr)
        return 2
    started = time.perf_counter()
    try:
        missing = missing_results()
        if missing:
            raise SubmissionError("results/ is incomplete; run `make run` first (it trains every part and "
                                  "writes the figures). Missing:\n  " + "\n  ".join(missing[:12]))
        changed = uncommitted_changes()
        if changed:
            print(f"make submission: note: code/ is the source tree at HEAD; {len(changed)} file(s) have "
                  f"uncommitted changes that it will not hold ({', '.join(changed[:3])}"
                  f"{', …' if len(changed) > 3 else ''}). Commit them first to hand them in.", file=sys.stderr)
        args.out.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(prefix="hw1-submission-") as scratch:
            scratch = Path(scratch)
            print("building the answer files (English, Persian)...", flush=True)
            pdfs = build_pdfs(name, scratch)
            print("executing the notebooks...", flush=True)
            if args.fast:
                os.environ["HW1_NOTEBOOK_FAST"] = "1"
            executed = []
            for notebook in notebooks.NOTEBOOKS:
                begun = time.perf_counter()
                executed.append(notebooks.execute(notebook, scratch / "notebooks"))
                print(f"  {notebook}.ipynb: {time.perf_counter() - begun:.0f} s", flush=True)
            zip_path = args.out.resolve() / f"HW1_{name}.zip"
            names = write_archive(zip_path, name, pdfs, executed)
            for pdf in pdfs:
                (args.out / pdf.name).write_bytes(pdf.read_bytes())
    except (SubmissionError, notebooks.NotebookFailed) as error:
        print(f"make submission: {error}", file=sys.stderr)
        return 1
    print(describe(zip_path, names))
    print(f"make submission took {time.perf_counter() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
