"""The GAN objective in JAX against a NumPy evaluation, and the pass rule both ways."""
import jax.numpy as jnp
import numpy as np

from numerics.gan_cross_entropy import objective, objective_against_cross_entropy, values


def test_the_objective_matches_numpy():
    rng = np.random.default_rng(0)
    real, fake, a, b = rng.standard_normal((5, 2)), rng.standard_normal((5, 2)), rng.standard_normal(2), 0.3
    sig = lambda t: 1 / (1 + np.exp(-t))  # noqa: E731
    want = np.mean(np.log(sig(real @ a + b)) + np.log(1 - sig(fake @ a + b)))
    assert abs(float(objective((jnp.asarray(a), b), jnp.asarray(real), jnp.asarray(fake))) - want) < 1e-13


def test_minus_two_passes_and_other_factors_fail():
    assert objective_against_cross_entropy(0, "small", -2.0).passed
    assert not objective_against_cross_entropy(0, "small", -1.0).passed
    assert not objective_against_cross_entropy(0, "small", 2.0).passed


def test_values_repeat_for_a_seed():
    first = values(3, "small")
    values.cache_clear()
    assert values(3, "small")[0] == first[0]
