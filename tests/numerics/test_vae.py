"""The VAE experiments: the exact gradient against quadrature, the KS distance, and the verdicts."""
import math
from statistics import NormalDist

import jax
import jax.numpy as jnp
import numpy as np
import sympy as sp

from numerics.vae import (
    bonferroni_z, exact_gradient, ks_critical, ks_distance, loss, pathwise_gradient_estimates, reparameterized_samples,
)

mu, sigma, epsilon, fp = sp.symbols("mu sigma epsilon fp")


def test_exact_gradient_matches_gauss_hermite_quadrature():
    nodes, weights = np.polynomial.hermite_e.hermegauss(80)      # probabilists' Hermite: weight e^{-t^2/2}
    weights = weights / weights.sum()

    def expected_loss(m, s):
        return jnp.sum(jnp.asarray(weights) * loss(m + s * jnp.asarray(nodes)))

    for m, s in ((0.3, 0.6), (-1.0, 1.5), (0.8, 0.9)):
        grad = jax.grad(expected_loss, argnums=(0, 1))(m, s)
        np.testing.assert_allclose([float(g) for g in grad], exact_gradient(m, s), rtol=1e-11, atol=1e-12)


def test_ks_distance_of_the_normal_quantiles():
    n = 1000
    quantiles = np.array([NormalDist(1.0, 2.0).inv_cdf((i + 0.5) / n) for i in range(n)])
    assert abs(float(ks_distance(jnp.asarray(quantiles), 1.0, 2.0)) - 0.5 / n) < 1e-12


def test_critical_values():
    assert abs(bonferroni_z(1) - 3.2905) < 1e-4
    assert abs(ks_critical(1) - math.sqrt(-math.log(0.0005) / 2)) < 1e-12


def test_reparameterisation_verdicts():
    assert reparameterized_samples(3, "small", mu + sigma * epsilon).passed
    assert not reparameterized_samples(3, "small", mu + sigma**2 * epsilon).passed
    assert not reparameterized_samples(3, "small", mu + epsilon).passed


def test_pathwise_gradient_verdicts():
    right = {"z": mu + sigma * epsilon, "d_mu": fp, "d_sigma": epsilon * fp}
    assert pathwise_gradient_estimates(3, "small", **right).passed
    assert not pathwise_gradient_estimates(3, "small", **{**right, "d_sigma": fp}).passed
    assert not pathwise_gradient_estimates(3, "small", **{**right, "d_sigma": sigma * epsilon * fp}).passed


def test_repeatable_for_a_fixed_seed():
    z = mu + sigma * epsilon
    assert reparameterized_samples(5, "small", z).measured == reparameterized_samples(5, "small", z).measured
