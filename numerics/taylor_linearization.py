"""The remainder of the linearised network (slides 002:384): its fitted order and its eps^2
coefficient, on tanh networks f(x) = sum_i v_i tanh(w_i^T x) moved along random unit directions
of all their weights.

One compiled function returns, for a batch of networks, f(w_0) and the directional derivatives
g'(0) = grad_w f(w_0)^T d, g''(0) = d^T grad^2 f d and g'''(0) of g(eps) = f(w_0 + eps d) (nested
forward-mode autodiff), and f(w_0 + eps d) on a grid of eps.
"""
from __future__ import annotations

import functools

import jax
import jax.numpy as jnp
import numpy as np
import sympy as sp

from checks import Evidence
from numerics._analysis import fitted_order, U

SIZES = {"small": (16, 32, 4), "large": (1024, 256, 16)}   # networks, width m, input dimension
EPSILONS = 2.0 ** -np.arange(3, 13)
# Half-width of the band for the fitted order. Why: with R(eps) = c2 eps^2 + c3 eps^3 + ..., the
# rms over networks satisfies |d log R / d log eps - 2| <= rho eps / (1 - rho eps), rho =
# rms(c3) / rms(c2) (Cauchy-Schwarz); the experiment requires rho eps_max <= 0.05, so the cubic
# term moves the fitted order by less than half the band.
ORDER_BAND = 0.1
RHO_EPS_MAX = 0.05


def fn_of(expr, *names):
    own = {s.name: s for s in sp.sympify(expr).free_symbols}
    return sp.lambdify([own.get(n, sp.Symbol(n)) for n in names], expr, "numpy")


def network(theta, x, m):
    """f(x_b) for a batch of networks theta (..., B, m + m d) at their inputs x (B, d)."""
    d = x.shape[-1]
    v, w = theta[..., :m], theta[..., m:].reshape(theta.shape[:-1] + (m, d))
    return jnp.sum(v * jnp.tanh(jnp.einsum("...bmd,bd->...bm", w, x)), axis=-1)


@functools.partial(jax.jit, static_argnums=4)
def _expansion(theta, direction, x, epsilons, m):
    g = lambda t: network(theta + t * direction, x, m)                  # noqa: E731
    g1 = lambda t: jax.jvp(g, (t,), (jnp.ones_like(t),))[1]             # noqa: E731
    g2 = lambda t: jax.jvp(g1, (t,), (jnp.ones_like(t),))[1]            # noqa: E731
    g3 = lambda t: jax.jvp(g2, (t,), (jnp.ones_like(t),))[1]            # noqa: E731
    zero = jnp.zeros(())
    f0, slope = jax.jvp(g, (zero,), (jnp.ones(()),))                    # f(w_0) and grad_w f(x, w_0)^T d
    moved = network(theta[None] + epsilons[:, None, None] * direction[None], x, m)   # (E, B)
    scale = jnp.sum(jnp.abs(theta[..., :m]), axis=-1)                   # sum_i |v_i| >= |f|: round-off scale
    return f0, slope, g2(zero), g3(zero), moved, scale


@functools.lru_cache(maxsize=8)
def expansion(seed: int, scale: str):
    b, m, d = SIZES[scale]
    rng = np.random.default_rng(seed)
    v = rng.standard_normal((b, m)) / np.sqrt(m)
    w = rng.standard_normal((b, m, d))
    x = rng.standard_normal((b, d)) / np.sqrt(d)
    theta = np.concatenate([v, w.reshape(b, -1)], axis=1)
    direction = rng.standard_normal(theta.shape)
    direction /= np.linalg.norm(direction, axis=1, keepdims=True)
    out = _expansion(jnp.asarray(theta), jnp.asarray(direction), jnp.asarray(x), jnp.asarray(EPSILONS), m)
    return dict(zip(("f0", "slope", "g2", "g3", "moved", "scale"), (np.asarray(o) for o in out)))


