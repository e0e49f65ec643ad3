"""Experiments for early stopping as L2 regularisation (000:328-390, slides 002:1028-1086).

1. ``gd_iterate_closed_form``: gradient descent from w = 0 on random quadratics
   J^(w) = J(w*) + 1/2 (w - w*)^T H (w - w*), run in the original basis, against the closed form
   Q^T w^(tau) = [I - (I - eps Lambda)^tau] Q^T w* in the eigenbasis of H.
2. ``early_stopping_vs_ridge``: tau = 1/(eps alpha) steps of gradient descent against the ridge
   (L2) solution with that alpha, eigen-direction by eigen-direction: the relative gap vanishes at
   first order in lambda / alpha where the notes' conditions hold, and is large where they fail.

Random numbers come from NumPy's PCG64 seeded with the claim's seed (fixed and reproducible like
a PRNGKey; threefry's kernels cost seconds to compile on a busy 2-core machine, far more than
these experiments take to run); the descent itself is JAX float64.
"""
from __future__ import annotations

import functools

import jax
import jax.numpy as jnp
import numpy as np
import sympy as sp

from checks import Evidence
from numerics._analysis import U


def _fn(expr, *names):
    """``expr`` as a NumPy function of the symbols with these names (whatever their assumptions)."""
    own = {s.name: s for s in sp.sympify(expr).free_symbols}
    return sp.lambdify([own.get(n, sp.Symbol(n)) for n in names], expr, "numpy")


def random_rotations(rng: np.random.Generator, shape: tuple[int, ...], d: int) -> np.ndarray:
    """Orthogonal d x d matrices (QR of Gaussian matrices), one per index of ``shape``."""
    return np.linalg.qr(rng.standard_normal((*shape, d, d)))[0]


@jax.jit
def descend(h, w_star, eps, steps):
    """``steps`` gradient steps w <- w - eps H (w - w*) from w = 0 (000:348-349), batched over the
    leading axes of ``h`` (..., d, d); ``eps`` and ``steps`` broadcast against those axes. The step
    count is traced: one compilation serves every hypothesis."""
    eps = jnp.broadcast_to(eps, h.shape[:-2])[..., None]
    steps = jnp.broadcast_to(steps, h.shape[:-2])
    w_star = jnp.broadcast_to(w_star, h.shape[:-1])

    def body(t, w):
        moved = w - eps * jnp.einsum("...ij,...j->...i", h, w - w_star)
        return jnp.where((t < steps)[..., None], moved, w)   # each instance stops at its own tau

    return jax.lax.fori_loop(0, jnp.max(steps), body, jnp.zeros_like(w_star))


# ---------------------------------------------------------------------------------------------
# 1. The gradient-descent iterate in the eigenbasis of H
# ---------------------------------------------------------------------------------------------
# At scale small both experiments batch (5, 16, 11, 11) Hessians, so one compilation of
# ``descend`` serves both claims.
ITERATE_SIZES = {"small": (16, 11), "large": (512, 32)}   # quadratics, dimension
ITERATE_TAUS = (1, 2, 5, 20, 100)
STEP_TIMES_LAMBDA = (0.02, 1.9)   # eps lambda_i uniform here: |1 - eps lambda_i| < 1 (000:361), both signs of 1 - eps lambda


@functools.lru_cache(maxsize=8)
def iterate_run(seed: int, scale: str):
    k, d = ITERATE_SIZES[scale]
    rng = np.random.default_rng(seed)
    q = random_rotations(rng, (k,), d)
    eps = 0.1
    lam = rng.uniform(*STEP_TIMES_LAMBDA, (k, d)) / eps
    h = np.einsum("kij,kj,klj->kil", q, lam, q)
    coords = rng.choice([-1.0, 1.0], (k, d)) * rng.uniform(0.5, 1.5, (k, d))   # Q^T w*, away from 0
    w_star = np.einsum("kij,kj->ki", q, coords)
    taus = np.array(ITERATE_TAUS)
    hb = np.broadcast_to(h, (len(taus), k, d, d))
    wb = np.broadcast_to(w_star, (len(taus), k, d))
    w = np.asarray(descend(np.ascontiguousarray(hb), np.ascontiguousarray(wb), np.full((len(taus), 1), eps, dtype=np.float64), taus[:, None].astype(np.int64)))
    return q, lam, eps, coords, w_star, taus, np.einsum("kji,tkj->tki", q, w)


