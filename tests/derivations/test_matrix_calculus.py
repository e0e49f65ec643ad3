"""The layouts and helpers behind the matrix-calculus claims."""
import numpy as np
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from derivations.matrix_calculus import (
    OUTER_AB,
    OUTER_BA,
    A_,
    a_,
    b_,
    explicit,
    gradient,
    jacobian,
    matrix,
    scalar,
    table_derivative,
    vector,
    _all_sizes,
    _zero_or_difference,
)

sizes = st.integers(1, 4)


@settings(max_examples=12, deadline=None)
@given(sizes, sizes)
def test_table_layout_is_the_transposed_jacobian_and_sympys_derive_by_array(n, d):
    a, w = matrix("A", n, d), vector("w", d)
    y = a * w
    table, jac = table_derivative(y, w).doit(), jacobian(y, w).doit()
    assert table.shape == (d, n) and jac.shape == (n, d)
    assert table == jac.T == a.T
    assert table == sp.Matrix(sp.derive_by_array(list(y), list(w)))


@settings(max_examples=12, deadline=None)
@given(sizes, sizes)
def test_gradient_by_a_matrix_has_the_matrix_shape(p, q):
    x = matrix("X", p, q)
    f = sum((i + 2 * j + 1) * x[i, j] ** 2 for i in range(p) for j in range(q))
    g = gradient(f, x)
    assert g.shape == (p, q)
    assert all(isinstance(e, sp.Derivative) for e in g)          # unevaluated until doit
    assert g.doit() == sp.Matrix(p, q, lambda i, j: 2 * (i + 2 * j + 1) * x[i, j])


def test_gradient_by_a_column_is_a_column():
    x, a = vector("x", 3), vector("a", 3)
    assert gradient(scalar(a.T * x), x).doit() == a


def test_scalar_refuses_a_matrix():
    try:
        scalar(sp.ones(2, 1))
    except AssertionError:
        return
    raise AssertionError("scalar accepted a 2 x 1 matrix")


@settings(max_examples=10, deadline=None)
@given(sizes, sizes)
def test_explicit_evaluates_matrix_expressions_like_numpy(p, q):
    a, b = vector("a", p), vector("b", q)
    assert explicit(OUTER_AB, {a_: a, b_: b}) == a * b.T
    assert explicit(OUTER_BA, {a_: a, b_: b}) == b * a.T
    # the same expression, lambdified for the experiment, gives numpy's outer product
    f = sp.lambdify([a_, b_], OUTER_AB, "numpy")
    av, bv = np.arange(1.0, p + 1).reshape(p, 1), np.arange(2.0, q + 2).reshape(q, 1)
    np.testing.assert_array_equal(f(av, bv), np.outer(av, bv))


def test_explicit_transpose_of_a_matrix_symbol():
    a = matrix("A", 2, 3)
    assert explicit(A_.T, {A_: a}) == a.T


def test_zero_or_difference_reports_shapes_and_entries():
    a = vector("a", 2)
    assert _zero_or_difference(a * a.T, a * a.T) is True
    assert "shapes" in _zero_or_difference(a, a.T)
    diff = _zero_or_difference(2 * a * a.T, a * a.T)
    assert diff == a * a.T


def test_all_sizes_names_the_first_failing_size():
    ok, detail = _all_sizes(lambda p, q: True if p * q < 4 else sp.Matrix([[p * q]]), range(1, 4))
    assert ok is False and detail["size"] == "2x2"
    assert _all_sizes(lambda n: True, range(1, 3), dims=1)[0] is True
