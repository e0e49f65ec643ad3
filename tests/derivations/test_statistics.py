"""The expectation operator and the decision-theory identities beyond the claims' fixed instances:
other designs for the least-squares risk, exact binomial sums for the Bernoulli risks (independent
of the moment table), and the Bayes preference for every n up to 60."""
import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from derivations.statistics import (R1, R2, expectation_operator, moment_expectation, n, p, two_moments)

a, b = sp.symbols("a b", real=True)
x1, x2 = sp.symbols("x1 x2", real=True)
s1, s2 = sp.symbols("s1 s2", positive=True)
MOMENTS = {x1: two_moments(s1**2), x2: two_moments(s2**2)}


@settings(max_examples=20, deadline=None)
@given(st.integers(-3, 3), st.integers(-3, 3), st.integers(-3, 3))
def test_expectation_is_linear_and_independent_variables_decorrelate(c0, c1, c2):
    expr = c0 + c1 * a * x1 + c2 * b * x1 * x2 + a * x2**2
    assert sp.expand(moment_expectation(expr, MOMENTS) - (c0 + a * s2**2)) == 0


def test_white_noise_assumes_only_two_moments():
    with pytest.raises(ValueError, match="two moments"):
        moment_expectation(x1**3, MOMENTS)


def test_operator_binds_its_random_symbols_and_prints_as_an_expectation():
    E = expectation_operator("E_test", "t", MOMENTS)
    expr = E(a * x1**2 + x2)
    assert x1 not in expr.free_symbols and x2 not in expr.free_symbols
    assert {a, s1} <= expr.free_symbols
    assert expr.doit() == a * s1**2
    assert sp.latex(expr).startswith(r"\mathbb{E}_{t}\left[")


@st.composite
def full_rank_designs(draw):
    rows = draw(st.integers(2, 5))
    cols = draw(st.integers(1, min(rows, 3)))
    entries = draw(st.lists(st.integers(-4, 4), min_size=rows * cols, max_size=rows * cols))
    x = sp.Matrix(rows, cols, entries)
    if (x.T * x).det() == 0:
        x = x + sp.eye(rows)[:, :cols]
    return x


@settings(max_examples=15, deadline=None)
@given(full_rank_designs())
def test_least_squares_risk_for_other_designs(x):
    if (x.T * x).det() == 0:
        return
    sigma = sp.Symbol("sigma", positive=True)
    t = sp.Matrix(sp.symbols(f"t_1:{x.cols + 1}", real=True))
    es = sp.symbols(f"e_1:{x.rows + 1}", real=True)
    est = (x.T * x).inv() * x.T * (x * t + sp.Matrix(es))
    risk = moment_expectation(((t - est).T * (t - est))[0], {e: two_moments(sigma**2) for e in es})
    assert sp.expand(risk - sigma**2 * (x.T * x).inv().trace()) == 0


def _exact_risk(estimator, size, prob):
    """E[(estimator(S) - p)^2] summed over the Binomial(size, prob) pmf, exactly."""
    return sp.nsimplify(sum(sp.binomial(size, k) * prob**k * (1 - prob) ** (size - k) * (estimator(k) - prob) ** 2
                            for k in range(size + 1)))


@settings(max_examples=15, deadline=None)
@given(st.integers(1, 12), st.fractions(0, 1, max_denominator=12))
def test_bernoulli_risks_from_the_pmf(size, prob):
    prob = sp.Rational(prob.numerator, prob.denominator)
    shrunk = lambda k: (k + sp.sqrt(sp.Rational(size, 4))) / (2 * sp.sqrt(sp.Rational(size, 4)) + size)  # noqa: E731
    assert sp.simplify(_exact_risk(lambda k: sp.Rational(k, size), size, prob) - R1.subs({n: size, p: prob})) == 0
    assert sp.simplify(_exact_risk(shrunk, size, prob) - R2.subs(n, size)) == 0


def test_bayes_preference_switches_once_at_twenty():
    for size in range(1, 61):
        p1_better = sp.Rational(1, 6 * size) < R2.subs(n, size)
        assert p1_better == (size >= 20), size


def test_minimax_gap_is_positive_for_every_n():
    for size in range(1, 200, 7):
        assert R2.subs(n, size) < sp.Rational(1, 4 * size)
