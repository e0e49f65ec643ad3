"""Ridge and weight-decay building blocks against NumPy: the autodiff normal equations and their
solution, and both trajectories of Problem 5 step by step."""
import jax.numpy as jnp
import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from numerics.ridge import WD_STEPS, _trajectories, autodiff_minimiser, normal_equations


@settings(max_examples=5, deadline=None)
@given(st.integers(0, 2**31 - 1), st.integers(1, 8), st.floats(0.01, 5))
def test_autodiff_normal_equations_are_the_ridge_system(seed, rows, lam):
    rng = np.random.default_rng(seed)
    x, y = rng.standard_normal((1, rows, 5)), rng.standard_normal((1, rows))
    g, h = (np.asarray(a)[0] for a in normal_equations(jnp.asarray(x), jnp.asarray(y), jnp.asarray([lam])))
    np.testing.assert_allclose(g, -2 * x[0].T @ y[0], rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(h, 2 * (x[0].T @ x[0] + lam * np.eye(5)), rtol=1e-12, atol=1e-12)
    theta = autodiff_minimiser(x, y, np.array([lam]))[0]
    np.testing.assert_allclose(theta, np.linalg.solve(x[0].T @ x[0] + lam * np.eye(5), x[0].T @ y[0]), rtol=1e-9, atol=1e-12)


def _logistic_grad(theta, x, labels):
    m = labels * (x @ theta)
    return -(x * (labels / (1 + np.exp(m)))[:, None]).mean(axis=0)


@settings(max_examples=3, deadline=None)
@given(st.integers(0, 2**31 - 1))
def test_trajectories_match_a_numpy_loop(seed):
    rng = np.random.default_rng(seed)
    x, theta0 = rng.standard_normal((20, 3)), rng.standard_normal(3)
    labels = np.sign(rng.standard_normal(20))
    alpha, lam, c = np.array([0.2]), np.array([0.03]), np.array([0.7])
    gaps = np.asarray(_trajectories(jnp.asarray(theta0), jnp.asarray(x), jnp.asarray(labels), jnp.asarray(alpha),
                                    jnp.asarray(lam), jnp.asarray(c)))[0]
    decayed, plain = theta0.copy(), theta0.copy()
    want = []
    for _ in range(WD_STEPS):
        decayed = (1 - lam[0]) * decayed - alpha[0] * _logistic_grad(decayed, x, labels)
        plain = plain - alpha[0] * (_logistic_grad(plain, x, labels) + 2 * c[0] * plain)
        want.append(np.max(np.abs(decayed - plain)) / np.max(np.abs(decayed)))
    np.testing.assert_allclose(gaps, want, rtol=1e-6, atol=1e-14)
