"""The shared numerical-analysis rules."""
import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from numerics._analysis import U, fitted_order, gamma


@settings(max_examples=20, deadline=None)
@given(st.floats(-4, 4), st.floats(1e-3, 1e3))
def test_fitted_order_recovers_the_exponent_of_a_power_law(p, c):
    x = np.logspace(-4, -1, 8)
    assert abs(fitted_order(x, c * x**p) - p) < 1e-9


def test_an_exact_zero_does_not_turn_the_fit_into_nan():
    assert np.isfinite(fitted_order(np.array([1e-2, 1e-1, 1.0]), np.array([0.0, 1e-2, 1.0])))


def test_gamma_bounds_a_chain_of_roundings():
    assert U == 2.0**-53
    assert gamma(1) > U and 0 < gamma(10) - 10 * U < 200 * U**2  # gamma_k = k u + O(k^2 u^2)
