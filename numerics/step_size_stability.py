"""Gradient descent near a local minimum at several step sizes (float64):

1. random one-dimensional objectives whose gradient is a cubic f'(theta* + e) = lambda e + a2 e^2 +
   a3 e^3: the one-step error ratio in the linear regime, and whether 400 steps converge;
2. the double well f'(theta) = theta (theta - 2)(theta - 3)/2 (a sharp minimum at 0 with curvature 3,
   a flat one at 3 with curvature 3/2): where gradient descent from 1e-3 ends up.
"""
from __future__ import annotations

import functools

import jax
import jax.numpy as jnp
import numpy as np

from checks import Evidence
from numerics._analysis import U

jax.config.update("jax_enable_x64", True)

ALPHA_LAMBDA = (0.5, 1.5, 1.9, 2.1, 2.5, 3.0)       # alpha lambda on both sides of 2 (and of 1)
INSTANCES = {"small": 16, "large": 4096}
STEPS = 400
E_RATIO, E_RUN = 1e-7, 1e-4                          # starting errors: the linear regime, and a run
CONVERGED = 1e-9
DOUBLE_WELL = {"sharp": 0.0, "barrier": 2.0, "flat": 3.0, "curvature sharp": 3.0, "curvature flat": 1.5}
WELL_ALPHAS = (0.5, 0.9, 1.2)                         # alpha lambda_sharp = 1.5, 2.7, 3.6; alpha lambda_flat = 0.75, 1.35, 1.8
WELL_START = 1e-3


def cubic_slope(e, lam, a2, a3):
    """f'(theta* + e) for a gradient that is a cubic in the error e, with curvature lambda at theta*."""
    return lam * e + a2 * e**2 + a3 * e**3


# The double well is such a cubic around its sharp minimum 0: theta (theta - 2)(theta - 3)/2 =
# 3 theta - (5/2) theta^2 + (1/2) theta^3.
WELL_CUBIC = (3.0, -2.5, 0.5)


@functools.partial(jax.jit, static_argnums=(5,))
def _paths(e0, alpha, lam, a2, a3, steps):
    """e_0 .. e_steps of e <- e - alpha f'(theta* + e), for every instance of the flat arrays at once
    (one compilation serves every run of this module)."""
    def body(e, _):
        e = e - alpha * cubic_slope(e, lam, a2, a3)
        return e, e

    _, path = jax.lax.scan(body, e0, None, length=steps)
    return jnp.concatenate([e0[None], path])


@functools.lru_cache(maxsize=8)
def runs(seed: int, scale: str):
    """Random cubics (two starts each: the linear regime and a run) and the double well, in one batch."""
    rng = np.random.default_rng(seed)
    k = INSTANCES[scale]
    lam = rng.uniform(0.5, 4.0, (k, 1))
    a2, a3 = rng.uniform(-2.0, 2.0, (k, 1)), rng.uniform(-2.0, 2.0, (k, 1))
    alpha = np.asarray(ALPHA_LAMBDA)[None, :] / lam
    shape = alpha.shape
    cubics = [np.broadcast_to(z, shape).ravel() for z in (alpha, lam, a2, a3)]
    n_well = len(WELL_ALPHAS)
    flat = [np.concatenate([c, c, w]) for c, w in zip(cubics, (np.asarray(WELL_ALPHAS), *(np.full(n_well, v) for v in WELL_CUBIC)))]
    e0 = np.concatenate([np.full(alpha.size, E_RATIO), np.full(alpha.size, E_RUN), np.full(n_well, WELL_START)])
    path = np.asarray(_paths(jnp.asarray(e0), *(jnp.asarray(z) for z in flat), STEPS))
    ratio = (path[1, :alpha.size] / E_RATIO).reshape(shape)
    final = path[-1, alpha.size:2 * alpha.size].reshape(shape)
    well = path[:, 2 * alpha.size:]
    return lam, a2, a3, alpha, ratio, final, well


