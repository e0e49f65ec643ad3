"""Experiments for the L2 / weight-decay claims (000:104-157, slides 002:664-748, 003:1066-1100).

1. ``decayed_step_vs_autodiff``: one gradient step on J + (alpha/2) ||w||^2, with the gradient
   from JAX autodiff, against the rescaled update (1 - eps alpha) w - eps grad J.
2. ``taylor_remainder_order``: the remainder of the second-order Taylor model of a smooth
   non-quadratic loss along random directions, and its fitted order in t.
3. ``decay_shrinks_eigencomponents``: gradient descent with weight decay on random quadratics;
   its limit against (H + alpha I)^{-1} H w* and the shrink factor of each eigen-coordinate.

Random numbers come from NumPy's PCG64 seeded with the claim's seed (fixed and reproducible like
a PRNGKey; threefry's kernels would cost more to compile than these experiments take to run);
all arithmetic is JAX float64.
"""
from __future__ import annotations

import functools

import jax
import jax.numpy as jnp
import numpy as np
import sympy as sp

from checks import Evidence
from numerics._analysis import fitted_order, U


def _fn(expr, *names):
    """``expr`` as a NumPy function of the symbols with these names (whatever their assumptions)."""
    own = {s.name: s for s in sp.sympify(expr).free_symbols}
    return sp.lambdify([own.get(n, sp.Symbol(n)) for n in names], expr, "numpy")


# ---------------------------------------------------------------------------------------------
# 1. One step of gradient descent on the regularised objective
# ---------------------------------------------------------------------------------------------
STEP_SIZES = {"small": (64, 200, 10), "large": (1_024, 1_000, 50)}   # instances, data points, weights
STEP_EPS = (0.01, 0.1, 0.5)
STEP_ALPHA = (1e-3, 1e-1, 1.0)


def logistic_loss(w, x, y):
    """J(w) = sum_i log(1 + exp(-y_i x_i . w)): smooth, not quadratic."""
    return jnp.sum(jnp.logaddexp(0.0, -y * (x @ w)))


def _decayed_step(w, x, y, eps, alpha):
    """w - eps grad(J~), J~ = (alpha/2) w^T w + J (000:108), by autodiff; and grad J alone."""
    objective = lambda v: 0.5 * alpha * v @ v + logistic_loss(v, x, y)  # noqa: E731
    return w - eps * jax.grad(objective)(w), jax.grad(logistic_loss)(w, x, y)


_decayed_steps = jax.jit(jax.vmap(jax.vmap(_decayed_step, (None, None, None, 0, 0)), (0, 0, 0, None, None)))


@functools.lru_cache(maxsize=8)
def step_instances(seed: int, scale: str):
    k, n, d = STEP_SIZES[scale]
    rng = np.random.default_rng(seed)
    x = rng.standard_normal((k, n, d))
    y = np.sign(rng.standard_normal((k, n)))
    w = rng.standard_normal((k, d))
    eps, alpha = (np.array(v, dtype=float) for v in zip(*[(e, a) for e in STEP_EPS for a in STEP_ALPHA]))
    new, grad = _decayed_steps(jnp.asarray(w), jnp.asarray(x), jnp.asarray(y), jnp.asarray(eps), jnp.asarray(alpha))
    return w, eps, alpha, np.asarray(new), np.asarray(grad)


