"""The implicit-bias experiments: the written-out gradient against autodiff, the convolutional first
layer against its definition, the batched descent against a NumPy loop, the initial filters, and
the pass rules on right and wrong limits."""
import jax
import jax.numpy as jnp
import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from numerics.implicit_bias import (CONV_LABELS, CONV_POINTS, FC_LABELS, FC_POINTS, WIDTH, _batch, circulant_map,
                                    convolutional_fourier_sparsity, descend, fully_connected_direction, gradients, loss,
                                    predictors, rows, spectrally_spread, unitary_dft)

seeds = st.integers(0, 2**31 - 1)
AUTODIFF = jax.jit(jax.vmap(jax.grad(loss)))


def random_batch(seed):
    rng = np.random.default_rng(seed)
    kinds = ["fc1", "fc2", "fc3", "conv"]
    return _batch(rng, kinds, 4, [0.7] * 4, rows(CONV_POINTS, CONV_LABELS))


@settings(max_examples=5, deadline=None)
@given(seeds)
def test_written_out_gradient_is_autodiffs(seed):
    params, b1, z, w, _ = random_batch(seed)
    args = (tuple(jnp.asarray(p) for p in params), jnp.asarray(b1), jnp.asarray(z), jnp.asarray(w))
    got = gradients(*args)
    want = AUTODIFF(*args)
    for g, h in zip(got, want):
        np.testing.assert_allclose(np.asarray(g), np.asarray(h), rtol=1e-12, atol=1e-14)


@settings(max_examples=10, deadline=None)
@given(seeds, st.integers(2, 4))
def test_circulant_layer_is_the_circular_cross_correlation(seed, d):
    rng = np.random.default_rng(seed)
    u, x = np.zeros(WIDTH * WIDTH), np.zeros(WIDTH)
    u[:d], x[:d] = rng.standard_normal(d), rng.standard_normal(d)
    w1 = (circulant_map(d) @ u).reshape(WIDTH, WIDTH)
    h = [sum(u[k] * x[(p + k) % d] for k in range(d)) / np.sqrt(d) for p in range(d)]
    np.testing.assert_allclose((w1 @ x)[:d], h, atol=1e-13)


@settings(max_examples=5, deadline=None)
@given(seeds, st.integers(0, 30))
def test_descend_matches_a_numpy_loop(seed, steps):
    params, b1, z, w, masks = random_batch(seed)
    got = descend(tuple(jnp.asarray(p) for p in params), jnp.asarray(b1), jnp.asarray(z), jnp.asarray(w),
                  tuple(jnp.asarray(m) for m in masks), steps)
    for r in range(len(b1)):
        p = [np.array(q[r]) for q in params]
        for _ in range(steps):
            w1 = (b1[r] @ p[0]).reshape(WIDTH, WIDTH)
            w2 = p[1].reshape(WIDTH, WIDTH)
            beta = w1.T @ w2.T @ p[2]
            g = -(w[r] / (1 + np.exp(z[r] @ beta))) @ z[r]
            v, a = w2.T @ p[2], w1 @ g
            grads = (b1[r].T @ np.outer(v, g).ravel(), np.outer(p[2], a).ravel(), w2 @ a)
            p = [q - 1.0 * m[r] * gq for q, m, gq in zip(p, masks, grads)]
        np.testing.assert_allclose(np.asarray(got[2][r]), p[2], rtol=1e-9, atol=1e-12)
        np.testing.assert_allclose(predictors(*(np.asarray(q)[r:r + 1] for q in got), b1[r:r + 1])[0],
                                   predictors(*(q[None] for q in p), b1[r:r + 1])[0], rtol=1e-9, atol=1e-12)


@settings(max_examples=10, deadline=None)
@given(seeds, st.integers(2, 6))
def test_spectrally_spread_filters_are_real_with_moduli_in_range(seed, d):
    u = spectrally_spread(np.random.default_rng(seed), d, 0.1)
    moduli = np.abs(unitary_dft(d) @ u)
    assert np.all(moduli >= 0.05 - 1e-12) and np.all(moduli <= 0.1 + 1e-12)


def test_fully_connected_experiment():
    right = fully_connected_direction(11, "small", (-2, 2, 1))
    assert right.passed
    assert fully_connected_direction(11, "small", (-2, 2, 1)).measured == right.measured
    for wrong in ((-2, 3, 0), (-1, 9, -1), (-4, 4, 2.2)):
        assert not fully_connected_direction(11, "small", wrong).passed
    assert (rows(FC_POINTS, FC_LABELS) @ np.array([-2, 2, 1])).tolist() == [1, 10, 1, 6, 1]   # the claim's SVM margins


def test_convolutional_experiment():
    right = convolutional_fourier_sparsity(11, "small", (0.5, 0.5, -0.5, -0.5))
    assert right.passed
    assert convolutional_fourier_sparsity(11, "small", (0.5, 0.5, -0.5, -0.5)).measured == right.measured
    for wrong in ((0.2, 0.7, -0.4, -0.1), (0, 1, 0, 0)):
        assert not convolutional_fourier_sparsity(11, "small", wrong).passed
