"""The commutant of the cyclic shifts, numerically (001:235-271, 002:1412-1438).

For a claimed family of matrices (a SymPy matrix linear in its parameters whose basis matrices
are 0/1 with disjoint supports, as every convolution-like family is), three groups in float64:

1. matrices of the family with random N(0, 1) parameters: |S^s W x - W S^s x| must stay within the
   round-off bound gamma_n ((S^s |W||x|) + |W||S^s x|), gamma_n = n u / (1 - n u) (a length-n dot
   product in any order, Higham, Accuracy and Stability, Thm 3.5; a shift is an exact gather),
   for random x and s;
2. random Gaussian matrices: each must exceed that bound for some (x, s) (they do not commute);
3. the projection onto the commutant, P(W) = (1/n) sum_k S^{-k} W S^k, of random W: it must lie
   in the family's span. Entries of P(W) on one support class are sums of the same n numbers in
   different orders, so they agree to within 2 (gamma_n + u) max|W|; entries outside every class
   must be 0 to within (gamma_n + u) max|W|.

A family that does not commute fails 1; a family that is only part of the commutant (a symmetric
kernel) fails 3, because P(W) is a general circulant.
"""
from __future__ import annotations

import functools

import jax
import jax.numpy as jnp
import numpy as np
import sympy as sp

from checks import Evidence
from numerics._analysis import gamma, U

SIZES = {"small": (64, 8, 8), "large": (512, 32, 32)}  # matrices per group, (x, s) per matrix, n (conjugates: k n^3 values)


@functools.lru_cache(maxsize=16)
def support_classes(family, n: int) -> tuple[np.ndarray, int]:
    """Label of each entry: the index of the basis matrix whose support holds it, -1 outside all;
    and the number of parameters. Raises unless the basis matrices are 0/1 with disjoint supports."""
    mat = family(n)
    ps = sorted(mat.free_symbols, key=str)
    labels = -np.ones((n, n), dtype=int)
    position = {p: k for k, p in enumerate(ps)}
    for (i, j), entry in np.ndenumerate(np.array(mat.tolist(), dtype=object)):
        terms = sp.sympify(entry).as_coefficients_dict()
        if entry == 0:
            continue
        if len(terms) != 1 or next(iter(terms.values())) != 1 or next(iter(terms)) not in position:
            raise ValueError(f"{getattr(family, '__name__', family)}: entry ({i}, {j}) = {entry} is not a single parameter; "
                             "basis matrices must be 0/1 with disjoint supports")
        labels[i, j] = position[next(iter(terms))]
    return labels, len(ps)


def build(labels: np.ndarray, values: np.ndarray) -> np.ndarray:
    """Matrices of the family from parameter rows (batch, params): exact placement, no arithmetic."""
    out = np.zeros(values.shape[:1] + labels.shape)
    inside = labels >= 0
    out[:, inside] = values[:, labels[inside]]
    return out


def _products(w, x, sx):
    """W x, W S^s x and the envelopes |W||x|, |W||S^s x|; w (k, n, n), x and sx (k, r, n)."""
    apply = lambda m, y: (m[:, None] * y[:, :, None, :]).sum(-1)  # noqa: E731 - (k, r, n)
    a = jnp.abs(w)
    return apply(w, x), apply(w, sx), apply(a, jnp.abs(x)), apply(a, jnp.abs(sx))


@jax.jit
def measure(family_w, random_w, x, sx, conjugates):
    """The products for both groups of matrices, and the projections (1/n) sum_k S^{-k} W S^k of
    the random ones from their gathered conjugates (k, n, n, n). Shifts are exact gathers, done in
    NumPy around this function, so that it compiles to plain products and sums."""
    return _products(family_w, x, sx), _products(random_w, x, sx), conjugates.sum(axis=1) / x.shape[-1]


