"""Monte Carlo for 'noisy inputs are an L2 penalty': the mean squared error of a linear unit
whose inputs carry independent Gaussian noise, against (y - t)^2 + sum_i w_i^2 sigma_i^2."""
from __future__ import annotations

import functools

import jax
import jax.numpy as jnp
import numpy as np

from checks import Evidence

# One linear unit with three inputs; weights of both signs so that a mutant which forgets to
# square w_i (or keeps the cross terms) predicts something measurably different.
WEIGHTS = (1.5, -0.8, 1.2)
INPUTS = (0.3, -1.0, 0.7)
TARGET = 0.4
NOISE_SD = (0.5, 1.0, 1.5)
Z_999 = 3.2905  # two-sided 99.9% standard normal quantile
SAMPLES = {"small": 400_000, "large": 40_000_000}


@functools.partial(jax.jit, static_argnums=1)
def _squared_errors(key, n):
    w, x, sd = jnp.array(WEIGHTS), jnp.array(INPUTS), jnp.array(NOISE_SD)
    eps = jax.random.normal(key, (n, 3)) * sd
    y_noisy = (x + eps) @ w
    return (y_noisy - TARGET) ** 2


@functools.lru_cache(maxsize=8)
def _mean_and_se(seed: int, scale: str) -> tuple[float, float]:
    err = _squared_errors(jax.random.PRNGKey(seed), SAMPLES[scale])
    n = err.shape[0]
    return float(err.mean()), float(err.std(ddof=1) / np.sqrt(n))


def noisy_input_mse(seed: int, scale: str, predicted_mse) -> Evidence:
    """Pass when the 99.9% confidence interval of the sample mean contains the prediction
    (``predicted_mse``: a function of w, x, t, sigma evaluated at the fixed instance)."""
    mean, se = _mean_and_se(seed, scale)
    pred = float(predicted_mse(np.array(WEIGHTS), np.array(INPUTS), TARGET, np.array(NOISE_SD)))
    half = Z_999 * se
    return Evidence(abs(mean - pred) <= half, mean, pred,
                    f"|sample mean - predicted| <= {Z_999} SE = {half:.3g} (99.9% CI, n = {SAMPLES[scale]:,})",
                    detail=f"w = {WEIGHTS}, x = {INPUTS}, t = {TARGET}, sigma = {NOISE_SD}")
