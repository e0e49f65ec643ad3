"""The integral operator and the helpers behind the GAN claims, on more densities than the claims use."""
import math

import numpy as np
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.spatial.distance import jensenshannon

from derivations.gan import (BCE, BCE_LINE_2077, D_STAR, P, Q, Int, _is_binary_cross_entropy, jensen_shannon,
                             jensen_shannon_as_written, s, t, two_point, value_at_optimum)

fractions = st.fractions(min_value=sp.Rational(1, 50), max_value=sp.Rational(49, 50))
js_two_point = sp.lambdify((s, t), jensen_shannon(two_point), "math")


def on_points(p, q):
    """The integral over a finite space where p_data and p_g take the listed probabilities (floats)."""
    p, q = np.asarray(p, dtype=float), np.asarray(q, dtype=float)
    return lambda integrand: float(np.sum(sp.lambdify((P, Q), integrand, "numpy")(p, q)))


def test_the_integral_is_linear_and_normalised():
    a = sp.Symbol("a")
    assert (Int(a * P + 3 * Q) - (a + 3)).doit() == 0
    assert Int(P * sp.log(2 * P)).doit() == sp.log(2) + Int(P * sp.log(P))
    assert sp.expand(Int(P * sp.log(P / (P + Q)) + Q).doit() - Int(P * sp.log(P)) + Int(P * sp.log(P + Q))) == 1


def test_the_integral_of_a_constant_is_left_standing():
    # a constant integrated over the whole space has no value: it must not become a number
    assert Int(sp.log(2)).doit().has(Int)
    assert not Int(P * sp.log(3)).doit().has(Int)


@settings(max_examples=25, deadline=None)
@given(st.integers(1, 40), st.integers(1, 40))
def test_the_formula_is_the_maximiser_on_a_fine_grid(a, b):
    grid = np.linspace(1e-4, 1 - 1e-4, 200_001)
    values = a * np.log(grid) + b * np.log1p(-grid)
    best = grid[np.argmax(values)]
    assert abs(best - float(D_STAR.subs({P: a, Q: b}))) <= 1e-5


@settings(max_examples=25, deadline=None)
@given(fractions, fractions)
def test_two_point_jensen_shannon_matches_scipy(a, b):
    js = js_two_point(float(a), float(b))
    reference = jensenshannon([float(a), 1 - float(a)], [float(b), 1 - float(b)]) ** 2  # natural log
    assert math.isclose(js, reference, rel_tol=1e-9, abs_tol=1e-12)


@settings(max_examples=20, deadline=None)
@given(st.lists(st.integers(1, 30), min_size=2, max_size=6), st.data())
def test_value_is_twice_js_minus_2_ln_2_on_finite_spaces(weights, data):
    k = len(weights)
    other = data.draw(st.lists(st.integers(1, 30), min_size=k, max_size=k))
    integral = on_points(np.array(weights) / sum(weights), np.array(other) / sum(other))
    assert abs(value_at_optimum(integral) - (2 * jensen_shannon(integral) - 2 * math.log(2))) < 1e-12
    assert jensen_shannon(integral) >= -1e-15


@settings(max_examples=15, deadline=None)
@given(st.lists(st.integers(1, 30), min_size=2, max_size=6))
def test_the_slides_js_does_not_vanish_between_equal_densities(weights):
    p = np.array(weights) / sum(weights)
    assert abs(jensen_shannon(on_points(p, p))) < 1e-15
    assert math.isclose(jensen_shannon_as_written(on_points(p, p)), 0.5, rel_tol=1e-12)


def test_the_cross_entropy_check():
    assert _is_binary_cross_entropy(BCE)[0] is True
    ok, counterexample = _is_binary_cross_entropy(BCE_LINE_2077)
    assert ok is False and counterexample["label y"] == "1"
    assert _is_binary_cross_entropy(-BCE)[0] is False