def step_size_experiment(seed: int, scale: str, factor, threshold) -> Evidence:
    """``factor(alpha, lambda)``: the claimed one-step error factor; ``threshold(lambda)``: the claimed
    largest step for which the minimum attracts.

    Pass rule, all of:
    (a) one step from e_0 = 1e-7: e_1/e_0 = factor - alpha (a2 e_0 + a3 e_0^2) within 16u (1 + alpha lambda).
        The higher-order part is the instance's own (its f' is exactly the cubic), so only the linear
        factor is tested, to the rounding of a few float64 operations on numbers of size e_0 (1 + alpha lambda);
    (b) after 400 steps from e_0 = 1e-4: converged (|e| < 1e-9) exactly when alpha < threshold. With
        alpha lambda at least 0.1 away from 2 the linear factor is at most 0.9 or at least 1.1 in size,
        so convergence takes < 130 steps and a repelled iterate is at least 1e-4 1.1^10 away after 10;
    (c) the double well from theta_0 = 1e-3: the iterate ends (|theta - 0| < 1e-9) at the sharp minimum exactly
        when alpha < threshold(3), and otherwise leaves it."""
    lam, a2, a3, alpha, ratio, final, well = runs(seed, scale)
    with np.errstate(all="ignore"):
        f = np.broadcast_to(np.asarray(factor(alpha, lam), dtype=float), ratio.shape)
        higher = alpha * (a2 * E_RATIO + a3 * E_RATIO**2)
        gap = np.abs(ratio + higher - f) / (16 * U * (1 + alpha * lam))
        stable = alpha < np.broadcast_to(np.asarray(threshold(lam), dtype=float), alpha.shape)
    worst = float(np.nanmax(np.where(np.isfinite(gap), gap, np.inf)))
    converged = np.isfinite(final) & (np.abs(final) < CONVERGED)
    mismatched = int(np.sum(converged != stable))
    well_alphas = np.asarray(WELL_ALPHAS)
    with np.errstate(all="ignore"):
        stays_pred = well_alphas < float(threshold(DOUBLE_WELL["curvature sharp"]))
    ends = well[-1]
    stays = np.abs(ends - DOUBLE_WELL["sharp"]) < CONVERGED
    ok = worst <= 1.0 and mismatched == 0 and bool(np.all(stays == stays_pred))
    col = {al: i for i, al in enumerate(ALPHA_LAMBDA)}
    figure = {"kind": "line", "x": list(range(well.shape[0]))[:60],
              "series": {f"alpha = {a} (alpha lambda_sharp = {a * 3:g})": well[:60, i].tolist() for i, a in enumerate(WELL_ALPHAS)},
              "xlabel": "step", "ylabel": "theta",
              "title": "gradient descent on theta (theta - 2)(theta - 3)/2 from theta_0 = 1e-3"}
    return Evidence(ok,
                    {"worst one-step gap / round-off bound": worst,
                     "converged fraction per alpha lambda": {al: float(np.mean(converged[:, col[al]])) for al in ALPHA_LAMBDA},
                     "double well, where each alpha ends": {a: float(x) for a, x in zip(WELL_ALPHAS, ends)}},
                    {"converges for alpha lambda": [al for al in ALPHA_LAMBDA if bool(np.all(stable[:, col[al]]))],
                     "double well, stays at 0 for alpha": [float(a) for a, s in zip(WELL_ALPHAS, stays_pred) if s]},
                    f"(a) e_1/e_0 = factor - alpha (a2 e_0 + a3 e_0^2) within 16u (1 + alpha lambda) (worst ratio {worst:.3g}); (b) converged "
                    f"after {STEPS} steps exactly when alpha < threshold ({mismatched} mismatches of {converged.size}); "
                    f"(c) double well: stays at the sharp minimum exactly when alpha < threshold(3)",
                    detail=f"{lam.shape[0]} random cubics; double well f'(theta) = theta (theta - 2)(theta - 3)/2",
                    figure=figure)
