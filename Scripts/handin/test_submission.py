"""Tests of `make submission` (make test-handin): the notebooks as kept in git, the Swift
excerpts they show, the notebooks executed in fast mode, and the archive's name and members.

One archive is built in fast mode (HW1_NOTEBOOK_FAST=1: one epoch, a tiny grid) into a
temporary folder; the tests read it. The Swift binaries must be built (`make build`).
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import tempfile
import unittest
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT / "Notebooks"))
import notebooks  # noqa: E402
import submission  # noqa: E402

NOTEBOOK_FILES = [ROOT / "Notebooks" / f"{name}.ipynb" for name in notebooks.NOTEBOOKS]


def joined(value) -> str:
    """A notebook text field: a string or (as saved in JSON) a list of lines."""
    return "".join(value) if isinstance(value, list) else (value or "")


def code_cells(notebook: dict) -> list[dict]:
    return [cell for cell in notebook["cells"] if cell["cell_type"] == "code"]


class CommittedNotebookTests(unittest.TestCase):
    def test_notebooks_are_kept_without_outputs(self):
        for path in NOTEBOOK_FILES:
            with self.subTest(notebook=path.name):
                notebook = json.loads(path.read_text())
                for cell in code_cells(notebook):
                    self.assertEqual(cell["outputs"], [], "clear the outputs before committing")
                    self.assertIsNone(cell["execution_count"])

    def test_each_notebook_opens_with_the_question_and_ends_with_the_answer(self):
        for path in NOTEBOOK_FILES:
            with self.subTest(notebook=path.name):
                cells = json.loads(path.read_text())["cells"]
                self.assertEqual(cells[0]["cell_type"], "markdown")
                self.assertIn("What the question asks", "".join(cells[0]["source"]))
                self.assertIn("answer in words", "".join(cells[-2]["source"]).lower())

    def test_every_excerpt_a_notebook_shows_is_marked_in_the_sources(self):
        import hw1_notebook

        marked = hw1_notebook.find_excerpts()
        shown = set()
        for path in NOTEBOOK_FILES:
            for cell in code_cells(json.loads(path.read_text())):
                shown |= set(re.findall(r'swift_excerpt\("([a-z0-9-]+)"\)', "".join(cell["source"])))
        self.assertGreaterEqual(len(shown), 6)
        self.assertEqual(shown - set(marked), set(), "a notebook shows an excerpt no source file marks")
        # What a grader must read is there: the dense layer both ways, the loss gradient, the updates.
        for needed in ("dense-forward", "dense-weight-gradient", "softmax-cross-entropy-gradient",
                       "sgd-momentum-update"):
            self.assertIn(needed, shown)
        self.assertRegex(marked["dense-forward"].code, r"Scalar\.\w*[Gg]emm\(")
        self.assertIn("mu * v[i] + gi", marked["sgd-momentum-update"].code)

    def test_unbalanced_markers_are_reported(self):
        import hw1_notebook

        with tempfile.TemporaryDirectory() as folder:
            source = Path(folder) / "Sources" / "X.swift"
            source.parent.mkdir()
            (Path(folder) / "Package.swift").write_text("")
            source.write_text("// notebook-excerpt: begin a\nlet x = 1\n")
            original = hw1_notebook.ROOT
            hw1_notebook.ROOT = Path(folder)
            try:
                with self.assertRaisesRegex(hw1_notebook.NotebookError, "has no end marker"):
                    hw1_notebook.find_excerpts()
            finally:
                hw1_notebook.ROOT = original


class SubmissionNameTests(unittest.TestCase):
    def test_make_submission_refuses_a_bad_name_before_any_work(self):
        for name, reason in (("", "missing"), ("Ada Lovelace", "whitespace"), ("a/b", "'/'")):
            with self.subTest(name=name):
                completed = subprocess.run(["make", "--no-print-directory", "submission", f"NAME={name}"],
                                           cwd=ROOT, capture_output=True, text=True, timeout=60)
                self.assertNotEqual(completed.returncode, 0)
                self.assertIn(reason, completed.stderr)
                self.assertIn("usage: make submission NAME=First_Last", completed.stderr)
                self.assertNotIn("building", completed.stdout)


class SubmissionArchiveTests(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.directory = tempfile.TemporaryDirectory(prefix="hw1-submission-test-")
        out = Path(cls.directory.name)
        completed = subprocess.run(
            [sys.executable, str(HERE / "submission.py"), "--name", "Test_User", "--out", str(out), "--fast"],
            cwd=ROOT, capture_output=True, text=True, timeout=3600)
        if completed.returncode != 0:
            raise AssertionError(f"submission.py failed:\n{completed.stdout}\n{completed.stderr}")
        cls.output = completed.stdout
        cls.zip_path = out / "HW1_Test_User.zip"
        cls.archive = zipfile.ZipFile(cls.zip_path)
        cls.names = cls.archive.namelist()

    @classmethod
    def tearDownClass(cls):
        cls.archive.close()
        cls.directory.cleanup()

    def test_archive_is_named_after_the_student_and_printed(self):
        self.assertTrue(self.zip_path.is_file())
        self.assertIn("HW1_Test_User.zip", self.output)
        self.assertRegex(self.output, r"\d+\.\d MB, \d+ files")

    def test_archive_holds_the_two_pdfs_the_notebooks_the_code_and_the_results(self):
        for member in ("HW1_Test_User.pdf", "HW1_Test_User_fa.pdf",
                       "notebooks/problem-1.ipynb", "notebooks/problem-5.ipynb",
                       "notebooks/problem-5f-pytorch.ipynb",
                       "code/README.md", "code/Package.swift", "code/Makefile",
                       "code/Sources/HW1NeuralNetwork/DenseKernel.swift",
                       "code/Notebooks/problem-5.ipynb",
                       "results/samples.png", "results/runs/b/seed-1/metrics.json",
                       "results/runs/f/seed-3/metrics.json", "results/regression/time-vs-n.svg",
                       "results/comparison-accuracy-fa.svg"):
            with self.subTest(member=member):
                self.assertIn(member, self.names)
        tops = {name.split("/")[0] for name in self.names}
        self.assertEqual(tops, {"HW1_Test_User.pdf", "HW1_Test_User_fa.pdf", "notebooks", "code", "results"})

    def test_archive_holds_no_build_output_environment_or_model_files(self):
        for name in self.names:
            with self.subTest(member=name):
                self.assertNotRegex(name, r"(^|/)(\.build|\.venv|dist|__pycache__)/")
                self.assertFalse(name.endswith((".pyc", "/model.safetensors")))
                if name.endswith(".safetensors"):  # tiny fuzz seeds in code/Fuzz/corpus, never weights
                    self.assertLess(self.archive.getinfo(name).file_size, 4096)

    def test_pdfs_in_the_archive_are_pdfs(self):
        for member in ("HW1_Test_User.pdf", "HW1_Test_User_fa.pdf"):
            data = self.archive.read(member)
            self.assertTrue(data.startswith(b"%PDF-"))
            self.assertGreater(len(data), 100_000)

    def test_notebooks_ran_without_errors_and_kept_their_outputs(self):
        for name in notebooks.NOTEBOOKS:
            with self.subTest(notebook=name):
                notebook = json.loads(self.archive.read(f"notebooks/{name}.ipynb"))
                cells = code_cells(notebook)
                self.assertTrue(all(cell["execution_count"] for cell in cells), "every code cell ran")
                outputs = [o for cell in cells for o in cell["outputs"]]
                self.assertFalse([o for o in outputs if o["output_type"] == "error"])
                self.assertGreaterEqual(sum(1 for cell in cells if cell["outputs"]), len(cells) - 2)
                self.assertTrue(any("image/png" in o.get("data", {}) or "image/svg+xml" in o.get("data", {})
                                    for o in outputs), "a figure is shown inline")
                answer = "".join(joined(o.get("text", "")) for o in cells[-1]["outputs"])
                self.assertRegex(answer, r"\d+\.\d+", "the answer in words quotes the measured numbers")

    def test_problem_5_notebook_shows_the_swift_code_that_ran(self):
        notebook = json.loads(self.archive.read("notebooks/problem-5.ipynb"))
        shown = "".join(joined(o.get("data", {}).get("text/markdown", ""))
                        for cell in code_cells(notebook) for o in cell["outputs"])
        source = (ROOT / "Sources/HW1NeuralNetwork/SoftmaxCrossEntropyKernel.swift").read_text()
        self.assertIn("```swift", shown)
        self.assertIn("Sources/HW1NeuralNetwork/DenseKernel.swift", shown)
        self.assertIn("let g = z[j] * factor - (j == label ? scale : 0)", shown)
        self.assertIn("let g = z[j] * factor - (j == label ? scale : 0)", source)

    def test_no_file_names_an_absolute_path_of_this_machine(self):
        for name in self.names:
            if name.endswith((".pdf", ".png")):
                continue
            text = self.archive.read(name).decode("utf-8", errors="replace")
            with self.subTest(member=name):
                self.assertEqual(notebooks.leftover_paths(text), [])


if __name__ == "__main__":
    unittest.main(verbosity=2)
