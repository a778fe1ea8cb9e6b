"""Evaluate a saved MLP (from ``hw1 train`` or from the PyTorch twin) on the Fashion-MNIST test set.

Loads ``model.safetensors`` (F32 or F64 ``layers.{i}.weight`` [out, in] and
``layers.{i}.bias`` [out]; the activation from ``__metadata__`` unless
``--activation`` is given), runs it in PyTorch in float32 on the 10000 test
images (pixels / 255), and prints JSON ``{"test_loss", "test_accuracy"}``:
the mean softmax cross-entropy and the fraction classified correctly: an
independent PyTorch figure to compare with ``hw1 evaluate`` by hand (no script
or test calls it).

Example: ``.venv/bin/python Scripts/evaluate_twin_model.py --model results/runs/b/seed-1/model.safetensors``
(runs live in ``results/runs/<part>/seed-N/``).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import torch

sys.path.insert(0, str(Path(__file__).resolve().parent))
from fashion_mnist import DataError, load_fashion_mnist  # noqa: E402
from mlp_model import ACTIVATIONS, ModelFileError, load_model  # noqa: E402
from part_f_pytorch import evaluate  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Print the test loss and accuracy of a saved MLP, computed in PyTorch.")
    parser.add_argument("--model", type=Path, required=True, help="model.safetensors")
    parser.add_argument("--activation", choices=sorted(ACTIVATIONS), default=None,
                        help="override the activation named in the file's metadata")
    parser.add_argument("--data-dir", help="directory with the Fashion-MNIST IDX files")
    parser.add_argument("--threads", type=int, default=None, help="torch.set_num_threads")
    args = parser.parse_args(argv)
    if args.threads is not None:
        torch.set_num_threads(args.threads)

    try:
        model, activation = load_model(args.model, args.activation, dtype=torch.float32)
    except ModelFileError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    try:
        data = load_fashion_mnist(args.data_dir)
    except DataError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    if model[0].in_features != data.test_images.shape[1]:
        print(f"error: {args.model}: the first layer takes {model[0].in_features} inputs; "
              f"the images have {data.test_images.shape[1]} pixels", file=sys.stderr)
        return 1

    loss, accuracy = evaluate(model, torch.from_numpy(data.test_images),
                              torch.from_numpy(data.test_labels))
    print(json.dumps({"test_loss": loss, "test_accuracy": accuracy,
                      "activation": activation, "samples": int(data.test_images.shape[0])}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
