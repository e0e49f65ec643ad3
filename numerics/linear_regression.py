"""Experiments for the linear-regression claims of 003 chapter 1: the (minibatch) gradient of the
squared loss and the Hessian of simple linear regression, each measured with JAX autodiff in
float64 and compared with the claimed closed form under a round-off bound.

Data come from NumPy's PCG64 seeded with the claim's seed (fixed and reproducible like a
PRNGKey; threefry's kernels would cost more to compile than these experiments take to run).
"""
from __future__ import annotations

import functools

import jax
import jax.numpy as jnp
import numpy as np
import sympy as sp

from checks import Evidence
from numerics._analysis import U


# ---- gradient of the squared loss ------------------------------------------------------------
GRADIENT_SIZES = {  # instances, rows, features, batch size
    "small": (32, 40, 3, 4),
    "large": (2_048, 1_000, 16, 32),
}


def squared_loss(theta, x, y):
    """(y - X theta)^T (y - X theta), (1.1)."""
    r = y - x @ theta
    return r @ r


_grad_loss = jax.jit(jax.vmap(jax.grad(squared_loss)))


@functools.lru_cache(maxsize=8)
def gradient_instances(seed: int, scale: str, rows: str):
    """Random instances (X, y, theta) and the autodiff gradient of the loss of the rows the
    formula sees: all rows, or a batch of distinct rows drawn from a larger X (the truncation of
    003:95-102)."""
    k, n, d, b = GRADIENT_SIZES[scale]
    rng = np.random.default_rng(seed)
    x = rng.standard_normal((k, n, d)) * np.linspace(0.5, 2.0, d)
    y = rng.standard_normal((k, n)) + 1.0
    theta = rng.standard_normal((k, d))
    if rows == "batch":
        idx = np.stack([rng.choice(n, size=b, replace=False) for _ in range(k)])
        x = np.take_along_axis(x, idx[:, :, None], axis=1)
        y = np.take_along_axis(y, idx, axis=1)
    grads = np.asarray(_grad_loss(jnp.asarray(theta), jnp.asarray(x), jnp.asarray(y)))
    return x, y, theta, grads


def _roles(expr):
    """The design matrix, targets and parameters of a gradient formula, by name (X..., y...,
    theta...), and its row count symbol if it uses one."""
    mats = {m.name: m for m in expr.atoms(sp.MatrixSymbol)}
    pick = lambda prefix: next(m for name, m in mats.items() if name.startswith(prefix))  # noqa: E731
    scalars = sorted((s for s in expr.free_symbols if isinstance(s, sp.Symbol) and not isinstance(s, sp.MatrixSymbol)),
                     key=str)
    return pick("X"), pick("y"), pick("theta"), scalars


def gradient_vs_autodiff(seed: int, scale: str, gradient, rows: str = "all") -> Evidence:
    """``gradient``: a SymPy matrix expression in X (rows x D), y (rows x 1), theta (D x 1) and
    possibly the row count N. Pass rule, componentwise on every instance:
    |formula - autodiff| <= 4 (N + 2) u (2 |X|^T |X theta - y|), the bound on the round-off of a
    sum of N products computed two ways (u = 2^-53). A wrong constant or sign is off by a
    multiple of the gradient itself."""
    x, y, theta, grads = gradient_instances(seed, scale, rows)
    xs, ys, ts, scalars = _roles(sp.sympify(gradient))
    f = sp.lambdify((xs, ys, ts, *scalars), gradient, "numpy")
    worst_ratio, worst_gap, pred0 = 0.0, 0.0, None
    for xk, yk, tk, gk in zip(x, y, theta, grads):
        n = xk.shape[0]
        pred = np.asarray(f(xk, yk[:, None], tk[:, None], *([n] * len(scalars))), dtype=float).reshape(-1)
        bound = 4 * (n + 2) * U * (2 * np.abs(xk).T @ np.abs(xk @ tk - yk)) + np.finfo(float).tiny
        gap = np.abs(pred - gk)
        worst_ratio = max(worst_ratio, float(np.max(gap / bound)))
        worst_gap = max(worst_gap, float(np.max(gap)))
        pred0 = pred if pred0 is None else pred0
    n_inst, n_rows = x.shape[0], x.shape[1]
    return Evidence(worst_ratio <= 1.0, {"max |formula - autodiff|": worst_gap, "autodiff[0]": grads[0].tolist()},
                    {"formula": str(gradient), "formula[0]": pred0.tolist()},
                    f"|formula - autodiff| <= 4 (N+2) u 2|X|^T|X theta - y| componentwise on {n_inst} instances "
                    f"with N = {n_rows} {'batch ' if rows == 'batch' else ''}rows (worst ratio {worst_ratio:.3g})")


