"""Ridge and weight decay beyond the claims' instances: the normal equations, the vanishing
gradient and the positive determinant for designs of other shapes (wide ones with X^T X singular
included), and the weight-decay identity with other numbers of parameters."""
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

lam = sp.Symbol("lambda", positive=True)


@st.composite
def designs(draw):
    rows, cols = draw(st.integers(1, 4)), draw(st.integers(1, 3))
    entries = draw(st.lists(st.integers(-3, 3), min_size=rows * cols, max_size=rows * cols))
    targets = draw(st.lists(st.integers(-3, 3), min_size=rows, max_size=rows))
    return sp.Matrix(rows, cols, entries), sp.Matrix(targets)


@settings(max_examples=15, deadline=None)
@given(designs(), st.fractions(sp.Rational(1, 10), 5, max_denominator=10))
def test_ridge_zeroes_the_gradient_of_the_penalised_loss(data, lam_value):
    x, y = data
    lam_value = sp.Rational(lam_value.numerator, lam_value.denominator)
    th = sp.Matrix(sp.symbols(f"t_1:{x.cols + 1}", real=True))
    loss = ((y - x * th).T * (y - x * th))[0] + lam_value * (th.T * th)[0]
    shifted = x.T * x + lam_value * sp.eye(x.cols)
    assert shifted.det() > 0                      # invertible even when X^T X is singular
    ridge = shifted.inv() * x.T * y
    grad = sp.Matrix([sp.diff(loss, t) for t in th]).subs(dict(zip(th, ridge)))
    assert grad == sp.zeros(x.cols, 1)


def test_symbolic_ridge_for_a_wide_design():
    x = sp.Matrix(1, 2, sp.symbols("a b", real=True))
    y = sp.Matrix([sp.Symbol("c", real=True)])
    shifted = x.T * x + lam * sp.eye(2)
    assert (x.T * x).det() == 0
    assert sp.factor(shifted.det()) == lam * (lam + x[0] ** 2 + x[1] ** 2)
    assert sp.simplify(shifted * shifted.inv() * x.T * y - x.T * y) == sp.zeros(2, 1)


@settings(max_examples=5, deadline=None)
@given(st.integers(1, 6))
def test_weight_decay_step_is_a_penalised_step_in_any_dimension(dim):
    thetas = sp.symbols(f"theta_1:{dim + 1}", real=True)
    decay, alpha = sp.symbols("lambda alpha", positive=True)
    loss = sp.Function("L")(*thetas)
    penalised = loss + decay / (2 * alpha) * sum(t**2 for t in thetas)
    for t in thetas:
        decayed = (1 - decay) * t - alpha * sp.diff(loss, t)
        assert sp.expand(decayed - (t - alpha * sp.diff(penalised, t))) == 0