def gd_iterate_closed_form(seed: int, scale: str, factor) -> Evidence:
    """``factor``: a SymPy expression in lambda, epsilon, tau, the claimed ratio
    (Q^T w^(tau))_i / (Q^T w*)_i (000:363: 1 - (1 - eps lambda_i)^tau).
    Measured: Q^T w^(tau) of gradient descent run on H = Q Lambda Q^T in the original basis.
    Pass rule, on every coordinate of every quadratic and every tau:
    |(Q^T w^(tau))_i - factor (Q^T w*)_i| <= B = 8 (d + 2) (tau + 1) u (1 + 2 eps ||H||) ||w*||.
    Why: a step w - eps H (w - w*) commits round-off of at most ~(d + 2) u (|w| + eps ||H|| |w - w*|)
    per coordinate, with |w - w*| <= |w*| and |w| <= 2 |w*| along the way (every |1 - eps lambda_i| < 1);
    the exact iteration contracts (||I - eps H|| < 1), so tau steps add at most tau such errors.
    The rotation back, H's own round-off and the power (1 - eps lambda)^tau add one more term."""
    q, lam, eps, coords, w_star, taus, measured = iterate_run(seed, scale)
    d = lam.shape[1]
    f = _fn(factor, "lambda", "epsilon", "tau")
    t = taus[:, None, None].astype(float)
    with np.errstate(all="ignore"):
        pred = np.broadcast_to(np.asarray(f(lam[None], eps, t), dtype=float), measured.shape) * coords[None]
    norm_h = lam.max(axis=1)[None, :, None]
    norm_w = np.linalg.norm(w_star, axis=1)[None, :, None]
    bound = 8 * (d + 2) * (t + 1) * U * (1 + 2 * eps * norm_h) * norm_w
    ratio = np.abs(measured - pred) / bound
    worst = float(np.nanmax(np.where(np.isfinite(ratio), ratio, np.inf)))
    j = int(np.argmax(np.max(np.where(np.isfinite(ratio), ratio, np.inf), axis=(1, 2))))
    x = np.sort(eps * lam[0])
    order = np.argsort(lam[0])
    figure = {"kind": "line", "x": x.tolist(),
              "series": {"measured, tau = 5": (measured[2, 0, order] / coords[0, order]).tolist(),
                         "predicted, tau = 5": (pred[2, 0, order] / coords[0, order]).tolist()},
              "xlabel": "eps lambda_i", "ylabel": "(Q^T w^(tau))_i / (Q^T w*)_i"}
    return Evidence(bool(worst <= 1.0),
                    {"ratio at tau = 5 (quadratic 0, smallest eps lambda)": float(measured[2, 0, order[0]] / coords[0, order[0]]),
                     "max |gap|": float(np.nanmax(np.abs(measured - pred)))},
                    {"factor": str(factor),
                     "ratio at tau = 5 (quadratic 0, smallest eps lambda)": float(pred[2, 0, order[0]] / coords[0, order[0]])},
                    f"|Q^T w^(tau) - factor Q^T w*| <= 8 (d + 2)(tau + 1) u (1 + 2 eps ||H||) ||w*|| on all coordinates of "
                    f"{lam.shape[0]} quadratics x tau in {ITERATE_TAUS} (worst ratio {worst:.3g}, at tau = {taus[j]})",
                    detail=f"dimension {d}, eps = {eps}, eps lambda_i uniform in {STEP_TIMES_LAMBDA}",
                    figure=figure)


# ---------------------------------------------------------------------------------------------
# 2. tau = 1/(eps alpha) steps against the ridge solution with alpha
# ---------------------------------------------------------------------------------------------
# (eps, alpha) pairs: tau = 1/(eps alpha) from 200, where lambda/alpha = 200 eps lambda dominates the
# gap, down to 4, where eps lambda and lambda/alpha are of the same size. tau >= 4 keeps
# eps lambda = (lambda/alpha) / tau <= 1 up to lambda/alpha = 4: gradient descent stays stable.
CONFIGS = ((0.05, 0.1), (0.02, 0.5), (0.1, 0.5), (0.25, 0.4), (0.5, 0.5))
# lambda_i / alpha in the band where the notes' conditions hold (eps lambda_i << 1 and
# lambda_i / alpha << 1; with alpha = 1/(tau eps), eps lambda = (lambda/alpha) / tau is smaller still) ...
AGREE_SPAN = (-3.0, -1.0)
AGREE_POINTS = {"small": 8, "large": 32}
# ... and where they fail: lambda/alpha >= 1 (eps lambda up to 0.02 at tau = 200, up to 1 at tau = 4).
FAIL_RATIOS = (1.0, 2.0, 4.0)
ESTOP_INSTANCES = {"small": 16, "large": 256}
ORDER_BAND = (0.95, 1.05)
LEVEL_BAND = (0.99, 1.01)
FAIL_GAP = 0.1


