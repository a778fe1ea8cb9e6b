"""Homework Problem 5(f): the part-(b) network trained with PyTorch.

The network is part (b)'s: ``nn.Sequential(nn.Linear(784, 128), nn.Sigmoid(),
nn.Linear(128, 64), nn.Sigmoid(), nn.Linear(64, 10))``, trained on Fashion-MNIST
with ``nn.CrossEntropyLoss`` on the logits (softmax + cross-entropy, mean over the
batch) and ``torch.optim.SGD`` (plain by default, ``--momentum`` for heavy ball).

Each epoch reshuffles the mini-batches with a generator seeded from ``--seed``; the
initial weights come from PyTorch's default ``nn.Linear`` initialisation under
``torch.manual_seed(seed)``, or from ``--init FILE.safetensors``. After every epoch
the loss and accuracy are measured on the whole training set and on the test set;
that evaluation is not counted in the epoch's ``seconds``.

Writes, in ``--out DIR`` (the same contract as ``hw1 train``):
  metrics.json       {"config": {...}, "epochs": [{"epoch", "train_loss",
                     "train_accuracy", "test_loss", "test_accuracy", "seconds"}...],
                     "final": {...}}; with --validation N, each epoch also holds
                     "validation_loss" and "validation_accuracy".
  model.safetensors  F32 layers.{i}.weight [out, in], layers.{i}.bias [out].
  loss.svg, accuracy.svg  curves per epoch.

Example: ``.venv/bin/python Scripts/part_f_pytorch.py --epochs 10 --out results/part-f``
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import time
from pathlib import Path

import torch
from torch import nn

sys.path.insert(0, str(Path(__file__).resolve().parent))
from fashion_mnist import DataError, load_fashion_mnist  # noqa: E402
from mlp_model import (ModelFileError, assign_parameters, build_mlp,  # noqa: E402
                       read_layer_tensors, save_model)

ACTIVATION = "sigmoid"
INPUT_SIZE = 784
CLASS_COUNT = 10
EVALUATION_CHUNK = 10000


def hidden_sizes(text: str) -> list[int]:
    """Parse "128,64" into [128, 64]."""
    try:
        sizes = [int(part) for part in text.split(",") if part.strip()]
    except ValueError:
        raise argparse.ArgumentTypeError(f"--hidden {text!r}: expected positive integers "
                                         "separated by commas, e.g. 128,64") from None
    if not sizes or any(size <= 0 for size in sizes):
        raise argparse.ArgumentTypeError(f"--hidden {text!r}: expected positive integers "
                                         "separated by commas, e.g. 128,64")
    return sizes


def positive_int(text: str) -> int:
    value = int(text)
    if value <= 0:
        raise argparse.ArgumentTypeError(f"expected a positive integer, got {text}")
    return value


def schedule_spec(text: str) -> tuple[str, float | None]:
    """Parses 'constant' or 'cosine:MIN'."""
    if text == "constant":
        return ("constant", None)
    name, _, minimum = text.partition(":")
    if name == "cosine":
        try:
            value = float(minimum)
        except ValueError:
            raise argparse.ArgumentTypeError(
                f"--schedule cosine:MIN needs a number after the colon, got {text!r}")
        if not value >= 0:
            raise argparse.ArgumentTypeError(f"--schedule cosine:MIN needs MIN >= 0, got {text!r}")
        return ("cosine", value)
    raise argparse.ArgumentTypeError(f"--schedule expects 'constant' or 'cosine:MIN', got {text!r}")


def epoch_rate(base: float, schedule: tuple[str, float | None], epoch: int, epochs: int) -> float:
    """The learning rate of `epoch` (from 1), as hw1's LearningRateSchedule computes it."""
    name, minimum = schedule
    if name == "constant" or epochs <= 1:
        return base
    progress = (epoch - 1) / (epochs - 1)
    return minimum + (base - minimum) * (1 + math.cos(math.pi * progress)) / 2


