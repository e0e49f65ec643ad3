"""The slides' ODE dy/dx = y/x + y^2/x^3 (002:1787) integrated numerically, against the closed form
that the substitution r = y/x, s = -1/x gives (002:1794).

``ode_vs_closed_form`` integrates the ODE with SciPy's ``solve_ivp`` (DOP853, an eighth-order
Runge-Kutta method with error control) from x = 1 for several initial values, and compares with
the hypothesis' closed form y = Y(x, C), the constant C taken from the initial value through the
hypothesis' own first integral C = K(x, y). The interval [1, 4] keeps away from the poles
x = -1/C of the true solutions (the initial values give C >= -0.2, a pole at x >= 5 or none).
"""
from __future__ import annotations

import functools

import numpy as np

from checks import Evidence

X0, X1 = 1.0, 4.0
INITIAL_VALUES = {"small": 6, "large": 200}    # initial values y(1) per run
Y0_RANGE = (0.25, 1.2)                         # C = 1/y0 - 1 in [-1/6, 3]: no pole in [1, 4]
LOOSE, TIGHT = 1e-8, 1e-11
RTOLS = (LOOSE, TIGHT)
# The pass rule needs no constant tuned to the closed form. The integrator's error at the loose
# tolerance is estimated from the run at a 1000 times tighter one: e_est = ||y_loose - y_tight||.
# DOP853's global error shrinks at least as tol^0.7 (about 0.8 measured here), so the tight run's
# own error is <= 1/100 of the loose one's and ||y_loose - y|| <= e_est / 0.99 for the true
# solution y. A closed form passes when ||y_loose - Y|| <= SAFETY e_est + FLOOR; a wrong family
# misses by O(1), 1e6 times more.
SAFETY = 1.5
FLOOR = 1000 * float(np.finfo(np.float64).eps)    # round-off of the O(100) operations behind each value
POINTS = 61


def slope(x, y):
    """The right-hand side y/x + y^2/x^3 of 002:1787."""
    return y / x + y**2 / x**3


@functools.lru_cache(maxsize=8)
def trajectories(seed: int, scale: str):
    """Numerical solutions on a grid of x in [1, 4], for each rtol (atol = rtol / 1000): (grid, y0s, {rtol: ys})."""
    from scipy.integrate import solve_ivp   # imported here: it costs more than the rest of the module
    rng = np.random.default_rng(seed)
    y0s = rng.uniform(*Y0_RANGE, INITIAL_VALUES[scale])
    grid = np.linspace(X0, X1, POINTS)
    runs = {}
    for rtol in RTOLS:
        ys = [solve_ivp(slope, (X0, X1), [y0], method="DOP853", rtol=rtol, atol=rtol * 1e-3, t_eval=grid).y[0]
              for y0 in y0s]
        runs[rtol] = np.array(ys)
    return grid, y0s, runs


def _sup(a, b, scale):
    """max |a - b| / max(1, |scale|) along each trajectory (rows)."""
    return np.max(np.abs(a - b) / np.maximum(1.0, np.abs(scale)), axis=-1)


def ode_vs_closed_form(seed: int, scale: str, solution, constant) -> Evidence:
    """Pass when, for every initial value, the closed form ``solution(x, C)`` (C from y(1) by the
    hypothesis' first integral ``constant(x, y)``) is within the loose run's error estimate:
    ||y_loose - Y|| <= 1.5 ||y_loose - y_tight|| + 1000 eps, sup norms relative to max(1, |y|)."""
    grid, y0s, runs = trajectories(seed, scale)
    cs = np.array([constant(X0, y0) for y0 in y0s], dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        closed = np.array([solution(grid, c) * np.ones_like(grid) for c in cs], dtype=float)
    loose, tight = runs[LOOSE], runs[TIGHT]
    estimate = _sup(loose, tight, tight)
    with np.errstate(invalid="ignore"):
        deviation = np.where(np.isfinite(closed).all(axis=-1), _sup(loose, closed, tight), np.inf)
    bound = SAFETY * estimate + FLOOR
    passed = bool(np.all(deviation <= bound))
    worst = int(np.argmax(deviation / bound))
    return Evidence(
        passed,
        {"max ||y_ivp - Y(x, C)|| (rtol 1e-8)": float(deviation.max()),
         "worst ratio to the bound": float(deviation[worst] / bound[worst])},
        {"error estimate ||y(1e-8) - y(1e-11)||, max": float(estimate.max()), "ratio to the bound": "<= 1"},
        f"solve_ivp (DOP853) from y(1) = y0 for {len(y0s)} values y0 in {list(Y0_RANGE)}, x in [{X0:g}, {X1:g}]: for "
        f"each, ||y_ivp - Y(x, C)|| <= {SAFETY} ||y_ivp(rtol={LOOSE:g}) - y_ivp(rtol={TIGHT:g})|| + 1000 eps "
        "(sup norms relative to max(1, |y|))",
        detail=f"C from the first integral at x = 1: {np.round(cs, 4).tolist()}",
        figure={"kind": "line", "x": grid.tolist(),
                "series": {**{f"solve_ivp, y(1) = {y0:.3f}": tight[i].tolist() for i, y0 in enumerate(y0s[:2])},
                           **{f"closed form (predicted), y(1) = {y0:.3f}": closed[i].tolist() for i, y0 in enumerate(y0s[:2])}},
                "xlabel": "x", "ylabel": "y", "title": "dy/dx = y/x + y^2/x^3: numerical solution vs closed form"},
    )
