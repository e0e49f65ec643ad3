"""The weight-decay experiments' building blocks against NumPy references: the logistic loss's
gradient, the gradient-descent loop on the quadratic model, the directional derivatives."""
import jax.numpy as jnp
import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from numerics.weight_decay import _along_directions, _decay_descent, _decayed_steps


@settings(max_examples=5, deadline=None)
@given(st.integers(0, 2**31 - 1))
def test_decayed_step_uses_the_logistic_gradient(seed):
    rng = np.random.default_rng(seed)
    x, y, w = rng.standard_normal((1, 30, 4)), np.sign(rng.standard_normal((1, 30))), rng.standard_normal((1, 4))
    eps, alpha = np.array([0.3]), np.array([0.7])
    new, g = (np.asarray(o) for o in _decayed_steps(jnp.asarray(w), jnp.asarray(x), jnp.asarray(y), jnp.asarray(eps), jnp.asarray(alpha)))
    margins = y[0] * (x[0] @ w[0])
    g_ref = -(x[0] * (y[0] / (1 + np.exp(margins)))[:, None]).sum(axis=0)   # d/dw sum log(1 + e^{-m})
    np.testing.assert_allclose(g[0, 0], g_ref, rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(new[0, 0], w[0] - 0.3 * (0.7 * w[0] + g_ref), rtol=1e-12, atol=1e-12)


@settings(max_examples=5, deadline=None)
@given(st.integers(0, 2**31 - 1), st.integers(1, 20))
def test_descent_loop_matches_numpy(seed, steps):
    rng = np.random.default_rng(seed)
    a = rng.standard_normal((2, 3, 3))
    h = a @ a.transpose(0, 2, 1)
    w_star, w0, eps = rng.standard_normal((2, 3)), rng.standard_normal((2, 3)), np.array([0.05, 0.1])
    got = np.asarray(_decay_descent(jnp.asarray(h), jnp.asarray(w_star), jnp.asarray(eps), 0.5, jnp.asarray(w0), steps))
    w = w0.copy()
    for _ in range(steps):
        w = w - eps[:, None] * (0.5 * w + np.einsum("kij,kj->ki", h, w - w_star))
    np.testing.assert_allclose(got, w, rtol=1e-12, atol=1e-12)


@settings(max_examples=5, deadline=None)
@given(st.integers(0, 2**31 - 1))
def test_directional_derivatives_match_closed_forms(seed):
    rng = np.random.default_rng(seed)
    d, c = 3, 0.5
    a, theta, v = rng.standard_normal((9, d)), rng.standard_normal(d) / 2, rng.standard_normal((4, d))
    j0, gv, vhv, moved = (np.asarray(o) for o in _along_directions(jnp.asarray(theta), jnp.asarray(v), jnp.asarray(a), c,
                                                                    jnp.asarray([0.1])))
    e = np.exp(a @ theta) / len(a)
    grad = a.T @ e + c * (theta @ theta) * theta
    hess = (a.T * e) @ a + c * ((theta @ theta) * np.eye(d) + 2 * np.outer(theta, theta))
    np.testing.assert_allclose(j0, e.sum() + c / 4 * (theta @ theta) ** 2, rtol=1e-12)
    np.testing.assert_allclose(gv, v @ grad, rtol=1e-10, atol=1e-12)
    np.testing.assert_allclose(vhv, np.einsum("ki,ij,kj->k", v, hess, v), rtol=1e-10, atol=1e-12)
    np.testing.assert_allclose(moved[:, 0], [np.exp(a @ (theta + 0.1 * vi)).mean() + c / 4 * ((theta + 0.1 * vi) @ (theta + 0.1 * vi)) ** 2
                                             for vi in v], rtol=1e-12)
