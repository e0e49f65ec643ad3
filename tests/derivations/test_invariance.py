"""The shift operators, layers and identities behind the invariance / equivariance claims, for
sizes and shifts beyond the claims' fixed runs."""
import numpy as np
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from derivations.invariance import (Tanh, WindowMax, alpha, beta, change_of_variables, conjugated_shifts, correlation,
                                    layer, layer_is_equivariant, phi, pooled, pooling_with_activation_is_invariant, shift,
                                    shifts_are_orthogonal, third_vector_differs, vector, zero_padded_shift)

sizes_and_shifts = st.integers(2, 8).flatmap(lambda n: st.tuples(st.just(n), st.integers(0, n - 1)))


@settings(max_examples=20, deadline=None)
@given(sizes_and_shifts)
def test_shift_moves_entries_down_by_s_with_wrap_around(ns):
    n, s = ns
    x = vector("x", n)
    assert shift(n, s) * x == sp.Matrix([x[(j - s) % n] for j in range(n)])
    assert shift(n, s) * shift(n, 1) == shift(n, s + 1)      # a group: S^s S = S^{s+1}
    assert shift(n, s).T * shift(n, s) == sp.eye(n)


def test_zero_padded_shift_loses_the_last_entry_and_is_not_orthogonal():
    x = vector("x", 4)
    assert zero_padded_shift(4, 1) * x == sp.Matrix([0, x[0], x[1], x[2]])
    assert zero_padded_shift(4, 1).T * zero_padded_shift(4, 1) != sp.eye(4)


@settings(max_examples=15, deadline=None)
@given(st.integers(2, 7), st.data())
def test_correlation_is_the_unflipped_sliding_sum(n, data):
    w = data.draw(st.lists(st.integers(-5, 5), min_size=n, max_size=n))
    x = data.draw(st.lists(st.integers(-5, 5), min_size=n, max_size=n))
    got = correlation(sp.Matrix(w), sp.Matrix(x))
    want = [sum(w[k] * x[(k + i) % n] for k in range(n)) for i in range(n)]
    assert got == want
    zero = correlation(sp.Matrix(w), sp.Matrix(x), zero_padded_shift)
    assert zero == [sum(w[k] * x[k + i] for k in range(n) if k + i < n) for i in range(n)]


def test_identities_hold_beyond_the_claims_sizes():
    assert shifts_are_orthogonal(range(7, 9))[0]
    assert conjugated_shifts(range(7, 9))[0]
    assert pooling_with_activation_is_invariant(range(7, 8))[0]
    assert layer_is_equivariant(range(7, 8))[0]
    assert third_vector_differs(range(3, 8))[0]


def test_equivariance_check_rejects_the_wrong_direction_and_zero_padding():
    ok, detail = layer_is_equivariant(range(3, 5), output_shift=lambda n, s: shift(n, -s))
    assert not ok and detail["n"] == 3
    assert not layer_is_equivariant(range(3, 5), shifts=zero_padded_shift)[0]


def test_pooled_sum_is_sum_of_weights_times_sum_of_inputs():
    """For the linear pooling of the notes, f(x) = (sum_k w_k)(sum_j x_j): visibly shift invariant."""
    w, x = vector("w", 5), vector("x", 5)
    assert sp.expand(pooled(w, x) - sum(w) * sum(x)) == 0
    assert sp.expand(pooled(w, x, zero_padded_shift) - sum(w) * sum(x)) != 0


def test_activation_and_window_max_evaluate_numerically_only():
    t = sp.Symbol("t")
    assert abs(float(Tanh(sp.Rational(1, 3)).evalf(30)) - np.tanh(1 / 3)) < 1e-15
    assert isinstance(Tanh(t), Tanh)
    assert WindowMax(1, sp.Rational(5, 2), -3) == sp.Rational(5, 2)
    assert isinstance(WindowMax(t, 1), WindowMax)
    w, x = vector("w", 3), vector("x", 3)
    assert layer(w, x)[1] == Tanh(correlation(w, x)[1])


@settings(max_examples=10, deadline=None)
@given(st.integers(-4, 4), st.integers(-4, 4))
def test_continuous_layer_shifts_with_its_input(a, b):
    a, b = sp.Rational(a, 2), sp.Rational(b, 3)
    lhs = phi(a, b).doit()
    assert sp.simplify(lhs - phi(0, b - a).doit()) == 0
    if a != 0:
        assert sp.simplify(lhs - phi(0, b + a).doit()) != 0
        assert sp.simplify(lhs - phi(0, b).doit()) != 0


def test_the_smoothed_signal_is_strictly_increasing():
    """(k * x)(c) = c^3/2 - c^2 + 3c/4 - 1/5: its derivative has no real root, so shifts are visible."""
    c = sp.Symbol("c", real=True)
    smooth = phi(0, c).args[0].doit()
    assert sp.expand(smooth - (c**3 / 2 - c**2 + sp.Rational(3, 4) * c - sp.Rational(1, 5))) == 0
    assert sp.real_roots(sp.Poly(sp.diff(smooth, c), c)) == []


def test_change_of_variables_for_abstract_kernel_and_signal():
    ok, detail = change_of_variables()
    assert ok
    assert "alpha" in detail["gamma = u + alpha"]
    assert phi(alpha, beta).has(alpha) and phi(0, beta - alpha).has(alpha)
