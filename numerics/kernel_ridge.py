"""Ridge regression on random Fourier features (NumPy float64 and LAPACK), solved two ways: as a least-squares problem in the
weights w (the primal; LAPACK's SVD-based solver on the augmented system, never forming X X^T), and
as the kernel model sum_i K(x, x_i) c_i with the hypothesis' dual coefficients.

Two regimes: more features than points (d = 40, n = 12: the kernel system is the small one) and
fewer (d = 6, n = 40: K is singular, only the ridge makes it invertible).
"""
from __future__ import annotations

import functools

import numpy as np

from checks import Evidence
from numerics._analysis import U

REGIMES = {"small": ((40, 12), (6, 40)), "large": ((400, 120), (60, 400))}   # (features d, points n)
PENALTY = 0.1
TEST_POINTS = 50


def features(x, freq, phase):
    """phi(x) = sqrt(2/d) cos(freq x + phase), one column per input: (d, len(x)). NumPy: a few
    elementwise operations per regime, far cheaper than compiling a JAX program per shape."""
    d = freq.shape[0]
    return np.sqrt(2.0 / d) * np.cos(freq[:, None] * x[None, :] + phase[:, None])


@functools.lru_cache(maxsize=8)
def problems(seed: int, scale: str):
    """Per regime: training features X (d x n), targets y, test features Z (d x m), and the primal
    ridge minimiser w from least squares on [X^T; sqrt(lambda) I] w = [y; 0]."""
    rng = np.random.default_rng(seed)
    out = []
    for d, n in REGIMES[scale]:
        freq, phase = rng.normal(0.0, 2.0, d), rng.uniform(0.0, 2 * np.pi, d)
        x, xt = rng.uniform(-2.0, 2.0, n), np.linspace(-2.0, 2.0, TEST_POINTS)
        y = np.sin(2.0 * x) + 0.1 * rng.standard_normal(n)
        X, Z = features(x, freq, phase), features(xt, freq, phase)
        A = np.vstack([X.T, np.sqrt(PENALTY) * np.eye(d)])
        w = np.linalg.lstsq(A, np.concatenate([y, np.zeros(d)]), rcond=None)[0]
        out.append((X, y, Z, w))
    return out


def ridge_as_kernel_model(seed: int, scale: str, coefficients) -> Evidence:
    """``coefficients(K, y, lambda)``: the claimed dual coefficients c (the kernel model is
    f(x) = sum_i K(x, x_i) c_i).

    Pass rule: in both regimes, at every test point, |f_kernel - f_primal| <= 64 (d + n) u kappa max|f_primal|
    with kappa = (s_max^2 + lambda)/lambda, the condition number of K + lambda I (s_max the largest
    singular value of X): both solutions are backward stable, so each is within a few (d + n) u kappa
    of the exact one, relative to the size of the predictions."""
    gaps, bounds, details, curves = [], [], [], {}
    for (X, y, Z, w), (d, n) in zip(problems(seed, scale), REGIMES[scale]):
        K, Kx = X.T @ X, Z.T @ X                       # K(x_i, x_j) and K(x, x_i) from the features
        with np.errstate(all="ignore"):
            try:
                c = np.asarray(coefficients(K, y, PENALTY), dtype=float)
            except np.linalg.LinAlgError:
                c = np.full(n, np.nan)
            f_kernel = Kx @ c
        f_primal = Z.T @ w
        s_max = np.linalg.norm(X, 2)
        kappa = (s_max**2 + PENALTY) / PENALTY
        bound = 64 * (d + n) * U * kappa * float(np.max(np.abs(f_primal)))
        gap = float(np.max(np.abs(f_kernel - f_primal))) if np.all(np.isfinite(f_kernel)) else float("inf")
        gaps.append(gap)
        bounds.append(bound)
        details.append(f"d = {d}, n = {n}: max gap {gap:.3g}, bound {bound:.3g}")
        if not curves:
            curves = {"ridge (least squares in w)": f_primal.tolist(), "predicted kernel model": np.where(np.isfinite(f_kernel), f_kernel, np.nan).tolist()}
    passed = all(g <= b for g, b in zip(gaps, bounds))
    figure = {"kind": "line", "x": np.linspace(-2.0, 2.0, TEST_POINTS).tolist(), "series": curves,
              "xlabel": "x", "ylabel": "f(x)", "title": f"ridge on {REGIMES[scale][0][0]} random Fourier features, lambda = {PENALTY}"}
    return Evidence(passed, {f"max |f_kernel - f_ridge|, d = {d}, n = {n}": g for g, (d, n) in zip(gaps, REGIMES[scale])},
                    {f"bound, d = {d}, n = {n}": b for b, (d, n) in zip(bounds, REGIMES[scale])},
                    "at 50 test points in both regimes, |f_kernel - f_ridge| <= 64 (d + n) u kappa max|f|",
                    detail="; ".join(details), figure=figure)