def parse_arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description="Problem 5(f): train the part-(b) MLP (sigmoid, cross-entropy, SGD) "
                    "on Fashion-MNIST with PyTorch.",
        formatter_class=argparse.ArgumentDefaultsHelpFormatter)
    parser.add_argument("--seed", type=int, default=0, help="seed for initialisation, "
                        "validation split and batch shuffling")
    parser.add_argument("--epochs", type=positive_int, default=10)
    parser.add_argument("--batch-size", type=positive_int, default=64)
    parser.add_argument("--learning-rate", type=float, default=0.1)
    parser.add_argument("--momentum", type=float, default=0.0,
                        help="SGD momentum (PyTorch form: v = mu*v + g; p -= lr*v)")
    parser.add_argument("--schedule", type=schedule_spec, default="constant",
                        help="learning-rate schedule per epoch: 'constant' or 'cosine:MIN' "
                             "(cosine annealing from the rate at epoch 1 to MIN at the last "
                             "epoch, the same formula as hw1's --schedule cosine:MIN)")
    parser.add_argument("--hidden", type=hidden_sizes, default=[128, 64],
                        help="hidden layer sizes, comma separated")
    parser.add_argument("--validation", type=int, default=0,
                        help="hold out the last N samples of a seeded permutation of the "
                             "training set for validation (0 = none)")
    parser.add_argument("--data-dir", help="directory with the Fashion-MNIST IDX files "
                        "(default: $FASHION_MNIST_DIR, ./data/fashion-mnist, "
                        "/usr/share/datasets/fashion-mnist)")
    parser.add_argument("--out", type=Path, required=True, help="output directory")
    parser.add_argument("--threads", type=positive_int, default=None,
                        help="torch.set_num_threads (default: PyTorch's choice)")
    parser.add_argument("--init", type=Path, default=None,
                        help="start from these weights (safetensors, layers.{i}.weight "
                             "[out,in] / layers.{i}.bias [out])")
    args = parser.parse_args(argv)
    if args.learning_rate <= 0:
        parser.error(f"--learning-rate must be positive, got {args.learning_rate}")
    if not 0 <= args.momentum < 1:
        parser.error(f"--momentum must be in [0, 1), got {args.momentum}")
    if args.validation < 0:
        parser.error(f"--validation must be 0 or positive, got {args.validation}")
    return args


@torch.no_grad()
def evaluate(model: nn.Module, images: torch.Tensor, labels: torch.Tensor) -> tuple[float, float]:
    """Mean cross-entropy and accuracy (fraction) of `model` on a whole set."""
    model.eval()
    total_loss = 0.0
    correct = 0
    for start in range(0, images.shape[0], EVALUATION_CHUNK):
        logits = model(images[start:start + EVALUATION_CHUNK])
        batch_labels = labels[start:start + EVALUATION_CHUNK]
        # Sum in float64 so the mean does not depend on the chunk size.
        total_loss += nn.functional.cross_entropy(logits, batch_labels, reduction="sum").double().item()
        correct += (logits.argmax(dim=1) == batch_labels).sum().item()
    model.train()
    count = images.shape[0]
    return total_loss / count, correct / count


def plot_curves(epochs: list[dict], out: Path) -> None:
    """Write loss.svg and accuracy.svg: train and test (and validation) per epoch."""
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.ticker import MaxNLocator

    # Fixed ids and no date, so the same run gives the same bytes.
    matplotlib.rcParams["svg.hashsalt"] = "hw1-part-f"
    numbers = [entry["epoch"] for entry in epochs]
    for quantity, label, filename in (("loss", "cross-entropy loss", "loss.svg"),
                                      ("accuracy", "accuracy", "accuracy.svg")):
        figure, axes = plt.subplots(figsize=(6.4, 4.2))
        axes.plot(numbers, [e[f"train_{quantity}"] for e in epochs], marker="o", label="train")
        axes.plot(numbers, [e[f"test_{quantity}"] for e in epochs], marker="s", label="test")
        if f"validation_{quantity}" in epochs[0]:
            axes.plot(numbers, [e[f"validation_{quantity}"] for e in epochs], marker="^",
                      label="validation")
        axes.set_xlabel("epoch")
        axes.xaxis.set_major_locator(MaxNLocator(integer=True))
        axes.set_ylabel(label)
        axes.set_title(f"Problem 5(f), PyTorch: {label}")
        axes.grid(True, alpha=0.3)
        axes.legend()
        figure.tight_layout()
        figure.savefig(out / filename, format="svg", metadata={"Date": None})
        plt.close(figure)


