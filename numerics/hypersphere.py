"""Experiments for the ball-volume claims of 003 chapter 2 (Problems 3 and 4).

- the volume formula: the fraction of uniform points of the cube [-1/2, 1/2]^d inside the ball of
  radius 1/2 (a binomial proportion whose mean is V_d(1/2), the cube having volume 1);
- Stirling: the exact log V_n(1/2) from ``jax.scipy.special.gammaln`` against the predicted
  asymptotic form on n = 10..10^5, the error's decay rate fitted on a log-log scale;
- the shell: uniform points in the n-ball, the first n coordinates of a uniform point on the sphere
  in n + 2 dimensions (a normalised Gaussian vector), and the fraction beyond radius 0.99.

Random draws come from NumPy's PCG64 seeded with the claim's seed (threefry's kernels would cost
more to compile than these experiments take to run); the geometry is computed with JAX in float64.
"""
from __future__ import annotations

import functools

import jax
import jax.numpy as jnp
import numpy as np

from checks import Evidence
from numerics.statistics import evaluate, z_simultaneous
from numerics._analysis import fitted_order

RADIUS = 0.5                     # the notes' ball of diameter one (003:933)
CUBE_DIMS = tuple(range(2, 9))
CUBE_POINTS = {"small": 100_000, "large": 4_000_000}


@jax.jit
def _inside_fraction_and_se(u, radius):
    """Fraction of the rows of ``u`` with |u| <= radius, and its binomial standard error."""
    hits = (jnp.sum(u**2, axis=1) <= radius**2).astype(jnp.float64)
    frac = hits.mean()
    return frac, jnp.sqrt(frac * (1 - frac) / u.shape[0])


@functools.lru_cache(maxsize=8)
def _cube_simulation(seed: int, scale: str):
    rng = np.random.default_rng(seed)
    m = CUBE_POINTS[scale]
    out = []
    for dim in CUBE_DIMS:
        # pad to the largest dimension with zeros so one compiled function serves every d
        u = np.zeros((m, max(CUBE_DIMS)))
        u[:, :dim] = rng.uniform(-RADIUS, RADIUS, size=(m, dim))
        frac, se = _inside_fraction_and_se(jnp.asarray(u), RADIUS)
        out.append((float(frac), float(se)))
    return out


def volume_fraction_mc(seed: int, scale: str, volume) -> Evidence:
    """``volume``: an expression in d and r. The cube [-r, r]^d with r = 1/2 has volume 1, so the
    fraction of its uniform points inside the ball estimates V_d(1/2). Pass: every simultaneous
    99.9% interval (binomial SE) contains volume(d, 1/2) / (2r)^d."""
    sim = _cube_simulation(seed, scale)
    z = z_simultaneous(len(CUBE_DIMS))
    dims = np.array(CUBE_DIMS)
    pred = evaluate(volume, d=dims, r=RADIUS) / (2 * RADIUS) ** dims
    frac = np.array([f for f, _ in sim])
    se = np.array([e for _, e in sim])
    gap = np.abs(frac - pred) / se
    return Evidence(bool((gap <= z).all()), {int(k): float(v) for k, v in zip(dims, frac)},
                    {int(k): float(v) for k, v in zip(dims, pred)},
                    f"max |fraction - predicted| / SE = {gap.max():.2f} <= z = {z:.2f} over d = 2..8 "
                    f"(99.9% joint coverage, {CUBE_POINTS[scale]:,} points each)",
                    detail="fraction of the cube [-1/2, 1/2]^d inside the ball of radius 1/2",
                    figure={"kind": "line", "x": [int(k) for k in dims],
                            "series": {"measured": [float(v) for v in frac], "predicted": [float(v) for v in pred]},
                            "xlabel": "dimension d", "ylabel": "V_d(1/2)"})


# ---------------------------------------------------------------------------------------------
# Stirling: the exact log-volume against its asymptotic form
# ---------------------------------------------------------------------------------------------
STIRLING_NS = np.unique(np.round(np.geomspace(10, 1e5, 17)))
# Stirling's series: log Gamma(m + 1) = m log m - m + (1/2) log(2 pi m) + 1/(12 m) - 1/(360 m^3) + ...
# With m = n/2 >= 5 the second correction changes the error 1/(6n) by less than 0.1%, so the
# fitted slope is -1 to that accuracy; +-0.05 leaves room without admitting a constant error (slope 0).
SLOPE_BAND = (-1.05, -0.95)
FINAL_ERROR = 1e-4


