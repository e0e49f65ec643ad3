"""Monte Carlo for the ReLU and Heaviside moments of a symmetric random variable (003, Problems 5
and 6) and for the mean and variance of ReLU of a centred Gaussian.

Each experiment draws X from several symmetric families at several scales (one vmapped batch of
cells), and tests a prediction with a z-interval in every cell. The family-wise level is 99.9%:
each of the m tests in an experiment runs at two-sided level 0.001 / m (Bonferroni), so a true
prediction fails somewhere with probability at most 0.1%.
"""
from __future__ import annotations

import functools
from statistics import NormalDist

import jax
import jax.numpy as jnp
import numpy as np
import sympy as sp

from checks import Evidence

FAMILY_WIDE_LEVEL = 0.001
# Symmetric families, each drawn as scale * (a standard draw). Their second moments in terms of
# the scale s: normal N(0, s^2): s^2; Laplace(0, s): 2 s^2; uniform(-s, s): s^2 / 3. The scales
# make E[X^2] differ from 1 in most cells, so a prediction that confuses E[X^2] with 1 is caught.
FAMILIES = ("normal", "laplace", "uniform")
SCALES = (0.5, 1.0, 2.0)
SAMPLES = {"small": 200_000, "large": 20_000_000}


def bonferroni_z(tests: int, level: float = FAMILY_WIDE_LEVEL) -> float:
    """Two-sided normal quantile for ``tests`` simultaneous tests at family-wise ``level``."""
    return NormalDist().inv_cdf(1 - level / (2 * tests))


def standard_draws(key, n: int, cells: int = 1):
    """(3, cells, n) independent standard draws, families in the order of FAMILIES: N(0, 1),
    Laplace(0, 1), uniform(-1, 1). All come from one block of uniforms on [0, 1) (one random-bits
    kernel to compile): Box-Muller for the normal, the difference of two Exp(1) = -log(1 - u) for
    the Laplace."""
    u = jax.random.uniform(key, (5, cells, n))
    exp1 = -jnp.log1p(-u[1:4])  # three independent Exp(1)
    normal = jnp.sqrt(2 * exp1[0]) * jnp.cos(2 * jnp.pi * u[0])
    laplace = exp1[1] - exp1[2]
    return jnp.stack([normal, laplace, 2 * u[4] - 1])


def relu(x):
    return jnp.where(x > 0, x, 0.0)  # the notes' definition: x for x > 0, 0 else (003:595)


def heaviside(x):
    return jnp.where(x > 0, 1.0, 0.0)  # 1 for x > 0, 0 else (003:681)


# Raw sample moments of one cell, in this order; the central moments follow in float64 (the
# values are O(1) to O(10^2), far from cancelling at 16 digits). Raw sums compile to one fused
# reduction, cheaper to compile than centred ones.
RAW = ("r", "r^2", "r^3", "r^4", "theta^2", "x^2", "x^4", "r^2 x^2", "theta^2 x^2")


@functools.partial(jax.jit, static_argnums=1)
def raw_cell_moments(key, n: int):
    """RAW sample moments (r = ReLU(x)) for every (family, scale) cell, vmapped over families and
    scales, each cell with fresh draws (cells at different scales are independent tests). One
    compiled program serves all three claims, each with its own key."""
    z = standard_draws(key, n, len(SCALES))

    def cell(z_cell, scale):
        x = scale * z_cell
        r, th2, x2 = relu(x), heaviside(x) ** 2, x * x
        r2 = r * r
        return jnp.stack([r.mean(), r2.mean(), (r2 * r).mean(), (r2 * r2).mean(), th2.mean(), x2.mean(),
                          (x2 * x2).mean(), (r2 * x2).mean(), (th2 * x2).mean()])

    per_scale = jax.vmap(cell, in_axes=(0, 0))
    return jax.vmap(per_scale, in_axes=(0, None))(z, jnp.array(SCALES))  # (families, scales, RAW)


def central_stats(raw: np.ndarray, n: int) -> dict[str, np.ndarray]:
    """Means, variances and covariances by name, from the RAW moments (last axis) of n draws."""
    m = {name: raw[..., i] for i, name in enumerate(RAW)}
    mu = m["r"]
    return {
        "mean relu": mu,
        "var relu": (m["r^2"] - mu**2) * n / (n - 1),
        "m4 relu": m["r^4"] - 4 * mu * m["r^3"] + 6 * mu**2 * m["r^2"] - 3 * mu**4,
        "mean relu^2": m["r^2"], "mean theta^2": m["theta^2"], "mean x^2": m["x^2"],
        "var relu^2": m["r^4"] - m["r^2"] ** 2,
        "var theta^2": m["theta^2"] - m["theta^2"] ** 2,  # theta^4 = theta^2
        "var x^2": m["x^4"] - m["x^2"] ** 2,
        "cov relu^2 x^2": m["r^2 x^2"] - m["r^2"] * m["x^2"],
        "cov theta^2 x^2": m["theta^2 x^2"] - m["theta^2"] * m["x^2"],
    }


@functools.lru_cache(maxsize=16)
def cell_stats(seed: int, scale: str) -> dict[str, np.ndarray]:
    """The statistics of every cell, by name: arrays of shape (families, scales)."""
    n = SAMPLES[scale]
    return central_stats(np.asarray(raw_cell_moments(jax.random.PRNGKey(seed), n)), n)


