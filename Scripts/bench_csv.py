"""pandas peer for `hw1-bench csv`: writes the benchmark's CSV file and times pandas.read_csv.

  --generate PATH --rows N --columns D [--format %.10g] [--seed S]
      writes a header x1..x{D-1},y and N rows: X ~ N(0, 1), y = X w + 0.01·N(0, 1), each value
      printed with the given printf format (numpy.savetxt), so every reader sees the same bytes.
  --read PATH [--repeats R]
      times pandas.read_csv(PATH, engine="c") (median of R runs after one warm-up, so the file is
      in the page cache for every reader alike) and prints one JSON object with the seconds, the
      shape, and the sum of all values (the Swift side checks it reads the same numbers).

Example: ``.venv/bin/python Scripts/bench_csv.py --read /tmp/t.csv --repeats 3``
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time

import numpy as np


def generate(path: str, rows: int, columns: int, fmt: str, seed: int) -> None:
    rng = np.random.default_rng(seed)
    names = [f"x{i + 1}" for i in range(columns - 1)] + ["y"]
    weights = rng.standard_normal(columns - 1)
    with open(path, "w", encoding="utf-8") as out:
        out.write(",".join(names) + "\n")
        block = 100_000
        for start in range(0, rows, block):
            count = min(block, rows - start)
            x = rng.standard_normal((count, columns - 1))
            y = x @ weights + 0.01 * rng.standard_normal(count)
            np.savetxt(out, np.column_stack([x, y]), fmt=fmt, delimiter=",")


def read(path: str, repeats: int) -> dict:
    import pandas as pd

    def once():
        return pd.read_csv(path, engine="c")

    frame = once()
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        frame = once()
        times.append(time.perf_counter() - started)
    values = frame.to_numpy(dtype=np.float64)
    return {
        "pandas_c_seconds": statistics.median(times),
        "rows": int(values.shape[0]),
        "columns": int(values.shape[1]),
        "sum": float(values.sum()),
        "pandas": pd.__version__,
        "numpy": np.__version__,
        "python": sys.version.split()[0],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--generate")
    parser.add_argument("--read")
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--columns", type=int, default=21)
    parser.add_argument("--format", default="%.10g")
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    if args.generate:
        generate(args.generate, args.rows, args.columns, args.format, args.seed)
    if args.read:
        print(json.dumps(read(args.read, args.repeats)))


if __name__ == "__main__":
    main()
