"""The matrix-completion forms beyond the claim's 3 x 3 instance: the factorised loss's gradient for
other sizes and observation patterns, the nuclear norm on PSD matrices, the factorisation's reach."""
import random

import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from derivations.matrix_completion import _nuclear_norm_is_trace_on_psd, gradient


def _symmetric_mask(rng, n):
    m = sp.zeros(n, n)
    for i in range(n):
        for j in range(i, n):
            m[i, j] = m[j, i] = rng.randint(0, 1)
    return m


@settings(max_examples=8, deadline=None)
@given(st.integers(2, 3), st.integers(0, 10**6))
def test_loss_gradient_is_twice_the_masked_residual_times_u(n, seed):
    rng = random.Random(seed)
    mask = _symmetric_mask(rng, n)
    u = sp.Matrix(n, n, sp.symbols(f"u1:{n * n + 1}", real=True))
    b = sp.Matrix(n, n, lambda i, j: sp.Symbol(f"b{min(i, j)}{max(i, j)}", real=True))   # symmetric data
    w = u * u.T
    loss = sum(mask[i, j] * (w[i, j] - b[i, j]) ** 2 for i in range(n) for j in range(n)) / 2
    residual = sp.Matrix(n, n, lambda i, j: mask[i, j] * (w[i, j] - b[i, j]))
    assert (gradient(loss, u) - 2 * residual * u).applyfunc(sp.expand).is_zero_matrix


def test_nuclear_norm_is_the_trace_on_psd_matrices_only():
    ok, detail = _nuclear_norm_is_trace_on_psd()
    assert ok, detail


@settings(max_examples=10, deadline=None)
@given(st.lists(st.integers(-5, 5), min_size=9, max_size=9))
def test_every_square_matrix_is_a_factorisation(entries):
    x = sp.Matrix(3, 3, entries)
    u, v = x, sp.eye(3)
    assert u * v.T == x
    # and U U^T is always PSD: z^T U U^T z = |U^T z|^2 for every z
    z = sp.Matrix(sp.symbols("z1:4", real=True))
    assert sp.expand((z.T * x * x.T * z)[0] - sum(c**2 for c in x.T * z)) == 0
