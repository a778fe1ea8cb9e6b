"""Self-tests of the Python helpers: data loader checks, model file format, references.

Covers, on small data made here (the real data set is not needed):
  - fashion_mnist: the search order, and that a bad magic number, wrong dimensions, a
    truncated file and a wrong SHA-256 each stop with a message naming the file;
  - mlp_model: save/load round trip (bit-exact weights, metadata, byte-stable files,
    readable by the `safetensors` library) and refusal of malformed files;
  - bench_regression.make_design: shape and the requested condition number;
  - sklearn_reference: the fit equals NumPy's least squares with an intercept column.

Run: ``.venv/bin/python Scripts/test_python_tools.py`` (plain asserts, no pytest).
"""

from __future__ import annotations

import argparse
import gzip
import io
import json
import os
import struct
import sys
import tempfile
from contextlib import redirect_stdout
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_regression import make_design  # noqa: E402
from fashion_mnist import (ALL_FILES, TEST_LABELS, DataError, IDXFile,  # noqa: E402
                           find_data_directory, read_idx)


def expect_error(function, *fragments: str) -> str:
    """Call `function`, expect an exception whose message holds every fragment."""
    try:
        function()
    except Exception as error:  # noqa: BLE001 - the message is what is checked
        message = str(error)
        for fragment in fragments:
            assert fragment in message, f"message {message!r} lacks {fragment!r}"
        return message
    raise AssertionError(f"expected an error mentioning {fragments}")


def test_idx_checks(directory: Path) -> None:
    labels = bytes(range(10)) * 1000
    good = struct.pack(">II", 0x801, 10000) + labels
    # A small IDX file whose checksum we know, to exercise the success path.
    import hashlib
    small = IDXFile("small-labels", len(good), hashlib.sha256(good).hexdigest(), 0x801, (10000,))
    path = directory / "small-labels.gz"
    path.write_bytes(gzip.compress(good))
    array = read_idx(path, small)
    assert array.shape == (10000,) and array[:12].tolist() == [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1]

    raw = directory / "t10k-labels-idx1-ubyte"
    raw.write_bytes(struct.pack(">II", 0x803, 10000) + labels)
    expect_error(lambda: read_idx(raw, TEST_LABELS), str(raw), "magic", "0x00000801")
    raw.write_bytes(struct.pack(">II", 0x801, 9999) + labels[:9999])
    expect_error(lambda: read_idx(raw, TEST_LABELS), str(raw), "dimensions")
    raw.write_bytes(struct.pack(">II", 0x801, 10000) + labels[:5000])
    expect_error(lambda: read_idx(raw, TEST_LABELS), str(raw), "truncated")
    raw.write_bytes(struct.pack(">II", 0x801, 10000) + labels)
    expect_error(lambda: read_idx(raw, TEST_LABELS), str(raw), "SHA-256", TEST_LABELS.sha256,
                 "dataset-fashion-mnist")
    broken = directory / "broken.gz"
    broken.write_bytes(b"not gzip at all")
    expect_error(lambda: read_idx(broken, TEST_LABELS), str(broken), "decompress")


def test_search_order(directory: Path) -> None:
    first, second = directory / "first", directory / "second"
    for folder in (first, second):
        folder.mkdir()
        for expected in ALL_FILES:
            (folder / (expected.name + ".gz")).write_bytes(b"")
    saved = os.environ.get("FASHION_MNIST_DIR")
    try:
        os.environ["FASHION_MNIST_DIR"] = str(second)
        assert find_data_directory(first) == first, "--data-dir must come first"
        assert find_data_directory(None) == second, "$FASHION_MNIST_DIR must come next"
        expect_error(lambda: find_data_directory(directory / "missing"), "--data-dir",
                     "train-images-idx3-ubyte")
    finally:
        if saved is None:
            os.environ.pop("FASHION_MNIST_DIR", None)
        else:
            os.environ["FASHION_MNIST_DIR"] = saved


def test_model_round_trip(directory: Path) -> None:
    import torch
    from safetensors import safe_open
    from mlp_model import build_mlp, load_model, save_model

    torch.manual_seed(7)
    model = build_mlp([20, 16, 8, 3], "relu")
    first, second = directory / "a.safetensors", directory / "b.safetensors"
    save_model(model, first, "relu")
    save_model(model, second, "relu")
    assert first.read_bytes() == second.read_bytes(), "same weights must give the same bytes"
    with safe_open(str(first), framework="pt") as handle:
        assert handle.metadata() == {"activation": "relu", "layer_sizes": "20,16,8,3",
                                     "framework": "pytorch"}, handle.metadata()
        assert sorted(handle.keys()) == sorted(f"layers.{i}.{p}" for i in range(3)
                                               for p in ("weight", "bias"))
        assert list(handle.get_tensor("layers.1.weight").shape) == [8, 16]
    loaded, activation = load_model(first)
    assert activation == "relu"
    x = torch.randn(4, 20)
    assert torch.equal(model(x), loaded(x)), "the reloaded model must compute the same logits"


