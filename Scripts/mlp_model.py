"""The multilayer perceptron shared by the PyTorch scripts, and its safetensors file format.

File layout (the project's contract, the same as the Swift side's ``hw1 train``):
little-endian tensors ``layers.{i}.weight`` with shape [out, in] (``nn.Linear``'s
layout) and ``layers.{i}.bias`` with shape [out], ``i`` counting the Linear layers
from 0; the ``__metadata__`` map holds ``activation``, ``layer_sizes``
(e.g. ``"784,128,64,10"``) and ``framework``. The activation sits between Linear
layers; there is none after the last one (the loss works on logits).

This module is a library; ``python Scripts/mlp_model.py FILE`` prints a summary of a
model file.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

import torch
from torch import nn

ACTIVATIONS = {"sigmoid": nn.Sigmoid, "relu": nn.ReLU}
LAYER_NAME = re.compile(r"^layers\.(\d+)\.(weight|bias)$")


class ModelFileError(Exception):
    """A model file is missing, unreadable, or does not follow the layout above."""


def build_mlp(layer_sizes: list[int], activation: str) -> nn.Sequential:
    """nn.Sequential of Linear layers with `activation` between them (none after the last)."""
    if activation not in ACTIVATIONS:
        raise ValueError(f"unknown activation {activation!r}; expected one of "
                         f"{', '.join(ACTIVATIONS)}")
    if len(layer_sizes) < 2:
        raise ValueError(f"layer_sizes {layer_sizes} needs at least an input and an output size")
    modules: list[nn.Module] = []
    for index, (fan_in, fan_out) in enumerate(zip(layer_sizes[:-1], layer_sizes[1:])):
        if index > 0:
            modules.append(ACTIVATIONS[activation]())
        modules.append(nn.Linear(fan_in, fan_out))
    return nn.Sequential(*modules)


def linear_layers(model: nn.Sequential) -> list[nn.Linear]:
    """The Linear layers of `model`, in order."""
    return [module for module in model if isinstance(module, nn.Linear)]


def layer_sizes_of(model: nn.Sequential) -> list[int]:
    """[in, hidden..., out] of a model built by `build_mlp`."""
    layers = linear_layers(model)
    return [layers[0].in_features] + [layer.out_features for layer in layers]


def named_parameters_for_file(model: nn.Sequential, prefix: str = "") -> dict[str, torch.Tensor]:
    """The file's names (`{prefix}layers.{i}.weight` / `.bias`) mapped to the live parameters."""
    tensors: dict[str, torch.Tensor] = {}
    for index, layer in enumerate(linear_layers(model)):
        tensors[f"{prefix}layers.{index}.weight"] = layer.weight
        tensors[f"{prefix}layers.{index}.bias"] = layer.bias
    return tensors


def write_safetensors(tensors: dict[str, torch.Tensor], path: Path, metadata: dict[str, str]) -> None:
    """Write F32 tensors as safetensors with a byte-stable layout.

    The `safetensors` library writes `__metadata__` in hash order, so two identical
    models could give different bytes; here the header keys are sorted, so the same
    weights always give the same file (same seed, same threads -> same bytes).
    """
    header: dict[str, object] = {"__metadata__": dict(sorted(metadata.items()))}
    blobs = []
    offset = 0
    for name in sorted(tensors):
        data = tensors[name].detach().to(torch.float32).contiguous().cpu().numpy()
        blob = data.astype("<f4", copy=False).tobytes()
        header[name] = {"dtype": "F32", "shape": list(data.shape),
                        "data_offsets": [offset, offset + len(blob)]}
        blobs.append(blob)
        offset += len(blob)
    encoded = json.dumps(header, separators=(",", ":")).encode()
    encoded += b" " * (-len(encoded) % 8)  # the data start 8-byte aligned
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as handle:
        handle.write(len(encoded).to_bytes(8, "little"))
        handle.write(encoded)
        for blob in blobs:
            handle.write(blob)


def save_model(model: nn.Sequential, path: Path, activation: str, framework: str = "pytorch") -> None:
    """Write `model` as F32 safetensors with the project's names and metadata."""
    metadata = {
        "activation": activation,
        "layer_sizes": ",".join(str(size) for size in layer_sizes_of(model)),
        "framework": framework,
    }
    write_safetensors(named_parameters_for_file(model), path, metadata)