def decayed_step_vs_autodiff(seed: int, scale: str, update) -> Evidence:
    """``update``: a SymPy expression in w, g (= dJ/dw), epsilon, alpha, applied to each weight.
    Pass rule, on every weight of every instance and (eps, alpha) pair:
    |autodiff step - update| <= 8 u (|w| + eps alpha |w| + eps |g|), a few roundings of each term
    in either evaluation (u = 2^-53)."""
    w, eps, alpha, new, grad = step_instances(seed, scale)
    f = _fn(update, "w", "g", "epsilon", "alpha")
    e, a = eps[None, :, None], alpha[None, :, None]
    ww, gg = w[:, None, :], grad
    pred = np.broadcast_to(np.asarray(f(ww, gg, e, a), dtype=float), new.shape)
    bound = 8 * U * (np.abs(ww) + e * a * np.abs(ww) + e * np.abs(gg)) + np.finfo(float).tiny
    ratio = float(np.max(np.abs(pred - new) / bound))
    i, j = np.unravel_index(np.argmax(np.max(np.abs(pred - new) / bound, axis=2)), new.shape[:2])
    return Evidence(ratio <= 1.0,
                    {"autodiff step (instance 0, eps = %g, alpha = %g)" % (eps[-1], alpha[-1]): new[0, -1, :3].tolist(),
                     "max |gap|": float(np.max(np.abs(pred - new)))},
                    {"update": str(update), "update (same)": pred[0, -1, :3].tolist()},
                    f"|w - eps grad(J + alpha/2 |w|^2) - update| <= 8 u (|w| + eps alpha |w| + eps |grad J|) for "
                    f"{w.shape[0]} logistic losses x {len(eps)} (eps, alpha) pairs (worst ratio {ratio:.3g})",
                    detail=f"worst at eps = {eps[j]}, alpha = {alpha[j]}")


# ---------------------------------------------------------------------------------------------
# 2. The second-order Taylor model along a direction
# ---------------------------------------------------------------------------------------------
TAYLOR_SIZES = {"small": (6, 16), "large": (40, 512)}   # dimension, directions
TAYLOR_T = np.logspace(-3.0, -2.0, 6)
ORDER_BAND = (2.9, 3.1)


def smooth_loss(theta, a, c):
    """mean_j exp(a_j . theta) + c/4 |theta|^4: smooth, with nonzero third derivatives."""
    return jnp.mean(jnp.exp(a @ theta)) + 0.25 * c * (theta @ theta) ** 2


@jax.jit
def _along_directions(theta, v, a, c, ts):
    """J(theta), grad J . v and v^T H v by autodiff (H v as the derivative of grad J along v),
    and J(theta + t v) for every direction v and t."""
    grad = lambda th: jax.grad(smooth_loss)(th, a, c)  # noqa: E731
    hv = jax.vmap(lambda vi: jax.jvp(grad, (theta,), (vi,))[1])(v)
    moved = jax.vmap(lambda p: smooth_loss(p, a, c))(theta + (ts[None, :, None] * v[:, None, :]).reshape(-1, theta.size))
    return smooth_loss(theta, a, c), v @ grad(theta), jnp.sum(v * hv, axis=1), moved.reshape(v.shape[0], ts.size)


@functools.lru_cache(maxsize=8)
def taylor_run(seed: int, scale: str):
    d, k = TAYLOR_SIZES[scale]
    rng = np.random.default_rng(seed)
    a = rng.standard_normal((3 * d, d))
    theta = rng.standard_normal(d) / np.sqrt(d)
    v = rng.standard_normal((k, d))
    v /= np.linalg.norm(v, axis=1, keepdims=True)
    out = _along_directions(jnp.asarray(theta), jnp.asarray(v), jnp.asarray(a), 0.5, jnp.asarray(TAYLOR_T))
    return tuple(np.asarray(o) for o in out)


