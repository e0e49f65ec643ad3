"""The ridge experiment: features, the least-squares primal against the normal equations, the pass rule."""
import numpy as np

from numerics.kernel_ridge import PENALTY, REGIMES, features, problems, ridge_as_kernel_model


def test_features_have_one_column_per_input_and_unit_scale():
    phi = features(np.linspace(-1, 1, 7), np.ones(5), np.zeros(5))
    assert phi.shape == (5, 7)
    assert np.all(np.abs(phi) <= np.sqrt(2 / 5) + 1e-15)


def test_the_least_squares_primal_solves_the_normal_equations():
    for (X, y, _, w), (d, _) in zip(problems(2, "small"), REGIMES["small"]):
        np.testing.assert_allclose((X @ X.T + PENALTY * np.eye(d)) @ w, X @ y, atol=1e-10)


def test_the_true_coefficients_pass_and_the_interpolant_fails():
    solve = lambda K, y, p: np.linalg.solve(K + p * np.eye(len(K)), y)  # noqa: E731
    assert ridge_as_kernel_model(2, "small", solve).passed
    assert not ridge_as_kernel_model(2, "small", lambda K, y, p: np.linalg.lstsq(K, y, rcond=None)[0]).passed


def test_problems_repeat_for_a_seed():
    first = [w.copy() for *_, w in problems(9, "small")]
    problems.cache_clear()
    for a, (*_, b) in zip(first, problems(9, "small")):
        np.testing.assert_array_equal(a, b)
