"""PyTorch reference for the Swift-vs-PyTorch parity tests (a fixed contract).

Usage::

    python Scripts/parity_torch.py --init INIT.safetensors --batches BATCHES.safetensors \\
        --optimizer sgd|momentum|adam --learning-rate LR [--momentum 0.9] \\
        [--beta1 0.9 --beta2 0.999 --eps 1e-8] --steps N --activation sigmoid|relu \\
        --out OUT.safetensors [--out-dtype F32|F64]

Inputs
  INIT     ``layers.{i}.weight`` [out, in] and ``layers.{i}.bias`` [out] (F32 or F64), any
           number of layers; the activation sits between Linear layers, none after the last.
  BATCHES  ``x`` [steps, batch, features] and ``y`` [steps, batch] (class indices stored
           as floats; each must be a whole number in [0, classes)).

The model is ``nn.Sequential`` of ``nn.Linear`` layers with the activation between them;
all computation is in float64 (parameters and data are converted) so the reference is
tight. The loss is ``nn.CrossEntropyLoss`` (softmax + cross-entropy on the logits, mean
over the batch). Step t uses batch t.

Optimisers (PyTorch's own, in their documented forms, weight decay 0):
  sgd       ``torch.optim.SGD(momentum=0)``:            p <- p - lr * g
  momentum  ``torch.optim.SGD(momentum=mu, dampening=0, nesterov=False)``:
            v <- mu * v + g  (v starts as g at the first step, the same thing with v0 = 0);
            p <- p - lr * v.  Note: lr multiplies v, it is not folded into v.
  adam      ``torch.optim.Adam(betas=(beta1, beta2), eps, amsgrad=False)``:
            m <- b1 m + (1 - b1) g;  v <- b2 v + (1 - b2) g^2;
            p <- p - lr * (m / (1 - b1^t)) / (sqrt(v / (1 - b2^t)) + eps)

Output OUT (safetensors, ``--out-dtype``, F32 by default):
  initial.logits                    [batch, classes]  forward on batch 0, initial weights
  initial.loss                      [1]               mean cross-entropy on batch 0
  initial.grad.layers.{i}.weight    [out, in]         its gradient at the initial weights
  initial.grad.layers.{i}.bias      [out]
  losses                            [steps]           loss of step t on batch t, before its update
  final.layers.{i}.weight / .bias                     parameters after `steps` updates
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import torch
from torch import nn

sys.path.insert(0, str(Path(__file__).resolve().parent))
from mlp_model import (ACTIVATIONS, ModelFileError, assign_parameters, build_mlp,  # noqa: E402
                       named_parameters_for_file, read_layer_tensors)


class BatchFileError(Exception):
    """BATCHES is missing, unreadable, or has the wrong tensors or shapes."""


def parse_arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description="Float64 PyTorch reference run for the Swift parity tests: initial "
                    "logits, loss and gradients on batch 0, per-step losses, final weights.")
    parser.add_argument("--init", type=Path, required=True, help="initial weights (safetensors)")
    parser.add_argument("--batches", type=Path, required=True,
                        help="x [steps, batch, features], y [steps, batch] (safetensors)")
    parser.add_argument("--optimizer", choices=("sgd", "momentum", "adam"), required=True)
    parser.add_argument("--learning-rate", type=float, required=True)
    parser.add_argument("--momentum", type=float, default=0.9,
                        help="momentum coefficient mu (optimizer momentum)")
    parser.add_argument("--beta1", type=float, default=0.9)
    parser.add_argument("--beta2", type=float, default=0.999)
    parser.add_argument("--eps", type=float, default=1e-8)
    parser.add_argument("--steps", type=int, default=None,
                        help="optimiser steps (default: every batch in BATCHES)")
    parser.add_argument("--activation", choices=sorted(ACTIVATIONS), required=True)
    parser.add_argument("--out", type=Path, required=True, help="output safetensors file")
    parser.add_argument("--out-dtype", choices=("F32", "F64"), default="F32",
                        help="dtype of the tensors written to OUT")
    args = parser.parse_args(argv)
    if args.learning_rate <= 0:
        parser.error(f"--learning-rate must be positive, got {args.learning_rate}")
    if args.steps is not None and args.steps < 0:
        parser.error(f"--steps must be 0 or positive, got {args.steps}")
    return args


def read_batches(path: Path, features: int, classes: int) -> tuple[torch.Tensor, torch.Tensor]:
    """x float64 [steps, batch, features] and y int64 [steps, batch] from BATCHES, checked."""
    from safetensors import SafetensorError
    from safetensors.torch import load_file

    if not path.is_file():
        raise BatchFileError(f"{path}: no such file")
    try:
        tensors = load_file(str(path))
    except (SafetensorError, OSError, ValueError) as error:
        raise BatchFileError(f"{path}: not a readable safetensors file ({error})") from error
    for name in ("x", "y"):
        if name not in tensors:
            raise BatchFileError(f"{path}: missing tensor {name!r} "
                                 f"(found: {', '.join(sorted(tensors)) or 'none'})")
    x, y = tensors["x"], tensors["y"]
    if x.dim() != 3:
        raise BatchFileError(f"{path}: x has shape {list(x.shape)}; expected [steps, batch, features]")
    if x.shape[2] != features:
        raise BatchFileError(f"{path}: x has {x.shape[2]} features; layers.0.weight takes {features}")
    if tuple(y.shape) != tuple(x.shape[:2]):
        raise BatchFileError(f"{path}: y has shape {list(y.shape)}; expected {list(x.shape[:2])} "
                             "to match x [steps, batch, features]")
    if not (x.is_floating_point() and y.is_floating_point()):
        raise BatchFileError(f"{path}: x and y must be floating point (F32 or F64); got "
                             f"{x.dtype} and {y.dtype}")
    labels = y.double()
    if not torch.equal(labels, labels.round()) or labels.min() < 0 or labels.max() >= classes:
        raise BatchFileError(f"{path}: y must hold whole class indices in [0, {classes}); "
                             f"found values in [{labels.min().item()}, {labels.max().item()}]")
    return x.double(), labels.long()


def make_optimizer(args: argparse.Namespace, parameters) -> torch.optim.Optimizer:
    if args.optimizer == "sgd":
        return torch.optim.SGD(parameters, lr=args.learning_rate, momentum=0.0)
    if args.optimizer == "momentum":
        return torch.optim.SGD(parameters, lr=args.learning_rate, momentum=args.momentum,
                               dampening=0.0, nesterov=False)
    return torch.optim.Adam(parameters, lr=args.learning_rate, betas=(args.beta1, args.beta2),
                            eps=args.eps, weight_decay=0.0, amsgrad=False)


def run(args: argparse.Namespace) -> dict[str, torch.Tensor]:
    """The reference run; returns the output tensors (float64)."""
    pairs, _ = read_layer_tensors(args.init)
    sizes = [pairs[0][0].shape[1]] + [weight.shape[0] for weight, _ in pairs]
    x, y = read_batches(args.batches, features=sizes[0], classes=sizes[-1])
    steps = x.shape[0] if args.steps is None else args.steps
    if steps > x.shape[0]:
        raise BatchFileError(f"{args.batches}: --steps {steps} needs {steps} batches; x holds "
                             f"{x.shape[0]}")
    if x.shape[0] == 0:
        raise BatchFileError(f"{args.batches}: x holds no batch; batch 0 is needed")

    model = build_mlp(sizes, args.activation).double()
    assign_parameters(model, pairs)
    loss_function = nn.CrossEntropyLoss()
    output: dict[str, torch.Tensor] = {}

    logits = model(x[0])
    loss = loss_function(logits, y[0])
    loss.backward()
    output["initial.logits"] = logits.detach().clone()
    output["initial.loss"] = loss.detach().reshape(1).clone()
    for name, parameter in named_parameters_for_file(model).items():
        output[f"initial.grad.{name}"] = parameter.grad.detach().clone()
    model.zero_grad(set_to_none=True)

    optimizer = make_optimizer(args, model.parameters())
    losses = torch.zeros(steps, dtype=torch.float64)
    for step in range(steps):
        optimizer.zero_grad(set_to_none=True)
        loss = loss_function(model(x[step]), y[step])
        loss.backward()
        losses[step] = loss.detach()
        optimizer.step()
    output["losses"] = losses
    for name, parameter in named_parameters_for_file(model, prefix="final.").items():
        output[name] = parameter.detach().clone()
    return output


def main(argv: list[str] | None = None) -> int:
    from safetensors.torch import save_file

    args = parse_arguments(argv)
    try:
        output = run(args)
    except (ModelFileError, BatchFileError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    dtype = torch.float32 if args.out_dtype == "F32" else torch.float64
    args.out.parent.mkdir(parents=True, exist_ok=True)
    save_file({name: tensor.to(dtype).contiguous() for name, tensor in output.items()},
              str(args.out),
              metadata={"activation": args.activation, "optimizer": args.optimizer,
                        "framework": "pytorch", "torch_version": torch.__version__,
                        "computed_in": "float64"})
    return 0


if __name__ == "__main__":
    sys.exit(main())
