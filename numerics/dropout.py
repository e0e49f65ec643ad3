"""Experiments for dropout (slides 002:782-811, 000:175-184): the sub-networks of a layer, counted by
enumerating its masks, and the expected read-out under random masks, by exact enumeration and by
Monte Carlo.

The layer: h = tanh(W x) with n units (W Gaussian, x a fixed input), read out linearly,
y(m) = sum_i a_i m_i h_i for a mask m in {0, 1}^n (1 = kept).
"""
from __future__ import annotations

import functools

import jax
import jax.numpy as jnp
import numpy as np
import sympy as sp
from statistics import NormalDist

from checks import Evidence
from numerics._analysis import U

INPUT_DIM = 5


def fn_of(expr, *names):
    own = {s.name: s for s in sp.sympify(expr).free_symbols}
    return sp.lambdify([own.get(nm, sp.Symbol(nm)) for nm in names], expr, "numpy")


def all_masks(units: int) -> np.ndarray:
    """Every mask of ``units`` units as the rows of a (2^units, units) 0/1 matrix: row r holds the
    binary digits of r, so rows 0 .. 2^k - 1 are the masks of the first k units."""
    return ((np.arange(2**units)[:, None] >> np.arange(units)[None, :]) & 1).astype(np.float64)


@jax.jit
def subnetwork_outputs(w, x, a, masks):
    """y(m) = sum_i a_i m_i tanh(w_i^T x) for every mask (rows of ``masks``) at every input (rows of x)."""
    h = jnp.tanh(x @ w.T)                                   # (inputs, units)
    return masks @ (a[None, :] * h).T                       # (masks, inputs)


# ---------------------------------------------------------------------------------------------
# 1. Counting sub-networks
# ---------------------------------------------------------------------------------------------
MAX_UNITS = {"small": 12, "large": 20}
PROBE_INPUTS = 4
# Two sub-networks are the same function when their outputs agree at every probe input to within
# QUANTUM. Each output is a sum of <= 20 terms of size <= 3: round-off ~1e-14, far below QUANTUM;
# two different masks of generic weights agree at all 4 inputs to 1e-9 with probability ~(1e-9)^4
# per pair.
QUANTUM = 1e-9


@functools.lru_cache(maxsize=8)
def distinct_subnetworks(seed: int, scale: str) -> tuple[int, ...]:
    """The number of distinct functions among the sub-networks of layers of n = 1..MAX_UNITS units."""
    top = MAX_UNITS[scale]
    rng = np.random.default_rng(seed)
    w = rng.standard_normal((top, INPUT_DIM))
    x = rng.standard_normal((PROBE_INPUTS, INPUT_DIM)) / np.sqrt(INPUT_DIM)
    a = rng.standard_normal(top)
    out = np.asarray(subnetwork_outputs(jnp.asarray(w), jnp.asarray(x), jnp.asarray(a), jnp.asarray(all_masks(top))))
    keys = np.rint(out / QUANTUM).astype(np.int64)
    return tuple(int(np.unique(keys[: 2**units], axis=0).shape[0]) for units in range(1, top + 1))


def subnetwork_count(seed: int, scale: str, count) -> Evidence:
    """``count``: a SymPy expression in n, the claimed number of sub-networks of n units.
    Measured: for each n = 1..12 (20 at large scale), every mask of the first n units of a random
    tanh layer applied, and the distinct sub-network functions (outputs at 4 inputs) counted.
    Pass rule: the counts equal the hypothesis exactly for every n."""
    counted = distinct_subnetworks(seed, scale)
    sizes = np.arange(1, len(counted) + 1)
    claimed = np.broadcast_to(np.asarray(fn_of(count, "n")(sizes), dtype=float), sizes.shape)
    passed = bool(np.all(claimed == np.asarray(counted, dtype=float)))
    figure = {"kind": "semilogy", "x": sizes.tolist(),
              "series": {"distinct sub-networks": list(counted), "predicted": claimed.tolist()},
              "xlabel": "units n", "ylabel": "sub-networks", "title": "one function per binary mask"}
    return Evidence(passed, {"distinct sub-networks for n = 1..": list(counted)},
                    {"count": str(count), "for n = 1..": claimed.astype(int).tolist()},
                    f"distinct sub-network functions (outputs at {PROBE_INPUTS} inputs equal to {QUANTUM:g}) = the "
                    f"hypothesis, for every n = 1..{len(counted)}",
                    detail="tanh layers with Gaussian weights, linear read-out", figure=figure)


