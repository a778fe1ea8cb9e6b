"""Execute the homework notebooks (Notebooks/*.ipynb) and save them with their outputs.

Each notebook runs through nbclient + ipykernel with the project root as its working
directory. A cell that fails stops everything with the notebook's name, the cell's number and
the error. The executed copies must not hold an absolute path of this machine: the project's
own path is cut from every output (the helpers print relative paths already; this catches
warnings from libraries), and any that remains is an error.

    python Scripts/handin/notebooks.py --out dist/notebooks            # all three
    HW1_NOTEBOOK_FAST=1 python Scripts/handin/notebooks.py --out /tmp/nb problem-1
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
NOTEBOOK_DIR = ROOT / "Notebooks"
# The practical questions, in the homework's order.
NOTEBOOKS = ["problem-1", "problem-5", "problem-5f-pytorch"]
CELL_TIMEOUT_SECONDS = 1800


class NotebookFailed(RuntimeError):
    """A notebook could not be executed; the message names the notebook, the cell and the error."""


def machine_paths() -> list[str]:
    """Absolute paths that must not appear in a handed-in file: the project's and the home folder."""
    paths = {str(ROOT)}
    home = os.path.expanduser("~")
    if home not in ("", "/"):
        paths.add(home)
    return sorted(paths, key=len, reverse=True)


def _scrub(text: str) -> str:
    for path in machine_paths():
        text = text.replace(path + "/", "").replace(path, ".")
    return text


def _scrub_outputs(notebook) -> None:
    """Cut the project's absolute path out of every text output (library warnings name files)."""
    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            if "text" in output:
                output["text"] = _scrub(output["text"])
            for key in ("text/plain", "text/markdown", "text/html"):
                data = output.get("data", {})
                if isinstance(data.get(key), str):
                    data[key] = _scrub(data[key])
            if "traceback" in output:
                output["traceback"] = [_scrub(line) for line in output["traceback"]]


def leftover_paths(text: str) -> list[str]:
    """The machine paths still present in `text`."""
    return [path for path in machine_paths() if path in text]


def execute(name: str, out_dir: Path) -> Path:
    """Run Notebooks/NAME.ipynb and write NAME.ipynb with outputs into `out_dir`."""
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError

    source = NOTEBOOK_DIR / f"{name}.ipynb"
    if not source.is_file():
        raise NotebookFailed(f"{source.relative_to(ROOT)} is missing")
    notebook = nbformat.read(source, as_version=4)
    client = NotebookClient(notebook, timeout=CELL_TIMEOUT_SECONDS, kernel_name="python3",
                            resources={"metadata": {"path": str(ROOT)}},
                            extra_arguments=["--IPKernelApp.log_level=ERROR"])
    try:
        client.execute()
    except CellExecutionError as error:
        failed = next((index for index, cell in enumerate(notebook.cells, start=1)
                       if any(o.get("output_type") == "error" for o in cell.get("outputs", []))), None)
        where = f"cell {failed}" if failed else "a cell"
        summary = f"{getattr(error, 'ename', 'error')}: {_scrub(str(getattr(error, 'evalue', error)))}"
        raise NotebookFailed(f"notebook {name}.ipynb, {where}: {summary}") from None
    _scrub_outputs(notebook)
    text = nbformat.writes(notebook)
    if leftover_paths(text):
        raise NotebookFailed(f"notebook {name}.ipynb: an output still names {leftover_paths(text)[0]}")
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / f"{name}.ipynb"
    target.write_text(text, encoding="utf-8")
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Execute the homework notebooks with outputs saved.")
    parser.add_argument("names", nargs="*", default=NOTEBOOKS, help=f"notebooks (default: {' '.join(NOTEBOOKS)})")
    parser.add_argument("--out", type=Path, required=True, help="folder for the executed notebooks")
    args = parser.parse_args(argv)
    for name in args.names:
        started = time.perf_counter()
        try:
            target = execute(name, args.out)
        except NotebookFailed as error:
            print(f"make submission: {error}", file=sys.stderr)
            return 1
        print(f"executed {name}.ipynb in {time.perf_counter() - started:.0f} s -> {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
