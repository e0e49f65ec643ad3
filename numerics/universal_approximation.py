"""Sums of sigmoids approximating Lipschitz functions on [0, 1] (000:90-95): the explicit
construction of ``derivations/universal_approximation.py``,

    G_N(x) = 2 f(0) sigma(0) + sum_{j=1}^N (f(j/N) - f((j-1)/N)) sigma(c N (x - (j - 1/2)/N)),

evaluated in JAX float64 for several targets and widths N, against the proven bound
sup |f - G_N| <= (L/N)(1 + 2/(e^c - 1)) (with c = log(9/4): 2.6 L / N).

The sup is taken on a grid of [0, 1], which can only underestimate the true sup; the bound is a
proven upper bound on the true sup, so the grid value must lie below it (up to round-off). A wrong,
too small bound is caught where the grid sup exceeds it.
"""
from __future__ import annotations

import functools

import jax
import jax.numpy as jnp
import numpy as np
import sympy as sp

from checks import Evidence
from numerics._analysis import fitted_order

SLOPE = float(np.log(9 / 4))          # c: the sigmoids' slope per unit of N; the bound is then 2.6 L / N
WIDTHS = {"small": (4, 8, 16, 32, 64, 128, 256), "large": tuple(2**k for k in range(2, 12))}
GRID = {"small": 4001, "large": 20001}
ROUND_OFF = 1e-12                      # |G_N| <= N max|f| operations of size <= 1: far below any bound here


def _piecewise_linear(rng: np.random.Generator):
    """A random continuous piecewise-linear function on [0, 1] with 6 pieces, and its Lipschitz constant."""
    # interior knots jittered around the sixths, at least 1/15 apart, so L stays below 30
    knots = np.concatenate([[0.0], (np.arange(1, 6) + rng.uniform(-0.3, 0.3, 5)) / 6, [1.0]])
    values = rng.uniform(-1.0, 1.0, knots.size)
    lipschitz = float(np.max(np.abs(np.diff(values) / np.diff(knots))))
    return (lambda x: np.interp(x, knots, values)), lipschitz


def targets(seed: int):
    """Lipschitz targets f with their Lipschitz constants L (a kink, an oscillation, a convex
    function, a random piecewise-linear function)."""
    pl, pl_lip = _piecewise_linear(np.random.default_rng(seed))
    return (
        ("|x - 0.3|", lambda x: np.abs(x - 0.3), 1.0),
        ("sin(6x) / 2", lambda x: np.sin(6 * x) / 2, 3.0),
        ("x^2", lambda x: x**2, 2.0),
        ("random piecewise linear", pl, pl_lip),
    )


@functools.lru_cache(maxsize=8)
def _sum_of_units(activation: sp.Expr):
    """A jitted G(x) = v0 act(0) + sum_j v_j act(w (x - t_j)) for this activation, mapped over a
    leading axis of cases (target, N): one compilation per activation. Padded units with v_j = 0
    keep the shapes fixed across N."""
    z = sorted(activation.free_symbols, key=str)
    act = sp.lambdify(z, activation, "jax") if z else (lambda _: jnp.asarray(float(activation)))

    @jax.jit
    def evaluate(x, v0, v, w, t):
        def one(case):
            v0_, v_, w_, t_ = case
            return v0_ * act(jnp.zeros(())) + act(w_ * (x[:, None] - t_[None, :])) @ v_
        return jax.lax.map(one, (v0, v, w, t))

    return evaluate


def construction(f, n: int, width_max: int):
    """The weights of G_N, padded to ``width_max`` units: (v0, v, slope w, centres t)."""
    nodes = np.arange(n + 1) / n
    v = np.zeros(width_max)
    v[:n] = np.diff(f(nodes))
    t = np.full(width_max, 0.5)
    t[:n] = (np.arange(1, n + 1) - 0.5) / n
    return 2 * f(0.0), v, SLOPE * n, t


def sigmoid_sum_errors(seed: int, scale: str, activation: sp.Expr):
    """The grid sup of |f - G_N| for each target and width: (widths, {name: (L, errors)})."""
    grid = np.linspace(0.0, 1.0, GRID[scale])
    widths = WIDTHS[scale]
    cases = [(name, f, lip, n) for name, f, lip in targets(seed) for n in widths]
    weights = [construction(f, n, max(widths)) for _, f, _, n in cases]
    v0, v, w, t = (np.array(part) for part in zip(*weights))
    g = np.asarray(_sum_of_units(activation)(grid, v0, v, w, t))
    out = {}
    for (name, f, lip, _), row in zip(cases, g):
        out.setdefault(name, (lip, []))[1].append(float(np.max(np.abs(row - f(grid)))))
    return widths, {name: (lip, np.array(errs)) for name, (lip, errs) in out.items()}


@functools.lru_cache(maxsize=16)
def _errors_cached(seed: int, scale: str, activation: sp.Expr):
    return sigmoid_sum_errors(seed, scale, activation)


def approximation_error(seed: int, scale: str, activation, bound) -> Evidence:
    """Pass when, for every target and width N, the grid sup of |f - G_N| is at most
    ``bound(N, L, c)`` (+ round-off); ``activation`` is the units' function as a SymPy expression."""
    widths, errors = _errors_cached(seed, scale, sp.sympify(activation))
    ns = np.array(widths, dtype=float)
    worst, table = 0.0, {}
    for name, (lip, errs) in errors.items():
        bounds = np.array([float(bound(n, lip, SLOPE)) for n in ns])
        ratio = errs / bounds
        worst = max(worst, float(np.max(np.where(errs <= bounds + ROUND_OFF, ratio, np.inf))))
        order = -fitted_order(ns, errs)
        table[name] = {"sup error at N = %d" % widths[-1]: float(errs[-1]), "fitted order": order,
                       "max error / bound": float(np.max(ratio))}
    first = next(iter(errors))
    lip0, errs0 = errors[first]
    return Evidence(
        worst <= 1.0, table, {"sup error / bound": "<= 1 for every N"},
        f"grid sup over {GRID[scale]} points of [0, 1] of |f - G_N| <= bound(N, L, c) (+ {ROUND_OFF:g}) for N in "
        f"{list(widths)}, four Lipschitz targets, c = log(9/4)",
        detail=f"largest error / bound: {worst:.3g}",
        figure={"kind": "loglog", "x": [int(n) for n in widths],
                "series": {f"sup |f - G_N|, f = {first}": errs0.tolist(),
                           "bound (predicted)": [float(bound(n, lip0, SLOPE)) for n in ns]},
                "xlabel": "units N", "ylabel": "sup error", "title": "Sigmoid sums approximating f = |x - 0.3|"},
    )