def rms(a, axis=None):
    return np.sqrt(np.mean(np.square(a), axis=axis))


def remainder_order_and_level(seed: int, scale: str, model, order, leading) -> Evidence:
    """``model``: a SymPy expression in f0, delta, slope (= grad f(w_0)^T d) for f(w_0 + delta d);
    ``order``: the claimed order p of the remainder R(delta) = f(w_0 + delta d) - model;
    ``leading``: its claimed coefficient, R ~ leading delta^p, a SymPy expression in curvature
    (= d^T grad^2 f(w_0) d).

    Pass rule, both of:
    (a) the least-squares log-log slope of rms_b R_b(delta) over delta = 2^-3..2^-12 is within
        ORDER_BAND = 0.1 of ``order``, and the band is justified: rho delta_max <= 0.05 with
        rho = rms(c3) / rms(c2), c2 = g''(0)/2, c3 = g'''(0)/6 from autodiff;
    (b) at the smallest delta, rms_b |R_b / delta^p - leading_b| <= 2 rms(c3) delta + round-off
        4 (m + d + 4) u rms(sum_i |v_i|) / delta^p. Why: for the right expansion
        R/delta^2 - c2 = c3 delta + c4 delta^2 + ...; the factor 2 covers the quartic and later
        terms while |c4| delta < |c3| (delta = 2^-12). Each of f(w_0 + delta d), f(w_0) and
        delta grad f^T d is a sum of m terms v_i tanh(d-term dot product) and errs by at most
        about (m + d + 2) u sum_i |v_i|; R combines them."""
    e = expansion(seed, scale)
    b, m, d = SIZES[scale]
    f0, slope, moved = e["f0"], e["slope"], e["moved"]
    c2, c3 = e["g2"] / 2, e["g3"] / 6
    predicted = np.broadcast_to(np.asarray(fn_of(model, "f0", "delta", "slope")(f0[None], EPSILONS[:, None], slope[None]),
                                           dtype=float), moved.shape)
    remainder = moved - predicted                                                  # (E, B)
    r_rms = rms(remainder, axis=1)
    p = fitted_order(EPSILONS, r_rms)
    rho = float(rms(c3) / rms(c2))
    order = float(order)
    claimed = np.broadcast_to(np.asarray(fn_of(leading, "curvature")(e["g2"]), dtype=float), c2.shape)
    small = EPSILONS[-1]
    level_gap = float(rms(remainder[-1] / small**order - claimed))
    roundoff = 4 * (m + d + 4) * U * float(rms(e["scale"])) / small**order
    level_bound = 2 * float(rms(c3)) * small + roundoff
    order_ok = abs(p - order) <= ORDER_BAND and rho * EPSILONS[0] <= RHO_EPS_MAX
    level_ok = level_gap <= level_bound
    figure = {"kind": "loglog", "x": EPSILONS.tolist(),
              "series": {"rms remainder": r_rms.tolist(),
                         "predicted: rms(leading) eps^order": (float(rms(claimed)) * EPSILONS**order).tolist()},
              "xlabel": "eps = |w - w_0|", "ylabel": "rms |f(w_0 + eps d) - model|"}
    return Evidence(bool(order_ok and level_ok),
                    {"fitted order": p, "rho eps_max": float(rho * EPSILONS[0]),
                     "rms |R/eps^p - leading| at eps = 2^-12": level_gap},
                    {"order": order, "model": str(model), "leading": str(leading), "level bound": level_bound},
                    f"(a) |fitted order - {order:g}| <= {ORDER_BAND} with rho eps_max <= {RHO_EPS_MAX}; "
                    f"(b) rms |R/eps^p - leading| <= 2 rms(c3) eps + round-off = {level_bound:.3g} at eps = 2^-12",
                    detail=f"{b} tanh networks, width {m}, inputs in R^{d}, unit directions in all {m * (d + 1)} weights",
                    figure=figure)
