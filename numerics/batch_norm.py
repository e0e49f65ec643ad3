"""Gradient explosion at initialisation in deep batch-normalised networks (001:49).

A fully connected ReLU network of depth L and width n, each layer h = BN(z W_l) with the usual
batch normalisation (per feature: subtract the batch mean, divide by sqrt(batch variance + 1e-5),
no affine part at initialisation) and z = ReLU(h), weights N(0, 2/n), a random linear read-out.
For a batch of Gaussian inputs we measure ||dLoss/dW_l||_F at every layer l; the gradient grows
geometrically from the output towards the input, and the per-layer growth factor is the
exponential of minus the fitted slope of log ||dLoss/dW_l|| against l (two layers left out at
each end). Independent initialisations give a sample of growth factors; the pass rule compares
their 99% t-interval with the hypothesis' range.

For reference, the same network without batch normalisation (He initialisation) is run on the
same weights: there the gradient norm stays nearly level (a few per cent per layer). Yang et al.
(2019) predict a growth factor of sqrt(pi / (pi - 1)) = 1.211 per layer for ReLU in the limit of
large batches.
"""
from __future__ import annotations

import functools

import jax
import jax.numpy as jnp
import numpy as np

from checks import Evidence

SIZES = {"small": {"depth": 24, "width": 48, "batch": 24, "nets": 8},
         "large": {"depth": 64, "width": 128, "batch": 64, "nets": 32}}
BN_EPS = 1e-5
LEVEL = 0.99
EDGE = 2        # layers left out at each end of the fit (boundary effects of input and read-out)


def batch_normalise(h):
    """Each feature (column) of the batch h (batch, features) centred by its batch mean and divided
    by sqrt(batch variance + eps): the batch-norm transform at initialisation (gamma = 1, beta = 0)."""
    return (h - h.mean(axis=0)) / jnp.sqrt(h.var(axis=0) + BN_EPS)


def _loss(weights, x, readout, normalise):
    def layer(z, w):
        h = z @ w
        return jax.nn.relu(jnp.where(normalise, batch_normalise(h), h)), None

    z, _ = jax.lax.scan(layer, x, weights)
    return jnp.mean(z @ readout)


@jax.jit
def _one_network(weights, x, readout, normalise):
    return jnp.sqrt(jnp.sum(jax.grad(_loss)(weights, x, readout, normalise) ** 2, axis=(-2, -1)))


def layer_gradient_norms(weights, x, readout, normalise) -> np.ndarray:
    """||dLoss/dW_l||_F for every layer, for each network along the leading axis; ``normalise``
    (traced) switches batch normalisation on or off without a second compilation. A Python loop
    over networks: the vmapped version costs half as much again to compile as the whole run."""
    return np.stack([np.asarray(_one_network(w, z, r, normalise)) for w, z, r in zip(weights, x, readout)])


def growth_factors(norms: np.ndarray) -> np.ndarray:
    """Per-layer growth of the gradient towards the input: exp(-slope) of log-norm against layer."""
    layers = np.arange(norms.shape[-1])
    keep = slice(EDGE, norms.shape[-1] - EDGE)
    slopes = np.polyfit(layers[keep], np.log(norms[:, keep]).T, 1)[0]
    return np.exp(-slopes)


@functools.lru_cache(maxsize=8)
def measure(seed: int, scale: str):
    cfg = SIZES[scale]
    rng = np.random.default_rng(seed)
    k, depth, n, batch = cfg["nets"], cfg["depth"], cfg["width"], cfg["batch"]
    weights = rng.standard_normal((k, depth, n, n)) * np.sqrt(2.0 / n)
    x = rng.standard_normal((k, batch, n))
    readout = rng.standard_normal((k, n)) / np.sqrt(n)
    with_bn = np.asarray(layer_gradient_norms(weights, x, readout, True))
    plain = np.asarray(layer_gradient_norms(weights, x, readout, False))
    return with_bn, plain


def gradient_growth(seed: int, scale: str, growth) -> Evidence:
    """Pass when the 99% t-interval of the mean per-layer growth factor (batch-normalised nets)
    lies inside the hypothesis' open range ``growth = (low, high)``."""
    from scipy.special import stdtrit   # Student t quantile; imported here, it costs more than the module

    with_bn, plain = measure(seed, scale)
    factors = growth_factors(with_bn)
    k = factors.size
    mean, se = float(factors.mean()), float(factors.std(ddof=1) / np.sqrt(k))
    half = float(stdtrit(k - 1, 0.5 + LEVEL / 2)) * se
    low, high = growth
    passed = low < mean - half and mean + half < high
    plain_factors = growth_factors(plain)
    layers = list(range(with_bn.shape[-1]))
    return Evidence(
        passed,
        {"growth per layer, batch norm": mean, "99% interval": [mean - half, mean + half],
         "growth per layer, no batch norm (reference)": float(plain_factors.mean())},
        {"growth per layer": list(growth)},
        f"{k} independent initialisations: the 99% t-interval of the mean per-layer growth of ||dLoss/dW_l|| towards "
        f"the input ({EDGE} layers left out at each end of the fit) lies inside the predicted range",
        detail=f"depth {with_bn.shape[-1]}, reference: large-batch theory sqrt(pi/(pi-1)) = {np.sqrt(np.pi / (np.pi - 1)):.3f}",
        figure={"kind": "semilogy", "x": layers,
                "series": {"||dLoss/dW_l||, batch norm": np.exp(np.log(with_bn).mean(axis=0)).tolist(),
                           "||dLoss/dW_l||, no batch norm": np.exp(np.log(plain).mean(axis=0)).tolist()},
                "xlabel": "layer l", "ylabel": "gradient norm (geometric mean over nets)",
                "title": "Gradient norms at initialisation, deep ReLU network"},
    )
