"""Ridge as a kernel model: the stationarity identity for other sizes, and a concrete rational
instance solved both ways."""
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from derivations.kernel_ridge import (dual_solver, gradient_at, gradient_formula, instance, lam, objective,
                                      _dual_system_solvable, _strictly_convex)

small = st.integers(-4, 4)


@settings(max_examples=10, deadline=None)
@given(st.integers(1, 5), st.integers(1, 5))
def test_the_gradient_vanishes_at_x_c_for_every_size(d, n):
    X, c, _ = instance(d, n, prefix="t")
    assert gradient_at(X, c).is_zero_matrix
    assert not gradient_at(X, c, shift=0).is_zero_matrix


def test_the_gradient_formula_is_the_derivative_of_the_objective():
    X, _, _ = instance(2, 3)
    w = sp.Matrix(sp.symbols("w1 w2", real=True))
    y = sp.Matrix(sp.symbols("y1:4", real=True))
    derivative = sp.Matrix([sp.diff(objective(X, y, w), wi) for wi in w])
    assert (derivative - gradient_formula(X, y, w)).applyfunc(sp.expand).is_zero_matrix


@settings(max_examples=10, deadline=None)
@given(st.lists(small, min_size=6, max_size=6), st.lists(small, min_size=3, max_size=3), st.integers(1, 5))
def test_primal_and_dual_solutions_coincide_on_rational_data(entries, targets, penalty):
    X = sp.Matrix(2, 3, entries)
    y = sp.Matrix(targets)
    at = sp.Rational(penalty, 2)
    primal = (X * X.T + at * sp.eye(2)).inv() * X * y
    dual = X * (X.T * X + at * sp.eye(3)).inv() * y
    assert primal == dual


def test_convexity_and_solvability_facts_hold():
    assert _strictly_convex()[0] and _dual_system_solvable()[0]


def test_the_dual_solver_solves_the_shifted_system():
    import numpy as np

    K, y = np.array([[2.0, 1.0], [1.0, 3.0]]), np.array([1.0, -1.0])
    c = dual_solver(lambda p: p)(K, y, 0.5)
    np.testing.assert_allclose((K + 0.5 * np.eye(2)) @ c, y, rtol=1e-14)
    assert lam.is_positive
