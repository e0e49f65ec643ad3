"""The matrix-calculus experiments: JAX's derivatives against NumPy closed forms, the shape
conventions, the pass rule accepting the right prediction and rejecting transposed or rescaled ones."""
import jax.numpy as jnp
import numpy as np
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from numerics.matrix_calculus import (
    bilinear_form_gradients,
    bilinear_gradients,
    linear_form_gradient,
    linear_map_jacobian,
    linear_map_jacobians,
    matrix_function,
    quadratic_form_gradient,
    quadratic_gradients,
    relative_gap,
)

n, m = sp.symbols("n m", integer=True, positive=True)
A = sp.MatrixSymbol("A", n, m)
a, b = sp.MatrixSymbol("a", n, 1), sp.MatrixSymbol("b", m, 1)
X = sp.MatrixSymbol("X", n, n)
seeds = st.integers(0, 2**31 - 1)


def test_relative_gap_flags_a_shape_mismatch_as_infinite():
    got = np.zeros((2, 3, 1))
    assert relative_gap(got, [np.ones((1, 3))] * 2) == float("inf")
    assert relative_gap(np.ones((2, 2)), [np.ones(2), np.ones(2)]) == 0.0
    assert relative_gap(np.full((1, 2), 2.0), [np.array([1.0, 4.0])]) == 0.5   # max |gap| 2 over max |prediction| 4


def test_matrix_function_orders_arguments_by_name_and_ignores_unused_ones():
    f = matrix_function(b * a.T, "a", "b")
    av, bv = np.ones((2, 1)), np.arange(3.0).reshape(3, 1)
    np.testing.assert_array_equal(f(av, bv), np.outer(bv, av))
    g = matrix_function(a * a.T, "a", "X")
    np.testing.assert_array_equal(g(av, np.eye(2)), np.ones((2, 2)))


@settings(max_examples=5, deadline=None)
@given(seeds)
def test_jax_derivatives_have_the_expected_layouts(seed):
    rng = np.random.default_rng(seed)
    am, wm = rng.normal(size=(2, 2, 3)), rng.normal(size=(2, 3))
    np.testing.assert_array_equal(np.asarray(linear_map_jacobians(jnp.asarray(am), jnp.asarray(wm))), am)   # N x D, = A
    av, xv, bv = rng.normal(size=(1, 2, 1)), rng.normal(size=(1, 2, 3)), rng.normal(size=(1, 3, 1))
    at, bt = rng.normal(size=(1, 3, 1)), rng.normal(size=(1, 2, 1))
    plain, transposed = bilinear_gradients(*(jnp.asarray(v) for v in (av, xv, bv, at, bt)))
    np.testing.assert_allclose(np.asarray(plain)[0], np.outer(av[0], bv[0]), rtol=1e-15)
    np.testing.assert_allclose(np.asarray(transposed)[0], np.outer(bt[0], at[0]), rtol=1e-15)
    aq, xq = rng.normal(size=(1, 3, 1)), rng.normal(size=(1, 3, 3))
    g1, g2 = quadratic_gradients(jnp.asarray(aq), jnp.asarray(xq))
    np.testing.assert_allclose(np.asarray(g1)[0], np.outer(aq[0], aq[0]), rtol=1e-15)
    np.testing.assert_allclose(np.asarray(g2)[0], np.outer(aq[0], aq[0]), rtol=1e-15)


def test_experiments_accept_the_identities():
    assert linear_map_jacobian(0, "small", A).passed
    assert linear_form_gradient(0, "small", a).passed
    assert bilinear_form_gradients(0, "small", a * b.T, b * a.T).passed
    assert quadratic_form_gradient(0, "small", a * a.T).passed


def test_experiments_reject_transposed_and_rescaled_predictions():
    assert not linear_map_jacobian(0, "small", A.T).passed
    assert not linear_form_gradient(0, "small", a.T).passed
    assert not linear_form_gradient(0, "small", 2 * a).passed
    assert not bilinear_form_gradients(0, "small", b * a.T, b * a.T).passed
    assert not bilinear_form_gradients(0, "small", a * b.T, a * b.T).passed
    assert not quadratic_form_gradient(0, "small", 2 * a * a.T).passed
    assert not quadratic_form_gradient(0, "small", (X + X.T) * a).passed


def test_a_transpose_is_rejected_by_value_on_square_matrices_too():
    gaps = linear_map_jacobian(0, "small", A.T).measured
    assert gaps["A 2x3"] == float("inf") and 0.1 < gaps["A 3x3"] < float("inf")


def test_results_are_repeatable_for_a_seed():
    assert bilinear_form_gradients(9, "small", a * b.T, b * a.T).measured == bilinear_form_gradients(9, "small", a * b.T, b * a.T).measured
