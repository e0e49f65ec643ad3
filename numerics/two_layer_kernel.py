"""The two-layer network's tangent kernel against Jacobians from ``jax.jacfwd`` (slides 002:433-435).

For f(x) = sum_i v_i sigma(w_i^T x), K = J J^T with J the Jacobian of the outputs at n inputs with
respect to all weights. Its two blocks, J_v J_v^T (output weights) and J_w J_w^T (input weights),
are compared entry by entry with the hypothesis' per-unit summands summed over the units.
"""
from __future__ import annotations

import functools

import jax
import jax.numpy as jnp
import numpy as np
import sympy as sp

from checks import Evidence
from numerics._analysis import U

# networks, width m, input dimension d, inputs n
SIZES = {"small": (4, 64, 5, 8), "large": (8, 256, 16, 16)}
# The slides' sigma, the sigmoid of 002:88, with its derivative sigma' = e^{-z} / (1 + e^{-z})^2
# (= sigma (1 - sigma), the worked example of the project's README). Each activation listed here
# is one more Jacobian to compile.
ACTIVATIONS = (("sigmoid", jax.nn.sigmoid, lambda z: np.exp(-z) / (1.0 + np.exp(-z)) ** 2),)
NAMES = ("s", "s_p", "ds", "ds_p", "v", "xx")


def summand_fn(expr):
    """A per-unit summand (SymPy, in the symbols named in NAMES) as a NumPy function of them."""
    own = {s.name: s for s in sp.sympify(expr).free_symbols}
    return sp.lambdify([own.get(n, sp.Symbol(n)) for n in NAMES], expr, "numpy")


def network(theta, x, act, m):
    """Outputs f(x_p) = sum_i v_i act(w_i^T x_p) at the rows of x (n, d), with the weights
    flattened as theta = (v_1..v_m, w_11..w_md)."""
    v, w = theta[:m], theta[m:].reshape(m, x.shape[-1])
    return act(x @ w.T) @ v


@functools.partial(jax.jit, static_argnums=2)
def _jacobian_kernels(theta, x, m):
    """Per network (vmapped): for each activation the blocks J_v J_v^T and J_w J_w^T (n, n) of
    J = d f(x_1..x_n) / d theta, by forward-mode autodiff."""
    def blocks(theta, x):
        out = []
        for _, act, _ in ACTIVATIONS:
            j = jax.jacfwd(network)(theta, x, act, m)                     # (n, m + m d)
            out.append((j[:, :m] @ j[:, :m].T, j[:, m:] @ j[:, m:].T))
        return out
    return jax.vmap(blocks)(theta, x)


@functools.lru_cache(maxsize=8)
def measure(seed: int, scale: str):
    """Random networks and inputs; per activation the Jacobian blocks and the per-unit values
    act(w_i^T x_p), act'(w_i^T x_p) (B, m, n)."""
    b, m, d, n = SIZES[scale]
    rng = np.random.default_rng(seed)
    v = rng.standard_normal((b, m)) / np.sqrt(m)
    w = rng.standard_normal((b, m, d)) / np.sqrt(d)
    x = rng.standard_normal((b, n, d))
    theta = np.concatenate([v, w.reshape(b, -1)], axis=1)
    blocks = _jacobian_kernels(jnp.asarray(theta), jnp.asarray(x), m)
    pre = np.einsum("bmd,bnd->bmn", w, x)
    res = [(np.asarray(kv), np.asarray(kw), np.asarray(act(pre)), dact(pre))
           for (_, act, dact), (kv, kw) in zip(ACTIVATIONS, blocks)]
    return v, w, x, res


