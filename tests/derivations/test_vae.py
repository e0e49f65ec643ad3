"""The VAE helpers: standard normal moments, the expectation operator, the densities, Stein's identity."""
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from derivations.vae import (
    EPS_VEC, E, density_of, eps, mu, normal_pdf, sigma, standard_normal_expectation, std_normal_cdf, z,
)

coefficients = st.lists(st.integers(-4, 4), min_size=1, max_size=6)


def test_standard_normal_moments():
    assert standard_normal_expectation(eps**2) == 1
    assert standard_normal_expectation(eps**4) == 3
    assert standard_normal_expectation(eps**6) == 15
    assert standard_normal_expectation(eps**3 + eps) == 0
    assert standard_normal_expectation(sp.Integer(7)) == 7


@settings(max_examples=15, deadline=None)
@given(st.integers(0, 4), st.integers(0, 4))
def test_independent_noises_factorise(j, k):
    e1, e2 = EPS_VEC
    joint = standard_normal_expectation(e1**j * e2**k)
    assert joint == standard_normal_expectation(e1**j) * standard_normal_expectation(e2**k)


@settings(max_examples=15, deadline=None)
@given(coefficients)
def test_stein_identity_for_polynomials(cs):
    g = sum(c * eps**k for k, c in enumerate(cs))
    assert sp.expand(standard_normal_expectation(eps * g) - standard_normal_expectation(sp.diff(g, eps))) == 0


def test_expectation_operator_is_linear_and_prints_as_e():
    a = sp.Symbol("a")
    assert sp.expand((E(a * eps**2 + 3) - a * E(eps**2) - 3).doit()) == 0
    assert sp.latex(E(eps)).startswith(r"\mathbb{E}\left[")


def test_reparameterised_density_is_a_normalised_normal_density():
    dens = density_of(sigma).doit()
    assert sp.simplify(dens - normal_pdf(z, mu, sigma**2)) == 0
    assert sp.simplify(sp.integrate(normal_pdf(z, mu, sigma**2), (z, -sp.oo, sp.oo))) == 1
    assert std_normal_cdf(0) == sp.Rational(1, 2)
