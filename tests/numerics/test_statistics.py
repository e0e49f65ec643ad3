"""The Monte Carlo building blocks against NumPy/SciPy references: the Bonferroni quantile, the
least-squares errors, the two Bernoulli estimators, and the polynomial fits with zero padding."""
import jax.numpy as jnp
import numpy as np
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats

from numerics.statistics import (_bernoulli_losses, _fit_predict_losses, _ls_squared_errors, evaluate,
                                 exact_variance_and_bias, legendre_features, z_simultaneous)


@settings(max_examples=10, deadline=None)
@given(st.integers(1, 200))
def test_simultaneous_quantile_matches_scipy(k):
    assert abs(z_simultaneous(k) - stats.norm.ppf(1 - 0.001 / (2 * k))) < 1e-9


def test_evaluate_broadcasts_and_knows_gamma():
    d = sp.Symbol("d")
    got = evaluate(sp.gamma(d / 2 + 1), d=np.array([2, 4]))
    np.testing.assert_allclose(got, [1.0, 2.0])


@settings(max_examples=5, deadline=None)
@given(st.integers(0, 2**31 - 1))
def test_least_squares_errors_match_numpy_lstsq(seed):
    rng = np.random.default_rng(seed)
    x, theta, noise = rng.standard_normal((15, 3)), rng.standard_normal(3), rng.standard_normal((50, 15))
    got = np.asarray(_ls_squared_errors(jnp.asarray(np.linalg.pinv(x)), jnp.asarray(x), jnp.asarray(theta), jnp.asarray(noise), 0.7))
    y = (x @ theta)[None, :] + 0.7 * noise
    est = np.linalg.lstsq(x, y.T, rcond=None)[0].T
    np.testing.assert_allclose(got, ((est - theta) ** 2).sum(axis=1), rtol=1e-10)


@settings(max_examples=10, deadline=None)
@given(st.integers(1, 50), st.floats(0, 1))
def test_bernoulli_estimators(n, p):
    s = np.arange(n + 1, dtype=float)
    got = np.asarray(_bernoulli_losses(jnp.asarray(s), p, float(n)))
    np.testing.assert_allclose(got[0], (s / n - p) ** 2, rtol=1e-12, atol=1e-15)
    np.testing.assert_allclose(got[1], ((s + np.sqrt(n / 4)) / (2 * np.sqrt(n / 4) + n) - p) ** 2, rtol=1e-12, atol=1e-15)


@settings(max_examples=5, deadline=None)
@given(st.integers(0, 2**31 - 1), st.integers(1, 6))
def test_padded_fits_are_polynomial_least_squares(seed, degree):
    rng = np.random.default_rng(seed)
    x, x_test = np.linspace(-np.pi, np.pi, 20), np.array([-1.0, 0.5, 2.0])
    f, f_test = 4 * np.sin(x), 4 * np.sin(x_test)
    noise, noise_test = rng.standard_normal((1, 7, 20)), np.zeros((1, 3, 7))
    phi = legendre_features(x, degree, 9)[None]
    got = np.asarray(_fit_predict_losses(jnp.asarray(np.linalg.pinv(phi)), jnp.asarray(legendre_features(x_test, degree, 9)[None]),
                                         jnp.asarray(f), jnp.asarray(f_test), jnp.asarray(noise), jnp.asarray(noise_test), 1.0))[0]
    for m in range(7):
        coef = np.polyfit(x, f + noise[0, m], degree)
        np.testing.assert_allclose(got[:, m], (np.polyval(coef, x_test) - f_test) ** 2, rtol=1e-8, atol=1e-10)


def test_exact_variance_and_bias_match_the_hat_matrix():
    x, x_test = np.linspace(-np.pi, np.pi, 20), np.array([0.3, 2.5])
    phi, phi_test = legendre_features(x, 3), legendre_features(x_test, 3)
    v, b = exact_variance_and_bias(phi, phi_test, 4 * np.sin(x), 4 * np.sin(x_test), 2.0)
    hat_rows = phi_test @ np.linalg.pinv(phi)
    np.testing.assert_allclose(v, 4.0 * (hat_rows**2).sum(axis=1), rtol=1e-10)
    np.testing.assert_allclose(b, hat_rows @ (4 * np.sin(x)) - 4 * np.sin(x_test), rtol=1e-10, atol=1e-12)