def main(argv: list[str] | None = None) -> int:
    args = parse_arguments(argv)
    if args.threads is not None:
        torch.set_num_threads(args.threads)
    threads = torch.get_num_threads()

    try:
        data = load_fashion_mnist(args.data_dir)
    except DataError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1

    train_images = torch.from_numpy(data.train_images)
    train_labels = torch.from_numpy(data.train_labels)
    test_images = torch.from_numpy(data.test_images)
    test_labels = torch.from_numpy(data.test_labels)

    generator = torch.Generator().manual_seed(args.seed)
    validation_images = validation_labels = None
    if args.validation > 0:
        if args.validation >= train_images.shape[0]:
            print(f"error: --validation {args.validation} leaves no training samples "
                  f"(the training set has {train_images.shape[0]})", file=sys.stderr)
            return 2
        order = torch.randperm(train_images.shape[0], generator=generator)
        kept, held = order[:-args.validation], order[-args.validation:]
        validation_images, validation_labels = train_images[held], train_labels[held]
        train_images, train_labels = train_images[kept], train_labels[kept]

    torch.manual_seed(args.seed)
    layer_sizes = [INPUT_SIZE, *args.hidden, CLASS_COUNT]
    model = build_mlp(layer_sizes, ACTIVATION)
    if args.init is not None:
        try:
            pairs, _ = read_layer_tensors(args.init)
            assign_parameters(model, pairs)
        except ModelFileError as error:
            print(f"error: --init {args.init}: {error}", file=sys.stderr)
            return 1

    loss_function = nn.CrossEntropyLoss()
    optimizer = torch.optim.SGD(model.parameters(), lr=args.learning_rate,
                                momentum=args.momentum)

    config = {
        "layer_sizes": layer_sizes,
        "hidden": args.hidden,
        "activation": ACTIVATION,
        "loss": "cross_entropy",
        "optimizer": "sgd_momentum" if args.momentum > 0 else "sgd",
        "epochs": args.epochs,
        "batch_size": args.batch_size,
        "learning_rate": args.learning_rate,
        "schedule": args.schedule[0] if args.schedule[1] is None else f"cosine:{args.schedule[1]:g}",
        "momentum": args.momentum,
        "validation": args.validation,
        "init": str(args.init) if args.init is not None else None,
        "training_samples": int(train_images.shape[0]),
        "seed": args.seed,
        "framework": "pytorch",
        "torch_version": torch.__version__,
        "threads": threads,
    }

    count = train_images.shape[0]
    history: list[dict] = []
    for epoch in range(1, args.epochs + 1):
        rate = epoch_rate(args.learning_rate, args.schedule, epoch, args.epochs)
        for group in optimizer.param_groups:
            group["lr"] = rate
        started = time.perf_counter()
        order = torch.randperm(count, generator=generator)
        for start in range(0, count, args.batch_size):
            indices = order[start:start + args.batch_size]
            optimizer.zero_grad(set_to_none=True)
            loss = loss_function(model(train_images[indices]), train_labels[indices])
            loss.backward()
            optimizer.step()
        seconds = time.perf_counter() - started

        train_loss, train_accuracy = evaluate(model, train_images, train_labels)
        test_loss, test_accuracy = evaluate(model, test_images, test_labels)
        entry = {"epoch": epoch, "train_loss": train_loss, "train_accuracy": train_accuracy,
                 "test_loss": test_loss, "test_accuracy": test_accuracy, "seconds": seconds,
                 "learning_rate": rate}
        if validation_images is not None:
            entry["validation_loss"], entry["validation_accuracy"] = evaluate(
                model, validation_images, validation_labels)
        history.append(entry)
        print(f"epoch {epoch:3d}  train loss {train_loss:.4f} acc {train_accuracy:.4f}  "
              f"test loss {test_loss:.4f} acc {test_accuracy:.4f}  {seconds:.2f} s",
              file=sys.stderr)

    args.out.mkdir(parents=True, exist_ok=True)
    metrics = {"config": config, "epochs": history, "final": dict(history[-1])}
    (args.out / "metrics.json").write_text(json.dumps(metrics, indent=2) + "\n")
    save_model(model, args.out / "model.safetensors", ACTIVATION, framework="pytorch")
    plot_curves(history, args.out)
    print(f"wrote {args.out}/metrics.json, model.safetensors, loss.svg, accuracy.svg",
          file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
