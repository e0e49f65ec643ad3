"""The step-size analysis: the linear factor, the stability interval, the double-well escape."""
from fractions import Fraction

import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from derivations.step_size_stability import (E_NEXT, _contracts_near_sharp_minimum, _escape_on_double_well,
                                             _factor_between, _stable_step_sizes, a2, a3, alpha, e, lam)


def test_the_stability_interval_is_below_two_over_lambda():
    assert _stable_step_sizes(2 / lam)[0]
    assert not _stable_step_sizes(1 / lam)[0]
    assert not _stable_step_sizes(sp.oo)[0]
    assert _factor_between(-1, 0, sp.Interval.open(1, sp.oo)) == sp.Interval.open(1, 2)


@settings(max_examples=20, deadline=None)
@given(st.fractions(1, 5), st.fractions(Fraction(1, 10), 4), st.fractions(-3, 3), st.fractions(-3, 3))
def test_the_one_step_error_is_the_linear_factor_plus_second_order(curv, step_times_curv, c2, c3):
    at = {lam: sp.Rational(curv), alpha: sp.Rational(step_times_curv) / sp.Rational(curv), a2: sp.Rational(c2), a3: sp.Rational(c3)}
    tiny = sp.Rational(1, 10**8)
    ratio = E_NEXT.subs(at).subs(e, tiny) / tiny
    assert ratio - (1 - sp.Rational(step_times_curv)) == -at[alpha] * (at[a2] * tiny + at[a3] * tiny**2)


def test_the_large_step_escapes_over_the_barrier_and_the_small_one_does_not():
    t, theta, signs = _escape_on_double_well()
    assert t == 8 and theta > 2 and signs == "-+-+-+-+"
    t_small, theta_small, _ = _escape_on_double_well(step=Fraction(1, 2), max_steps=6)
    assert t_small is None and abs(theta_small) < Fraction(1, 1000)


def test_the_small_step_contracts_near_the_sharp_minimum_and_the_large_one_expands():
    assert _contracts_near_sharp_minimum(sp.Rational(1, 2)) < 1
    assert _contracts_near_sharp_minimum(sp.Rational(6, 5)) > 1
