"""Backpropagation by the notes' recursion against JAX autodiff, on small ReLU networks (float64).

The network follows the notes' indexing: h^1 = x, f^k = b^k + Omega^k h^k, h^(k+1) = ReLU(f^k); the
loss is l = g . f^L + |f^L|^2 / 2 with a random g, so delta^L = g + f^L.
"""
from __future__ import annotations

import functools

import jax
import jax.numpy as jnp
import numpy as np

from checks import Evidence
from numerics._analysis import U

jax.config.update("jax_enable_x64", True)

WIDTHS = (5, 7, 4, 3)
POINTS = {"small": 16, "large": 2048}


def forward(params, x):
    """Pre-activations f^1 .. f^L and layer inputs h^1 .. h^L."""
    h, fs, hs = x, [], []
    for k, (om, b) in enumerate(params):
        hs.append(h)
        f = b + om @ h
        fs.append(f)
        h = jnp.maximum(f, 0.0) if k < len(params) - 1 else f
    return fs, hs


def loss(params, x, g):
    f_top = forward(params, x)[0][-1]
    return g @ f_top + 0.5 * f_top @ f_top


_grad = jax.jit(jax.grad(loss))
_forward = jax.jit(forward)


@functools.lru_cache(maxsize=8)
def instances(seed: int, scale: str):
    """Random networks, inputs and loss directions; their autodiff gradients and forward passes, one
    tuple (params, fs, hs, g, grads) per network (one compiled program serves them all)."""
    rng = np.random.default_rng(seed)
    out = []
    for _ in range(POINTS[scale]):
        params = [(rng.normal(0.0, 1.0, (o, i)), rng.normal(0.0, 0.5, o)) for i, o in zip(WIDTHS[:-1], WIDTHS[1:])]
        x, g = rng.normal(0.0, 1.0, WIDTHS[0]), rng.normal(0.0, 1.0, WIDTHS[-1])
        auto = [(np.asarray(go), np.asarray(gb)) for go, gb in _grad(params, x, g)]
        fs, hs = _forward(params, x)
        out.append((params, [np.asarray(f) for f in fs], [np.asarray(h) for h in hs], g, auto))
    return out


def recursion(params, fs, hs, g, weight_gradient, backward):
    """dl/dOmega^k and dl/db^k by the claimed recursion, top layer first."""
    col = lambda v: np.asarray(v, dtype=float).reshape(-1, 1)  # noqa: E731
    delta = col(g + fs[-1])
    grads = [None] * len(params)
    for k in range(len(params) - 1, -1, -1):
        grads[k] = (np.asarray(weight_gradient(delta, col(hs[k])), dtype=float), delta.ravel())
        if k > 0:
            f_below = col(fs[k - 1])
            delta = np.asarray(backward((f_below > 0).astype(float), np.maximum(f_below, 0.0), params[k][0], delta), dtype=float)
    return grads


def backprop_against_autodiff(seed: int, scale: str, weight_gradient, backward) -> Evidence:
    """``weight_gradient(delta, h)`` -> dl/dOmega for a layer with input h; ``backward(slope, relu, Omega,
    delta)`` -> delta one layer down (slope = Theta(f), relu = ReLU(f) of the layer below).

    Pass rule: at every random network, every entry of every dl/dOmega^k and dl/db^k within
    64 u (1 + max|grad|) of jax.grad: both are a few dozen float64 operations per entry on O(1) numbers;
    a wrong recursion (or one whose shapes do not fit) fails by O(1)."""
    worst = 0.0
    for params, fs, hs, g, auto in instances(seed, scale):
        try:
            with np.errstate(all="ignore"):
                mine = recursion(params, fs, hs, g, weight_gradient, backward)
            gaps = [np.max(np.abs(m[0] - a[0])) for m, a in zip(mine, auto)] + [np.max(np.abs(m[1] - a[1])) for m, a in zip(mine, auto)]
            gap = float(max(gaps)) if all(m[0].shape == a[0].shape for m, a in zip(mine, auto)) else np.inf
        except ValueError:          # the claimed formula's shapes do not fit the layer
            gap = np.inf
        scale_ = 1.0 + max(float(np.max(np.abs(a[0]))) for a in auto)
        worst = max(worst, gap / (64 * U * scale_))
    return Evidence(bool(worst <= 1.0), {"worst |recursion - jax.grad| / (64 u (1 + max|grad|))": worst},
                    {"gap / bound": "<= 1"},
                    f"every gradient entry of {POINTS[scale]} random ReLU networks (widths {WIDTHS}) within 64 u (1 + max|grad|) "
                    f"of jax.grad",
                    detail="loss g . f^L + |f^L|^2 / 2; the recursion starts from delta^L = g + f^L")
