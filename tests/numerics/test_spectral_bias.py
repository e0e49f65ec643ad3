"""The pieces of the spectral-bias experiments against independent references: the series
exponential against SciPy, the hand-written NTK and gradient step against JAX autodiff, the rate
fit on exact exponentials."""
import jax
import jax.numpy as jnp
import numpy as np
import scipy.linalg
from hypothesis import given, settings
from hypothesis import strategies as st

from numerics.spectral_bias import _decay_rate, _expm_taylor, _train, empirical_ntk


@settings(max_examples=10, deadline=None)
@given(st.integers(0, 2**31 - 1), st.integers(2, 7), st.floats(0.1, 4.0))
def test_series_exponential_matches_scipy_on_general_matrices(seed, n, size):
    a = np.random.default_rng(seed).standard_normal((n, n))
    a *= size / np.linalg.norm(a, 2)
    squarings = max(0, int(np.ceil(np.log2(2 * size))))
    got = np.asarray(_expm_taylor(jnp.asarray(a), squarings))
    np.testing.assert_allclose(got, scipy.linalg.expm(a), rtol=1e-12, atol=1e-13)


def _network(params, x):
    v, a = params
    return jnp.tanh(x @ v) @ a / jnp.sqrt(a.shape[0])


def _instance(seed, n=5, m=64):
    rng = np.random.default_rng(seed)
    x = np.stack([rng.uniform(-3, 3, n), np.ones(n)], axis=1)
    return rng.standard_normal((2, m)), rng.standard_normal(m), x, rng.standard_normal(n)


@settings(max_examples=5, deadline=None)
@given(st.integers(0, 2**31 - 1))
def test_hand_written_ntk_is_the_jacobian_gram_matrix(seed):
    v, a, x, _ = _instance(seed)
    jac = jax.jacobian(_network)((jnp.asarray(v), jnp.asarray(a)), jnp.asarray(x))
    flat = np.concatenate([np.asarray(j).reshape(x.shape[0], -1) for j in jac], axis=1)
    np.testing.assert_allclose(empirical_ntk(v, a, x, np), flat @ flat.T, rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(np.asarray(empirical_ntk(jnp.asarray(v), jnp.asarray(a), jnp.asarray(x))),
                               flat @ flat.T, rtol=1e-12, atol=1e-12)


@settings(max_examples=5, deadline=None)
@given(st.integers(0, 2**31 - 1))
def test_training_step_is_gradient_descent_on_half_the_squared_error(seed):
    v, a, x, y = _instance(seed)
    lr = 0.05
    (v1, a1), res = _train(jnp.asarray(v), jnp.asarray(a), jnp.asarray(x), jnp.asarray(y), lr, 1)
    loss = lambda p: 0.5 * jnp.sum((_network(p, jnp.asarray(x)) - y) ** 2)  # noqa: E731
    gv, ga = jax.grad(loss)((jnp.asarray(v), jnp.asarray(a)))
    np.testing.assert_allclose(np.asarray(v1), v - lr * np.asarray(gv), rtol=1e-12, atol=1e-14)
    np.testing.assert_allclose(np.asarray(a1), a - lr * np.asarray(ga), rtol=1e-12, atol=1e-14)
    np.testing.assert_allclose(np.asarray(res[0]), np.asarray(_network((jnp.asarray(v), jnp.asarray(a)), jnp.asarray(x))) - y,
                               rtol=1e-12, atol=1e-14)


@settings(max_examples=10, deadline=None)
@given(st.floats(0.01, 50.0), st.floats(-5.0, 5.0).filter(lambda c: abs(c) > 1e-3))
def test_rate_fit_recovers_an_exact_exponential(rate, amplitude):
    times = np.linspace(0.0, 3.0 / rate, 40)
    assert abs(_decay_rate(times, amplitude * np.exp(-rate * times)) - rate) <= 1e-9 * rate