# ---- Hessian of simple linear regression (Problem 4) -----------------------------------------
HESSIAN_SIZES = {"small": (64, 12), "large": (4_096, 1_000)}  # data sets, points per set


def simple_loss(theta, x, y):
    """L(theta_0, theta_1) = sum_i (y_i - theta_0 - theta_1 X_i)^2 (003:530)."""
    r = y - theta[0] - theta[1] * x
    return r @ r


_hessian = jax.jit(jax.vmap(jax.hessian(simple_loss)))


@functools.lru_cache(maxsize=8)
def hessian_instances(seed: int, scale: str):
    """Data sets with inputs of either sign (so sum X_i takes both signs) plus, last, one data set
    whose inputs are all equal: the case where the notes' 'always positive' fails."""
    k, n = HESSIAN_SIZES[scale]
    rng = np.random.default_rng(seed)
    x = rng.standard_normal((k, n)) * rng.uniform(0.2, 3.0, (k, 1)) + rng.uniform(-2.0, 2.0, (k, 1))
    x[-1] = x[-1, 0]
    y = rng.standard_normal((k, n))
    theta = rng.standard_normal((k, 2))  # the Hessian does not depend on it: autodiff at random points
    hess = np.asarray(_hessian(jnp.asarray(theta), jnp.asarray(x), jnp.asarray(y)))
    return x, hess


def _sums(x):
    n = x.shape[1]
    return np.full(x.shape[0], float(n)), x.sum(axis=1), (x**2).sum(axis=1)


def _in_sums(expr):
    """A function of (n, Sx, Sxx), the data's size, sum of X_i and sum of X_i^2."""
    names = {s.name: s for s in sp.sympify(expr).free_symbols}
    args = [names.get(k, sp.Symbol(k)) for k in ("n", "S_x", "S_xx")]
    return sp.lambdify(args, expr, "numpy")


def hessian_vs_autodiff(seed: int, scale: str, hessian) -> Evidence:
    """``hessian``: a 2x2 SymPy matrix in n, S_x = sum X_i, S_xx = sum X_i^2. Pass rule, entrywise
    on every data set: |formula - autodiff| <= 4 (n + 2) u (2n + 2 sum|X_i| + 2 S_xx)."""
    x, hess = hessian_instances(seed, scale)
    n, sx, sxx = _sums(x)
    f = _in_sums(sp.Matrix(hessian))
    pred = np.stack([np.asarray(f(a, b, c), dtype=float) for a, b, c in zip(n, sx, sxx)])
    bound = (4 * (n + 2) * U * (2 * n + 2 * np.abs(x).sum(axis=1) + 2 * sxx))[:, None, None]
    ratio = float(np.max(np.abs(pred - hess) / bound))
    return Evidence(ratio <= 1.0, {"autodiff H (data set 0)": hess[0].tolist(), "max |gap|": float(np.max(np.abs(pred - hess)))},
                    {"formula H (data set 0)": pred[0].tolist()},
                    f"|formula - autodiff| <= 4 (n+2) u (2n + 2 sum|X| + 2 sum X^2) entrywise on {x.shape[0]} data sets "
                    f"of n = {x.shape[1]} points (worst ratio {ratio:.3g})")