@jax.jit
def exact_log_volume(n, r):
    """log V_n(r) = n log r + (n/2) log pi - log Gamma(n/2 + 1)."""
    return n * jnp.log(r) + n / 2 * jnp.log(jnp.pi) - jax.scipy.special.gammaln(n / 2 + 1)


def log_volume_asymptotics(seed: int, scale: str, log_volume) -> Evidence:
    """``log_volume``: an expression in n and r predicting log V_n(r) up to o(1). Deterministic
    (``seed`` unused). Pass: the log-log slope of |exact - predicted| against n lies in SLOPE_BAND
    and the error at the largest n is below FINAL_ERROR."""
    exact = np.asarray(exact_log_volume(jnp.asarray(STIRLING_NS), RADIUS))
    pred = evaluate(log_volume, n=STIRLING_NS, r=RADIUS)
    err = np.abs(exact - pred)
    with np.errstate(divide="ignore"):
        slope = fitted_order(STIRLING_NS, err)
    ok = SLOPE_BAND[0] <= slope <= SLOPE_BAND[1] and err[-1] < FINAL_ERROR
    return Evidence(ok, {"slope": slope, "error at n=1e5": float(err[-1])},
                    {"slope": -1.0, "error at n=1e5": 1 / (6 * STIRLING_NS[-1])},
                    f"fitted slope of log|error| on log n in [{SLOPE_BAND[0]}, {SLOPE_BAND[1]}] and error at n = 1e5 < {FINAL_ERROR:g}",
                    detail=f"log V_n(1/2) falls from {exact[0]:.4g} (n = 10) to {exact[-1]:.4g} (n = 1e5): the volume tends to 0",
                    figure={"kind": "loglog", "x": [float(v) for v in STIRLING_NS],
                            "series": {"|log V - prediction|": [float(v) for v in err],
                                       "1/(6n)": [float(1 / (6 * v)) for v in STIRLING_NS]},
                            "xlabel": "n", "ylabel": "error of the log-volume"})


# ---------------------------------------------------------------------------------------------
# The outer shell
# ---------------------------------------------------------------------------------------------
SHELL_DIMS = (3, 30, 200)
SHELL_POINTS = {"small": 12_000, "large": 400_000}
SHELL_INNER = 0.99


@functools.partial(jax.jit, static_argnums=1)
def shell_fractions(g, dims: tuple[int, ...], inner: float):
    """For each n in ``dims``: the fraction of rows of ``g`` whose first n + 2 coordinates, as a
    Gaussian vector normalised to the unit sphere of R^(n+2), have their first n coordinates (a
    uniform point of the unit n-ball) at distance > ``inner`` from 0. The dimensions share the
    columns of ``g``: each fraction is still a binomial proportion, and the simultaneous intervals
    (Bonferroni) need no independence."""
    c = jnp.cumsum(g**2, axis=1)
    rho2 = jnp.stack([c[:, n - 1] / c[:, n + 1] for n in dims])
    return jnp.mean((rho2 > inner**2).astype(jnp.float64), axis=1)


@functools.lru_cache(maxsize=8)
def _shell_simulation(seed: int, scale: str):
    m = SHELL_POINTS[scale]
    g = np.random.default_rng(seed).standard_normal((m, max(SHELL_DIMS) + 2))
    frac = np.asarray(shell_fractions(jnp.asarray(g), SHELL_DIMS, SHELL_INNER))
    return [(float(f), float(np.sqrt(f * (1 - f) / m))) for f in frac]


def shell_fraction_mc(seed: int, scale: str, fraction) -> Evidence:
    """``fraction``: an expression in n. Pass: for each dimension the simultaneous 99.9% interval
    (binomial SE) of the fraction of uniform points of the unit n-ball beyond radius 0.99 contains
    fraction(n)."""
    sim = _shell_simulation(seed, scale)
    z = z_simultaneous(len(SHELL_DIMS))
    dims = np.array(SHELL_DIMS)
    pred = evaluate(fraction, n=dims)
    frac = np.array([f for f, _ in sim])
    se = np.array([e for _, e in sim])
    gap = np.abs(frac - pred) / se
    return Evidence(bool((gap <= z).all()), {int(k): float(v) for k, v in zip(dims, frac)},
                    {int(k): float(v) for k, v in zip(dims, pred)},
                    f"max |fraction - predicted| / SE = {gap.max():.2f} <= z = {z:.2f} over n = {SHELL_DIMS} "
                    f"(99.9% joint coverage, {SHELL_POINTS[scale]:,} points each)",
                    detail="fraction of uniform points of the unit ball with |x| > 0.99")
