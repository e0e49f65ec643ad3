"""The experiments of numerics/modified_loss.py against independent references: the compiled RK4
against SciPy's DOP853, the compiled GD/SGD kernels against plain loops, the order fit on
synthetic data, the partition enumeration, and the verdicts over other seeds."""
import itertools
import math

import jax
import jax.numpy as jnp
import numpy as np
import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.integrate import solve_ivp

from numerics import modified_loss as ml

E, C, G, S, M = ml.EPS, ml.LOSS, ml.GRAD_SQ, ml.BATCH_GRAD_SQ_SUM, ml.M


def dop853(field, w, T):
    """Reference flow: SciPy's DOP853 at tight tolerances on a jitted field."""
    f = jax.jit(field)
    sol = solve_ivp(lambda t, v: np.asarray(f(jnp.asarray(v))), (0.0, T), np.asarray(w),
                    method="DOP853", rtol=1e-13, atol=1e-15)
    return sol.y[:, -1]


def test_rk4_matches_dop853_on_the_modified_euler_field():
    def field(v):
        fv = ml.euler_field(v)
        return fv - 0.5 * 0.064 * jax.jvp(ml.euler_field, (v,), (fv,))[1]

    for w in ([0.3, -0.7], [-1.2, 0.4]):
        w = jnp.array(w)
        ours = np.asarray(jax.jit(lambda v: ml.rk4(field, v, 0.064))(w))
        assert np.max(np.abs(ours - dop853(field, w, 0.064))) < 1e-13


def reference_sgd_gap(w, e, weights, x, y, batch):
    """Mean over all orders of one SGD epoch (plain loops) minus the DOP853 flow of the
    modified loss, for one start and one learning rate."""
    m = len(x) // batch

    def batch_loss(v, k):
        return jnp.mean(ml.example_losses(v, x[k * batch:(k + 1) * batch], y[k * batch:(k + 1) * batch]))

    step = jax.jit(jax.grad(batch_loss), static_argnums=1)
    iterates = []
    for order in itertools.permutations(range(m)):
        v = w
        for k in order:
            v = v - e * step(v, k)
        iterates.append(np.asarray(v))

    def modified(v):
        bg = jnp.stack([jax.grad(batch_loss)(v, k) for k in range(m)])
        g = jax.grad(lambda u: jnp.mean(ml.example_losses(u, x, y)))(v)
        return weights[0] * jnp.mean(ml.example_losses(v, x, y)) + weights[1] * jnp.sum(bg**2) + weights[2] * g @ g

    return np.linalg.norm(np.mean(iterates, axis=0) - dop853(lambda v: -jax.grad(modified)(v), w, m * e))


def test_sgd_kernel_matches_plain_loops_and_dop853():
    x, y = ml._dataset(5, 6)
    w0 = ml._starts(5, 2)
    eps = np.array([0.01, 0.03])
    weights = np.array([[1.0, e / 12, 0.0] for e in eps])  # C + eps/(4m) S with m = 3
    orders = jnp.array(list(itertools.permutations(range(3))))
    ours = np.asarray(ml._sgd_errors(w0, jnp.asarray(eps), jnp.asarray(weights), x, y, orders, 2))
    for i, e in enumerate(eps):
        for p in range(2):
            ref = reference_sgd_gap(w0[p], float(e), weights[i], x, y, 2)
            assert ours[i, p] == pytest.approx(ref, rel=1e-6)


def test_gd_kernel_matches_a_plain_step_and_dop853():
    x, y = ml._dataset(6, 8)
    w0 = ml._starts(6, 2)
    eps = np.array([0.02])
    weights = np.array([[1.0, 0.02 / 4]])
    ours = np.asarray(ml._gd_errors(w0, jnp.asarray(eps), jnp.asarray(weights), x, y))
    loss = lambda v: jnp.mean(ml.example_losses(v, x, y))  # noqa: E731
    field = lambda v: -jax.grad(lambda u: loss(u) + 0.005 * jax.grad(loss)(u) @ jax.grad(loss)(u))(v)  # noqa: E731
    for p in range(2):
        gd = np.asarray(w0[p] - 0.02 * jax.grad(loss)(w0[p]))
        assert ours[0, p] == pytest.approx(np.linalg.norm(gd - dop853(field, w0[p], 0.02)), rel=1e-6)