def det_trace_vs_autodiff(seed: int, scale: str, det, trace) -> Evidence:
    """``det``, ``trace``: SymPy expressions in n, S_x, S_xx. Measured: det and trace of the
    autodiff Hessian. Pass rule: |pred - measured| <= 16 (n + 2) u M for the determinant, with
    M = 4 n S_xx + 4 S_x^2 the size of the two products it subtracts, and <= 4 (n + 2) u (2n + 2
    S_xx) for the trace."""
    x, hess = hessian_instances(seed, scale)
    n, sx, sxx = _sums(x)
    d_meas = hess[:, 0, 0] * hess[:, 1, 1] - hess[:, 0, 1] * hess[:, 1, 0]
    t_meas = hess[:, 0, 0] + hess[:, 1, 1]
    d_pred = np.broadcast_to(np.asarray(_in_sums(det)(n, sx, sxx), dtype=float), n.shape)
    t_pred = np.broadcast_to(np.asarray(_in_sums(trace)(n, sx, sxx), dtype=float), n.shape)
    d_bound = 16 * (n + 2) * U * (4 * n * sxx + 4 * sx**2)
    t_bound = 4 * (n + 2) * U * (2 * n + 2 * sxx)
    ratio = float(max(np.max(np.abs(d_pred - d_meas) / d_bound), np.max(np.abs(t_pred - t_meas) / t_bound)))
    return Evidence(ratio <= 1.0, {"det (data set 0)": float(d_meas[0]), "trace (data set 0)": float(t_meas[0]),
                                   "det (all X_i equal)": float(d_meas[-1])},
                    {"det (data set 0)": float(d_pred[0]), "trace (data set 0)": float(t_pred[0]),
                     "det (all X_i equal)": float(d_pred[-1])},
                    f"|pred - autodiff| within 16 (n+2) u (4 n S_xx + 4 S_x^2) for det and 4 (n+2) u (2n + 2 S_xx) "
                    f"for the trace on {x.shape[0]} data sets (worst ratio {ratio:.3g})")


QUADRATIC_DIRECTIONS = 8


def quadratic_form_vs_autodiff(seed: int, scale: str, per_point) -> Evidence:
    """``per_point``: a SymPy expression in v_0, v_1 and x whose sum over the data is claimed to be
    v^T H v. Measured: v^T H v with the autodiff Hessian for random directions v. Pass rule:
    |sum - v^T H v| <= 8 (n + 4) u v^T|H|v-like scale (|v|^T |H| |v| + sum|per point|). The
    smallest eigenvalue of each Hessian is reported too: >= -round-off everywhere and zero (to
    round-off) for the data set whose X_i are all equal."""
    x, hess = hessian_instances(seed, scale)
    rng = np.random.default_rng(seed + 1)
    v = rng.standard_normal((x.shape[0], QUADRATIC_DIRECTIONS, 2))
    names = {s.name: s for s in sp.sympify(per_point).free_symbols}
    f = sp.lambdify([names.get(k, sp.Symbol(k)) for k in ("v_0", "v_1", "x")], per_point, "numpy")
    pred = np.stack([np.asarray(f(v[:, j, 0:1], v[:, j, 1:2], x), dtype=float).sum(axis=1)
                     for j in range(QUADRATIC_DIRECTIONS)], axis=1)
    meas = np.einsum("kji,kil,kjl->kj", v, hess, v)
    n, _, sxx = _sums(x)
    sabs = np.abs(x).sum(axis=1)
    sizes = np.stack([np.stack([2 * n, 2 * sabs], -1), np.stack([2 * sabs, 2 * sxx], -1)], -2)
    scale_ = np.einsum("kji,kil,kjl->kj", np.abs(v), sizes, np.abs(v))
    bound = 8 * (x.shape[1] + 4) * U * scale_
    ratio = float(np.max(np.abs(pred - meas) / bound))
    eig = np.linalg.eigvalsh(hess)
    rel_min = eig[:, 0] / eig[:, 1]
    return Evidence(ratio <= 1.0, {"v^T H v (data set 0, v_0)": float(meas[0, 0]),
                                   "min eigenvalue / max eigenvalue": float(rel_min[:-1].min()),
                                   "same, all X_i equal": float(rel_min[-1])},
                    {"sum over data (data set 0, v_0)": float(pred[0, 0])},
                    f"|sum_i f(v, X_i) - v^T H v| <= 8 (n+4) u |v|^T A |v| for {QUADRATIC_DIRECTIONS} random v on "
                    f"{x.shape[0]} data sets (worst ratio {ratio:.3g})")
