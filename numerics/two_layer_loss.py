"""The two-layer network's squared loss in JAX (float64): its autodiff gradient against a claimed
formula at random points, and the order of the first-order descent remainder along the claimed
gradient."""
from __future__ import annotations

import functools

import jax
import jax.numpy as jnp
import numpy as np

from checks import Evidence
from numerics._analysis import U

jax.config.update("jax_enable_x64", True)

D_IN, HIDDEN, N_EX = 2, 2, 2
POINTS = {"small": 64, "large": 4096}
STEPS_T = np.logspace(-4, -2, 5)          # step sizes of the descent test
ORDER_BAND = (1.9, 2.1)


def loss(params, x, y):
    """(1/N) sum_i (y_i - w^T tanh(W^T x_i))^2; params = (w (k,), W (d, k)); x (N, d)."""
    w, W = params
    return jnp.mean((y - jnp.tanh(x @ W) @ w) ** 2)


_grad = jax.jit(jax.vmap(jax.grad(loss), in_axes=(0, 0, 0)))


def losses(w, W, x, y):
    """The same loss for a batch of instances in NumPy (the descent test needs values only)."""
    return np.mean((y - np.einsum("mnk,mk->mn", np.tanh(np.einsum("mnd,mdk->mnk", x, W)), w)) ** 2, axis=1)


@functools.lru_cache(maxsize=8)
def instances(seed: int, scale: str):
    rng = np.random.default_rng(seed)
    m = POINTS[scale]
    w = rng.normal(0.0, 1.0, (m, HIDDEN))
    W = rng.normal(0.0, 1.0, (m, D_IN, HIDDEN))
    x = rng.normal(0.0, 1.0, (m, N_EX, D_IN))
    y = rng.normal(0.0, 1.0, (m, N_EX))
    gw, gW = _grad((jnp.asarray(w), jnp.asarray(W)), jnp.asarray(x), jnp.asarray(y))
    return w, W, x, y, np.concatenate([np.asarray(gw), np.asarray(gW).reshape(m, -1)], axis=1)


def _claimed(gradient, w, W, x, y):
    """The hypothesis' gradient at every instance at once (its arguments are w, W row-major, the x_i
    and the y_i, each entry an array over instances), flattened like (dL/dw, dL/dW row-major)."""
    m = w.shape[0]
    g = gradient(*w.T, *W.reshape(m, -1).T, *x.reshape(m, -1).T, *y.T)
    g = np.asarray(g, dtype=float)
    return np.broadcast_to(g.reshape(g.shape[0], -1), (g.shape[0], m)).T


def gradient_against_autodiff(seed: int, scale: str, gradient) -> Evidence:
    """``gradient(w_1, .., W_11, W_12, .., x_11, x_12, .., y_1, ..)`` (every entry a separate argument, W
    and the x_i row-major): the claimed (dL/dw, dL/dW) as one column.

    Pass rule, both of:
    (a) at every random instance, max |claimed - jax.grad| <= 64 u (1 + max|jax.grad|): both evaluate
        a few dozen float64 operations on O(1) numbers;
    (b) descent test along the claimed direction g: r(t) = L(theta - t g) - L(theta) + t |g|^2 is O(t^2)
        exactly when g is the gradient (otherwise it has a first-order term t (|g|^2 - <grad, g>)): the
        least-squares slope of log median_instances |r(t)| against log t for t in [1e-4, 1e-2] must lie in
        [1.9, 2.1] (2 for the true gradient; a wrong g gives slope 1 unless it happens to have <grad, g> = |g|^2)."""
    w, W, x, y, auto = instances(seed, scale)
    with np.errstate(all="ignore"):
        claimed = _claimed(gradient, w, W, x, y)
    scale_ = 1.0 + np.max(np.abs(auto), axis=1)
    finite = np.all(np.isfinite(claimed), axis=1)
    worst = float(np.max(np.where(finite, np.max(np.abs(claimed - auto), axis=1) / (64 * U * scale_), np.inf)))
    gw, gW = claimed[:, :HIDDEN], claimed[:, HIDDEN:].reshape(W.shape)
    base = losses(w, W, x, y)
    sq = np.sum(claimed**2, axis=1)
    remainders = []
    for t in STEPS_T:
        moved = losses(w - t * gw, W - t * gW, x, y)
        remainders.append(float(np.median(np.abs(moved - base + t * sq))))
    rem = np.asarray(remainders)
    slope = float(np.polyfit(np.log(STEPS_T), np.log(rem), 1)[0]) if np.all(rem > 0) and np.all(np.isfinite(rem)) else float("nan")
    ok = worst <= 1.0 and ORDER_BAND[0] <= slope <= ORDER_BAND[1]
    figure = {"kind": "loglog", "x": STEPS_T.tolist(),
              "series": {"|L(theta - t g) - L(theta) + t |g|^2| (median)": rem.tolist(),
                         "fit: slope 2": (rem[0] * (STEPS_T / STEPS_T[0]) ** 2).tolist()},
              "xlabel": "step t", "ylabel": "first-order remainder", "title": "a gradient step along the claimed gradient"}
    return Evidence(ok, {"worst |claimed - autodiff| / (64 u (1 + |grad|))": worst, "descent remainder order": slope},
                    {"gap / bound": "<= 1", "descent remainder order": 2.0},
                    f"(a) formula vs jax.grad within 64 u (1 + |grad|) at {w.shape[0]} random points; (b) fitted order of "
                    f"the descent remainder in [{ORDER_BAND[0]}, {ORDER_BAND[1]}]",
                    detail=f"d = {D_IN}, k = {HIDDEN}, N = {N_EX}, sigma = tanh", figure=figure)
