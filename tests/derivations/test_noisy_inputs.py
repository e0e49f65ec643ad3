"""The expectation operator behind the noisy-inputs claim."""
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from derivations.noisy_inputs import E, eps, gaussian_expectation, sigma

e1, e2 = sp.symbols("e1 e2")
s1, s2 = sp.symbols("s1 s2", positive=True)


def test_gaussian_moments():
    assert gaussian_expectation(e1**2, [e1], [s1]) == s1**2
    assert gaussian_expectation(e1**4, [e1], [s1]) == 3 * s1**4
    assert gaussian_expectation(e1**3 + e1, [e1], [s1]) == 0


@settings(max_examples=20, deadline=None)
@given(st.integers(1, 4), st.integers(1, 4), st.integers(-3, 3))
def test_independence_factorises_mixed_moments(j, k, c):
    got = gaussian_expectation(c * e1**j * e2**k, [e1, e2], [s1, s2])
    assert sp.simplify(got - c * gaussian_expectation(e1**j, [e1], [s1]) * gaussian_expectation(e2**k, [e2], [s2])) == 0


def test_the_expectation_operator_is_linear_and_prints_as_e():
    a = sp.Symbol("a")
    assert sp.expand((E(a * eps[0] ** 2 + 3) - a * E(eps[0] ** 2) - 3).doit()) == 0
    assert sp.latex(E(eps[0])) .startswith(r"\mathbb{E}\left[")
    assert E(eps[1] ** 2).doit() == sigma[1] ** 2
