"""Fashion-MNIST loader with no network: reads the four official IDX files.

The files are looked for, in order, in: an explicit ``--data-dir``, then
``$FASHION_MNIST_DIR``, then ``./data/fashion-mnist``, then Debian's
``/usr/share/datasets/fashion-mnist`` (package ``dataset-fashion-mnist``).
Each file may be gzip-compressed (``NAME.gz``) or raw (``NAME``). The loader
checks the IDX magic number and dimensions, and the SHA-256 of the
*decompressed* bytes (the ``.gz`` wrappers differ between mirrors; the contents
do not), so nothing trains on bad data.

Library use::

    from fashion_mnist import load_fashion_mnist
    data = load_fashion_mnist(data_dir=None)
    data.train_images  # float32 [60000, 784], pixel / 255
    data.train_labels  # int64 [60000]

Command line: ``python Scripts/fashion_mnist.py [--data-dir DIR]`` checks the
files and prints a JSON summary.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import os
import struct
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np

CLASS_NAMES = (
    "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
    "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot",
)

DEBIAN_DIRECTORY = Path("/usr/share/datasets/fashion-mnist")
LOCAL_DIRECTORY = Path("data/fashion-mnist")

IMAGES_MAGIC = 0x00000803
LABELS_MAGIC = 0x00000801


@dataclass(frozen=True)
class IDXFile:
    """One expected IDX file: its name, decompressed size, SHA-256 and shape."""

    name: str
    size: int
    sha256: str
    magic: int
    shape: tuple[int, ...]


TRAIN_IMAGES = IDXFile(
    "train-images-idx3-ubyte", 47040016,
    "c59f468a2f672dc815687fe0f83887768d799fd8a3f3276145d20f83aa44d888",
    IMAGES_MAGIC, (60000, 28, 28))
TRAIN_LABELS = IDXFile(
    "train-labels-idx1-ubyte", 60008,
    "bad3541b69d912435c50bb6ba87bec294ff4f6a2e1246121d8633921760443d9",
    LABELS_MAGIC, (60000,))
TEST_IMAGES = IDXFile(
    "t10k-images-idx3-ubyte", 7840016,
    "5b4141f0afbad91edebe8549f8fcffe087ea10ca49f1dbef5c9a5cd8815ce37b",
    IMAGES_MAGIC, (10000, 28, 28))
TEST_LABELS = IDXFile(
    "t10k-labels-idx1-ubyte", 10008,
    "0402a96d92fd2663957122ceb108a494c5af83dab82d92729df917d7dec38c34",
    LABELS_MAGIC, (10000,))

ALL_FILES = (TRAIN_IMAGES, TRAIN_LABELS, TEST_IMAGES, TEST_LABELS)

HOW_TO_GET_DATA = (
    "Install Debian's package with `apt-get install dataset-fashion-mnist` "
    "(files land in /usr/share/datasets/fashion-mnist), or put the four official "
    "files (train-images-idx3-ubyte.gz, train-labels-idx1-ubyte.gz, "
    "t10k-images-idx3-ubyte.gz, t10k-labels-idx1-ubyte.gz) in a directory and pass "
    "--data-dir DIR or set FASHION_MNIST_DIR=DIR.")


class DataError(Exception):
    """The data set is missing or its files are not the official Fashion-MNIST."""


@dataclass(frozen=True)
class FashionMNIST:
    """The loaded data set: images float32 [n, 784] in [0, 1], labels int64 [n]."""

    train_images: np.ndarray
    train_labels: np.ndarray
    test_images: np.ndarray
    test_labels: np.ndarray
    directory: Path


def candidate_directories(data_dir: str | os.PathLike | None) -> list[tuple[Path, str]]:
    """Directories to search, in order, each with where it came from."""
    candidates: list[tuple[Path, str]] = []
    if data_dir is not None:
        candidates.append((Path(data_dir), "--data-dir"))
    environment = os.environ.get("FASHION_MNIST_DIR")
    if environment:
        candidates.append((Path(environment), "$FASHION_MNIST_DIR"))
    candidates.append((LOCAL_DIRECTORY, "./data/fashion-mnist"))
    candidates.append((DEBIAN_DIRECTORY, "Debian package path"))
    return candidates


def _file_in(directory: Path, expected: IDXFile) -> Path | None:
    for name in (expected.name + ".gz", expected.name):
        path = directory / name
        if path.is_file():
            return path
    return None


def find_data_directory(data_dir: str | os.PathLike | None = None) -> Path:
    """The first directory holding all four files; an explicit --data-dir must hold them."""
    searched = []
    for directory, origin in candidate_directories(data_dir):
        missing = [f.name for f in ALL_FILES if _file_in(directory, f) is None]
        if not missing:
            return directory
        searched.append(f"  {directory} ({origin}): missing {', '.join(missing)}")
        if origin == "--data-dir":
            # An explicit choice that fails is an error, not a cue to look elsewhere.
            raise DataError(
                f"Fashion-MNIST files not found in --data-dir {directory}: missing "
                f"{', '.join(missing)} (as NAME.gz or raw NAME). {HOW_TO_GET_DATA}")
    raise DataError(
        "Fashion-MNIST files not found. Searched:\n" + "\n".join(searched)
        + "\n" + HOW_TO_GET_DATA)


def read_idx(path: Path, expected: IDXFile) -> np.ndarray:
    """Read, verify and return one IDX file as a uint8 array of `expected.shape`."""
    try:
        raw = path.read_bytes()
        if path.suffix == ".gz":
            raw = gzip.decompress(raw)
    except (OSError, EOFError, gzip.BadGzipFile) as error:
        raise DataError(f"{path}: cannot read or decompress ({error}). {HOW_TO_GET_DATA}") from error
    if len(raw) < 8:
        raise DataError(f"{path}: truncated: {len(raw)} bytes, too short for an IDX header. "
                        + HOW_TO_GET_DATA)
    magic = struct.unpack(">I", raw[:4])[0]
    if magic != expected.magic:
        raise DataError(f"{path}: bad IDX magic number 0x{magic:08x}, expected "
                        f"0x{expected.magic:08x}. {HOW_TO_GET_DATA}")
    rank = len(expected.shape)
    header = 4 + 4 * rank
    if len(raw) < header:
        raise DataError(f"{path}: truncated header. {HOW_TO_GET_DATA}")
    shape = struct.unpack(">" + "I" * rank, raw[4:header])
    if tuple(shape) != expected.shape:
        raise DataError(f"{path}: dimensions {tuple(shape)}, expected {expected.shape}. "
                        + HOW_TO_GET_DATA)
    if len(raw) != expected.size:
        raise DataError(f"{path}: {len(raw)} decompressed bytes, expected {expected.size} "
                        f"(truncated or padded). {HOW_TO_GET_DATA}")
    digest = hashlib.sha256(raw).hexdigest()
    if digest != expected.sha256:
        raise DataError(f"{path}: SHA-256 of the decompressed bytes is {digest}, expected "
                        f"{expected.sha256}: not the official Fashion-MNIST file. "
                        + HOW_TO_GET_DATA)
    return np.frombuffer(raw, dtype=np.uint8, offset=header).reshape(expected.shape)


def load_fashion_mnist(data_dir: str | os.PathLike | None = None) -> FashionMNIST:
    """Load and verify the data set; images float32 [n, 784] scaled by 1/255."""
    directory = find_data_directory(data_dir)
    arrays = [read_idx(_file_in(directory, f), f) for f in ALL_FILES]

    def images(a: np.ndarray) -> np.ndarray:
        return (a.reshape(a.shape[0], -1).astype(np.float32) / np.float32(255.0))

    return FashionMNIST(
        train_images=images(arrays[0]),
        train_labels=arrays[1].astype(np.int64),
        test_images=images(arrays[2]),
        test_labels=arrays[3].astype(np.int64),
        directory=directory,
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Find, verify (magic numbers, sizes, SHA-256) and summarise the "
                    "Fashion-MNIST files.")
    parser.add_argument("--data-dir", help="directory holding the four IDX files "
                        "(default: $FASHION_MNIST_DIR, ./data/fashion-mnist, "
                        "/usr/share/datasets/fashion-mnist)")
    args = parser.parse_args(argv)
    try:
        data = load_fashion_mnist(args.data_dir)
    except DataError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    print(json.dumps({
        "directory": str(data.directory),
        "train": list(data.train_images.shape),
        "test": list(data.test_images.shape),
        "train_label_counts": np.bincount(data.train_labels, minlength=10).tolist(),
        "test_label_counts": np.bincount(data.test_labels, minlength=10).tolist(),
    }))
    return 0


if __name__ == "__main__":
    sys.exit(main())