def taylor_remainder_order(seed: int, scale: str, model) -> Evidence:
    """``model``: a SymPy expression in t, J0 (= J(theta)), gv (= grad J . v) and vHv claimed to
    approximate J(theta + t v) to second order. Measured: the remainders R_v(t) = J(theta + t v) -
    model for random unit directions v and t from 1e-3 to 1e-2, their root mean square over the
    directions, S(t), and the log-log least-squares slope p of S against t.
    Pass rule: 2.9 <= p <= 3.1. A model right to second order leaves R_v = t^3/6 D3J[v, v, v] +
    O(t^4), so S(t) = t^3 (A + O(t)) with A > 0 (the rms of D3J[v, v, v] / 6 over the directions),
    and p = 3 + O(t |D4J| / A), within 0.1 of 3 at t <= 1e-2. The rms matters: a single direction
    can have D3J[v, v, v] ~ 0, where R_v changes sign across the t range and its own slope means
    nothing. A wrong quadratic or linear term leaves p = 2 or 1. S stays far above round-off:
    S >~ 1e-10 against u |J| ~ 1e-16."""
    j0, gv, vhv, moved = taylor_run(seed, scale)
    f = _fn(model, "t", "J0", "gv", "vHv")
    t = TAYLOR_T[None, :]
    pred = np.broadcast_to(np.asarray(f(t, j0, gv[:, None], vhv[:, None]), dtype=float), moved.shape)
    rms = np.sqrt(np.mean((moved - pred) ** 2, axis=0))
    order = fitted_order(TAYLOR_T, rms)
    figure = {"kind": "loglog", "x": TAYLOR_T.tolist(),
              "series": {"rms remainder": rms.tolist(), "t^3 reference": (TAYLOR_T**3 * rms[0] / TAYLOR_T[0] ** 3).tolist()},
              "xlabel": "t", "ylabel": "rms over v of |J(theta + t v) - model|"}
    return Evidence(bool(ORDER_BAND[0] <= order <= ORDER_BAND[1]),
                    {"fitted order": order, "rms remainder at t = 1e-3": float(rms[0])},
                    {"model": str(model), "order": "3 (remainder O(t^3))"},
                    f"log-log slope of the rms remainder over {moved.shape[0]} directions, t in [1e-3, 1e-2], "
                    f"in [{ORDER_BAND[0]}, {ORDER_BAND[1]}]",
                    detail=f"J = mean_j exp(a_j . theta) + |theta|^4 / 8 in dimension {TAYLOR_SIZES[scale][0]}",
                    figure=figure)


# ---------------------------------------------------------------------------------------------
# 3. Weight decay on a quadratic: the limit of gradient descent, per eigen-direction
# ---------------------------------------------------------------------------------------------
SHRINK_SIZES = {"small": (32, 8), "large": (1_024, 64)}   # quadratics, dimension
ALPHA = 1.0
EIG_SPAN = 2.0            # eigenvalues log-uniform in [10^-2, 10^2] alpha: both regimes of the factor
CONVERGED = 1e-16         # the slowest coordinate's error (1 - eps (lambda + alpha))^K falls below this


@functools.partial(jax.jit, static_argnums=5)
def _decay_descent(h, w_star, eps, alpha, w0, steps):
    """w <- w - eps (alpha w + H (w - w*)): gradient descent on J~ = alpha/2 |w|^2 + J^, with
    J^ = J(w*) + 1/2 (w - w*)^T H (w - w*) (000:125, 000:135)."""
    def step(w, _):
        return w - eps[:, None] * (alpha * w + jnp.einsum("kij,kj->ki", h, w - w_star)), None
    w, _ = jax.lax.scan(step, w0, None, length=steps)
    return w


@functools.lru_cache(maxsize=8)
def shrink_run(seed: int, scale: str):
    k, d = SHRINK_SIZES[scale]
    rng = np.random.default_rng(seed)
    q = np.linalg.qr(rng.standard_normal((k, d, d)))[0]
    lam = ALPHA * 10.0 ** rng.uniform(-EIG_SPAN, EIG_SPAN, (k, d))
    lam[:, 0], lam[:, 1] = ALPHA * 10.0**EIG_SPAN, ALPHA * 10.0**-EIG_SPAN   # both extremes present
    h = np.einsum("kij,kj,klj->kil", q, lam, q)
    coords = rng.choice([-1.0, 1.0], (k, d))           # q_i^T w* = +-1: every coordinate the same size
    w_star = np.einsum("kij,kj->ki", q, coords)
    eps = 1.0 / (lam.max(axis=1) + ALPHA)              # contraction 1 - eps (lambda + alpha) in [0, 1)
    slowest = 1.0 - eps * (lam.min(axis=1) + ALPHA)
    steps = int(np.ceil(np.log(CONVERGED) / np.log(slowest.max())))
    w = np.asarray(_decay_descent(jnp.asarray(h), jnp.asarray(w_star), jnp.asarray(eps), ALPHA,
                                  jnp.zeros((k, d)), steps))
    closed = np.linalg.solve(h + ALPHA * np.eye(d), np.einsum("kij,kj->ki", h, w_star)[..., None])[..., 0]  # (H + alpha I)^-1 H w*
    return q, lam, coords, eps, steps, w, closed


