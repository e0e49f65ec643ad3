"""The linear-regression identities for shapes and data sizes other than the claims' instances."""
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from derivations.linear_regression import GRADIENT, _data, _explicit, _explicit_hessian, _sample_variance, th0, th1


@settings(max_examples=8, deadline=None)
@given(rows=st.integers(min_value=1, max_value=4), feats=st.integers(min_value=1, max_value=3))
def test_gradient_of_squared_loss_for_any_shape(rows, feats):
    x, y, th = _data(rows, feats)
    loss = ((y - x * th).T * (y - x * th))[0]
    grad = sp.Matrix([sp.diff(loss, t) for t in th])
    assert sp.expand(grad - _explicit(GRADIENT, x, y, th)) == sp.zeros(feats, 1)


@settings(max_examples=6, deadline=None)
@given(rows=st.integers(min_value=1, max_value=3), feats=st.integers(min_value=1, max_value=3))
def test_literal_double_sum_of_1_1_is_the_loss_only_with_one_feature(rows, feats):
    x, y, th = _data(rows, feats)
    loss = sp.expand(((y - x * th).T * (y - x * th))[0])
    literal = sp.expand(sum((y[i] - x[i, j] * th[j]) ** 2 for i in range(rows) for j in range(feats)))
    assert (loss == literal) == (feats == 1)


@settings(max_examples=6, deadline=None)
@given(points=st.integers(min_value=1, max_value=6))
def test_hessian_det_trace_and_quadratic_form_for_any_n(points):
    xs, hess = _explicit_hessian(points)
    sx, sxx = sum(xs), sum(a**2 for a in xs)
    assert hess == sp.Matrix([[2 * points, 2 * sx], [2 * sx, 2 * sxx]])
    assert sp.expand(hess.det() - 4 * points**2 * _sample_variance(xs)) == 0
    assert sp.expand(hess.det() - (4 * points * sxx - 4 * sx**2)) == 0
    v = sp.Matrix(sp.symbols("v0 v1"))
    assert sp.expand((v.T * hess * v)[0] - 2 * sum((v[0] + v[1] * a) ** 2 for a in xs)) == 0
    # equal inputs: a zero eigenvalue along (X, -1), so the notes' "both positive" fails
    c = sp.Symbol("c", real=True)
    flat = hess.subs({a: c for a in xs})
    assert sp.simplify(flat.det()) == 0
    assert sp.expand(flat * sp.Matrix([c, -1])) == sp.zeros(2, 1)


def test_hessian_does_not_depend_on_theta():
    _, hess = _explicit_hessian(3)
    assert not hess.has(th0, th1)
