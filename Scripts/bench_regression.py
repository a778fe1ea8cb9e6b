"""NumPy/SciPy speed peers for Problem 1 (linear regression) on a dense n x d design.

Design recipe (float64, seeded): X = sqrt(n) * Q diag(s) Vᵀ, where Q [n, d] has
orthonormal columns (reduced QR of a Gaussian matrix), V [d, d] is orthogonal (QR of
another Gaussian matrix) and the singular values s fall geometrically from 1 to
1/condition, so X has exactly the requested 2-norm condition number (condition 1
gives orthogonal columns of norm sqrt(n), entries of order 1). The weights are
w ~ N(0, I) and y = X w + 0.01 * N(0, I). Only the shape and the condition number
need to match the Swift benchmark; the exact values do not.

Timed (median of ``--repeats`` runs, each on fresh inputs' copies where the routine
would overwrite them):
  cholesky   normal equations: A = X.T @ X, b = X.T @ y, then scipy.linalg.cho_factor /
             cho_solve (the product forming A dominates).
  gels       scipy.linalg.lapack.dgels (QR least squares) with the optimal workspace;
             X is C-ordered, so this includes the column-major copy LAPACK needs (the
             same copy LAPACKE makes for a row-major matrix).
  lstsq      numpy.linalg.lstsq (LAPACK gelsd, SVD based).
  gd_step    the core of one gradient-descent iteration, X.T @ (X @ w - y).

Prints one JSON object with the timings in seconds, the versions and the BLAS in use,
and each solver's relative distance to the lstsq solution as a sanity check.

Example: ``.venv/bin/python Scripts/bench_regression.py --n 100000 --d 100``
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time

import numpy as np
import scipy
import scipy.linalg
import scipy.linalg.lapack


def make_design(n: int, d: int, condition: float, seed: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """X [n, d] with 2-norm condition number `condition`, true weights w [d], targets y [n]."""
    rng = np.random.default_rng(seed)
    q, _ = np.linalg.qr(rng.standard_normal((n, d)))
    v, _ = np.linalg.qr(rng.standard_normal((d, d)))
    singular_values = np.geomspace(1.0, 1.0 / condition, d) if d > 1 else np.ones(1)
    x = np.ascontiguousarray((q * (np.sqrt(n) * singular_values)) @ v.T)
    w = rng.standard_normal(d)
    y = x @ w + 0.01 * rng.standard_normal(n)
    return x, w, y


def median_seconds(function, repeats: int) -> tuple[float, object]:
    """Median wall time of `repeats` calls after one warm-up call; also the last result."""
    result = function()
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - started)
    return statistics.median(times), result


def blas_description() -> object:
    try:
        from threadpoolctl import threadpool_info
        return [{key: entry.get(key) for key in ("internal_api", "prefix", "version",
                                                   "architecture", "num_threads", "filepath")}
                for entry in threadpool_info() if entry.get("user_api") == "blas"]
    except ImportError:
        return np.show_config(mode="dicts").get("Build Dependencies", {}).get("blas", {})


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Time closed-form least squares (Cholesky, QR, SVD) and one gradient step "
                    "in NumPy/SciPy; print JSON.",
        formatter_class=argparse.ArgumentDefaultsHelpFormatter)
    parser.add_argument("--n", type=int, default=100000, help="rows (samples)")
    parser.add_argument("--d", type=int, default=100, help="columns (features)")
    parser.add_argument("--condition", type=float, default=1.0,
                        help="2-norm condition number of X")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--repeats", type=int, default=5, help="timed runs per solver")
    parser.add_argument("--gd-repeats", type=int, default=50, help="timed gradient steps")
    parser.add_argument("--threads", type=int, default=None,
                        help="limit BLAS threads (threadpoolctl); default: the library's own")
    args = parser.parse_args(argv)
    if args.n < 1 or args.d < 1 or args.n < args.d:
        parser.error(f"need n >= d >= 1 for an overdetermined full-rank problem; "
                     f"got --n {args.n} --d {args.d}")
    if args.condition < 1:
        parser.error(f"--condition must be >= 1, got {args.condition}")
    if args.repeats < 1 or args.gd_repeats < 1:
        parser.error("--repeats and --gd-repeats must be at least 1")

    limiter = None
    if args.threads is not None:
        from threadpoolctl import threadpool_limits
        limiter = threadpool_limits(limits=args.threads, user_api="blas")

    x, true_w, y = make_design(args.n, args.d, args.condition, args.seed)

    def cholesky():
        a = x.T @ x
        b = x.T @ y
        return scipy.linalg.cho_solve(scipy.linalg.cho_factor(a, lower=False,
                                                              overwrite_a=True,
                                                              check_finite=False),
                                      b, overwrite_b=True, check_finite=False)

    work, info = scipy.linalg.lapack.dgels_lwork(args.n, args.d, 1)
    if info != 0:
        raise RuntimeError(f"dgels workspace query failed with info = {info}")
    workspace = max(int(work), 1)
    y_column = y[:, None]

    def gels():
        _, solution, info = scipy.linalg.lapack.dgels(x, y_column, lwork=workspace)
        if info != 0:
            raise RuntimeError(f"dgels failed with info = {info}")
        return solution[:args.d, 0]

    def lstsq():
        return np.linalg.lstsq(x, y, rcond=None)[0]

    w = np.zeros(args.d)

    def gd_step():
        return x.T @ (x @ w - y)

    cholesky_seconds, w_cholesky = median_seconds(cholesky, args.repeats)
    gels_seconds, w_gels = median_seconds(gels, args.repeats)
    lstsq_seconds, w_lstsq = median_seconds(lstsq, args.repeats)
    gd_seconds, _ = median_seconds(gd_step, args.gd_repeats)

    def relative(a, b):
        return float(np.linalg.norm(a - b) / np.linalg.norm(b))

    result = {
        "n": args.n, "d": args.d, "condition": args.condition, "seed": args.seed,
        "repeats": args.repeats, "dtype": "float64",
        "cholesky_seconds": cholesky_seconds,
        "gels_seconds": gels_seconds,
        "lstsq_seconds": lstsq_seconds,
        "gd_step_seconds": gd_seconds,
        "relative_difference_to_lstsq": {"cholesky": relative(w_cholesky, w_lstsq),
                                         "gels": relative(w_gels, w_lstsq)},
        "relative_error_to_true_weights": relative(w_lstsq, true_w),
        "numpy_version": np.__version__,
        "scipy_version": scipy.__version__,
        "blas": blas_description(),
        "openblas_coretype_env": os.environ.get("OPENBLAS_CORETYPE"),
    }
    if limiter is not None:
        limiter.restore_original_limits()
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
