"""The helpers behind the activation, softmax, cross-entropy and GAN cross-entropy claims."""
import math

import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from derivations.activations import (
    AS_WRITTEN,
    BCE,
    CORRECT,
    D_GZ,
    D_X,
    DG_VALUES,
    D_VALUES,
    EXAMPLE,
    P_DATA,
    P_Z,
    VALUE,
    VALUE_AS_SUMS,
    E,
    by_cases,
    cross_entropy,
    cross_entropy_reading,
    linear_entries,
    sigmoid,
    softmax_entries,
    three_decimals,
    unnormalised_entries,
    x,
    _probability_vector,
    _rounds_to,
)


def test_by_cases_proves_piecewise_identities_and_refutes_wrong_ones():
    assert by_cases(sp.Max(0, x), (x + sp.Abs(x)) / 2)[0] is True
    assert by_cases(sp.Min(0, x), (x - sp.Abs(x)) / 2)[0] is True
    ok, detail = by_cases(sp.Max(0, x), x)
    assert ok is False and detail["x"] == "-3/2"


@settings(max_examples=20, deadline=None)
@given(st.fractions(min_value=-5, max_value=5, max_denominator=7))
def test_sigmoid_is_one_minus_its_reflection(v):
    t = sp.Rational(v.numerator, v.denominator)
    assert sp.simplify(sigmoid(t) + sigmoid(-t) - 1) == 0
    assert math.isclose(float(sigmoid(t)), 1 / (1 + math.exp(-float(t))), rel_tol=1e-14)


def test_three_decimals_rounds_half_up_exactly():
    assert three_decimals([sp.Rational(2235, 10000), sp.Rational(13599, 1000000)]) == (0.224, 0.014)
    assert three_decimals(EXAMPLE) == tuple(float(v) for v in CORRECT) == (0.224, 0.672, 0.091, 0.014)


def test_the_slides_last_value_is_off_by_more_than_half_a_unit():
    assert _rounds_to(EXAMPLE[:3], AS_WRITTEN[:3])[0] is True
    ok, detail = _rounds_to([EXAMPLE[3]], [AS_WRITTEN[3]], first=4)
    assert ok is False and detail["entry"] == "4"
    # the slides' four numbers add up to exactly 1; the correctly rounded ones do not
    assert sum(sp.Rational(v) for v in AS_WRITTEN) == 1
    assert sum(sp.Rational(v) for v in CORRECT) == sp.Rational(1001, 1000)


@settings(max_examples=15, deadline=None)
@given(st.lists(st.integers(-6, 6), min_size=1, max_size=5))
def test_softmax_entries_are_a_probability_vector_at_integer_logits(zs):
    entries = softmax_entries([sp.Integer(z) for z in zs])
    assert sp.simplify(sum(entries) - 1) == 0
    assert all(e.is_positive for e in entries)


def test_probability_vector_check_accepts_softmax_and_rejects_the_mutants():
    assert _probability_vector(softmax_entries, range(1, 4))[0] is True
    assert _probability_vector(unnormalised_entries, range(1, 4))[0] is False
    ok, detail = _probability_vector(linear_entries, range(1, 4))
    assert ok is False and detail["logits"] == 2


def test_cross_entropy_is_the_bernoulli_negative_log_likelihood():
    p = sp.Symbol("p", positive=True)
    assert sp.simplify(cross_entropy([p], [1], 1) + sp.log(p)) == 0
    assert sp.simplify(cross_entropy([p], [0], 1) + sp.log(1 - p)) == 0
    # averaged over the outputs
    q = sp.Symbol("q", positive=True)
    assert sp.simplify(cross_entropy([p, q], [1, 0], 2) + (sp.log(p) + sp.log(1 - q)) / 2) == 0


def test_bce_prints_by_name_and_evaluates_to_its_formula():
    y, p = sp.symbols("y p")
    assert sp.simplify(BCE(y, p).doit() - (-y * sp.log(p) - (1 - y) * sp.log(1 - p))) == 0
    assert BCE(1, p).doit() == -sp.log(p)
    assert r"\operatorname{BCE}" in sp.latex(BCE(1, D_X))


def test_the_expectation_sums_over_both_finite_spaces():
    assert sp.expand(E(sp.Integer(1)).doit()) == 1
    assert sp.expand(E(sp.log(D_X)).doit() - sum(p * sp.log(d) for p, d in zip(P_DATA, D_VALUES))) == 0
    assert sp.expand(E(sp.log(1 - D_GZ)).doit() - sum(q * sp.log(1 - g) for q, g in zip(P_Z, DG_VALUES))) == 0
    assert sp.expand(VALUE.doit() - VALUE_AS_SUMS) == 0
    assert r"x \sim p_{\text{data}}" in sp.latex(E(sp.log(D_X)))


def test_the_value_is_minus_the_expected_cross_entropy_and_not_the_mutants():
    assert sp.expand((cross_entropy_reading(1, 0, -1) - VALUE).doit()) == 0
    point = {**dict(zip(D_VALUES, [sp.Rational(1, 3), sp.Rational(3, 4)])), **dict(zip(DG_VALUES, [sp.Rational(1, 2), sp.Rational(1, 5)])),
             P_DATA[0]: sp.Rational(1, 4), P_Z[0]: sp.Rational(2, 3)}
    for wrong in ((0, 1, -1), (1, 0, 1)):
        assert abs(sp.N((cross_entropy_reading(*wrong) - VALUE).doit().subs(point))) > 0.1
