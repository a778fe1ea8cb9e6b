#!/usr/bin/env python3
"""Count the words of the answers' main text (Problems 1-4, English and Persian).

The main text is what a grader reads first: everything except
  * collapsed ``<details> ... </details>`` blocks (demo output),
  * fenced code blocks and inline code,
  * math (``$$ ... $$`` and ``$ ... $``),
  * HTML comments (tie markers) and other HTML tags,
  * link and image targets (the text of a link counts, its address does not).
A word is a whitespace-separated token that contains a letter or a digit ("prose" column).
The second column is `wc -w` of the file without its <details> blocks and HTML comments,
math included (the measure issue #12 quotes).

Usage:
    Scripts/handin/word_count.py                 # both languages, per file and totals
    Scripts/handin/word_count.py FILE.md ...     # only these files
    Scripts/handin/word_count.py --max-en 5500   # exit 1 when the English total exceeds 5500
"""
from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ANSWERS = ROOT / "Docs" / "answers"
PROBLEMS = [
    "problem-1-linear-regression.md",
    "problem-2-activations.md",
    "problem-3-regularisation-optimisation.md",
    "problem-4-backpropagation.md",
]


def main_text(markdown: str) -> str:
    """The Markdown with collapsed blocks, code, math, comments and link targets removed."""
    text = re.sub(r"<!--.*?-->", " ", markdown, flags=re.S)
    text = re.sub(r"<details\b.*?</details>", " ", text, flags=re.S | re.I)
    text = re.sub(r"^\s*```.*?^\s*```[^\n]*$", " ", text, flags=re.S | re.M)
    text = re.sub(r"\$\$.*?\$\$", " ", text, flags=re.S)
    text = re.sub(r"(?<!\\)\$[^$]+?(?<!\\)\$", " ", text, flags=re.S)
    text = re.sub(r"`[^`\n]*`", " ", text)
    text = re.sub(r"\]\([^)\s]*\)", "]", text)  # link and image targets
    text = re.sub(r"<[^>\n]+>", " ", text)  # remaining HTML tags (anchors, div dir=rtl)
    return text


def count_words(markdown: str) -> int:
    """Number of prose words of the main text of one Markdown file (no math, code or markup)."""
    return sum(1 for token in main_text(markdown).split() if re.search(r"\w", token))


def count_wc(markdown: str) -> int:
    """`wc -w` of the file without its collapsed ``<details>`` blocks and HTML comments (math counted)."""
    text = re.sub(r"<!--.*?-->", " ", markdown, flags=re.S)
    text = re.sub(r"<details\b.*?</details>", " ", text, flags=re.S | re.I)
    return len(text.split())


def files(language: str) -> list[Path]:
    folder = ANSWERS / "fa" if language == "fa" else ANSWERS
    return [folder / name for name in PROBLEMS]


def report(paths: list[Path]) -> int:
    """Prints prose words and `wc -w` (both without <details>) per file; returns the prose total."""
    total = total_wc = 0
    print(f"{'prose':>6}  {'wc -w':>6}")
    for path in paths:
        text = path.read_text(encoding="utf-8")
        words, wc = count_words(text), count_wc(text)
        total += words
        total_wc += wc
        print(f"{words:6d}  {wc:6d}  {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}")
    print(f"{total:6d}  {total_wc:6d}  total")
    return total


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("files", nargs="*", type=Path, help="Markdown files (default: Problems 1-4, en and fa)")
    parser.add_argument("--max-en", type=int, default=None, help="fail when the English total exceeds this")
    args = parser.parse_args(argv)
    if args.files:
        report([path.resolve() for path in args.files])
        return 0
    print("English main text (Problems 1-4, without <details>):")
    english = report(files("en"))
    print("Persian main text:")
    report(files("fa"))
    if args.max_en is not None and english > args.max_en:
        print(f"English main text has {english} words, more than --max-en {args.max_en}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
