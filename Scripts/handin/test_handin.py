"""Tests of the hand-in pipeline (make test-handin): NAME checks and both answer PDFs."""

from __future__ import annotations

import re
import subprocess
import sys
import tempfile
import unittest
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import answers_pdf  # noqa: E402
from handin_name import InvalidName, check_name, display_name  # noqa: E402


class NameTests(unittest.TestCase):
    def test_latin_and_persian_names_are_accepted(self):
        self.assertEqual(check_name("Ada_Lovelace"), "Ada_Lovelace")
        self.assertEqual(check_name("مریم_میرزاخانی"), "مریم_میرزاخانی")
        self.assertEqual(check_name("Jean-Luc_Picard2"), "Jean-Luc_Picard2")

    def test_unsafe_names_are_refused_with_the_reason(self):
        cases = {None: "missing", "": "missing", "Ada Lovelace": "whitespace", "a/b": "'/'",
                 "a;b": "SEMICOLON", "a$b": "DOLLAR", "-x": "starts with '-'",
                 "a\x07b": "control", "12_34": "no letters"}
        for name, reason in cases.items():
            with self.subTest(name=name), self.assertRaises(InvalidName) as caught:
                check_name(name)
            self.assertIn(reason, str(caught.exception))

    def test_underscore_is_shown_as_a_space(self):
        self.assertEqual(display_name("Ada_Lovelace"), "Ada Lovelace")


class AnswerPDFTests(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.directory = tempfile.TemporaryDirectory(prefix="hw1-handin-test-")
        build = Path(cls.directory.name)
        cls.pdfs = {lang: answers_pdf.build(lang, "Test_User", build / f"{lang}.pdf", build)
                    for lang in ("en", "fa")}
        cls.build = build

    @classmethod
    def tearDownClass(cls):
        cls.directory.cleanup()

    def text(self, lang: str) -> str:
        return subprocess.run(["pdftotext", "-layout", str(self.pdfs[lang]), "-"],
                              capture_output=True, text=True, check=True).stdout

    def test_page_count_is_sane(self):
        for lang, pdf in self.pdfs.items():
            info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
            pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))
            self.assertTrue(15 <= pages <= 80, f"{lang}: {pages} pages")

    def test_each_problem_heading_is_found_in_order(self):
        # pdftotext marks right-to-left runs with bidi controls and moves the '.' of
        # "مسئله ۱." to the number's visual side: strip the controls, allow the dot.
        expected = {"en": [rf"Problem {k}\." for k in range(1, 5)],
                    "fa": [rf"مسئله\s*\.?\s*{d}" for d in "۱۲۳۴"]}
        for lang, needles in expected.items():
            text = re.sub("[\u200e\u200f\u202a-\u202e\u2066-\u2069]", "", self.text(lang))
            # Past the table of contents (page 2), headings must come in logical order.
            body = text.split("\f", 2)[2]
            positions = [(m.start() if (m := re.search(needle, body)) else -1) for needle in needles]
            self.assertNotIn(-1, positions, f"{lang}: {list(zip(needles, positions))}")
            self.assertEqual(positions, sorted(positions), lang)

    def test_no_unrendered_tex(self):
        for lang in self.pdfs:
            text = self.text(lang)
            for raw in ("\\frac", "\\mathbf", "\\hat", "\\sum", "$$"):
                self.assertNotIn(raw, text, f"{lang}: raw TeX {raw}")
            self.assertIsNone(re.search(r"\$[^$\n]{1,80}\$", text), f"{lang}: $…$ left")

    def test_every_referenced_image_exists_and_is_in_the_html(self):
        for lang in self.pdfs:
            used = [line for line in (self.build / f"images-{lang}.txt").read_text().splitlines() if line]
            self.assertTrue(used, lang)
            html = (self.build / f"answers-{lang}.html").read_text()
            for path in used:
                self.assertTrue(Path(path).is_file(), path)
                self.assertIn(f'src="{path}"', html)

    def test_table_of_contents_has_page_numbers_that_match_the_headings(self):
        for lang, pdf in self.pdfs.items():
            html = (self.build / f"answers-{lang}.html").read_text()
            self.assertNotIn('toc-page">00<', html)
            self.assertNotIn('toc-page">۰۰<', html)


if __name__ == "__main__":
    unittest.main(verbosity=2)
