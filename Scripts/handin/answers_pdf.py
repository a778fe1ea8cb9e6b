"""Build the hand-in answer file (English or Persian PDF) from Docs/answers/.

Pipeline: each answer file, pandoc (GitHub Markdown with `$…$` math) → an HTML5 fragment
with MathML, through answers.lua (identifiers, links, images, Persian digits) → one HTML
document with a title page and a table of contents → Chromium's headless shell prints it
(answers.css: A4, fonts, page numbers in the bottom margin).

The table of contents gets its page numbers from a first rendering: every entry links to its
heading, so the PDF holds a named destination per heading, and `pdfinfo -dests` tells on which
page each one landed. The second rendering prints those numbers (the entries keep their size,
so no heading moves; the script checks that).

    python Scripts/handin/answers_pdf.py --lang en --name Ada_Lovelace --out dist/HW1_Ada_Lovelace.pdf
"""

from __future__ import annotations

import argparse
import datetime as dt
import html
import os
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path.insert(0, str(HERE))
from handin_name import InvalidName, check_name, display_name  # noqa: E402

# The answer files in document order; the key prefixes every identifier of that file.
ANSWER_FILES = [
    ("p1", "problem-1-linear-regression.md"),
    ("p2", "problem-2-activations.md"),
    ("p3", "problem-3-regularisation-optimisation.md"),
    ("p4", "problem-4-backpropagation.md"),
    ("p5", "problem-5-image-classification.md"),
]
ANSWER_DIRS = {"en": ROOT / "Docs" / "answers", "fa": ROOT / "Docs" / "answers" / "fa"}
REQUIRED_FONTS = ["Noto Serif", "Noto Sans", "Noto Naskh Arabic", "Latin Modern Math"]
# Debian packages that provide what this script runs (the Makefile's APT_PACKAGES has them).
TOOLS = {"pandoc": "pandoc", "chromium-headless-shell": "chromium-headless-shell",
         "pdfinfo": "poppler-utils", "fc-list": "fontconfig"}

TEXT = {
    "en": {
        "course": "Deep Learning",
        "homework": "Homework 1",
        "subtitle": "Answers to Problems 1–5",
        "contents": "Contents",
        "code": "Code, notebooks and results: in the same archive (code/, notebooks/, results/).",
        "months": ["January", "February", "March", "April", "May", "June", "July", "August",
                   "September", "October", "November", "December"],
    },
    "fa": {
        "course": "یادگیری عمیق",
        "homework": "تمرین سری اول",
        "subtitle": "پاسخ مسائل ۱ تا ۵",
        "contents": "فهرست مطالب",
        "code": ('کد، دفترچه‌های ژوپیتر و نتایج در همین فایل فشرده‌اند: <bdi dir="ltr">code/</bdi>، '
                 '<bdi dir="ltr">notebooks/</bdi> و <bdi dir="ltr">results/</bdi>.'),
        "months": ["ژانویه", "فوریه", "مارس", "آوریل", "مه", "ژوئن", "ژوئیه", "اوت",
                   "سپتامبر", "اکتبر", "نوامبر", "دسامبر"],
    },
}
PERSIAN_DIGITS = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")


class BuildError(RuntimeError):
    """The PDF cannot be built; the message names the file or tool and the fix."""


@dataclass
class Heading:
    level: int
    identifier: str
    html: str


def digits(text: str, lang: str) -> str:
    return text.translate(PERSIAN_DIGITS) if lang == "fa" else text


def format_date(day: dt.date, lang: str) -> str:
    month = TEXT[lang]["months"][day.month - 1]
    return digits(f"{day.day} {month} {day.year}", lang)


def check_environment() -> None:
    """Every tool and font is present, or one message lists what to install."""
    missing = [f"{tool} (Debian package {package})" for tool, package in TOOLS.items()
               if shutil.which(tool) is None]
    if missing:
        raise BuildError("missing " + ", ".join(missing) + "; run `make deps` or "
                         "`sudo apt-get install pandoc chromium-headless-shell poppler-utils`")
    families = subprocess.run(["fc-list", ":", "family"], capture_output=True, text=True).stdout
    absent = [font for font in REQUIRED_FONTS if font not in families]
    if absent:
        raise BuildError("missing fonts " + ", ".join(absent) +
                         "; `sudo apt-get install fonts-noto-core fonts-lmodern`")


def answer_sources(lang: str) -> list[tuple[str, Path]]:
    directory = ANSWER_DIRS[lang]
    sources = []
    for key, name in ANSWER_FILES:
        path = directory / name
        if not path.is_file() and name.startswith("problem-5"):
            # Not written yet (issue #11 is unfinished): the PDF holds Problems 1–4.
            print(f"answers_pdf: {path.relative_to(ROOT)} is absent; Problem 5 is left out", file=sys.stderr)
            continue
        if not path.is_file():
            hint = (" (written by `python Scripts/handin/problem5_answer.py`)"
                    if name.startswith("problem-5") else "")
            raise BuildError(f"answer file {path.relative_to(ROOT)} is missing{hint}")
        sources.append((key, path))
    return sources


