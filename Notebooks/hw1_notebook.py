"""Helpers shared by the homework notebooks (Notebooks/*.ipynb).

The notebooks run in two places: `make submission` executes them through nbclient with the
project root as the working directory, and a student may open them in `jupyter lab` (the
kernel then starts in Notebooks/). `project_root()` finds the root in both cases.

- `swift_excerpt(name)` shows the Swift code between `// notebook-excerpt: begin NAME` and
  `// notebook-excerpt: end NAME` in Sources/, so the code a grader reads is the code that ran.
- `hw1(...)` / `hw1_bench(...)` run the release binaries that `make build` made.
- `FAST` is true when `HW1_NOTEBOOK_FAST=1`: one epoch, a tiny grid (used by the tests).
- `RETRAIN` is true when `HW1_NOTEBOOK_RETRAIN=1`: train again even if `make run` left results.

Nothing here prints an absolute path: outputs go into the hand-in archive.
"""

from __future__ import annotations

import json
import math
import os
import re
import shlex
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

FAST = os.environ.get("HW1_NOTEBOOK_FAST", "") == "1"
RETRAIN = os.environ.get("HW1_NOTEBOOK_RETRAIN", "") == "1"
SEEDS = (1, 2, 3)
PARTS = ("b", "c", "d", "e")
EXCERPT = re.compile(r"^\s*// notebook-excerpt: (begin|end) ([a-z0-9-]+)\s*$")


class NotebookError(RuntimeError):
    """Something the notebook needs is missing; the message says what to run."""


def project_root() -> Path:
    """The folder holding Package.swift: the working directory or one of its parents."""
    for folder in (Path.cwd(), *Path.cwd().parents):
        if (folder / "Package.swift").is_file() and (folder / "Sources").is_dir():
            return folder
    raise NotebookError("cannot find the project root (a folder with Package.swift) from the "
                        "working directory; open the notebook from the project's Notebooks/ folder")


ROOT = project_root()


def relative(path: Path | str) -> str:
    """`path` relative to the project root (never an absolute path of this machine)."""
    path = Path(path)
    try:
        return str(path.resolve().relative_to(ROOT))
    except ValueError:
        return path.name


# ---- Swift excerpts ------------------------------------------------------------------------

@dataclass(frozen=True)
class Excerpt:
    name: str
    path: str
    first_line: int
    code: str


def find_excerpts() -> dict[str, Excerpt]:
    """Every marked excerpt in Sources/, by name. Unbalanced or repeated markers raise."""
    found: dict[str, Excerpt] = {}
    for source in sorted((ROOT / "Sources").rglob("*.swift")):
        open_name, open_line, lines = None, 0, []
        for number, line in enumerate(source.read_text(encoding="utf-8").splitlines(), start=1):
            match = EXCERPT.match(line)
            if match is None:
                if open_name is not None:
                    lines.append(line)
                continue
            kind, name = match.groups()
            where = f"{relative(source)}:{number}"
            if kind == "begin":
                if open_name is not None:
                    raise NotebookError(f"{where}: excerpt {name!r} begins inside {open_name!r}")
                if name in found:
                    raise NotebookError(f"{where}: excerpt {name!r} is marked twice "
                                        f"(also {found[name].path})")
                open_name, open_line, lines = name, number + 1, []
            else:
                if open_name != name:
                    raise NotebookError(f"{where}: 'end {name}' without a matching begin")
                found[name] = Excerpt(name, relative(source), open_line, _dedent(lines))
                open_name = None
        if open_name is not None:
            raise NotebookError(f"{relative(source)}: excerpt {open_name!r} has no end marker")
    return found


def _dedent(lines: list[str]) -> str:
    indents = [len(line) - len(line.lstrip()) for line in lines if line.strip()]
    cut = min(indents, default=0)
    return "\n".join(line[cut:] for line in lines).strip("\n")


def swift_excerpt(name: str):
    """The marked Swift excerpt `name` as Markdown (a code block headed by its file and line)."""
    from IPython.display import Markdown

    excerpts = find_excerpts()
    if name not in excerpts:
        raise NotebookError(f"no excerpt {name!r} in Sources/ (known: {', '.join(sorted(excerpts))})")
    excerpt = excerpts[name]
    return Markdown(f"`{excerpt.path}`, from line {excerpt.first_line}:\n\n```swift\n{excerpt.code}\n```")


# ---- Running the binaries ------------------------------------------------------------------

def _binary(name: str) -> Path:
    path = ROOT / ".build" / "release" / name
    if not path.is_file():
        raise NotebookError(f"{relative(path)} is missing: run `make build` in the project root first")
    return path


def _run(binary: str, arguments: list[str], quiet: bool = False) -> str:
    command = [str(_binary(binary)), *arguments]
    print("$ " + " ".join(shlex.quote(part) for part in [binary, *arguments]))
    completed = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    output = (completed.stdout + completed.stderr).replace(str(ROOT) + "/", "")
    if completed.returncode != 0 or not quiet:
        print(output.rstrip())
    else:
        # Quiet: the last lines only (per-epoch progress is in metrics.json).
        print("\n".join(output.rstrip().splitlines()[-3:]))
    if completed.returncode != 0:
        raise NotebookError(f"{binary} {' '.join(arguments)} failed with exit code {completed.returncode}")
    return output


def hw1(*arguments: str, quiet: bool = False) -> str:
    """Run `.build/release/hw1 ARGUMENTS` in the project root and show its output."""
    return _run("hw1", list(arguments), quiet)