@functools.lru_cache(maxsize=16)
def estop_setup(seed: int, scale: str):
    """Random rotations and eigen-coordinates of w*; eigenvalues lambda_i = (lambda_i / alpha) alpha."""
    k = ESTOP_INSTANCES[scale]
    ratios = np.concatenate([np.logspace(*AGREE_SPAN, AGREE_POINTS[scale]), FAIL_RATIOS])
    d = ratios.size
    rng = np.random.default_rng(seed)
    q = random_rotations(rng, (len(CONFIGS), k), d)
    coords = rng.choice([-1.0, 1.0], (len(CONFIGS), k, d)) * rng.uniform(0.5, 1.5, (len(CONFIGS), k, d))
    alpha = np.array([a for _, a in CONFIGS])
    lam = ratios[None, :] * alpha[:, None]                              # (configs, d)
    h = np.einsum("ckij,cj,cklj->ckil", q, lam, q)
    w_star = np.einsum("ckij,ckj->cki", q, coords)
    ridge = np.linalg.solve(h + alpha[:, None, None, None] * np.eye(d), np.einsum("ckij,ckj->cki", h, w_star)[..., None])[..., 0]
    return q, lam, ratios, coords, h, w_star, np.einsum("ckji,ckj->cki", q, ridge)


@functools.lru_cache(maxsize=16)
def estop_descent(seed: int, scale: str, steps: tuple[int, ...]):
    """Q^T w^(tau) after ``steps[c]`` gradient steps for configuration c."""
    q, _, _, _, h, w_star, _ = estop_setup(seed, scale)
    eps = np.array([e for e, _ in CONFIGS])[:, None]
    w = np.asarray(descend(h, w_star, eps.astype(np.float64), np.asarray(steps, dtype=np.int64)[:, None]))
    return np.einsum("ckji,ckj->cki", q, w)


