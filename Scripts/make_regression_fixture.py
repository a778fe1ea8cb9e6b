"""Export scikit-learn's bundled diabetes data set (raw, unscaled features) to CSV and store
scikit-learn's LinearRegression coefficients beside it, so the Swift tests can compare against
scikit-learn without Python at test time.

Usage: python Scripts/make_regression_fixture.py [--out Tests/HW1RegressionTests/Fixtures]
Writes diabetes.csv (header row, target column "target") and diabetes-sklearn.json
({"weights", "bias", "sklearn_version", "numpy_version"}).
"""
import argparse
import json
from pathlib import Path

import numpy as np
import sklearn
from sklearn.datasets import load_diabetes
from sklearn.linear_model import LinearRegression


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default="Tests/HW1RegressionTests/Fixtures")
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)

    # scaled=False keeps the original units (age in years, bmi, blood serum values), whose
    # large column means exercise the bias fit by centring.
    data = load_diabetes(scaled=False)
    x, y = data.data.astype(np.float64), data.target.astype(np.float64)
    names = list(data.feature_names)
    with open(out / "diabetes.csv", "w") as f:
        f.write(",".join(names + ["target"]) + "\n")
        for row, target in zip(x, y):
            # repr round-trips every float64 exactly.
            f.write(",".join(repr(float(v)) for v in row) + "," + repr(float(target)) + "\n")

    model = LinearRegression().fit(x, y)
    reference = {
        "weights": [float(w) for w in model.coef_],
        "bias": float(model.intercept_),
        "sklearn_version": sklearn.__version__,
        "numpy_version": np.__version__,
    }
    with open(out / "diabetes-sklearn.json", "w") as f:
        json.dump(reference, f, indent=2)
        f.write("\n")
    print(f"wrote {out / 'diabetes.csv'} ({x.shape[0]} rows, {x.shape[1]} features) and diabetes-sklearn.json")


if __name__ == "__main__":
    main()