def commutation_errors(products, back: np.ndarray, n: int) -> tuple[np.ndarray, np.ndarray]:
    """|S^s (W x) - W (S^s x)| and its bound gamma_n (S^s(|W||x|) + |W||S^s x|)."""
    wx, wsx, env, env_s = (np.asarray(p) for p in products)
    shifted = lambda y: np.take_along_axis(y, back, axis=-1)  # noqa: E731
    return np.abs(shifted(wx) - wsx), gamma(n) * (shifted(env) + env_s)


@functools.lru_cache(maxsize=8)
def draws(seed: int, scale: str) -> dict[str, np.ndarray]:
    k, r, n = SIZES[scale]
    rng = np.random.default_rng(seed)
    return {"params": rng.standard_normal((k, n * n)), "random": rng.standard_normal((k, n, n)),
            "x": rng.standard_normal((k, r, n)), "s": rng.integers(1, n, size=(k, r))}


def span_distance(projection: np.ndarray, labels: np.ndarray, n_params: int) -> tuple[np.ndarray, np.ndarray]:
    """Per matrix: the largest spread (max - min) within a support class, and the largest |entry|
    outside every class."""
    spread = np.zeros(len(projection))
    for k in range(n_params):
        vals = projection[:, labels == k]
        spread = np.maximum(spread, vals.max(axis=1) - vals.min(axis=1))
    outside = labels < 0
    off = np.abs(projection[:, outside]).max(axis=1) if outside.any() else np.zeros(len(projection))
    return spread, off


def commutant_experiment(seed: int, scale: str, family) -> Evidence:
    """``family``: n -> SymPy matrix claimed to be the commutant of the cyclic shifts."""
    d = draws(seed, scale)
    k, r, n = SIZES[scale]
    labels, n_params = support_classes(family, n)
    family_w = build(labels, d["params"][:, :n_params])
    back = (np.arange(n) - d["s"][..., None]) % n            # (S^s y)_j = y_{(j - s) mod n}
    sx = np.take_along_axis(d["x"], back, axis=-1)
    ks, i, j = np.meshgrid(np.arange(n), np.arange(n), np.arange(n), indexing="ij")
    conjugates = d["random"][:, (i + ks) % n, (j + ks) % n]   # (S^{-k} W S^k)_ij = W_{i+k, j+k}
    on_family, on_random, projection = measure(family_w, d["random"], d["x"], sx, conjugates)
    err_f, bound_f = commutation_errors(on_family, back, n)
    err_r, bound_r = commutation_errors(on_random, back, n)
    ratio_f = float(np.max(err_f / bound_f))
    ratio_r = (err_r / bound_r).reshape(k, -1).max(axis=1)
    spread, off = span_distance(np.asarray(projection), labels, n_params)
    scale_w = np.abs(d["random"]).reshape(k, -1).max(axis=1) * (gamma(n) + U)
    ratio_span = float(np.max(np.maximum(spread / (2 * scale_w), off / scale_w)))
    passed = ratio_f <= 1.0 and float(ratio_r.min()) > 1.0 and ratio_span <= 1.0
    name = getattr(family, "__name__", str(family))
    return Evidence(
        passed,
        {"family: worst commutation error / bound": ratio_f,
         "random W: smallest worst error / bound": float(ratio_r.min()),
         "projection of random W: distance to the family / bound": ratio_span,
         "projection: largest spread within a class": float(spread.max())},
        {"family": f"{name}: {sp.sstr(family(3).tolist())} at n = 3",
         "family: error / bound": "<= 1", "random W: error / bound": "> 1", "projection in the family": "<= 1"},
        f"n = {n}, {k} matrices per group, {r} random (x, s) each: family error <= gamma_n(|W||x| terms) "
        f"(worst ratio {ratio_f:.3g}); every random W above it (least ratio {ratio_r.min():.3g}); "
        f"(1/n) sum_k S^-k W S^k within 2(gamma_n + u)max|W| of the family's span (worst ratio {ratio_span:.3g})")