def early_stopping_vs_ridge(seed: int, scale: str, tau, residual) -> Evidence:
    """``tau``: a SymPy expression in epsilon, alpha, the number of gradient steps equivalent to L2
    with alpha (000:379: 1/(eps alpha)); ``residual``: a SymPy expression in lambda, alpha, the factor
    the matching condition (000:374) equates with (1 - eps lambda)^tau: alpha / (lambda + alpha).
    The hypothesis predicts the early-stopped iterate Q^T w^(tau) = [I - residual(Lambda, alpha)] Q^T w*.

    For each (eps, alpha) in CONFIGS: gradient descent from 0 for round(tau(eps, alpha)) steps on
    random quadratics, and the ridge solution (H + alpha I)^{-1} H w* by LAPACK. Per eigen-direction,
    the relative gap delta_i = |q_i^T w^(tau) - (1 - residual_i) q_i^T w*| / |(1 - residual_i) q_i^T w*|.
    Pass rule, all of:
    (a) [I - residual] Q^T w* is the ridge solution: within 64 d u kappa |Q^T w*| of LAPACK's
        (kappa = (lambda_max + alpha) / alpha, the conditioning of H + alpha I);
    (b) in the band lambda_i / alpha in [1e-3, 1e-1]: the log-log least-squares slope of delta_i
        against lambda_i / alpha is in [0.95, 1.05], and delta_i / [(eps lambda_i + lambda_i/alpha)/2]
        at the smallest lambda_i is in [0.99, 1.01]. Why: the matching tau_i solves
        (1 - eps lambda_i)^tau = alpha/(lambda_i + alpha) exactly and equals
        1/(eps alpha) [1 - (eps lambda_i + lambda_i/alpha)/2 + O(lambda_i^2)] (claim's step), so stopping at
        1/(eps alpha) leaves delta_i = (eps lambda_i + lambda_i/alpha)/2 (1 + O(lambda_i/alpha)): order 1.
        The O(lambda/alpha) factor changes log delta by < 0.07 over the band's two decades (slope
        within 0.02 of 1), and is ~1e-3 at its low end; round-off (~1e-12 relative) is far below;
    (c) where the conditions fail, lambda_i / alpha in {1, 2, 4}: delta_i >= 0.1, a clear disagreement."""
    q, lam, ratios, coords, _, _, ridge = estop_setup(seed, scale)
    eps = np.array([e for e, _ in CONFIGS])
    alpha = np.array([a for _, a in CONFIGS])
    d = ratios.size
    steps_raw = np.asarray(_fn(tau, "epsilon", "alpha")(eps, alpha), dtype=float) * np.ones(len(CONFIGS))
    if not np.all(np.isfinite(steps_raw)) or np.any(steps_raw < 0):
        return Evidence(False, {"steps": steps_raw.tolist()}, {"tau": str(tau)},
                        "tau(eps, alpha) must be a nonnegative number of gradient steps",
                        detail="the hypothesis predicts no run of gradient descent from w = 0")
    steps = tuple(int(s) for s in np.rint(steps_raw))
    gd = estop_descent(seed, scale, steps)
    with np.errstate(all="ignore"):
        kept = 1.0 - np.broadcast_to(np.asarray(_fn(residual, "lambda", "alpha")(lam, alpha[:, None]), dtype=float), lam.shape)
    predicted = kept[:, None, :] * coords
    # (a) the hypothesis' L2 iterate against LAPACK's ridge solution
    kappa = (lam.max(axis=1) + alpha) / alpha
    ridge_ratio = float(np.max(np.abs(predicted - ridge) / (64 * d * U * kappa[:, None, None] * np.abs(coords))))
    # (b) the gap's order in the band where the conditions hold
    with np.errstate(all="ignore"):
        delta = np.abs(gd - predicted) / np.abs(predicted)
    band = ratios < 1.0
    x = np.log(np.broadcast_to(ratios[band], delta[..., band].shape).reshape(len(CONFIGS), -1))
    y = np.log(np.maximum(delta[..., band], np.finfo(float).tiny)).reshape(len(CONFIGS), -1)
    orders = [float(np.polyfit(x[c], y[c], 1)[0]) for c in range(len(CONFIGS))]
    lead = (eps[:, None] * lam + lam / alpha[:, None]) / 2                      # (eps lambda + lambda/alpha) / 2
    level = delta[:, :, 0] / lead[:, None, 0]                                   # at the smallest lambda
    level_lo, level_hi = float(level.min()), float(level.max())
    # (c) the gap where the conditions fail
    fail_gap = float(delta[..., ~band].min())
    passed = (ridge_ratio <= 1.0 and all(ORDER_BAND[0] <= o <= ORDER_BAND[1] for o in orders)
              and LEVEL_BAND[0] <= level_lo and level_hi <= LEVEL_BAND[1] and fail_gap >= FAIL_GAP)
    names = [f"tau = {s} (eps = {e}, alpha = {a})" for s, (e, a) in zip(steps, CONFIGS)]
    figure = {"kind": "loglog", "x": ratios.tolist(),
              "series": {f"relative gap, {names[0]}": delta[0, 0].tolist(),
                         "(eps lambda + lambda/alpha)/2": lead[0].tolist()},
              "xlabel": "lambda_i / alpha", "ylabel": "|early-stopped - L2| / |L2| along q_i"}
    return Evidence(
        bool(passed),
        {"fitted order of the gap": dict(zip(names, orders)),
         "gap / ((eps lambda + lambda/alpha)/2) at lambda/alpha = 1e-3": [level_lo, level_hi],
         "smallest gap where lambda/alpha >= 1": fail_gap,
         "L2 iterate vs LAPACK ridge, in round-off bounds": ridge_ratio},
        {"tau": str(tau), "residual": str(residual), "order": 1.0, "gap / leading term": 1.0},
        f"(a) [I - residual] Q^T w* within 64 d u kappa of (H + alpha I)^-1 H w*; (b) for lambda/alpha in [1e-3, 1e-1] "
        f"the gap's log-log slope in [{ORDER_BAND[0]}, {ORDER_BAND[1]}] and gap/((eps lambda + lambda/alpha)/2) at 1e-3 in "
        f"[{LEVEL_BAND[0]}, {LEVEL_BAND[1]}]; (c) gap >= {FAIL_GAP} where lambda/alpha in {FAIL_RATIOS} "
        f"(measured: slopes {', '.join(f'{o:.3f}' for o in orders)}, level [{level_lo:.4f}, {level_hi:.4f}], "
        f"failing-band gap {fail_gap:.3g}, ridge ratio {ridge_ratio:.3g})",
        detail=f"{delta.shape[1]} random rotations per (eps, alpha), dimension {d}",
        figure=figure)
