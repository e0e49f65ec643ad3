"""The density-integral normal form behind the ReLU and Heaviside moment claims: it agrees with
SymPy's own integration on concrete symmetric densities, it proves the general identities for
every power, and the symmetry and density assumptions are really needed."""
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from checks import Equal, Verdict, check_relation
from derivations.relu_moments import (E, E_normal, ReLU, Theta, X, expectation_operator, f_X, integral, oo, sigma,
                                      x)

rationals = st.fractions(min_value=sp.Rational(1, 4), max_value=3, max_denominator=4).map(sp.Rational)
relu_pw = sp.Piecewise((x, x > 0), (0, True))
theta_pw = sp.Piecewise((1, x > 0), (0, True))


def _mixture(weight, laplace_scale, half_width):
    """A symmetric density that is neither Gaussian, Laplace nor uniform: a mixture of the two."""
    laplace = sp.exp(-sp.Abs(x) / laplace_scale) / (2 * laplace_scale)
    uniform = sp.Piecewise((1 / (2 * half_width), sp.Abs(x) <= half_width), (0, True))
    return weight * laplace + (1 - weight) * uniform


@settings(max_examples=4, deadline=None)
@given(st.fractions(min_value=0, max_value=1, max_denominator=5).map(sp.Rational), rationals, rationals)
def test_normal_form_matches_direct_integration_on_symmetric_mixtures(weight, scale, half_width):
    density = _mixture(weight, scale, half_width)
    E_mix = expectation_operator("mix", sp.Lambda(x, density))

    def direct(g):
        return sp.integrate(g * density, (x, -oo, oo))

    relu2, x2, theta2 = E_mix(ReLU(X) ** 2).doit(), E_mix(X**2).doit(), E_mix(Theta(X) ** 2).doit()
    assert sp.simplify(relu2 - direct(relu_pw**2)) == 0
    assert sp.simplify(x2 - direct(x**2)) == 0
    assert sp.simplify(theta2 - direct(theta_pw)) == 0
    assert sp.simplify(relu2 - x2 / 2) == 0 and theta2 == sp.Rational(1, 2)


@settings(max_examples=8, deadline=None)
@given(st.integers(1, 8))
def test_abstract_density_identities_for_every_power(k):
    # E[ReLU(X)^k] = E[|X|^k] / 2 for symmetric X; odd moments of X vanish
    assert check_relation(Equal(E(ReLU(X) ** k), E(sp.Abs(X) ** k) / 2)).verdict is Verdict.HOLDS
    if k % 2:
        assert check_relation(Equal(E(X**k), 0)).verdict is Verdict.HOLDS
    # a wrong factor is never proved (with an abstract density it cannot be sampled either)
    assert check_relation(Equal(E(ReLU(X) ** k), E(sp.Abs(X) ** k))).verdict is not Verdict.HOLDS


def test_normal_form_is_idempotent_and_normalised():
    nf = integral(x**2 * f_X(x), 0, oo).doit()
    assert nf.doit() == nf
    assert integral(f_X(x)).doit() == 1
    assert integral(3 * f_X(-x, evaluate=False), -oo, 0).doit() == sp.Rational(3, 2)


@settings(max_examples=4, deadline=None)
@given(st.integers(1, 4))
def test_gaussian_relu_moments_match_the_half_normal_closed_form(k):
    # E[ReLU(X)^k] = sigma^k 2^(k/2 - 1) Gamma((k + 1)/2) / sqrt(pi) for X ~ N(0, sigma^2)
    closed = sigma**k * 2 ** sp.Rational(k - 2, 2) * sp.gamma(sp.Rational(k + 1, 2)) / sp.sqrt(sp.pi)
    assert sp.simplify(E_normal(ReLU(X) ** k).doit() - closed) == 0


@settings(max_examples=4, deadline=None)
@given(st.sampled_from([sp.Rational(1, 2), 1, sp.Rational(-3, 2)]))
def test_without_symmetry_the_half_is_wrong(shift):
    # a shifted Laplace(shift, 1): E[ReLU(X)^2] != E[X^2] / 2
    density = sp.exp(-sp.Abs(x - shift)) / 2
    relu2 = sp.integrate(relu_pw**2 * density, (x, -oo, oo))
    x2 = sp.integrate(x**2 * density, (x, -oo, oo))
    assert sp.simplify(relu2 - x2 / 2) != 0


@settings(max_examples=10, deadline=None)
@given(st.fractions(min_value=0, max_value=1, max_denominator=9).map(sp.Rational))
def test_an_atom_at_zero_breaks_the_heaviside_result_but_not_the_relu_one(p):
    # X = 0 with probability p, else +-1 with equal probability: symmetric and centred, no density
    law = {0: p, 1: (1 - p) / 2, -1: (1 - p) / 2}
    expect = lambda g: sum(prob * g(sp.Integer(v)) for v, prob in law.items())  # noqa: E731
    assert expect(lambda v: Theta(v) ** 2) == (1 - p) / 2  # 1/2 only when p = 0
    assert expect(lambda v: ReLU(v) ** 2) == expect(lambda v: v**2) / 2