def kernel_against_jacobian(seed: int, scale: str, out_part, in_part) -> Evidence:
    """``out_part``, ``in_part``: the per-unit summands of the closed form, SymPy expressions in
    s = sigma(w_i^T x), s_p = sigma(w_i^T x'), ds, ds_p (their derivatives), v = v_i and
    xx = x^T x'. Each part, summed over the units, is compared with its block of J J^T.

    Pass rule: |block - hypothesis| <= 2 (m (d + 1) + 4) u sum_i |summand_i| entrywise (u = 2^-53),
    with the sigmoid, and the hypothesis' Gram matrix K(x_p, x_q) has no eigenvalue below -n times
    the largest entry bound (a kernel with the feature grad f(x) is positive semidefinite). Why: J J^T sums m (d + 1) products of a few rounded factors, the closed form
    m products; recursive summation of k terms errs by at most k u sum |terms| (Higham, Accuracy and
    Stability, 4.2), and every factor carries a few roundings. Any wrong summand differs by O(1)."""
    v, w, x, results = measure(seed, scale)
    _, m, d = w.shape
    out_fn, in_fn = summand_fn(out_part), summand_fn(in_part)
    xx = np.einsum("bpd,bqd->bpq", x, x)[:, None]                  # (B, 1, n, n)
    xx_abs = np.einsum("bpd,bqd->bpq", np.abs(x), np.abs(x))[:, None]
    vv = v[:, :, None, None]
    gamma = 2 * (m * (d + 1) + 4) * U
    worst, examples, lowest = {}, {}, {}
    for (name, _, _), (kv, kw, s, ds) in zip(ACTIVATIONS, results):
        gram, gram_bound = 0.0, 0.0
        args = (s[:, :, :, None], s[:, :, None, :], ds[:, :, :, None], ds[:, :, None, :], vv, xx)
        for part, fn, block, scale_terms in (
                ("output weights", out_fn, kv, np.abs(s[:, :, :, None] * s[:, :, None, :])),
                ("input weights", in_fn, kw, vv**2 * np.abs(ds[:, :, :, None] * ds[:, :, None, :]) * xx_abs)):
            terms = np.broadcast_to(np.asarray(fn(*args), dtype=float), scale_terms.shape)
            predicted = terms.sum(axis=1)
            bound = gamma * scale_terms.sum(axis=1) + np.finfo(float).tiny
            worst[f"{name}, {part}"] = float(np.max(np.abs(block - predicted) / bound))
            examples[f"{name}, {part}"] = (block[0].ravel(), predicted[0].ravel())
            gram, gram_bound = gram + predicted, gram_bound + bound
        # K(x_p, x_q) = Phi(x_p)^T Phi(x_q) with the feature Phi(x) = grad f(x) (002:429): a Gram
        # matrix, so positive semidefinite up to round-off; by Weyl's inequality its eigenvalues
        # move by at most the spectral norm of the error, <= n max_pq |error_pq|.
        sym = (gram + gram.transpose(0, 2, 1)) / 2
        n_pts = sym.shape[-1]
        lowest[name] = float(np.min(np.linalg.eigvalsh(sym).min(axis=1) / (n_pts * gram_bound.max(axis=(1, 2)))))
    passed = all(r <= 1.0 for r in worst.values()) and all(low >= -1.0 for low in lowest.values())
    jac, pred = examples["sigmoid, input weights"]
    figure = {"kind": "scatter", "x": jac.tolist(),
              "series": {"hypothesis (sigmoid, input weights)": pred.tolist(), "J_w J_w^T (reference)": jac.tolist()},
              "xlabel": "J_w J_w^T entry (jax.jacfwd)", "ylabel": "closed form", "title": "input-weight kernel, network 0"}
    return Evidence(passed, {"max |J J^T block - closed form| / round-off bound": worst,
                             "smallest eigenvalue of the closed-form Gram matrix / (n x bound)": lowest},
                    {"out_part": str(out_part), "in_part": str(in_part), "ratio": "<= 1"},
                    f"every entry within 2 (m (d + 1) + 4) u sum_i |summand_i| = {gamma:.2e} sum_i |summand_i| "
                    f"of its Jacobian block, and the closed form's Gram matrix positive semidefinite to within n times "
                    f"that bound (sigmoid activation)",
                    detail=f"{w.shape[0]} networks, m = {m}, d = {d}, {x.shape[1]} inputs", figure=figure)
