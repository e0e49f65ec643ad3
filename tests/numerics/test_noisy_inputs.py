"""The Monte Carlo of the noisy-inputs experiment against a NumPy evaluation of the same sum."""
import jax
import numpy as np

from numerics.noisy_inputs import INPUTS, NOISE_SD, TARGET, WEIGHTS, _squared_errors


def test_squared_errors_match_numpy_on_the_same_noise():
    key = jax.random.PRNGKey(3)
    got = np.asarray(_squared_errors(key, 1000))
    eps = np.asarray(jax.random.normal(key, (1000, 3))) * np.array(NOISE_SD)
    want = (((np.array(INPUTS) + eps) @ np.array(WEIGHTS)) - TARGET) ** 2
    np.testing.assert_allclose(got, want, rtol=1e-12)
