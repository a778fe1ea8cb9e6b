#!/usr/bin/env python3
"""Writes the small valid seed files of Fuzz/corpus/<target>/ (run from anywhere; standard library only).

Each seed is a well-formed file of the kind the target reads, a few hundred bytes at most, so the
fuzzer starts inside the format rather than at its magic number.
"""
import gzip, json, os, struct, zlib

HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "corpus")

def write(target, name, data):
    os.makedirs(os.path.join(HERE, target), exist_ok=True)
    with open(os.path.join(HERE, target, name), "wb") as f:
        f.write(data)

def idx_images(count, rows, columns):
    pixels = bytes((i * 37) % 256 for i in range(count * rows * columns))
    return struct.pack(">IIII", 0x803, count, rows, columns) + pixels

def idx_labels(values):
    return struct.pack(">II", 0x801, len(values)) + bytes(values)

def gz(data):  # fixed mtime so the seeds do not change from run to run
    return gzip.compress(data, compresslevel=6, mtime=0)

def safetensors(tensors, metadata=None):
    header, blobs, offset = {}, [], 0
    if metadata:
        header["__metadata__"] = metadata
    for name, (dtype, shape, values) in sorted(tensors.items()):
        code = {"F32": "<f", "F64": "<d"}[dtype]
        blob = b"".join(struct.pack(code, v) for v in values)
        header[name] = {"dtype": dtype, "shape": shape, "data_offsets": [offset, offset + len(blob)]}
        blobs.append(blob)
        offset += len(blob)
    text = json.dumps(header, separators=(",", ":")).encode()
    text += b" " * (-len(text) % 8)
    return struct.pack("<Q", len(text)) + text + b"".join(blobs)

# IDX
write("idx", "images-2x3x4", idx_images(2, 3, 4))
write("idx", "images-1x1x1", idx_images(1, 1, 1))
write("idx", "labels-5", idx_labels([0, 9, 3, 7, 1]))
write("idx", "labels-1", idx_labels([4]))

# gzip (what inflates is fed to the IDX readers too)
write("gzip", "images.gz", gz(idx_images(2, 3, 4)))
write("gzip", "labels.gz", gz(idx_labels([0, 9, 3, 7, 1])))
write("gzip", "hello.gz", gz(b"hello, gzip\n"))
write("gzip", "two-members.gz", gz(b"first ") + gz(b"second\n"))
write("gzip", "zlib-stream", zlib.compress(b"a zlib stream, not gzip" * 3))
write("gzip", "empty-member.gz", gz(b""))

# CSV (the features of hw1 regress --csv)
write("csv", "plain.csv", b"x1,x2,y\n1,2,3\n4.5,-6e-3,7\n8,9,10\n")
write("csv", "quoted-crlf.csv", b'"a","b ""q""",target\r\n1, 2 ,3\r\n\r\n4,5,6\r\n')
write("csv", "bom-no-final-newline.csv", "\ufeffage,bmi,target\n59,32.1,151\n48,21.6,75".encode())
write("csv", "one-column.csv", b"y\n1\n2\n")

# safetensors (hw1 evaluate --model): a tiny 3-2-2 model with metadata, an F64 tensor, an empty header
write("safetensors", "model-3-2-2.safetensors", safetensors({
    "layers.0.weight": ("F32", [2, 3], [0.5, -1, 2, 0, 0.25, -0.75]),
    "layers.0.bias": ("F32", [2], [0.1, -0.1]),
    "layers.1.weight": ("F32", [2, 2], [1, 0, 0, 1]),
    "layers.1.bias": ("F32", [2], [0, 0]),
}, {"activation": "sigmoid", "layer_sizes": "3,2,2", "input_scaling": "x/255"}))
write("safetensors", "f64-scalar.safetensors", safetensors({"s": ("F64", [], [3.5]), "v": ("F64", [2], [1, -2])}))
write("safetensors", "empty.safetensors", safetensors({}))

# metrics.json (hw1 report)
epoch = lambda e: {"epoch": e, "train_loss": 0.5 / e, "train_accuracy": 0.8, "test_loss": 0.6 / e,
                   "test_accuracy": 0.78, "seconds": 1.25}
write("metrics", "two-epochs.json", json.dumps({
    "config": {"activation": "sigmoid", "batch_size": 64, "hidden": [128, 64], "learning_rate": 2,
               "nesterov": False, "schedule": None, "part": "b"},
    "epochs": [epoch(1), epoch(2)], "final": epoch(2)}, indent=2).encode())
write("metrics", "validation-no-final.json", json.dumps({
    "config": {}, "epochs": [dict(epoch(1), validation_loss=0.7, validation_accuracy=0.75)]}).encode())
