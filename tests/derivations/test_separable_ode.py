"""The separable-ODE helpers: the substitution's derivatives, the family and its first integral,
and the wrong families the mutants use."""
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from derivations.separable_ode import (
    FIRST_INTEGRAL, FIRST_INTEGRAL_NO_BACKSUB, FIRST_INTEGRAL_SIGN, SLOPE, Y, Y_NO_BACKSUB, Y_SIGN, C,
    _back_substitution, _dsolve_and_checkodesol, _not_separable, slope_of, total_derivative, x, y,
)

rationals = st.fractions(min_value=-3, max_value=3, max_denominator=7)


def test_the_first_integral_is_constant_along_every_solution():
    # d/dx (x/y - 1/x) along dy/dx = y/x + y^2/x^3 vanishes identically
    assert sp.cancel(total_derivative(FIRST_INTEGRAL)) == 0


@settings(max_examples=20, deadline=None)
@given(rationals)
def test_the_family_solves_the_ode_for_each_constant(c):
    assert sp.cancel(slope_of(Y.subs(C, sp.Rational(c)))) == 0


def test_each_family_matches_its_first_integral():
    for family, integral in ((Y, FIRST_INTEGRAL), (Y_SIGN, FIRST_INTEGRAL_SIGN), (Y_NO_BACKSUB, FIRST_INTEGRAL_NO_BACKSUB)):
        assert sp.cancel(integral.subs(y, family) - C) == 0


def test_the_wrong_families_do_not_solve_it():
    for family in (Y_SIGN, Y_NO_BACKSUB):
        assert sp.cancel(slope_of(family)) != 0


def test_the_substitution_steps():
    assert sp.cancel(total_derivative(-1 / x) / total_derivative(y / x) - x**2 / y**2) == 0
    assert _back_substitution()[0]
    assert _not_separable()[0]
    assert _dsolve_and_checkodesol()[0]
    # a separable right-hand side is recognised as such by the same test
    assert sp.cancel(sp.diff(sp.diff(x * y**2, y) / (x * y**2), x)) == 0
    assert SLOPE == y / x + y**2 / x**3
