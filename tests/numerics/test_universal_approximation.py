"""The sigmoid-sum construction in JAX against a direct NumPy evaluation, and the pass rule."""
import numpy as np
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.special import expit

from numerics.universal_approximation import SLOPE, _sum_of_units, approximation_error, construction, targets

z = sp.Symbol("z")
SIGMOID = 1 / (1 + sp.exp(-z))


def bound(n, lip, c):
    return lip / n * (1 + 2 / (np.exp(c) - 1))


@settings(max_examples=8, deadline=None)
@given(st.integers(1, 40), st.integers(0, 1000))
def test_the_jax_sum_matches_numpy(n, seed):
    name, f, lip = targets(seed)[3]
    grid = np.linspace(0, 1, 101)
    v0, v, w, t = construction(f, n, 40)
    got = np.asarray(_sum_of_units(SIGMOID)(grid, v0[None], v[None], np.array([w]), t[None]))[0]
    want = f(0.0) + (1 / (1 + np.exp(-w * (grid[:, None] - t[None, :])))) @ v
    np.testing.assert_allclose(got, want, atol=1e-12)
    assert np.max(np.abs(want - f(grid))) <= bound(n, lip, SLOPE)


def test_the_construction_telescopes_to_the_staircase_for_steep_units():
    f = np.sin
    v0, v, w, t = construction(f, 10, 10)
    x = (np.arange(11) / 10)[1:-1]                 # the nodes, away from every step centre
    steep = f(0.0) + expit(1e4 * (x[:, None] - t[None, :])) @ v
    np.testing.assert_allclose(steep, f(x), atol=1e-12)


def test_the_bound_passes_and_wrong_ones_fail():
    assert approximation_error(2, "small", SIGMOID, bound).passed
    assert not approximation_error(2, "small", SIGMOID, lambda n, lip, c: lip / (2 * n)).passed
    assert not approximation_error(2, "small", z**2, bound).passed


def test_results_repeat_for_a_fixed_seed():
    assert approximation_error(6, "small", SIGMOID, bound).measured == approximation_error(6, "small", SIGMOID, bound).measured
