"""The discriminator objective and the cross-entropy at exact points."""
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from derivations.gan_cross_entropy import MEAN_BCE, OBJECTIVE, _ascent_is_descent, bce, fake, real

probabilities = st.fractions(min_value=sp.Rational(1, 100), max_value=sp.Rational(99, 100)).map(sp.Rational)


def test_each_label_keeps_one_term():
    p = sp.Rational(1, 4)
    assert bce(1, p) == -sp.log(p) and bce(0, p) == -sp.log(1 - p)


@settings(max_examples=20, deadline=None)
@given(st.lists(probabilities, min_size=4, max_size=4))
def test_the_objective_is_minus_twice_the_mean_cross_entropy(values):
    at = dict(zip((*real, *fake), values))
    assert abs(sp.N(OBJECTIVE.subs(at) + 2 * MEAN_BCE.subs(at), 30)) < 1e-25


def test_ascent_on_the_objective_is_descent_on_the_cross_entropy():
    assert _ascent_is_descent()[0]
