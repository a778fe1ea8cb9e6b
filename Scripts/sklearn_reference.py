"""Reference linear-regression fit with scikit-learn, for checking the Swift solvers.

Reads a CSV file with a header row, takes the column named ``--target`` as y and every
other column as a feature (all must be numbers), fits
``sklearn.linear_model.LinearRegression`` (ordinary least squares with an intercept)
in float64, and prints JSON ``{"weights": [...], "bias": b, "features": [...]}``, the
weights in the order of the feature columns and every number at full float precision
(shortest text that reads back to the same double).

Example: ``.venv/bin/python Scripts/sklearn_reference.py --csv data.csv --target y``
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import sys
from pathlib import Path

import numpy as np


class CSVError(Exception):
    """The CSV file is missing, empty, ragged, or holds something that is not a number."""


def read_csv(path: Path, target: str) -> tuple[np.ndarray, np.ndarray, list[str]]:
    """Features [n, d] and targets [n] as float64, and the feature column names."""
    if not path.is_file():
        raise CSVError(f"{path}: no such file")
    with path.open(newline="") as handle:
        reader = csv.reader(handle)
        try:
            header = [name.strip() for name in next(reader)]
        except StopIteration:
            raise CSVError(f"{path}: the file is empty; expected a header row") from None
        if target not in header:
            raise CSVError(f"{path}: no column named {target!r} in the header "
                           f"({', '.join(header)}); pass one of them to --target")
        target_index = header.index(target)
        rows = []
        for line_number, row in enumerate(reader, start=2):
            if not row or all(not cell.strip() for cell in row):
                continue
            if len(row) != len(header):
                raise CSVError(f"{path}:{line_number}: {len(row)} fields; the header has "
                               f"{len(header)}")
            values = []
            for column, cell in enumerate(row, start=1):
                try:
                    value = float(cell)
                except ValueError:
                    raise CSVError(f"{path}:{line_number}:{column}: {cell.strip()!r} in column "
                                   f"{header[column - 1]!r} is not a number") from None
                if not math.isfinite(value):
                    raise CSVError(f"{path}:{line_number}:{column}: {cell.strip()!r} is not a "
                                   "finite number")
                values.append(value)
            rows.append(values)
    if not rows:
        raise CSVError(f"{path}: no data rows after the header")
    table = np.array(rows, dtype=np.float64)
    features = [name for index, name in enumerate(header) if index != target_index]
    x = np.delete(table, target_index, axis=1)
    return x, table[:, target_index], features


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Fit sklearn LinearRegression on a CSV file and print weights and bias "
                    "as JSON.")
    parser.add_argument("--csv", type=Path, required=True, help="CSV file with a header row")
    parser.add_argument("--target", required=True, help="name of the target column")
    args = parser.parse_args(argv)
    try:
        x, y, features = read_csv(args.csv, args.target)
    except CSVError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    if x.shape[1] == 0:
        print(f"error: {args.csv}: no feature columns besides {args.target!r}", file=sys.stderr)
        return 1

    from sklearn.linear_model import LinearRegression

    model = LinearRegression(fit_intercept=True).fit(x, y)
    print(json.dumps({"weights": [float(w) for w in model.coef_],
                      "bias": float(model.intercept_),
                      "features": features,
                      "samples": int(x.shape[0])}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
