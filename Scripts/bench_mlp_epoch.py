"""Speed peers for one part-(b) training epoch: hand-written NumPy and PyTorch eager.

The work measured is one epoch of Problem 5(b): 60000 samples, mini-batches of 64
(937 full batches and one of 32), a 784-128-64-10 MLP with sigmoid activations,
softmax cross-entropy, plain SGD, float32, samples reshuffled each epoch.

  numpy   forward, backward and update written by hand; every intermediate array is
          allocated once and reused (``out=`` arguments), transposes are views, so the
          matrix products go straight to NumPy's bundled OpenBLAS.
  torch   the natural PyTorch loop: ``nn.Sequential`` + autograd + ``optim.SGD``,
          ``torch.set_num_threads(threads)``.
  gemm    "the matrix products alone" in NumPy for the same shapes: per batch the 3
          forward and 5 backward products (dW3, dA2, dW2, dA1, dW1), nothing else; a
          reference for how much of an epoch is BLAS.

Each is warmed up with one epoch, then ``--epochs`` epochs are timed one by one and
the median is reported. The data are synthetic random pixels and labels of the right
shape unless ``--data-dir`` points at Fashion-MNIST (the speed does not depend on the
values). Prints one JSON object to stdout.

Example: ``.venv/bin/python Scripts/bench_mlp_epoch.py --threads 2 --epochs 3``
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import time
from pathlib import Path

import numpy as np

LAYER_SIZES = (784, 128, 64, 10)
SAMPLES = 60000
BATCH = 64
LEARNING_RATE = np.float32(0.1)


def load_data(data_dir: str | None, seed: int) -> tuple[np.ndarray, np.ndarray, str]:
    """Training images float32 [60000, 784] and labels int64, real or synthetic."""
    if data_dir is not None:
        sys.path.insert(0, str(Path(__file__).resolve().parent))
        from fashion_mnist import load_fashion_mnist
        data = load_fashion_mnist(data_dir)
        return data.train_images, data.train_labels, f"fashion-mnist ({data.directory})"
    rng = np.random.default_rng(seed)
    images = rng.random((SAMPLES, LAYER_SIZES[0]), dtype=np.float32)
    labels = rng.integers(0, LAYER_SIZES[-1], size=SAMPLES).astype(np.int64)
    return images, labels, "synthetic"


def initial_weights(seed: int) -> list[tuple[np.ndarray, np.ndarray]]:
    """Xavier-uniform weights [in, out] (NumPy layout) and zero biases, float32."""
    rng = np.random.default_rng(seed)
    layers = []
    for fan_in, fan_out in zip(LAYER_SIZES[:-1], LAYER_SIZES[1:]):
        limit = np.sqrt(6.0 / (fan_in + fan_out))
        layers.append((rng.uniform(-limit, limit, (fan_in, fan_out)).astype(np.float32),
                       np.zeros(fan_out, dtype=np.float32)))
    return layers


class NumPyMLP:
    """Part (b)'s network trained by hand in NumPy with preallocated workspaces."""

    def __init__(self, seed: int, batch: int = BATCH) -> None:
        (self.w1, self.b1), (self.w2, self.b2), (self.w3, self.b3) = initial_weights(seed)
        n0, n1, n2, n3 = LAYER_SIZES
        f32 = np.float32
        self.x = np.empty((batch, n0), f32)
        self.y = np.empty(batch, np.int64)
        self.a1, self.a2, self.z3 = (np.empty((batch, n), f32) for n in (n1, n2, n3))
        self.d1, self.d2 = np.empty((batch, n1), f32), np.empty((batch, n2), f32)
        self.s1, self.s2 = np.empty((batch, n1), f32), np.empty((batch, n2), f32)
        self.row = np.empty((batch, 1), f32)
        self.gw1, self.gw2, self.gw3 = (np.empty_like(w) for w in (self.w1, self.w2, self.w3))
        self.gb1, self.gb2, self.gb3 = (np.empty_like(b) for b in (self.b1, self.b2, self.b3))
        self.rows = np.arange(batch)

    @staticmethod
    def _sigmoid(z: np.ndarray) -> None:
        np.negative(z, out=z)
        np.exp(z, out=z)
        z += 1.0
        np.reciprocal(z, out=z)

    def step(self, images: np.ndarray, labels: np.ndarray, indices: np.ndarray) -> float:
        """One SGD step on images[indices]; returns the batch's mean cross-entropy."""
        m = indices.shape[0]
        x, y = self.x[:m], self.y[:m]
        np.take(images, indices, axis=0, out=x)
        np.take(labels, indices, out=y)
        a1, a2, z3 = self.a1[:m], self.a2[:m], self.z3[:m]
        d1, d2, s1, s2, row = self.d1[:m], self.d2[:m], self.s1[:m], self.s2[:m], self.row[:m]
        rows = self.rows[:m]

        # Forward: a1 = sigmoid(x W1 + b1), a2 = sigmoid(a1 W2 + b2), z3 = a2 W3 + b3.
        np.matmul(x, self.w1, out=a1)
        a1 += self.b1
        self._sigmoid(a1)
        np.matmul(a1, self.w2, out=a2)
        a2 += self.b2
        self._sigmoid(a2)
        np.matmul(a2, self.w3, out=z3)
        z3 += self.b3

        # Softmax cross-entropy; z3 becomes dL/dz3 = (softmax - onehot) / m.
        np.max(z3, axis=1, keepdims=True, out=row)
        z3 -= row
        np.exp(z3, out=z3)
        np.sum(z3, axis=1, keepdims=True, out=row)
        z3 /= row
        loss = -float(np.log(z3[rows, y]).mean())
        z3[rows, y] -= 1.0
        z3 *= np.float32(1.0 / m)

        # Backward: 5 products, sigmoid' = a (1 - a).
        np.matmul(a2.T, z3, out=self.gw3)
        np.sum(z3, axis=0, out=self.gb3)
        np.matmul(z3, self.w3.T, out=d2)
        np.subtract(1.0, a2, out=s2)
        s2 *= a2
        d2 *= s2
        np.matmul(a1.T, d2, out=self.gw2)
        np.sum(d2, axis=0, out=self.gb2)
        np.matmul(d2, self.w2.T, out=d1)
        np.subtract(1.0, a1, out=s1)
        s1 *= a1
        d1 *= s1
        np.matmul(x.T, d1, out=self.gw1)
        np.sum(d1, axis=0, out=self.gb1)

        # Update: p -= lr * g, scaling the gradient buffer in place.
        for parameter, gradient in ((self.w1, self.gw1), (self.b1, self.gb1),
                                    (self.w2, self.gw2), (self.b2, self.gb2),
                                    (self.w3, self.gw3), (self.b3, self.gb3)):
            gradient *= LEARNING_RATE
            parameter -= gradient
        return loss


