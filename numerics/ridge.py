"""Experiments for the explicit-regularisation claims of 003 chapter 2: the ridge formula (2.14)
against the minimiser of the penalised loss found by JAX autodiff, and weight-decay steps against
gradient steps on the penalised loss of Problem 5.

Data come from NumPy's PCG64 seeded with the claim's seed (threefry's kernels would cost more to
compile than these experiments take to run); losses, gradients and Hessians are JAX float64.
"""
from __future__ import annotations

import functools

import jax
import jax.numpy as jnp
import numpy as np
import sympy as sp

from checks import Evidence
from numerics.statistics import evaluate
from numerics._analysis import U


# ---------------------------------------------------------------------------------------------
# Ridge: the formula against the autodiff minimiser
# ---------------------------------------------------------------------------------------------
# (instances per kind, rows, coefficients); the "wide" instances use only WIDE_ROWS of the rows
# (the rest are zero, adding nothing to the loss), so X^T X is singular there.
RIDGE_SIZES = {"small": (6, 12, 6), "large": (256, 40, 16)}
WIDE_ROWS = 4
LAMBDAS = (0.05, 0.5, 2.0)
RIDGE_TOLERANCE = 64   # times cond(X^T X + lambda I) u: two backward-stable solves of the same system


def penalised_loss(theta, x, y, lam):
    """|y - X theta|^2 + lambda |theta|^2 (003:1001 with the squared L2 norm)."""
    r = y - x @ theta
    return r @ r + lam * theta @ theta


@jax.jit
@jax.vmap
def normal_equations(x, y, lam):
    """The gradient g and the Hessian H of the penalised loss at theta = 0 by autodiff: the loss is
    quadratic, so its minimiser solves H theta = -g (one exact Newton step)."""
    zero = jnp.zeros(x.shape[1])
    return jax.grad(penalised_loss)(zero, x, y, lam), jax.hessian(penalised_loss)(zero, x, y, lam)


def autodiff_minimiser(x, y, lam):
    """Solve the autodiff normal equations (LAPACK through NumPy: compiling a batched JAX solve
    would cost more than this whole experiment)."""
    g, h = (np.asarray(a) for a in normal_equations(jnp.asarray(x), jnp.asarray(y), jnp.asarray(lam)))
    return -np.linalg.solve(h, g[..., None])[..., 0]


@functools.lru_cache(maxsize=8)
def ridge_instances(seed: int, scale: str):
    k, rows, cols = RIDGE_SIZES[scale]
    rng = np.random.default_rng(seed)
    x = rng.standard_normal((2 * k, rows, cols))
    x[k:, WIDE_ROWS:, :] = 0.0                      # wide problems: fewer data than coefficients
    y = rng.standard_normal((2 * k, rows))
    lam = np.array([LAMBDAS[i % len(LAMBDAS)] for i in range(2 * k)])
    theta = autodiff_minimiser(x, y, lam)
    return x, y, lam, theta


@functools.lru_cache(maxsize=16)
def _estimator_function(expr, rows: int, cols: int):
    """The formula, a matrix expression in X (n x p), y (n x 1) and lambda, as a NumPy function of
    (X, y, lambda) for n = rows and p = cols."""
    expr = sp.sympify(expr)
    x_sym = next(m for m in expr.atoms(sp.MatrixSymbol) if m.name == "X")
    concrete = expr.subs({x_sym.shape[0]: rows, x_sym.shape[1]: cols})
    mats = {m.name: m for m in concrete.atoms(sp.MatrixSymbol)}
    lam_sym = next((v for v in concrete.free_symbols if getattr(v, "name", "") == "lambda"), sp.Symbol("lambda"))
    return sp.lambdify((mats["X"], mats["y"], lam_sym), concrete, "numpy")


def _formula(expr, x, y, lam):
    """The estimator formula on one instance; a singular matrix gives NaNs (a wrong formula may
    need the inverse of a singular X^T X)."""
    f = _estimator_function(sp.sympify(expr), *x.shape)
    try:
        with np.errstate(all="ignore"):
            return np.asarray(f(x, y[:, None], lam), dtype=float).reshape(-1)
    except np.linalg.LinAlgError:
        return np.full(x.shape[1], np.nan)


