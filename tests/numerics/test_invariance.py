"""The JAX layers against NumPy / SciPy references, and the pass rules against wrong predictions."""
import numpy as np
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.integrate import quad

from numerics.invariance import (GRID, U, affine, continuous_draws, continuous_equivariance_error, continuous_pair,
                                 convolution_equivariance_error, correlation_indices, layer_outputs, layer_pair,
                                 phi_bound, phi_values, pooling_invariance_error)

i, s = sp.symbols("i s")
alpha, beta = sp.symbols("alpha beta")


@settings(max_examples=10, deadline=None)
@given(seed=st.integers(0, 2**31 - 1), n=st.integers(2, 12))
def test_layer_matches_numpy_circular_and_zero_padded(seed, n):
    rng = np.random.default_rng(seed)
    w, x = rng.standard_normal((1, n)), rng.standard_normal((1, n))
    want = {"circular": [np.dot(w[0], np.roll(x[0], -i_)) for i_ in range(n)],
            "zero": [np.dot(w[0, : n - i_], x[0, i_:]) for i_ in range(n)]}
    for padding, pre in want.items():
        idx, mask = correlation_indices(n, padding)
        got, env = layer_pair(w, x[:, idx], mask)
        np.testing.assert_allclose(np.asarray(got)[0], np.tanh(pre), rtol=0, atol=64 * U * n)
        assert np.all(np.asarray(env)[0] >= np.abs(pre) - 1e-12)


def test_equivariance_rule_accepts_p_g_and_rejects_the_others():
    assert convolution_equivariance_error(1, "small", "circular", i - s).passed
    assert not convolution_equivariance_error(1, "small", "circular", i + s).passed
    assert not convolution_equivariance_error(1, "small", "circular", i).passed
    assert not convolution_equivariance_error(1, "small", "zero", i - s).passed


def test_pooling_rule_accepts_global_poolings_only():
    for pooling in ("sum", "mean", "max"):
        assert pooling_invariance_error(2, "small", "circular", pooling).passed, pooling
    assert not pooling_invariance_error(2, "small", "circular", "window-max").passed
    assert not pooling_invariance_error(2, "small", "zero", "sum").passed


def test_results_are_repeatable_for_a_fixed_seed():
    a = convolution_equivariance_error(5, "small", "circular", i - s)
    layer_outputs.cache_clear()
    b = convolution_equivariance_error(5, "small", "circular", i - s)
    assert a.measured == b.measured
    c = continuous_equivariance_error(5, "small", beta - alpha)
    continuous_draws.cache_clear()
    assert continuous_equivariance_error(5, "small", beta - alpha).measured == c.measured


def test_quadrature_matches_scipy_and_the_bound_covers_the_error():
    d = continuous_draws(3, "small")
    first = [tuple(p[:4] for p in d[name]) for name in ("kern", "sig")]
    alpha_, beta_ = d["alpha"][:4], d["beta"][:4]
    got, sum_k, sum_x, sum_kx = (np.asarray(v) for v in phi_values(beta_, alpha_, *first, GRID))
    bound = phi_bound(sum_k, sum_x, sum_kx, *first)

    def mixture(t, amp, centre, width):
        return float(np.sum(amp * np.exp(-(((t - centre) / width) ** 2))))

    for j in range(4):
        kern = [p[j] for p in first[0]]
        sig = [p[j] for p in first[1]]
        val, abserr = quad(lambda g: mixture(beta_[j] - g, *kern) * mixture(g - alpha_[j], *sig), -20, 20,
                           epsabs=1e-13, epsrel=1e-13, limit=200)   # the integrand is < 1e-30 beyond |gamma| = 20
        assert abs(got[j] - np.tanh(val)) <= 1e-12 + abserr
        assert 0 < bound[j] < 1e-11
        # the sums the bound uses are those of the integrand's factors
        k_grid = np.array([mixture(beta_[j] - g, *kern) for g in GRID])
        np.testing.assert_allclose(sum_k[j], (GRID[1] - GRID[0]) * np.abs(k_grid).sum(), rtol=1e-12)


def test_continuous_rule_accepts_t_alpha_and_rejects_the_others():
    assert continuous_equivariance_error(4, "small", beta - alpha).passed
    assert not continuous_equivariance_error(4, "small", beta + alpha).passed
    assert not continuous_equivariance_error(4, "small", beta).passed
    lhs, lhs_err, rhs, rhs_err = continuous_pair(np.array([0.5]), np.array([1.0]), np.array([0.5]),
                                                 [p[:1] for p in continuous_draws(4, "small")["kern"]],
                                                 [p[:1] for p in continuous_draws(4, "small")["sig"]])
    assert abs(lhs[0] - rhs[0]) <= lhs_err[0] + rhs_err[0]


def test_affine_evaluates_index_maps_and_rejects_nonlinear_ones():
    f = affine(i - 2 * s + 1, "i", "s")
    np.testing.assert_array_equal(f(np.array([0, 3]), np.array([1, 1])), [-1.0, 2.0])
    assert affine(beta, "alpha", "beta")(1.0, 2.5) == 2.5
    try:
        affine(i * s, "i", "s")
    except ValueError as err:
        assert "affine" in str(err)
    else:
        raise AssertionError("a product of the variables is not an index map")
