"""JAX autodiff against NumPy closed forms, and the experiments' pass rules against near misses."""
import jax
import jax.numpy as jnp
import numpy as np
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from derivations.linear_regression import GRADIENT, H_FORMULA, MB_GRADIENT, n, S_x, S_xx
from numerics.linear_regression import (gradient_vs_autodiff, hessian_instances, hessian_vs_autodiff, simple_loss,
                                        squared_loss)


@settings(max_examples=8, deadline=None)
@given(seed=st.integers(0, 2**31 - 1), rows=st.integers(1, 6), feats=st.integers(1, 4))
def test_autodiff_gradient_matches_numpy(seed, rows, feats):
    rng = np.random.default_rng(seed)
    x, y, th = rng.standard_normal((rows, feats)), rng.standard_normal(rows), rng.standard_normal(feats)
    got = np.asarray(jax.grad(squared_loss)(jnp.asarray(th), jnp.asarray(x), jnp.asarray(y)))
    np.testing.assert_allclose(got, 2 * x.T @ (x @ th - y), rtol=1e-12, atol=1e-12)


@settings(max_examples=5, deadline=None)
@given(seed=st.integers(0, 2**31 - 1))
def test_autodiff_hessian_matches_numpy(seed):
    rng = np.random.default_rng(seed)
    x, y = rng.standard_normal(7), rng.standard_normal(7)
    got = np.asarray(jax.hessian(simple_loss)(jnp.zeros(2), jnp.asarray(x), jnp.asarray(y)))
    want = 2 * np.array([[7, x.sum()], [x.sum(), (x**2).sum()]])
    np.testing.assert_allclose(got, want, rtol=1e-13)


def test_gradient_rule_rejects_a_relative_error_of_1e_9():
    assert gradient_vs_autodiff(0, "small", GRADIENT).passed
    assert not gradient_vs_autodiff(0, "small", GRADIENT * (1 + sp.Rational(1, 10**9))).passed
    assert gradient_vs_autodiff(0, "small", MB_GRADIENT, rows="batch").passed


def test_hessian_rule_and_the_degenerate_data_set():
    assert hessian_vs_autodiff(1, "small", H_FORMULA).passed
    perturbed = H_FORMULA + sp.Matrix([[0, 0], [0, S_xx * sp.Rational(1, 10**9)]])
    assert not hessian_vs_autodiff(1, "small", perturbed).passed
    x, hess = hessian_instances(1, "small")
    assert np.all(x[-1] == x[-1, 0])
    eig = np.linalg.eigvalsh(hess[-1])
    assert abs(eig[0]) <= 1e-12 * eig[1]
    assert {n, S_x, S_xx} >= H_FORMULA.free_symbols
