"""The GAN experiments against SciPy references: the trained discriminator against a generic
optimiser on the same samples, its standard errors against the spread over seeds, and the
quadrature against adaptive integration."""
import math

import jax
import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import integrate, optimize, stats

from numerics.gan import (DATA_MEAN, DATA_SD, GEN_MEAN, GEN_SD, _quadrature, features, gan_objective, gaussian_pdf,
                          sandwich_covariance, train_discriminator)

M_TEST = 4000


def test_gaussian_pdf_matches_scipy():
    x = np.linspace(-5, 5, 11)
    np.testing.assert_allclose(gaussian_pdf(x, 1.0, 1.5), stats.norm.pdf(x, 1.0, 1.5), rtol=1e-13)


@settings(max_examples=3, deadline=None)
@given(st.integers(0, 10_000))
def test_newton_ascent_reaches_the_maximiser_scipy_finds(seed):
    theta, grad_norm, x, gz = (np.asarray(v) for v in train_discriminator(jax.random.PRNGKey(seed), M_TEST))
    phi_real, phi_fake = features(x, np), features(gz, np)

    def negative_objective(th):  # the same objective in NumPy: ln sigmoid(t) = -ln(1 + e^-t)
        return -(np.mean(-np.logaddexp(0, -phi_real @ th)) + np.mean(-np.logaddexp(0, phi_fake @ th)))

    # the hand-written Newton gradient agrees with autodiff of the objective: both vanish here
    assert np.linalg.norm(np.asarray(jax.grad(gan_objective)(theta, phi_real, phi_fake))) < 1e-10
    assert math.isclose(float(gan_objective(theta, phi_real, phi_fake)), -negative_objective(theta), rel_tol=1e-12)

    reference = optimize.minimize(negative_objective, np.zeros(theta.size), method="BFGS", options={"gtol": 1e-10}).x
    assert grad_norm < 1e-10
    np.testing.assert_allclose(theta, reference, atol=1e-5)
    assert negative_objective(theta) <= negative_objective(reference) + 1e-12


def test_sandwich_standard_error_matches_the_spread_over_seeds():
    # 60 independent fits: the standardised error of D_hat(0) should have standard deviation 1.
    # With 60 draws its sample sd lies in [0.7, 1.3] with probability about 0.999.
    phi0 = features(np.array([0.0]), np)[0]
    p, q = gaussian_pdf(0.0, DATA_MEAN, DATA_SD), gaussian_pdf(0.0, GEN_MEAN, GEN_SD)
    z = []
    for seed in range(60):
        theta, _, x, gz = (np.asarray(v) for v in train_discriminator(jax.random.PRNGKey(seed), M_TEST))
        d = 1 / (1 + math.exp(-phi0 @ theta))
        se = d * (1 - d) * math.sqrt(phi0 @ sandwich_covariance(theta, x, gz) @ phi0)
        z.append((d - p / (p + q)) / se)
    assert 0.7 <= np.std(z, ddof=1) <= 1.3
    assert abs(np.mean(z)) <= 3.3 / math.sqrt(60) + 0.1  # no bias beyond sampling noise


@settings(max_examples=4, deadline=None)
@given(st.floats(-3, 3), st.floats(0.5, 2.0))
def test_quadrature_matches_adaptive_integration(mu, sd):
    v, v2, _, hm, hm2, _ = np.asarray(_quadrature(np.array([mu]), np.array([sd]), 4001))[0]

    def logs(x):
        lp, lq = stats.norm.logpdf(x), stats.norm.logpdf(x, mu, sd)
        return lp, lq, np.logaddexp(lp, lq)

    def value(x):
        lp, lq, ls = logs(x)
        return math.exp(lp) * (lp - ls) + math.exp(lq) * (lq - ls)

    def mixture_entropy(x):
        lm = logs(x)[2] - math.log(2)
        return -math.exp(lm) * lm

    for got, f in ((v, value), (hm, mixture_entropy)):
        ref, err = integrate.quad(f, -40, 40, points=[0.0, mu], limit=200, epsabs=1e-13, epsrel=1e-13)
        assert abs(got - ref) <= 1e-10
    assert abs(v - v2) < 1e-10 and abs(hm - hm2) < 1e-10
