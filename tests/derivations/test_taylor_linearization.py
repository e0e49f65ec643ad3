"""The Taylor data of the linearised network: the jet helper, the expansion at other sizes with a
concrete activation, and the side computations."""
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from derivations.taylor_linearization import (
    _curvature_not_identically_zero, _taylor_theorem, eps, expansion_terms, jet, make_network,
)

rationals = st.builds(sp.Rational, st.integers(-4, 4), st.integers(1, 3))


def test_jet_of_a_polynomial_is_its_derivatives_at_zero():
    a, b, c = sp.symbols("a b c")
    assert list(jet(a + b * eps + c * eps**2, 2)) == [a, b, 2 * c]
    shown = jet(a + b * eps, 1, evaluate=False)
    assert isinstance(shown[1], sp.Subs) and shown[1].doit() == b


@settings(max_examples=8, deadline=None)
@given(st.integers(1, 3), st.integers(1, 2), st.data())
def test_second_order_model_leaves_a_cubic_remainder_with_tanh(m, d, data):
    theta, direction, x = make_network(m, d, tag="h")
    moved, f0, slope, curvature = expansion_terms(theta, direction, x, m, act=sp.tanh)
    symbols = theta + direction + list(x)
    at = dict(zip(symbols, data.draw(st.lists(rationals, min_size=len(symbols), max_size=len(symbols)))))
    remainder = (moved - (f0 + eps * slope + eps**2 / 2 * curvature)).subs(at)
    # R(eps) = O(eps^3): R(eps) / eps^3 stays bounded as eps halves (no eps^2 or eps term left)
    values = [abs(sp.N(remainder.subs(eps, sp.Rational(1, 2**k)), 40)) * 2 ** (3 * k) for k in (8, 9, 10)]
    assert max(values) < 10 * (1 + min(values))
    first = (moved - (f0 + eps * slope)).subs(at)
    assert abs(sp.N(first.subs(eps, sp.Rational(1, 2**10)), 40)) * 2**20 < 1e3     # first-order model: O(eps^2)


def test_curvature_is_the_second_directional_derivative():
    theta, direction, x = make_network(1, 1, tag="c")
    moved, _, _, curvature = expansion_terms(theta, direction, x, 1, act=sp.tanh)
    assert sp.simplify(sp.diff(moved, eps, 2).subs(eps, 0) - curvature) == 0


def test_side_computations_hold():
    assert _taylor_theorem()[0]
    assert _curvature_not_identically_zero()[0]