CONTROL_CHARACTER = re.compile(r"[\x00-\x09\x0b\x0c\x0e-\x1f\x7f]")  # tab included: Markdown here never needs one


def check_control_characters(path: Path) -> None:
    """A control character in an answer file is an error naming its line and column.

    The usual cause is a script that wrote TeX through a string with escapes: `\\alpha`
    written as "\\a" + "lpha" becomes BEL + "lpha", and `\\beta` becomes BACKSPACE + "eta"."""
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if match := CONTROL_CHARACTER.search(line):
            code = ord(match.group())
            hint = {7: " (was it \\a, as in \\alpha or \\approx?)", 8: " (was it \\b, as in \\beta?)",
                    9: " (a tab: was it \\t, as in \\times or \\theta? else use spaces)"}.get(code, "")
            raise BuildError(f"{path.relative_to(ROOT)}:{number}:{match.start() + 1}: control character "
                             f"U+{code:04X}{hint}; replace it with the text it stands for")


def markdown_to_html(key: str, path: Path, lang: str, image_log: Path) -> str:
    """One answer file as an HTML fragment; TeX that pandoc cannot convert is an error."""
    check_control_characters(path)
    files = ";".join(f"{name}={k}" for k, name in ANSWER_FILES)
    command = [
        "pandoc", str(path), "--from", "gfm+tex_math_dollars", "--to", "html5", "--mathml", "--wrap=none",
        "--lua-filter", str(HERE / "answers.lua"),
        "-M", f"handin-lang={lang}", "-M", f"handin-prefix={key}",
        "-M", f"handin-files={files}", "-M", f"handin-srcdir={path.parent}",
        "-M", f"handin-imagelog={image_log}",
    ]
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0:
        raise BuildError(f"pandoc failed on {path.relative_to(ROOT)}:\n{result.stderr.strip()}")
    warnings = [line for line in result.stderr.splitlines() if line.strip()]
    math_errors = [line for line in warnings if "TeX math" in line or "Could not convert" in line]
    if math_errors:
        raise BuildError(f"{path.relative_to(ROOT)}: pandoc could not render a formula:\n  "
                         + "\n  ".join(math_errors))
    return f'<section class="answer-file" id="{key}">\n{result.stdout}\n</section>\n'


HEADING_PATTERN = re.compile(r'<h([12])\s+id="([^"]+)"[^>]*>(.*?)</h\1>', re.S)


def headings(body: str) -> list[Heading]:
    found = []
    for level, identifier, inner in HEADING_PATTERN.findall(body):
        inner = re.sub(r"</?a\b[^>]*>", "", inner)  # anchors inside a heading
        inner = re.sub(r'\sid="[^"]*"', "", inner)
        found.append(Heading(int(level), identifier, inner.strip()))
    return found


def title_page(lang: str, name: str, day: dt.date) -> str:
    text = TEXT[lang]
    return f"""<section class="title-page">
<div class="course">{text['course']}</div>
<div class="homework">{text['homework']}</div>
<div class="subtitle">{text['subtitle']}</div>
<div class="student">{html.escape(display_name(name))}</div>
<div class="date">{format_date(day, lang)}</div>
<div class="contents-line">{text['code']}</div>
</section>
"""


def table_of_contents(lang: str, entries: list[Heading], pages: dict[str, int] | None) -> str:
    rows = []
    for entry in entries:
        # The first pass prints "00" so that the second pass's numbers take the same room.
        page = digits(str(pages[entry.identifier]), lang) if pages else digits("00", lang)
        rows.append(
            f'<li class="level-{entry.level}"><a href="#{entry.identifier}">'
            f'<span class="toc-text">{entry.html}</span><span class="toc-dots"></span>'
            f'<span class="toc-page">{page}</span></a></li>')
    return (f'<nav class="toc"><h1>{TEXT[lang]["contents"]}</h1>\n<ol>\n'
            + "\n".join(rows) + "\n</ol></nav>\n")


# Display formulas wider than their column are set in a smaller font until they fit: in
# print, overflow-x: auto cannot scroll, and one formula wider than the page makes Chromium
# shrink every page (in a right-to-left document it also pushes the text off the left edge).
# The script runs once the page has loaded, before Chromium prints it; on screen the body is
# as wide as the printed text column (answers.css), so the measured widths are the printed ones.
FIT_FORMULAS = """<script>
(function () {
  for (const math of document.querySelectorAll('math[display="block"]')) {
    const box = math.parentElement, style = getComputedStyle(box);
    const room = box.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    const content = math.firstElementChild || math;
    const width = content.getBoundingClientRect().width;
    if (room > 0 && width > room) {
      const size = parseFloat(getComputedStyle(math).fontSize);
      math.style.fontSize = (size * room / width * 0.97).toFixed(2) + 'px';
      math.classList.add('fitted');
    }
  }
})();
</script>"""