def hw1_bench(*arguments: str, quiet: bool = False) -> str:
    """Run `.build/release/hw1-bench ARGUMENTS` in the project root and show its output."""
    return _run("hw1-bench", list(arguments), quiet)


# ---- Training runs (Problem 5) -------------------------------------------------------------

def run_directory(part: str) -> Path:
    """Where a part's runs live: results/runs/PART (make run), or a scratch folder in fast mode."""
    return ROOT / ("dist/notebook-runs" if FAST else "results/runs") / part


def complete_runs(part: str) -> list[Path]:
    """The seed folders of `part` whose metrics.json records a completed run."""
    folders = []
    for seed in SEEDS:
        metrics = run_directory(part) / f"seed-{seed}" / "metrics.json"
        if metrics.is_file():
            try:
                data = json.loads(metrics.read_text())
            except json.JSONDecodeError:
                continue
            if data.get("config", {}).get("outcome", "completed") == "completed":
                folders.append(metrics.parent)
    return folders


def train_part(part: str) -> list[Path]:
    """Train part `part` over the seeds with `hw1 train --part PART`, unless `make run` already did.

    Fast mode trains one epoch of seed 1 into dist/notebook-runs/. Returns the seed folders.
    """
    if FAST:
        out = run_directory(part) / "seed-1"
        hw1("train", "--part", part, "--seed", "1", "--epochs", "1", "--out", relative_or_new(out), quiet=True)
        print(f"fast mode (HW1_NOTEBOOK_FAST=1): one epoch of seed 1 in {relative(out)}")
        return [out]
    if complete_runs(part) and len(complete_runs(part)) == len(SEEDS) and not RETRAIN:
        print(f"part {part}: reusing the {len(SEEDS)} runs `make run` left in {relative(run_directory(part))} "
              f"(set HW1_NOTEBOOK_RETRAIN=1 to train them again here)")
        return complete_runs(part)
    for seed in SEEDS:
        out = run_directory(part) / f"seed-{seed}"
        hw1("train", "--part", part, "--seed", str(seed), "--out", relative_or_new(out), quiet=True)
    return complete_runs(part)


def relative_or_new(path: Path) -> str:
    """A path relative to the root for a folder that may not exist yet."""
    return str(path.relative_to(ROOT)) if path.is_absolute() else str(path)


def load_metrics(folders: list[Path]) -> list[dict]:
    return [json.loads((folder / "metrics.json").read_text()) for folder in folders]


def mean_std(values: list[float]) -> tuple[float, float]:
    """Mean and sample standard deviation (0 for one value)."""
    mean = sum(values) / len(values)
    if len(values) < 2:
        return mean, 0.0
    return mean, math.sqrt(sum((v - mean) ** 2 for v in values) / (len(values) - 1))


@dataclass
class PartSummary:
    part: str
    seeds: int
    final_test: tuple[float, float]
    best_test: tuple[float, float]
    final_train: tuple[float, float]
    epochs: int
    config: dict

    def line(self) -> str:
        f, b = self.final_test, self.best_test
        return (f"part {self.part}: final test accuracy {100 * f[0]:.2f} ± {100 * f[1]:.2f} %, "
                f"best {100 * b[0]:.2f} ± {100 * b[1]:.2f} % (mean ± std over {self.seeds} seed"
                f"{'s' if self.seeds > 1 else ''}, {self.epochs} epochs)")


def summarize(part: str, folders: list[Path]) -> PartSummary:
    runs = load_metrics(folders)
    return PartSummary(
        part=part, seeds=len(runs),
        final_test=mean_std([run["epochs"][-1]["test_accuracy"] for run in runs]),
        best_test=mean_std([max(e["test_accuracy"] for e in run["epochs"]) for run in runs]),
        final_train=mean_std([run["epochs"][-1]["train_accuracy"] for run in runs]),
        epochs=len(runs[0]["epochs"]), config=runs[0]["config"])


CONFIG_KEYS = ("hidden", "activation", "initializer", "optimizer", "learning_rate", "schedule",
               "momentum", "nesterov", "batch_size", "epochs", "weight_decay", "scalar", "layer_sizes",
               "framework")


def show_config(config: dict) -> None:
    """The network and hyperparameters of a run, one per line."""
    for key in CONFIG_KEYS:
        if key in config:
            print(f"  {key:14} {config[key]}")


def plot_part(part: str, folders: list[Path], title: str) -> None:
    """Train and test loss and accuracy per epoch: the mean over seeds, a band of ± one std."""
    import matplotlib.pyplot as plt

    runs = load_metrics(folders)
    epochs = [e["epoch"] for e in runs[0]["epochs"]]
    figure, axes = plt.subplots(1, 2, figsize=(11, 3.8))
    for axis, quantity, label in ((axes[0], "loss", "cross-entropy loss"), (axes[1], "accuracy", "accuracy")):
        for split, style in (("train", "-o"), ("test", "-s")):
            series = [[run["epochs"][i][f"{split}_{quantity}"] for run in runs] for i in range(len(epochs))]
            means = [mean_std(values)[0] for values in series]
            spreads = [mean_std(values)[1] for values in series]
            axis.plot(epochs, means, style, markersize=3, label=split)
            axis.fill_between(epochs, [m - s for m, s in zip(means, spreads)],
                              [m + s for m, s in zip(means, spreads)], alpha=0.2)
        axis.set_xlabel("epoch")
        axis.set_ylabel(label)
        axis.grid(True, alpha=0.3)
        axis.legend()
    figure.suptitle(f"{title} (mean of {len(runs)} seed{'s' if len(runs) > 1 else ''})")
    figure.tight_layout()
    plt.show()