def affine_in_second_moment(prediction, second_moment: sp.Symbol) -> tuple[float, float]:
    """(a, b) with prediction = a + b E[X^2]; the test needs it affine, so that the mean of
    g(X_i) - a - b X_i^2 estimates E[g(X)] - prediction without bias."""
    expr = sp.expand(sp.sympify(prediction))
    b = sp.diff(expr, second_moment)
    if b.has(second_moment) or expr.free_symbols - {second_moment}:
        raise ValueError(f"the prediction {expr} must be a number or affine in {second_moment}")
    return float(expr.subs(second_moment, 0)), float(b)


_MOMENT_STATS = {  # transform -> (mean, variance, covariance with X^2) in STATS
    "relu_squared": ("mean relu^2", "var relu^2", "cov relu^2 x^2"),
    "theta_squared": ("mean theta^2", "var theta^2", "cov theta^2 x^2"),
}


def symmetric_moment_experiment(seed: int, scale: str, *, transform: str, prediction, second_moment: sp.Symbol,
                                quantity: str) -> Evidence:
    """Pass when, in every (family, scale) cell, |mean of g(X_i) - a - b X_i^2| <= z SE, where the
    prediction is E[g(X)] = a + b E[X^2] and z is the Bonferroni quantile for 99.9% family-wise.
    Testing the residual g(X_i) - a - b X_i^2 uses no closed form for E[X^2]."""
    a, b = affine_in_second_moment(prediction, second_moment)
    stats = cell_stats(seed, scale)
    n = SAMPLES[scale]
    mean_key, var_key, cov_key = _MOMENT_STATS[transform]
    g_mean, x2_mean = stats[mean_key], stats["mean x^2"]
    residual = g_mean - a - b * x2_mean
    se = np.sqrt((stats[var_key] + b * b * stats["var x^2"] - 2 * b * stats[cov_key]) / n)
    z = bonferroni_z(residual.size)
    worst = float(np.max(np.abs(residual) / se))
    cells = [f"{fam}({s:g})" for fam in FAMILIES for s in SCALES]
    measured = {c: float(v) for c, v in zip(cells, g_mean.ravel())}
    predicted = {c: float(v) for c, v in zip(cells, (a + b * x2_mean).ravel())}
    return Evidence(
        worst <= z, measured, predicted,
        f"every cell: |mean of {quantity} - prediction| <= {z:.3f} SE (99.9% family-wise, Bonferroni over "
        f"{len(cells)} cells, n = {n:,} each); worst |residual|/SE = {worst:.3g}",
        detail=f"prediction a + b E[X^2] with a = {a:g}, b = {b:g}, tested as the mean of g(X_i) - a - b X_i^2; "
               "the predicted values shown use the sample mean of X_i^2 for E[X^2]",
        figure={"kind": "scatter", "x": list(predicted.values()), "series": {"measured": list(measured.values())},
                "xlabel": f"predicted {quantity}", "ylabel": f"measured {quantity}"},
    )


@functools.lru_cache(maxsize=32)
def _as_function(expr, sigma: sp.Symbol):
    return sp.lambdify(sigma, expr, "numpy")


def gaussian_relu_experiment(seed: int, scale: str, *, mean, variance, sigma: sp.Symbol) -> Evidence:
    """X ~ N(0, sigma^2) for the normal cells (sigma in SCALES). Pass when for every sigma the
    sample mean of ReLU(X) is within z SE of ``mean(sigma)`` and the sample variance within z SE
    of ``variance(sigma)``; the SE of the variance is sqrt((m4 - s^4) / n) from the sample 4th
    central moment (the sample variance is asymptotically normal)."""
    stats = cell_stats(seed, scale)
    normal = FAMILIES.index("normal")
    m, v, m4 = (stats[k][normal] for k in ("mean relu", "var relu", "m4 relu"))
    n = SAMPLES[scale]
    sigmas = np.array(SCALES)
    pred_mean = np.broadcast_to(_as_function(sp.sympify(mean), sigma)(sigmas), sigmas.shape).astype(float)
    pred_var = np.broadcast_to(_as_function(sp.sympify(variance), sigma)(sigmas), sigmas.shape).astype(float)
    se_mean, se_var = np.sqrt(v / n), np.sqrt((m4 - v * v) / n)
    z = bonferroni_z(2 * len(sigmas))
    worst_mean = float(np.max(np.abs(m - pred_mean) / se_mean))
    worst_var = float(np.max(np.abs(v - pred_var) / se_var))
    labels = [f"sigma={s:g}" for s in SCALES]
    return Evidence(
        max(worst_mean, worst_var) <= z,
        {"mean": dict(zip(labels, m.tolist())), "variance": dict(zip(labels, v.tolist()))},
        {"mean": dict(zip(labels, pred_mean.tolist())), "variance": dict(zip(labels, pred_var.tolist()))},
        f"for every sigma, mean and variance of ReLU(X) within {z:.3f} SE of the prediction (99.9% family-wise, "
        f"Bonferroni over {2 * len(sigmas)} tests, n = {n:,}); worst |error|/SE: mean {worst_mean:.3g}, variance {worst_var:.3g}",
        figure={"kind": "line", "x": list(SCALES),
                "series": {"measured variance": v.tolist(), "predicted variance": pred_var.tolist(),
                           "measured mean": m.tolist(), "predicted mean": pred_mean.tolist()},
                "xlabel": "sigma", "ylabel": "moment of ReLU(X)"},
    )
