"""Self-test of Scripts/parity_torch.py: the reference checked against NumPy by hand.

Builds random INIT and BATCHES files with NumPy + safetensors, runs parity_torch.py
as a subprocess (the same command line the Swift tests use), and checks:
  - the output names and shapes (F32 output);
  - with F64 output, the initial logits, loss and gradients and the per-step losses
    and final weights against a float64 NumPy forward/backward written here by hand,
    for sgd, momentum (v <- mu v + g; p <- p - lr v) and adam, with sigmoid and relu,
    to 1e-10;
  - that malformed inputs are refused with a message naming the problem.

Run: ``.venv/bin/python Scripts/test_parity_torch.py`` (plain asserts, no pytest).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np
from safetensors.numpy import load_file, save_file

SCRIPT = Path(__file__).resolve().parent / "parity_torch.py"
TOLERANCE = 1e-10


# --- the hand-written float64 reference -----------------------------------------------------

def activate(z: np.ndarray, activation: str) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-z)) if activation == "sigmoid" else np.maximum(z, 0.0)


def activation_derivative(z: np.ndarray, a: np.ndarray, activation: str) -> np.ndarray:
    return a * (1.0 - a) if activation == "sigmoid" else (z > 0).astype(np.float64)


def forward_backward(layers, x, y, activation):
    """Logits, mean cross-entropy and [(dW, db)] for layers [(W [out,in], b [out])]."""
    inputs, preactivations = [x], []
    a = x
    for index, (weight, bias) in enumerate(layers):
        z = a @ weight.T + bias
        preactivations.append(z)
        if index < len(layers) - 1:
            a = activate(z, activation)
            inputs.append(a)
    logits = preactivations[-1]
    shifted = logits - logits.max(axis=1, keepdims=True)
    log_probabilities = shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))
    batch = x.shape[0]
    loss = -log_probabilities[np.arange(batch), y].mean()

    delta = np.exp(log_probabilities)
    delta[np.arange(batch), y] -= 1.0
    delta /= batch
    gradients = [None] * len(layers)
    for index in range(len(layers) - 1, -1, -1):
        gradients[index] = (delta.T @ inputs[index], delta.sum(axis=0))
        if index > 0:
            upstream = delta @ layers[index][0]
            delta = upstream * activation_derivative(preactivations[index - 1], inputs[index],
                                                     activation)
    return logits, loss, gradients


def train(layers, xs, ys, activation, optimizer, lr, mu=0.9, beta1=0.9, beta2=0.999, eps=1e-8):
    """Per-step losses and final layers after len(xs) steps of the named optimiser."""
    parameters = [p.copy() for layer in layers for p in layer]
    first = [np.zeros_like(p) for p in parameters]
    second = [np.zeros_like(p) for p in parameters]
    losses = []
    for step, (x, y) in enumerate(zip(xs, ys), start=1):
        current = list(zip(parameters[0::2], parameters[1::2]))
        _, loss, gradients = forward_backward(current, x, y, activation)
        losses.append(loss)
        flat = [g for pair in gradients for g in pair]
        for p, g, m, v in zip(parameters, flat, first, second):
            if optimizer == "sgd":
                p -= lr * g
            elif optimizer == "momentum":
                m *= mu
                m += g
                p -= lr * m
            else:
                m[...] = beta1 * m + (1 - beta1) * g
                v[...] = beta2 * v + (1 - beta2) * g * g
                m_hat = m / (1 - beta1 ** step)
                v_hat = v / (1 - beta2 ** step)
                p -= lr * m_hat / (np.sqrt(v_hat) + eps)
    return np.array(losses), list(zip(parameters[0::2], parameters[1::2]))


# --- helpers -----------------------------------------------------------------------------------

def make_inputs(directory: Path, sizes, steps, batch, seed):
    rng = np.random.default_rng(seed)
    layers = []
    tensors = {}
    for index, (fan_in, fan_out) in enumerate(zip(sizes[:-1], sizes[1:])):
        weight = (rng.standard_normal((fan_out, fan_in)) / np.sqrt(fan_in)).astype(np.float32)
        bias = (0.1 * rng.standard_normal(fan_out)).astype(np.float32)
        tensors[f"layers.{index}.weight"] = weight
        tensors[f"layers.{index}.bias"] = bias
        layers.append((weight.astype(np.float64), bias.astype(np.float64)))
    x = rng.standard_normal((steps, batch, sizes[0])).astype(np.float32)
    y = rng.integers(0, sizes[-1], size=(steps, batch)).astype(np.float32)
    init, batches = directory / f"init-{seed}.safetensors", directory / f"batches-{seed}.safetensors"
    save_file(tensors, str(init))
    save_file({"x": x, "y": y}, str(batches))
    return init, batches, layers, x.astype(np.float64), y.astype(np.int64)


def run_parity(init, batches, out, optimizer, activation, steps, lr, out_dtype="F64", extra=()):
    command = [sys.executable, str(SCRIPT), "--init", str(init), "--batches", str(batches),
               "--optimizer", optimizer, "--learning-rate", repr(lr), "--steps", str(steps),
               "--activation", activation, "--out", str(out), "--out-dtype", out_dtype, *extra]
    return subprocess.run(command, capture_output=True, text=True)


def assert_close(name, actual, expected, tolerance=TOLERANCE):
    actual, expected = np.asarray(actual, dtype=np.float64), np.asarray(expected, dtype=np.float64)
    assert actual.shape == expected.shape, f"{name}: shape {actual.shape} != {expected.shape}"
    scale = max(1.0, float(np.abs(expected).max(initial=0.0)))
    error = float(np.abs(actual - expected).max(initial=0.0))
    assert error <= tolerance * scale, f"{name}: max error {error:.3e} > {tolerance:.0e} x {scale:.3g}"


# --- tests ---------------------------------------------------------------------------------

def test_shapes_f32(directory: Path) -> None:
    sizes, steps, batch = [12, 9, 7, 5], 4, 6
    init, batches, _, _, _ = make_inputs(directory, sizes, steps, batch, seed=1)
    out = directory / "shapes.safetensors"
    result = run_parity(init, batches, out, "sgd", "sigmoid", steps, 0.1, out_dtype="F32")
    assert result.returncode == 0, result.stderr
    tensors = load_file(str(out))
    expected = {"initial.logits": (batch, 5), "initial.loss": (1,), "losses": (steps,)}
    for index, (fan_in, fan_out) in enumerate(zip(sizes[:-1], sizes[1:])):
        for prefix in ("initial.grad.", "final."):
            expected[f"{prefix}layers.{index}.weight"] = (fan_out, fan_in)
            expected[f"{prefix}layers.{index}.bias"] = (fan_out,)
    assert set(tensors) == set(expected), f"names {sorted(tensors)} != {sorted(expected)}"
    for name, shape in expected.items():
        assert tensors[name].shape == shape, f"{name}: {tensors[name].shape} != {shape}"
        assert tensors[name].dtype == np.float32, f"{name}: dtype {tensors[name].dtype}"
    assert tensors["initial.loss"][0] == tensors["losses"][0], "initial.loss must equal losses[0]"


def test_against_numpy(directory: Path, optimizer: str, activation: str, seed: int) -> None:
    sizes, steps, batch, lr = [10, 8, 6, 4], 5, 7, 0.05
    init, batches, layers, x, y = make_inputs(directory, sizes, steps, batch, seed)
    out = directory / f"{optimizer}-{activation}.safetensors"
    extra = ("--momentum", "0.9") if optimizer == "momentum" else ()
    result = run_parity(init, batches, out, optimizer, activation, steps, lr, extra=extra)
    assert result.returncode == 0, result.stderr
    tensors = load_file(str(out))
    assert tensors["losses"].dtype == np.float64

    logits, loss, gradients = forward_backward(layers, x[0], y[0], activation)
    label = f"{optimizer}/{activation}"
    assert_close(f"{label} initial.logits", tensors["initial.logits"], logits)
    assert_close(f"{label} initial.loss", tensors["initial.loss"], [loss])
    for index, (grad_weight, grad_bias) in enumerate(gradients):
        assert_close(f"{label} grad {index} weight", tensors[f"initial.grad.layers.{index}.weight"],
                     grad_weight)
        assert_close(f"{label} grad {index} bias", tensors[f"initial.grad.layers.{index}.bias"],
                     grad_bias)
    losses, final = train(layers, x, y, activation, optimizer, lr)
    assert_close(f"{label} losses", tensors["losses"], losses)
    for index, (weight, bias) in enumerate(final):
        assert_close(f"{label} final {index} weight", tensors[f"final.layers.{index}.weight"], weight)
        assert_close(f"{label} final {index} bias", tensors[f"final.layers.{index}.bias"], bias)
    # The optimiser must actually have moved the weights, or the comparison proves little.
    moved = max(float(np.abs(w - w0).max()) for (w, _), (w0, _) in zip(final, layers))
    assert moved > 1e-4, f"{label}: weights barely moved ({moved:.2e})"


def test_bad_inputs(directory: Path) -> None:
    init, batches, _, _, _ = make_inputs(directory, [6, 5, 3], 2, 4, seed=9)
    bad_labels = directory / "bad-labels.safetensors"
    save_file({"x": np.zeros((2, 4, 6), np.float32), "y": np.full((2, 4), 3.0, np.float32)},
              str(bad_labels))
    result = run_parity(init, bad_labels, directory / "o.safetensors", "sgd", "relu", 2, 0.1)
    assert result.returncode != 0 and "class indices" in result.stderr, result.stderr
    wrong_features = directory / "bad-features.safetensors"
    save_file({"x": np.zeros((2, 4, 7), np.float32), "y": np.zeros((2, 4), np.float32)},
              str(wrong_features))
    result = run_parity(init, wrong_features, directory / "o.safetensors", "sgd", "relu", 2, 0.1)
    assert result.returncode != 0 and "features" in result.stderr, result.stderr
    result = run_parity(init, batches, directory / "o.safetensors", "sgd", "relu", 3, 0.1)
    assert result.returncode != 0 and "--steps 3" in result.stderr, result.stderr
    gap = directory / "gap.safetensors"
    save_file({"layers.0.weight": np.zeros((5, 6), np.float32),
               "layers.0.bias": np.zeros(5, np.float32),
               "layers.2.weight": np.zeros((3, 5), np.float32),
               "layers.2.bias": np.zeros(3, np.float32)}, str(gap))
    result = run_parity(gap, batches, directory / "o.safetensors", "sgd", "relu", 2, 0.1)
    assert result.returncode != 0 and "layers.1.weight" in result.stderr, result.stderr


def main() -> int:
    argparse.ArgumentParser(description=__doc__.splitlines()[0]).parse_args()
    cases = [("shapes (F32 output)", test_shapes_f32, ())]
    seed = 100
    for optimizer in ("sgd", "momentum", "adam"):
        for activation in ("sigmoid", "relu"):
            seed += 1
            cases.append((f"{optimizer}/{activation} vs NumPy float64", test_against_numpy,
                          (optimizer, activation, seed)))
    cases.append(("malformed inputs are refused", test_bad_inputs, ()))
    passed = failed = 0
    with tempfile.TemporaryDirectory() as temporary:
        for name, function, arguments in cases:
            try:
                function(Path(temporary), *arguments)
            except AssertionError as error:
                failed += 1
                print(f"FAIL {name}: {error}")
            else:
                passed += 1
                print(f"ok   {name}")
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
