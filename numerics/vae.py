"""Monte Carlo for the reparameterisation trick (slides 002:2009-2011): samples z(mu, sigma, eps)
from standard normal eps, tested against the encoder's N(mu, sigma^2); and the pathwise gradient
estimators of E[f(z)] against its exact gradient.
"""
from __future__ import annotations

import functools
import math
from statistics import NormalDist

import jax
import jax.numpy as jnp
import numpy as np
import sympy as sp

from checks import Evidence

LEVEL = 0.999


def fn_of(expr, *names):
    own = {s.name: s for s in sp.sympify(expr).free_symbols}
    return sp.lambdify([own.get(n, sp.Symbol(n)) for n in names], expr, "numpy")


def bonferroni_z(tests: int, level: float = LEVEL) -> float:
    """Two-sided standard normal quantile for ``tests`` simultaneous intervals at joint ``level``."""
    return NormalDist().inv_cdf(1 - (1 - level) / (2 * tests))


def ks_critical(tests: int, level: float = LEVEL) -> float:
    """sqrt(n) D_n above which the Kolmogorov-Smirnov test rejects at 1 - (1 - level)/tests:
    the tail P(sqrt(n) D_n > x) ~ 2 exp(-2 x^2) of Kolmogorov's distribution (its first term,
    accurate to far better than 1% of alpha this deep in the tail)."""
    alpha = (1 - level) / tests
    return math.sqrt(-math.log(alpha / 2) / 2)


# ---------------------------------------------------------------------------------------------
# 1. The law of the reparameterised sample
# ---------------------------------------------------------------------------------------------
DRAW_SETTINGS = ((0.3, 0.6), (-1.0, 1.5), (2.0, 0.25))
DRAWS = {"small": 100_000, "large": 10_000_000}
DRAW_TESTS = 3 * len(DRAW_SETTINGS)          # mean, variance, KS per setting


@jax.jit
def ks_distance(sorted_z, mean, sd):
    """sup_t |F_n(t) - Phi((t - mean)/sd)| for sorted samples."""
    n = sorted_z.shape[0]
    cdf = jax.scipy.special.ndtr((sorted_z - mean) / sd)
    upper = jnp.arange(1, n + 1) / n - cdf
    lower = cdf - jnp.arange(n) / n
    return jnp.maximum(jnp.max(upper), jnp.max(lower))


@functools.lru_cache(maxsize=8)
def standard_normal_draws(seed: int, stream: int, rows: int, size: int) -> np.ndarray:
    """eps ~ N(0, 1), ``rows`` x ``size``; each experiment draws from its own ``stream``."""
    return np.random.default_rng([seed, stream]).standard_normal((rows, size))


def reparameterized_samples(seed: int, scale: str, z) -> Evidence:
    """``z``: a SymPy expression in mu, sigma, epsilon, the claimed reparameterisation. For each
    (mu, sigma), z is built from standard normal draws eps and compared with the encoder's
    N(mu, sigma^2).

    Pass rule, at every setting: |mean - mu| <= k SE, |variance - sigma^2| <= k SE_var
    (SE_var^2 = (m4 - s^4)/n, the sample variance's asymptotic variance) with k = 3.86 (99.9%,
    Bonferroni over 9 tests), and sqrt(n) KS distance to N(mu, sigma^2) <= 2.21 (the same level)."""
    eps = standard_normal_draws(seed, 0, len(DRAW_SETTINGS), DRAWS[scale])
    z_fn = fn_of(z, "mu", "sigma", "epsilon")
    k, ks_max = bonferroni_z(DRAW_TESTS), ks_critical(DRAW_TESTS)
    n = eps.shape[1]
    passed, measured, predicted, figure = True, {}, {}, None
    for (m, s), e in zip(DRAW_SETTINGS, eps):
        sample = np.broadcast_to(np.asarray(z_fn(m, s, e), dtype=float), e.shape)
        mean, var = float(sample.mean()), float(sample.var(ddof=1))
        m4 = float(np.mean((sample - mean) ** 4))
        se_mean, se_var = math.sqrt(var / n), math.sqrt(max(m4 - var**2, 0.0) / n)
        ordered = np.sort(sample)
        ks = float(ks_distance(jnp.asarray(ordered), m, s)) * math.sqrt(n)
        if figure is None:   # the first setting's empirical CDF against N(mu, sigma^2), at 101 quantiles
            picks = np.linspace(0, n - 1, 101).astype(int)
            target = [NormalDist(m, s).cdf(float(t)) for t in ordered[picks]]
            figure = {"kind": "line", "x": ordered[picks].tolist(),
                      "series": {"empirical CDF of z": ((picks + 1) / n).tolist(), "predicted: N(mu, sigma^2) CDF": target},
                      "xlabel": "z", "ylabel": "P(z <= t)", "title": f"mu = {m}, sigma = {s}"}
        passed &= abs(mean - m) <= k * se_mean and abs(var - s**2) <= k * se_var and ks <= ks_max
        measured[f"mu = {m}, sigma = {s}"] = {"mean": mean, "variance": var, "sqrt(n) KS": ks}
        predicted[f"mu = {m}, sigma = {s}"] = {"mean": m, "variance": s**2, "sqrt(n) KS": f"<= {ks_max:.3f}"}
    return Evidence(bool(passed), measured, {"z": str(z), **predicted},
                    f"mean and variance within {k:.2f} SE, sqrt(n) KS <= {ks_max:.2f} ({LEVEL:.1%}, Bonferroni over "
                    f"{DRAW_TESTS}), n = {n:,} per setting",
                    detail=f"(mu, sigma) in {DRAW_SETTINGS}", figure=figure)


