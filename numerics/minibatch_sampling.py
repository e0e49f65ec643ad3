"""The minibatch gradient averaged exactly over every batch: logistic regression on a small
random data set, per-example gradients from jax.vmap(jax.grad), all C(N, B) batches enumerated."""
from __future__ import annotations

import functools
import itertools
from math import comb

import jax
import jax.numpy as jnp
import numpy as np

from checks import Evidence
from numerics._analysis import U

jax.config.update("jax_enable_x64", True)

POINTS, DIM = 12, 3
BATCHES = (1, 4, 12)          # stochastic, mini-batch and full-batch GD


def example_loss(w, x, y):
    """Logistic loss of one example, y in {0, 1}."""
    z = x @ w
    return jnp.logaddexp(0.0, z) - y * z


per_example_gradients = jax.jit(jax.vmap(jax.grad(example_loss), in_axes=(None, 0, 0)))


@functools.lru_cache(maxsize=8)
def gradients(seed: int, scale: str) -> np.ndarray:
    """grad l_i at a random w, one row per example (scale plays no part: the enumeration is exact)."""
    del scale
    rng = np.random.default_rng(seed)
    x, w = rng.standard_normal((POINTS, DIM)), rng.standard_normal(DIM)
    y = (rng.uniform(size=POINTS) < 0.5).astype(float)
    return np.asarray(per_example_gradients(jnp.asarray(w), jnp.asarray(x), jnp.asarray(y)))


def batch_mean(g: np.ndarray, batch: int) -> np.ndarray:
    """Mean over all batches of size ``batch`` of the batch-sum gradient."""
    index = np.array(list(itertools.combinations(range(g.shape[0]), batch)))
    return g[index].sum(axis=1).mean(axis=0)


def minibatch_average(seed: int, scale: str, factor) -> Evidence:
    """``factor(B, N)``: the claimed ratio E_I[sum_(i in I) grad l_i] / sum_i grad l_i.

    Pass rule: for each B in (1, 4, 12), every coordinate satisfies |mean over batches - factor(B, N)
    sum_i grad l_i| <= 4 C(N, B) u sum_i |grad l_i|: the exact identity holds term by term, and the
    two float64 sums (C(N, B) batch sums of B terms, then their mean) each add at most ~C(N, B) u
    times the sum of the magnitudes."""
    g = gradients(seed, scale)
    full = g.sum(axis=0)
    mags = np.abs(g).sum(axis=0)
    rows, ok = {}, True
    for b in BATCHES:
        got = batch_mean(g, b)
        with np.errstate(all="ignore"):
            want = float(factor(b, POINTS)) * full
        bound = 4 * comb(POINTS, b) * U * mags
        gap = np.abs(got - want)
        ok = ok and bool(np.all(gap <= bound))
        rows[f"B = {b}: mean batch gradient / full gradient"] = (got / full).round(12).tolist()
    predicted = {f"B = {b}: factor": float(factor(b, POINTS)) for b in BATCHES}
    return Evidence(ok, rows, predicted,
                    f"for B in {BATCHES}, all C(N, B) batches enumerated (N = {POINTS}): |mean - factor sum_i grad l_i| "
                    f"<= 4 C(N, B) u sum_i |grad l_i| per coordinate",
                    detail=f"logistic regression, {POINTS} points in {DIM} dimensions, gradients at a random w")