def ridge_vs_autodiff_minimiser(seed: int, scale: str, estimator) -> Evidence:
    """``estimator``: a SymPy matrix expression in X (n x p), y (n x 1) and lambda. Pass, on every
    instance: |formula - minimiser| <= 64 cond(X^T X + lambda I) u |minimiser| (u = 2^-53)."""
    x, y, lam, theta = ridge_instances(seed, scale)
    worst, worst_rel = 0.0, 0.0
    for xk, yk, lk, tk in zip(x, y, lam, theta):
        pred = _formula(estimator, xk, yk, lk)
        cond = np.linalg.cond(xk.T @ xk + lk * np.eye(xk.shape[1]))
        rel = float(np.linalg.norm(pred - tk) / np.linalg.norm(tk)) if np.all(np.isfinite(pred)) else float("inf")
        worst = max(worst, rel / (RIDGE_TOLERANCE * cond * U))
        worst_rel = max(worst_rel, rel)
    k, rows, cols = RIDGE_SIZES[scale]
    return Evidence(worst <= 1.0, {"max relative gap": worst_rel}, {"max relative gap": 0.0},
                    f"relative gap <= {RIDGE_TOLERANCE} cond u on all {2 * k} instances (worst: {worst:.3g} of the bound)",
                    detail=f"{k} instances {rows} x {cols} and {k} with {WIDE_ROWS} data rows (X^T X singular); lambda in {LAMBDAS}")


# ---------------------------------------------------------------------------------------------
# Problem 5: decayed steps against gradient steps on the penalised loss
# ---------------------------------------------------------------------------------------------
WD_STEPS = 100
WD_SETTINGS = ((0.1, 0.01), (0.5, 0.05), (0.05, 0.02))     # (alpha, lambda)
WD_DATA = (40, 4)                                          # examples, parameters
WD_TOLERANCE = 16                                          # times k u |theta| after k steps


def logistic_loss(theta, x, labels):
    """Mean log(1 + exp(-label x.theta)): a smooth loss that is not quadratic."""
    return jnp.mean(jnp.logaddexp(0.0, -labels * (x @ theta)))


@jax.jit
def _trajectories(theta0, x, labels, alpha, lam, c):
    """Both trajectories, vmapped over the (alpha, lambda, c) settings: theta <- (1 - lambda) theta -
    alpha dL/dtheta (003:1070) and theta <- theta - alpha d/dtheta (L + c |theta|^2)."""
    grad_l = jax.grad(logistic_loss)

    def penalised(theta, c_):
        return logistic_loss(theta, x, labels) + c_ * theta @ theta

    grad_pen = jax.grad(penalised)

    def run(a, l_, c_):
        def step(carry, _):
            decayed, plain = carry
            decayed = (1 - l_) * decayed - a * grad_l(decayed, x, labels)
            plain = plain - a * grad_pen(plain, c_)
            return (decayed, plain), jnp.max(jnp.abs(decayed - plain)) / jnp.max(jnp.abs(decayed))

        _, gaps = jax.lax.scan(step, (theta0, theta0), None, length=WD_STEPS)
        return gaps

    return jax.vmap(run)(alpha, lam, c)


@functools.lru_cache(maxsize=8)
def _wd_data(seed: int):
    rng = np.random.default_rng(seed)
    n, p = WD_DATA
    x = rng.standard_normal((n, p))
    labels = np.sign(x @ rng.standard_normal(p) + 0.5 * rng.standard_normal(n))
    return x, labels, rng.standard_normal(p)


def decayed_vs_penalised_trajectories(seed: int, scale: str, penalty) -> Evidence:
    """``penalty``: the coefficient c of |theta|^2 as an expression in lambda and alpha. Pass: after
    k steps the decayed and the penalised trajectories differ by at most 16 k u max|theta|, for
    every k <= 100 and every setting (each step adds a few round-offs, and the steps contract)."""
    x, labels, theta0 = _wd_data(seed)
    alpha = np.array([a for a, _ in WD_SETTINGS])
    lam = np.array([l_ for _, l_ in WD_SETTINGS])
    c = evaluate(penalty, alpha=alpha, **{"lambda": lam})
    gaps = np.asarray(_trajectories(jnp.asarray(theta0), jnp.asarray(x), jnp.asarray(labels), jnp.asarray(alpha),
                                    jnp.asarray(lam), jnp.asarray(c)))
    bound = WD_TOLERANCE * U * np.arange(1, WD_STEPS + 1)
    ratio = float(np.max(gaps / bound))
    return Evidence(ratio <= 1.0, {"max relative gap": float(gaps.max())}, {"max relative gap": 0.0},
                    f"relative gap after k steps <= {WD_TOLERANCE} k u for k = 1..{WD_STEPS} (worst: {ratio:.3g} of the bound)",
                    detail=f"logistic loss, {WD_DATA[0]} examples, {WD_DATA[1]} parameters; (alpha, lambda) in {WD_SETTINGS}",
                    figure={"kind": "loglog", "x": list(range(1, WD_STEPS + 1)),
                            "series": {f"alpha={a}, lambda={l_}": [float(v) + 1e-300 for v in g] for (a, l_), g in zip(WD_SETTINGS, gaps)},
                            "xlabel": "step", "ylabel": "relative gap"})