def decay_shrinks_eigencomponents(seed: int, scale: str, factor) -> Evidence:
    """``factor``: a SymPy expression in lambda and alpha, the claimed ratio q_i^T w~ / q_i^T w*.
    Measured: gradient descent's limit w_K (from w = 0) in the eigen-coordinates of H.
    Pass rule, on every coordinate of every quadratic:
    |q_i^T w_K / q_i^T w* - factor(lambda_i, alpha)| <= r_i^K |c_i| + 16 d u / (eps (lambda_i + alpha)),
    where r_i = 1 - eps (lambda_i + alpha) is the exact contraction of coordinate i (the iteration
    decouples in the eigenbasis), started at distance |c_i| from the limit, with c_i the coordinate
    of the LAPACK solution of (H + alpha I) w = H w* (over q_i^T w*); the second term bounds
    round-off: each step adds at most ~16 d u to a coordinate (|w|, |w*| and eps ||H|| all <= 1 per
    coordinate), and coordinate i forgets old errors at the rate eps (lambda_i + alpha).
    The same bound must hold for |w_K - (H + alpha I)^{-1} H w*| in the eigen-coordinates."""
    q, lam, coords, eps, steps, w, closed = shrink_run(seed, scale)
    d = lam.shape[1]
    f = _fn(factor, "lambda", "alpha")
    measured = np.einsum("kji,kj->ki", q, w) / coords
    pred = np.broadcast_to(np.asarray(f(lam, ALPHA), dtype=float), lam.shape)
    closed_coords = np.einsum("kji,kj->ki", q, closed) / coords   # the LAPACK solution's own coordinates
    rate = eps[:, None] * (lam + ALPHA)
    bound = (1.0 - rate) ** steps * np.abs(closed_coords) + 16 * d * U / rate
    ratio = float(np.max(np.abs(measured - pred) / bound))
    closed_gap = np.abs(np.einsum("kji,kj->ki", q, w - closed))
    closed_ratio = float(np.max(closed_gap / bound))
    lo, hi = np.argmin(lam[0]), np.argmax(lam[0])
    order = np.argsort(lam[0])
    figure = {"kind": "loglog", "x": (lam[0, order] / ALPHA).tolist(),
              "series": {"measured shrink factor": measured[0, order].tolist(), "predicted": pred[0, order].tolist()},
              "xlabel": "lambda_i / alpha", "ylabel": "q_i^T w~ / q_i^T w*"}
    return Evidence(ratio <= 1.0 and closed_ratio <= 1.0,
                    {"factor at lambda = 100 alpha": float(measured[0, hi]), "factor at lambda = alpha / 100": float(measured[0, lo]),
                     "max |w_K - (H + alpha I)^-1 H w*|": float(closed_gap.max())},
                    {"factor": str(factor), "factor at lambda = 100 alpha": float(pred[0, hi]),
                     "factor at lambda = alpha / 100": float(pred[0, lo])},
                    f"|measured shrink factor - factor(lambda_i, alpha)| <= r_i^K |c_i| + 16 d u / (eps (lambda_i + alpha)) on all "
                    f"{lam.size} eigen-coordinates of {lam.shape[0]} quadratics, K = {steps} steps (worst ratio {ratio:.3g}; "
                    f"GD limit vs closed form {closed_ratio:.3g})",
                    detail=f"dimension {d}, alpha = {ALPHA}, lambda_i / alpha log-uniform in [1e-2, 1e2]",
                    figure=figure)