def batches(order: np.ndarray) -> list[np.ndarray]:
    return [order[start:start + BATCH] for start in range(0, order.shape[0], BATCH)]


def time_numpy_epochs(images, labels, epochs: int, seed: int) -> tuple[list[float], float]:
    model = NumPyMLP(seed)
    rng = np.random.default_rng(seed)
    times, loss = [], float("nan")
    for epoch in range(epochs + 1):  # epoch 0 is the warm-up
        started = time.perf_counter()
        for indices in batches(rng.permutation(images.shape[0])):
            loss = model.step(images, labels, indices)
        if epoch > 0:
            times.append(time.perf_counter() - started)
    return times, loss


def time_gemm_epochs(epochs: int, seed: int) -> list[float]:
    """Only the 8 matrix products per batch, same shapes, preallocated outputs."""
    rng = np.random.default_rng(seed)
    n0, n1, n2, n3 = LAYER_SIZES
    f32 = np.float32

    def random(*shape):
        return rng.standard_normal(shape, dtype=f32)

    w1, w2, w3 = random(n0, n1), random(n1, n2), random(n2, n3)
    full = [(random(BATCH, n0), random(BATCH, n1), random(BATCH, n2), random(BATCH, n3))]
    last = SAMPLES % BATCH
    shapes = [BATCH] * (SAMPLES // BATCH) + ([last] if last else [])
    gw1, gw2, gw3 = np.empty_like(w1), np.empty_like(w2), np.empty_like(w3)
    x, a1, a2, z3 = full[0]
    d1, d2 = np.empty_like(a1), np.empty_like(a2)
    times = []
    for epoch in range(epochs + 1):
        started = time.perf_counter()
        for m in shapes:
            xm, a1m, a2m, z3m, d1m, d2m = x[:m], a1[:m], a2[:m], z3[:m], d1[:m], d2[:m]
            np.matmul(xm, w1, out=a1m)
            np.matmul(a1m, w2, out=a2m)
            np.matmul(a2m, w3, out=z3m)
            np.matmul(a2m.T, z3m, out=gw3)
            np.matmul(z3m, w3.T, out=d2m)
            np.matmul(a1m.T, d2m, out=gw2)
            np.matmul(d2m, w2.T, out=d1m)
            np.matmul(xm.T, d1m, out=gw1)
        if epoch > 0:
            times.append(time.perf_counter() - started)
    return times


def time_torch_epochs(images, labels, epochs: int, seed: int) -> tuple[list[float], float]:
    import torch
    from torch import nn

    torch.manual_seed(seed)
    model = nn.Sequential(nn.Linear(784, 128), nn.Sigmoid(), nn.Linear(128, 64), nn.Sigmoid(),
                          nn.Linear(64, 10))
    loss_function = nn.CrossEntropyLoss()
    optimizer = torch.optim.SGD(model.parameters(), lr=float(LEARNING_RATE))
    x_all, y_all = torch.from_numpy(images), torch.from_numpy(labels)
    generator = torch.Generator().manual_seed(seed)
    times, loss_value = [], float("nan")
    for epoch in range(epochs + 1):
        started = time.perf_counter()
        order = torch.randperm(x_all.shape[0], generator=generator)
        for start in range(0, x_all.shape[0], BATCH):
            indices = order[start:start + BATCH]
            optimizer.zero_grad(set_to_none=True)
            loss = loss_function(model(x_all[indices]), y_all[indices])
            loss.backward()
            optimizer.step()
        loss_value = loss.item()
        if epoch > 0:
            times.append(time.perf_counter() - started)
    return times, loss_value


def blas_description() -> object:
    """threadpoolctl's view of the loaded BLAS libraries, or NumPy's build config."""
    try:
        from threadpoolctl import threadpool_info
        return [{key: entry.get(key) for key in ("internal_api", "prefix", "version",
                                                   "architecture", "threading_layer",
                                                   "num_threads")}
                for entry in threadpool_info() if entry.get("user_api") == "blas"]
    except ImportError:
        config = np.show_config(mode="dicts")
        return config.get("Build Dependencies", {}).get("blas", {})


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Time one part-(b) MLP epoch in hand-written NumPy and in PyTorch eager; "
                    "print JSON.", formatter_class=argparse.ArgumentDefaultsHelpFormatter)
    parser.add_argument("--threads", type=int, default=2, help="BLAS / torch threads")
    parser.add_argument("--epochs", type=int, default=3, help="timed epochs after one warm-up")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--data-dir", default=None,
                        help="use Fashion-MNIST from this directory instead of synthetic data")
    parser.add_argument("--skip-torch", action="store_true", help="NumPy figures only")
    args = parser.parse_args(argv)
    if args.threads < 1 or args.epochs < 1:
        parser.error("--threads and --epochs must be at least 1")

    try:
        images, labels, source = load_data(args.data_dir, args.seed)
    except Exception as error:  # DataError, with its message naming the problem
        print(f"error: {error}", file=sys.stderr)
        return 1

    from threadpoolctl import threadpool_limits

    result: dict[str, object] = {
        "samples": SAMPLES, "batch_size": BATCH, "layer_sizes": list(LAYER_SIZES),
        "dtype": "float32", "data": source, "threads": args.threads,
        "timed_epochs": args.epochs,
    }
    with threadpool_limits(limits=args.threads, user_api="blas"):
        numpy_times, numpy_loss = time_numpy_epochs(images, labels, args.epochs, args.seed)
        gemm_times = time_gemm_epochs(args.epochs, args.seed)
        result["numpy_blas"] = blas_description()
    result["numpy_epoch_seconds"] = statistics.median(numpy_times)
    result["numpy_epoch_all_seconds"] = numpy_times
    result["numpy_last_batch_loss"] = numpy_loss
    result["numpy_gemm_only_seconds"] = statistics.median(gemm_times)
    result["numpy_gemm_only_all_seconds"] = gemm_times

    if not args.skip_torch:
        import torch
        torch.set_num_threads(args.threads)
        torch_times, torch_loss = time_torch_epochs(images, labels, args.epochs, args.seed)
        result["torch_epoch_seconds"] = statistics.median(torch_times)
        result["torch_epoch_all_seconds"] = torch_times
        result["torch_last_batch_loss"] = torch_loss
        result["torch_version"] = torch.__version__
        result["torch_num_threads"] = torch.get_num_threads()

    result["numpy_version"] = np.__version__
    result["python_version"] = platform.python_version()
    result["openblas_coretype_env"] = os.environ.get("OPENBLAS_CORETYPE")
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