def read_layer_tensors(path: Path) -> tuple[list[tuple[torch.Tensor, torch.Tensor]], dict[str, str]]:
    """Read and check `layers.{i}.weight/bias` from a safetensors file.

    Returns the (weight [out, in], bias [out]) pairs in layer order, in the file's
    dtype (F32 or F64), and the metadata map (empty when the file has none).
    """
    from safetensors import SafetensorError, safe_open

    if not path.is_file():
        raise ModelFileError(f"{path}: no such file")
    try:
        with safe_open(str(path), framework="pt") as handle:
            metadata = dict(handle.metadata() or {})
            tensors = {name: handle.get_tensor(name) for name in handle.keys()}
    except (SafetensorError, OSError, ValueError) as error:
        raise ModelFileError(f"{path}: not a readable safetensors file ({error})") from error

    found: dict[int, dict[str, torch.Tensor]] = {}
    for name, tensor in tensors.items():
        match = LAYER_NAME.match(name)
        if match is None:
            continue
        found.setdefault(int(match.group(1)), {})[match.group(2)] = tensor
    if not found:
        raise ModelFileError(f"{path}: no tensors named layers.{{i}}.weight / layers.{{i}}.bias "
                             f"(found: {', '.join(sorted(tensors)) or 'none'})")
    count = max(found) + 1
    pairs = []
    for index in range(count):
        entry = found.get(index, {})
        for part in ("weight", "bias"):
            if part not in entry:
                raise ModelFileError(f"{path}: missing tensor layers.{index}.{part} "
                                     f"(layers must be numbered 0..{count - 1} without gaps)")
        weight, bias = entry["weight"], entry["bias"]
        for part, tensor in (("weight", weight), ("bias", bias)):
            if tensor.dtype not in (torch.float32, torch.float64):
                raise ModelFileError(f"{path}: layers.{index}.{part} has dtype {tensor.dtype}; "
                                     "expected F32 (or F64)")
        if weight.dim() != 2:
            raise ModelFileError(f"{path}: layers.{index}.weight has shape {list(weight.shape)}; "
                                 "expected [out, in]")
        if bias.dim() != 1 or bias.shape[0] != weight.shape[0]:
            raise ModelFileError(f"{path}: layers.{index}.bias has shape {list(bias.shape)}; "
                                 f"expected [{weight.shape[0]}] to match layers.{index}.weight "
                                 f"{list(weight.shape)}")
        if pairs and pairs[-1][0].shape[0] != weight.shape[1]:
            raise ModelFileError(
                f"{path}: layers.{index}.weight has {weight.shape[1]} inputs but "
                f"layers.{index - 1} has {pairs[-1][0].shape[0]} outputs")
        pairs.append((weight, bias))
    declared = metadata.get("layer_sizes")
    actual = [pairs[0][0].shape[1]] + [w.shape[0] for w, _ in pairs]
    if declared is not None and declared != ",".join(str(s) for s in actual):
        raise ModelFileError(f"{path}: metadata layer_sizes {declared!r} does not match the "
                             f"tensors' shapes {','.join(str(s) for s in actual)}")
    return pairs, metadata


def load_model(path: Path, activation: str | None = None,
               dtype: torch.dtype = torch.float32) -> tuple[nn.Sequential, str]:
    """Build the model stored in `path`; the activation comes from the metadata unless given.

    Returns the model (in `dtype`) and its activation name.
    """
    pairs, metadata = read_layer_tensors(path)
    chosen = activation or metadata.get("activation")
    if chosen is None:
        raise ModelFileError(f"{path}: no 'activation' in __metadata__; pass it explicitly "
                             f"(one of {', '.join(ACTIVATIONS)})")
    if chosen not in ACTIVATIONS:
        raise ModelFileError(f"{path}: activation {chosen!r} is not one of {', '.join(ACTIVATIONS)}")
    sizes = [pairs[0][0].shape[1]] + [weight.shape[0] for weight, _ in pairs]
    model = build_mlp(sizes, chosen).to(dtype)
    assign_parameters(model, pairs)
    return model, chosen


def assign_parameters(model: nn.Sequential, pairs: list[tuple[torch.Tensor, torch.Tensor]]) -> None:
    """Copy (weight, bias) pairs into the Linear layers of `model`, checking shapes."""
    layers = linear_layers(model)
    if len(layers) != len(pairs):
        raise ModelFileError(f"the file has {len(pairs)} layers; the model has {len(layers)}")
    with torch.no_grad():
        for index, (layer, (weight, bias)) in enumerate(zip(layers, pairs)):
            if tuple(weight.shape) != tuple(layer.weight.shape):
                raise ModelFileError(f"layers.{index}.weight has shape {list(weight.shape)}; "
                                     f"the model expects {list(layer.weight.shape)}")
            layer.weight.copy_(weight.to(layer.weight.dtype))
            layer.bias.copy_(bias.to(layer.bias.dtype))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Check and summarise an MLP safetensors file.")
    parser.add_argument("model", type=Path, help="the .safetensors file")
    args = parser.parse_args(argv)
    try:
        pairs, metadata = read_layer_tensors(args.model)
    except ModelFileError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    print(json.dumps({
        "metadata": metadata,
        "layers": [{"weight": list(w.shape), "bias": list(b.shape), "dtype": str(w.dtype)}
                   for w, b in pairs],
    }))
    return 0


if __name__ == "__main__":
    sys.exit(main())
