"""Sign descent: the normalised direction and the 2-cycle, at other values."""
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from derivations.sign_descent import alpha, direction, first_moment, g, lam, second_moment, sign_step

fractions = st.fractions(min_value=sp.Rational(1, 50), max_value=50).map(sp.Rational)


def test_zero_momentum_keeps_only_the_current_gradient():
    m_old, v_old = sp.symbols("m v", real=True)
    assert first_moment(0, g) == g and second_moment(0, g) == g**2
    assert sp.expand(first_moment(sp.Rational(9, 10), g) - (sp.Rational(9, 10) * m_old + g / 10)) == 0


@settings(max_examples=20, deadline=None)
@given(fractions, st.sampled_from([-1, 1]))
def test_the_direction_is_the_sign_to_first_order(magnitude, sign):
    eps = sp.Symbol("epsilon", positive=True)
    d = direction(sign * magnitude)
    assert sp.simplify(d.subs(eps, 0) - sign) == 0
    assert abs(d.subs(eps, sp.Rational(1, 10**6))) < 1


@settings(max_examples=20, deadline=None)
@given(fractions, fractions, st.fractions(min_value=sp.Rational(1, 100), max_value=sp.Rational(99, 100)).map(sp.Rational))
def test_any_distance_inside_one_step_is_a_two_cycle(step, curvature, share):
    at = {alpha: step, lam: curvature}
    d0 = share * step
    d1 = sign_step(d0).subs(at)
    d2 = sign_step(d1).subs(at)
    assert d2 == d0 and d1 < 0 and d0 - d1 == step


def test_a_distance_of_more_than_one_step_moves_by_exactly_one_step():
    assert sign_step(sp.Rational(5, 2) * alpha).subs({alpha: 1, lam: 3}) == sp.Rational(3, 2)