# ---------------------------------------------------------------------------------------------
# 2. The pathwise gradient estimators
# ---------------------------------------------------------------------------------------------
GRADIENT_SETTINGS = ((0.3, 0.6), (-1.0, 1.5), (0.8, 0.9))
ESTIMATES = {"small": 200_000, "large": 20_000_000}
GRADIENT_TESTS = 2 * len(GRADIENT_SETTINGS)


def loss(t):
    """A smooth non-polynomial loss of the sample: f(z) = sin(2z) + z^3/3 - z^2."""
    return jnp.sin(2 * t) + t**3 / 3 - t**2


loss_derivative = jax.jit(jnp.vectorize(jax.grad(loss)))


def exact_gradient(m: float, s: float) -> tuple[float, float]:
    """d/dmu and d/dsigma of G(mu, sigma) = E[f(z)], z ~ N(mu, sigma^2), from
    G = sin(2 mu) e^{-2 sigma^2} + (mu^3 + 3 mu sigma^2)/3 - (mu^2 + sigma^2)
    (E[sin(2z)] = Im E[e^{2iz}] = sin(2 mu) e^{-2 sigma^2}; the polynomial moments of N(mu, sigma^2))."""
    damp = math.exp(-2 * s**2)
    return (2 * math.cos(2 * m) * damp + m**2 + s**2 - 2 * m,
            -4 * s * math.sin(2 * m) * damp + 2 * m * s - 2 * s)


def pathwise_gradient_estimates(seed: int, scale: str, z, d_mu, d_sigma) -> Evidence:
    """``z``: the reparameterisation, a SymPy expression in mu, sigma, epsilon; ``d_mu``,
    ``d_sigma``: the estimators of d/dmu and d/dsigma E[f(z)], in mu, sigma, epsilon and fp = f'(z).
    Measured: their Monte Carlo means over eps ~ N(0, 1) and standard errors.
    Pass rule: each mean within k = 3.76 SE of the exact gradient of E[f(z)], z ~ N(mu, sigma^2)
    (99.9% two-sided, Bonferroni over 3 settings x 2 components)."""
    eps = standard_normal_draws(seed, 1, len(GRADIENT_SETTINGS), ESTIMATES[scale])
    z_fn = fn_of(z, "mu", "sigma", "epsilon")
    mu_fn, sigma_fn = (fn_of(expr, "mu", "sigma", "epsilon", "fp") for expr in (d_mu, d_sigma))
    k = bonferroni_z(GRADIENT_TESTS)
    n = eps.shape[1]
    passed, measured, predicted, worst = True, {}, {}, 0.0
    for (m, s), e in zip(GRADIENT_SETTINGS, eps):
        sample = np.broadcast_to(np.asarray(z_fn(m, s, e), dtype=float), e.shape)
        fp = np.asarray(loss_derivative(jnp.asarray(sample)))
        exact = exact_gradient(m, s)
        row = {}
        for name, fn, target in (("d/dmu", mu_fn, exact[0]), ("d/dsigma", sigma_fn, exact[1])):
            est = np.broadcast_to(np.asarray(fn(m, s, e, fp), dtype=float), e.shape)
            mean, se = float(est.mean()), float(est.std(ddof=1) / math.sqrt(n))
            worst = max(worst, abs(mean - target) / se)
            passed &= abs(mean - target) <= k * se
            row[name] = {"mean": mean, "SE": se}
        measured[f"mu = {m}, sigma = {s}"] = row
        predicted[f"mu = {m}, sigma = {s}"] = {"d/dmu": exact[0], "d/dsigma": exact[1]}
    return Evidence(bool(passed), {"largest |mean - exact| / SE": worst, **measured},
                    {"estimators": f"z = {z}, d_mu = {d_mu}, d_sigma = {d_sigma}", **predicted},
                    f"every estimator's mean within {k:.2f} SE of the exact gradient ({LEVEL:.1%}, Bonferroni over "
                    f"{GRADIENT_TESTS}), n = {n:,} per setting",
                    detail="f(z) = sin(2z) + z^3/3 - z^2")