def test_model_refusals(directory: Path) -> None:
    from safetensors.numpy import save_file
    from mlp_model import load_model, read_layer_tensors

    chain = directory / "chain.safetensors"
    save_file({"layers.0.weight": np.zeros((4, 3), np.float32),
               "layers.0.bias": np.zeros(4, np.float32),
               "layers.1.weight": np.zeros((2, 5), np.float32),
               "layers.1.bias": np.zeros(2, np.float32)}, str(chain))
    expect_error(lambda: read_layer_tensors(chain), "layers.1.weight", "5 inputs", "4 outputs")
    bias = directory / "bias.safetensors"
    save_file({"layers.0.weight": np.zeros((4, 3), np.float32),
               "layers.0.bias": np.zeros(3, np.float32)}, str(bias))
    expect_error(lambda: read_layer_tensors(bias), "layers.0.bias", "[4]")
    no_activation = directory / "plain.safetensors"
    save_file({"layers.0.weight": np.zeros((4, 3), np.float32),
               "layers.0.bias": np.zeros(4, np.float32)}, str(no_activation))
    expect_error(lambda: load_model(no_activation), "activation")
    garbage = directory / "garbage.safetensors"
    garbage.write_bytes(b"\x00" * 3)
    expect_error(lambda: read_layer_tensors(garbage), str(garbage), "safetensors")


def test_design_condition(_: Path) -> None:
    for condition in (1.0, 1e3):
        x, w, y = make_design(500, 20, condition, seed=3)
        assert x.shape == (500, 20) and w.shape == (20,) and y.shape == (500,)
        measured = np.linalg.cond(x)
        assert abs(measured / condition - 1) < 1e-8, f"condition {measured} != {condition}"


def test_sklearn_matches_lstsq(directory: Path) -> None:
    import sklearn_reference

    rng = np.random.default_rng(5)
    x = rng.standard_normal((40, 3))
    y = x @ np.array([1.5, -2.0, 0.25]) + 0.75 + 0.1 * rng.standard_normal(40)
    path = directory / "regression.csv"
    lines = ["f0,target,f1,f2"] + [",".join(repr(float(v)) for v in (a, t, b, c))
                                   for (a, b, c), t in zip(x, y)]
    path.write_text("\n".join(lines) + "\n")
    buffer = io.StringIO()
    with redirect_stdout(buffer):
        assert sklearn_reference.main(["--csv", str(path), "--target", "target"]) == 0
    fit = json.loads(buffer.getvalue())
    solution = np.linalg.lstsq(np.c_[x, np.ones(40)], y, rcond=None)[0]
    assert fit["features"] == ["f0", "f1", "f2"]
    assert np.allclose(fit["weights"], solution[:3], rtol=0, atol=1e-12), fit
    assert abs(fit["bias"] - solution[3]) < 1e-12, fit
    path.write_text("f0,target\n1,2\n3,oops\n")
    expect_error(lambda: sklearn_reference.read_csv(path, "target"), f"{path}:3:2", "oops")


def test_readme_example_is_the_compiled_one(_: Path) -> None:
    """The README's library example is the code Examples/BLASConsumer compiles and checks."""
    root = Path(__file__).resolve().parent.parent
    source = (root / "Examples/BLASConsumer/Sources/BLASConsumer/ReadmeExample.swift").read_text()
    body = source.split("// readme-example: begin\n")[1].split("// readme-example: end")[0]
    lines = [line[4:] for line in body.rstrip().split("\n")]
    readme = (root / "README.md").read_text()
    block = "```swift\nimport BLASKit\n\n" + "\n".join(lines) + "\n```"
    assert block in readme, "README's 'Use the BLAS/LAPACK wrapper' example differs from ReadmeExample.swift"


def main() -> int:
    argparse.ArgumentParser(description=__doc__.splitlines()[0]).parse_args()
    cases = [test_idx_checks, test_search_order, test_model_round_trip, test_model_refusals,
             test_design_condition, test_sklearn_matches_lstsq, test_readme_example_is_the_compiled_one]
    passed = failed = 0
    for case in cases:
        with tempfile.TemporaryDirectory() as temporary:
            try:
                case(Path(temporary))
            except AssertionError as error:
                failed += 1
                print(f"FAIL {case.__name__}: {error}")
            else:
                passed += 1
                print(f"ok   {case.__name__}")
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
