"""The expectation operator behind the initialisation claims: its building blocks, the identities
for widths the claims do not list, and that it leaves alone what it cannot compute."""
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from derivations.initialization import (BACKWARD_FACTOR, FORWARD_FACTOR, Dk, Dk1, Model, ReLU, Theta, _backward_ratio,
                                        forward_model, forward_ratio, linear_model, moment_symbol,
                                        standard_normal_integral, v_w, v_x)


def test_standard_normal_integrals_are_the_half_moments():
    # E[ReLU(Z)^2] = 1/2 (Problem 5), E[Theta(Z)] = 1/2 (Problem 6), E[ReLU(Z)^4] = 3/2
    assert standard_normal_integral("relu", 2) == sp.Rational(1, 2)
    assert standard_normal_integral("theta", 1) == sp.Rational(1, 2)
    assert standard_normal_integral("relu", 4) == sp.Rational(3, 2)


def test_gaussian_weight_moments():
    m = Model("moments")
    s = sp.Symbol("s", positive=True)
    w = m.weight("w", s)
    assert m.E(w).doit() == 0
    assert m.E(w**2).doit() == s
    assert m.E(w**3).doit() == 0
    assert m.E(w**4).doit() == 3 * s**2


def test_conditioning_on_the_input_of_a_relu():
    # f = w1 h1 + w2 h2 given h is N(0, s (h1^2 + h2^2)): E[ReLU(f)^2 h1^2] = s/2 (E[h1^4] + E[h1^2 h2^2])
    m = Model("conditioning")
    s = sp.Symbol("s", positive=True)
    h1, h2 = sp.symbols("h1 h2", real=True)
    q4, q22 = sp.symbols("q4 q22", positive=True)
    m.group([h1, h2], {h1**4: q4, h1**2 * h2**2: q22})
    w1, w2 = m.weight("w1", s), m.weight("w2", s)
    got = m.E(ReLU(w1 * h1 + w2 * h2) ** 2 * h1**2).doit()
    assert sp.simplify(got - s / 2 * (q4 + q22)) == 0
    assert m.E(Theta(w1 * h1 + w2 * h2) ** 3 * h1**2 * h2**2).doit() == q22 / 2


def test_what_cannot_be_computed_stays_unevaluated():
    m = Model("open")
    s = sp.Symbol("s", positive=True)
    h = sp.Symbol("h", real=True)
    m.group([h], {h**2: moment_symbol(h, 2)})
    w1, w2 = m.weight("w1", s), m.weight("w2", s)
    first = m.E(ReLU(w1 * h)).doit()          # E[ReLU(f)] = sqrt(s/2pi) E[|h|]: not a polynomial moment
    assert isinstance(first, m.E)
    two_units = m.E(ReLU(w1 * h) * ReLU(w2 * h)).doit()
    assert isinstance(two_units, m.E)
    assert isinstance(m.E(h**3).doit(), m.E)  # a moment that was not declared


def test_zero_biases_and_unit_independence():
    fm = forward_model(2, 2)
    E = fm["model"].E
    assert E(fm["b"] * fm["h"][0]).doit() == 0
    # a cross term of two hidden units survives only through E[Omega_1l Omega_1j] = 0
    assert E(fm["om"][0] * fm["om"][1] * fm["h"][0] * fm["h"][1]).doit() == 0


@settings(max_examples=6, deadline=None)
@given(st.integers(1, 4), st.integers(1, 4))
def test_forward_recursion_for_any_widths(d_prev, d_k):
    s_k = sp.Symbol("sigma_k^2", positive=True)
    assert sp.simplify(forward_ratio(d_prev, d_k) - FORWARD_FACTOR.subs(Dk, d_k)) == 0
    assert sp.simplify(forward_ratio(d_prev, d_k).subs(s_k, sp.Rational(2, d_k)) - 1) == 0


@settings(max_examples=6, deadline=None)
@given(st.integers(1, 3), st.integers(1, 5))
def test_backward_recursion_uses_the_fan_out(d_prev, d_next):
    assert sp.simplify(_backward_ratio(d_prev, d_next) - BACKWARD_FACTOR.subs(Dk1, d_next)) == 0


@settings(max_examples=6, deadline=None)
@given(st.integers(1, 8))
def test_xavier_variance_for_any_fan_in(d_in):
    lm = linear_model(d_in)
    got = lm["model"].Var(lm["y"]).doit()
    assert sp.expand(got - d_in * v_x * v_w) == 0
    assert sp.simplify(got.subs(v_w, sp.Rational(1, d_in)) - v_x) == 0


def test_a_weight_inside_and_outside_a_relu_is_not_treated_as_independent():
    m = Model("dependent")
    s = sp.Symbol("s", positive=True)
    h = sp.Symbol("h", real=True)
    m.group([h], {h**2: moment_symbol(h, 2)})
    w = m.weight("w", s)
    assert isinstance(m.E(w * ReLU(w * h) ** 2).doit(), m.E)  # E[w ReLU(w h)^2] is not 0
