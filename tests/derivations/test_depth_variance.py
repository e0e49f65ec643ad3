"""The compounding law for other depths, widths and variances."""
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from derivations.depth_variance import (CLOSED, FIRST, GROWTH, RATIO, SIGMA_ONE, SIGMA_SMALL, _induction, closed_form, k,
                                        n, s2, unrolled, x2)


@settings(max_examples=20, deadline=None)
@given(st.integers(1, 12), st.integers(1, 64), st.fractions(min_value=sp.Rational(1, 1000), max_value=4).map(sp.Rational))
def test_unrolling_the_recursion_gives_the_closed_form(depth, width, variance):
    at = {n: width, s2: variance, x2: 3}
    assert unrolled(depth).subs(at) == closed_form(depth).subs(at) == CLOSED.subs(at | {k: depth})


def test_the_induction_and_the_figure_numbers():
    assert _induction()[0]
    assert GROWTH.subs(SIGMA_ONE) == 64
    assert GROWTH.subs(SIGMA_SMALL) == sp.Rational(64, 10**18)
    assert RATIO.subs({n: 4, s2: sp.Rational(1, 2)}) == 1


def test_the_first_layer_is_not_halved():
    assert closed_form(1) == FIRST == s2 * x2