@settings(max_examples=20, deadline=None)
@given(st.floats(0.5, 4.5), st.floats(0.1, 10.0))
def test_order_fit_recovers_a_power_law(p, c):
    eps = np.geomspace(0.004, 0.064, 8)
    assert ml.fitted_order(eps, c * eps**p) == pytest.approx(p, abs=1e-9)


@settings(max_examples=15, deadline=None)
@given(st.sampled_from([(2, 1), (4, 2), (6, 2), (6, 3), (8, 4), (9, 3), (10, 5), (8, 2)]))
def test_set_partitions_are_all_the_partitions(nb):
    n, b = nb
    m = n // b
    parts = list(ml.set_partitions(n, b))
    assert len(parts) == math.factorial(n) // (math.factorial(b) ** m * math.factorial(m))
    canonical = {tuple(sorted(tuple(sorted(blk)) for blk in p)) for p in parts}
    assert len(canonical) == len(parts)
    assert all(sorted(i for blk in p for i in blk) == list(range(n)) and all(len(blk) == b for blk in p) for p in parts)


def test_per_example_losses_and_gradients_match_the_closed_form():
    w = jnp.array([[0.7, 1.3], [-0.4, 0.9]])
    x = jnp.linspace(-2, 2, 2 * ml._PAD).reshape(2, ml._PAD)
    y = jnp.sin(x)
    losses, grads = map(np.asarray, ml._example_losses_and_grads(w, x, y))
    a, b = np.asarray(w)[:, :1], np.asarray(w)[:, 1:]
    x, y = np.asarray(x), np.asarray(y)
    r = y - a * np.tanh(b * x)
    np.testing.assert_allclose(losses, 0.5 * r**2, rtol=1e-14)
    np.testing.assert_allclose(grads[..., 0], -r * np.tanh(b * x), rtol=1e-12, atol=1e-15)
    np.testing.assert_allclose(grads[..., 1], -r * a * x / np.cosh(b * x) ** 2, rtol=1e-12, atol=1e-15)


def test_weights_read_a_linear_modified_loss():
    eps = np.array([0.1, 0.2])
    w = ml._weights(C + E / (4 * M) * S, (C, S, G), {M: 4}, eps)
    np.testing.assert_allclose(w, [[1, 0.1 / 16, 0], [1, 0.2 / 16, 0]])
    with pytest.raises(ValueError):
        ml._weights(C + E * G**2, (C, G), {}, eps)


@settings(max_examples=4, deadline=None)
@given(st.integers(0, 10_000))
def test_verdicts_hold_for_other_seeds(seed):
    assert ml.euler_step_local_order(seed, "small", sp.Rational(-1, 2)).passed
    assert not ml.euler_step_local_order(seed, "small", sp.Rational(-1, 4)).passed
    assert ml.gd_step_local_order(seed, "small", C + E / 4 * G).passed
    assert not ml.gd_step_local_order(seed, "small", C + E / 2 * G).passed
    assert ml.sgd_mean_iterate_local_order(seed, "small", C + E / (4 * M) * S).passed
    assert not ml.sgd_mean_iterate_local_order(seed, "small", C + E / (4 * M**2) * S).passed
    exact = C + E / 4 * G + (ml.N - ml.B) / (ml.N - 1) * E / (4 * ml.B) * ml.GAMMA
    assert ml.batch_composition_expectation(seed, "small", exact).passed
    over_n = C + E / 4 * G + (ml.N - ml.B) / ml.N * E / (4 * ml.B) * ml.GAMMA
    assert not ml.batch_composition_expectation(seed, "small", over_n).passed
