"""The separable-ODE experiment: the integrator runs, the error estimate and the pass rule."""
import numpy as np
import pytest

from numerics.separable_ode import LOOSE, TIGHT, X0, ode_vs_closed_form, slope, trajectories


def closed(x, c):
    return x**2 / (1 + c * x)


def constant(x, y):
    return x / y - 1 / x


def test_slope_is_the_slides_right_hand_side():
    assert slope(2.0, 3.0) == pytest.approx(3 / 2 + 9 / 8)


def test_runs_start_at_the_initial_values_and_tighten_with_the_tolerance():
    grid, y0s, runs = trajectories(4, "small")
    assert grid[0] == X0
    np.testing.assert_allclose(runs[TIGHT][:, 0], y0s)
    exact = np.array([closed(grid, constant(X0, y0)) for y0 in y0s])
    assert np.abs(runs[TIGHT] - exact).max() < np.abs(runs[LOOSE] - exact).max() / 100


def test_the_closed_form_passes_and_wrong_ones_fail():
    assert ode_vs_closed_form(4, "small", closed, constant).passed
    assert not ode_vs_closed_form(4, "small", lambda x, c: closed(x, c) * (1 + 1e-6), constant).passed
    assert not ode_vs_closed_form(4, "small", lambda x, c: x / (1 + c * x), lambda x, y: 1 / y - 1 / x).passed


def test_results_repeat_for_a_fixed_seed():
    assert ode_vs_closed_form(9, "small", closed, constant).measured == ode_vs_closed_form(9, "small", closed, constant).measured