def document(lang: str, title: str, front: str, body: str) -> str:
    direction = "rtl" if lang == "fa" else "ltr"
    css = (HERE / "answers.css").read_text(encoding="utf-8")
    if lang == "fa":
        # Page numbers in Persian digits; @page rules cannot be selected by the html lang.
        css += ('\n@page { @bottom-center { content: counter(page, persian) " / " '
                'counter(pages, persian); font-family: "Noto Naskh Arabic", sans-serif; } }\n'
                '@page :first { @bottom-center { content: none; } }\n')
    return f"""<!DOCTYPE html>
<html lang="{lang}" dir="{direction}">
<head>
<meta charset="utf-8">
<title>{html.escape(title)}</title>
<style>
{css}
</style>
</head>
<body>
{front}
{body}
{FIT_FORMULAS}
</body>
</html>
"""


def print_pdf(html_path: Path, pdf_path: Path, profile: Path) -> None:
    command = [
        "chromium-headless-shell", "--headless", "--disable-gpu", "--no-first-run",
        f"--user-data-dir={profile}", "--allow-file-access-from-files",
        "--generate-pdf-document-outline", "--no-pdf-header-footer",
        f"--print-to-pdf={pdf_path}", html_path.resolve().as_uri(),
    ]
    if os.geteuid() == 0:
        command.insert(1, "--no-sandbox")  # Chromium refuses to start its sandbox as root
    if pdf_path.exists():
        pdf_path.unlink()
    result = subprocess.run(command, capture_output=True, text=True, timeout=180)
    if result.returncode != 0 or not pdf_path.is_file() or pdf_path.stat().st_size == 0:
        errors = [line for line in result.stderr.splitlines() if "ERROR" in line or "FATAL" in line]
        raise BuildError(f"chromium-headless-shell could not print {html_path}:\n  "
                         + "\n  ".join(errors[-5:] or [f"exit status {result.returncode}"]))


def destinations(pdf_path: Path) -> dict[str, int]:
    """Named destination → page number, from `pdfinfo -dests`."""
    output = subprocess.run(["pdfinfo", "-dests", str(pdf_path)], capture_output=True,
                            text=True, check=True).stdout
    pages = {}
    for line in output.splitlines():
        match = re.match(r'\s*(\d+)\s+\[.*\]\s+"(.*)"\s*$', line)
        if match:
            pages[match.group(2)] = int(match.group(1))
    return pages


def build(lang: str, name: str, out: Path, build_dir: Path, day: dt.date | None = None) -> Path:
    """Build one answer PDF; returns its path. `build_dir` keeps the HTML and image log."""
    name = check_name(name)
    check_environment()
    day = day or dt.datetime.now(dt.timezone.utc).date()
    build_dir.mkdir(parents=True, exist_ok=True)
    image_log = build_dir / f"images-{lang}.txt"
    image_log.write_text("", encoding="utf-8")
    body = "".join(markdown_to_html(key, path, lang, image_log) for key, path in answer_sources(lang))
    missing = [line for line in image_log.read_text(encoding="utf-8").splitlines()
               if line and not Path(line).is_file()]
    if missing:
        raise BuildError("images referenced by the answers do not exist:\n  " + "\n  ".join(missing))
    entries = headings(body)
    title = f"HW1 {display_name(name)}" + (" (fa)" if lang == "fa" else "")
    front = title_page(lang, name, day)
    html_path = build_dir / f"answers-{lang}.html"
    out.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="hw1-chromium-") as profile:
        pages = None
        for _ in range(3):
            html_path.write_text(document(lang, title, front + table_of_contents(lang, entries, pages), body),
                                 encoding="utf-8")
            print_pdf(html_path, out, Path(profile))
            found = destinations(out)
            lost = [entry.identifier for entry in entries if entry.identifier not in found]
            if lost:
                raise BuildError(f"headings missing from {out}: {', '.join(lost)}")
            measured = {entry.identifier: found[entry.identifier] for entry in entries}
            if measured == pages:
                return out
            pages = measured
    raise BuildError(f"{out}: the table of contents did not settle after three renderings")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--lang", choices=sorted(ANSWER_DIRS), required=True)
    parser.add_argument("--name", required=True, help="First_Last (shown as 'First Last')")
    parser.add_argument("--out", type=Path, required=True, help="the PDF to write")
    parser.add_argument("--build-dir", type=Path, default=ROOT / ".build" / "handin")
    parser.add_argument("--date", type=dt.date.fromisoformat, help="title-page date, YYYY-MM-DD (default: today, UTC)")
    args = parser.parse_args(argv)
    try:
        path = build(args.lang, args.name, args.out, args.build_dir, args.date)
    except (BuildError, InvalidName) as error:
        print(f"answers_pdf: {error}", file=sys.stderr)
        return 1
    print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