# ---------------------------------------------------------------------------------------------
# 2. The expected read-out under the mask
# ---------------------------------------------------------------------------------------------
UNITS = 10
DROP_PROBABILITIES = (0.2, 0.5)         # 0.5 is the slides' common value (002:787)
SAMPLES = {"small": 100_000, "large": 10_000_000}
LEVEL = 0.999
TESTS = 2 * len(DROP_PROBABILITIES)     # plain and inverted read-out at each p: Bonferroni over these
Z = NormalDist().inv_cdf(1 - (1 - LEVEL) / (2 * TESTS))


@jax.jit
def masked_readouts(masks, terms):
    """y(m) = sum_i m_i terms_i for every row m of ``masks``: the masked layer read out."""
    return masks @ terms


@functools.lru_cache(maxsize=8)
def readout_layer(seed: int):
    """a_i h_i for a 10-unit tanh layer; the read-out weights take the sign of their unit, so that
    the full output F = sum_i |a_i h_i| is well away from 0 and any wrong factor on it shows."""
    rng = np.random.default_rng(seed)
    w = rng.standard_normal((UNITS, INPUT_DIM))
    x = rng.standard_normal(INPUT_DIM) / np.sqrt(INPUT_DIM)
    h = np.tanh(w @ x)
    a = np.abs(rng.standard_normal(UNITS)) * np.sign(h) / np.sqrt(UNITS)
    return a * h


@functools.lru_cache(maxsize=8)
def measured_expectations(seed: int, scale: str):
    """Per dropping probability: (exact E[y], its round-off scale, MC mean, MC standard error)."""
    terms = readout_layer(seed)
    masks = all_masks(UNITS)
    outputs = masks @ terms
    rng = np.random.default_rng(seed)
    out = []
    for p in DROP_PROBABILITIES:
        prob = np.prod(np.where(masks == 1, 1 - p, p), axis=1)            # P(m): kept w.p. 1 - p, independently
        exact = float(prob @ outputs)
        scale_abs = float(prob @ (masks @ np.abs(terms)))
        drawn = (rng.random((SAMPLES[scale], UNITS)) >= p).astype(np.float64)   # m_i = 1 (kept) w.p. 1 - p
        y = np.asarray(masked_readouts(jnp.asarray(drawn), jnp.asarray(terms)))
        out.append((exact, scale_abs, float(y.mean()), float(y.std(ddof=1) / np.sqrt(y.size))))
    return float(terms.sum()), out


def expected_masked_output(seed: int, scale: str, expected, inverted) -> Evidence:
    """``expected``: E[y] claimed, a SymPy expression in p (dropping probability) and F (the full
    output sum_i a_i h_i); ``inverted``: E[y / (1 - p)] claimed, likewise.

    Pass rule, for p = 0.2 and 0.5 and both read-outs:
    (a) the exact expectation over all 2^10 masks agrees with the hypothesis within
        (2^10 + 2 n) u sum_m P(m) sum_i |a_i m_i h_i| (summing 2^10 terms of n-term sums);
    (b) the Monte Carlo mean over 100,000 masks is within z SE of the hypothesis, z = 3.66
        (99.9% two-sided, Bonferroni over 4 intervals)."""
    full, rows = measured_expectations(seed, scale)
    exp_fn, inv_fn = fn_of(expected, "p", "F"), fn_of(inverted, "p", "F")
    exact_ok, mc_ok, measured, predicted = True, True, {}, {}
    gamma = (2**UNITS + 2 * UNITS) * U
    for p, (exact, scale_abs, mean, se) in zip(DROP_PROBABILITIES, rows):
        for name, fn, factor in (("E[y]", exp_fn, 1.0), ("E[y/(1-p)]", inv_fn, 1 / (1 - p))):
            claim = float(fn(p, full))
            exact_ok &= abs(exact * factor - claim) <= gamma * scale_abs * factor
            mc_ok &= abs(mean * factor - claim) <= Z * se * factor
            measured[f"{name}, p = {p}"] = {"exact": exact * factor, "Monte Carlo": mean * factor, "SE": se * factor}
            predicted[f"{name}, p = {p}"] = claim
    return Evidence(bool(exact_ok and mc_ok), measured, {"F": full, **predicted},
                    f"(a) exact enumeration of 2^{UNITS} masks within (2^n + 2n) u sum P(m)|y|(m); (b) Monte Carlo mean "
                    f"within {Z:.2f} SE ({LEVEL:.1%} CI, Bonferroni over {TESTS}), n = {SAMPLES[scale]:,} masks",
                    detail=f"{UNITS}-unit tanh layer, linear read-out, p in {DROP_PROBABILITIES}")
