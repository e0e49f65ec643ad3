"""optax's Adam with beta1 = beta2 = 0 against sign descent."""
import numpy as np

from numerics.sign_descent import ALPHA, MINIMUM, gradient, sign_descent_against_optax, trajectory


def test_the_gradient_is_that_of_the_quadratic():
    assert np.allclose(gradient(np.array(MINIMUM)), 0.0)
    assert np.allclose(gradient(np.array(MINIMUM) + [0.1, 0.1]), [10.0, 0.1])


def test_every_adam_step_is_alpha_times_the_sign():
    path = trajectory(3, "small")
    steps = np.diff(path, axis=0)
    signs = np.sign(np.apply_along_axis(gradient, 1, path[:-1]))
    np.testing.assert_allclose(steps, -ALPHA * signs, rtol=0, atol=1e-15)


def test_sign_passes_and_the_plain_gradient_fails():
    assert sign_descent_against_optax(3, "small", np.sign).passed
    assert not sign_descent_against_optax(3, "small", lambda g: g).passed
    assert not sign_descent_against_optax(3, "small", lambda g: 1 / g).passed


def test_runs_are_repeatable_for_a_seed():
    first = trajectory(7, "small").copy()
    trajectory.cache_clear()
    np.testing.assert_array_equal(trajectory(7, "small"), first)
    assert not np.array_equal(trajectory(8, "small")[0], first[0])
