"""The batched gradient-descent runs against a plain Python loop, and the pass rule both ways."""
import numpy as np

from numerics.step_size_stability import (ALPHA_LAMBDA, STEPS, WELL_ALPHAS, WELL_CUBIC, _paths, cubic_slope, runs,
                                          step_size_experiment)


def test_the_batched_paths_match_a_python_loop():
    e0, alpha, lam, a2, a3 = (np.array(v) for v in ([0.1, -0.2], [0.3, 1.1], [2.0, 1.0], [0.5, -1.0], [0.2, 0.3]))
    path = np.asarray(_paths(e0, alpha, lam, a2, a3, 5))
    e = e0.copy()
    for t in range(1, 6):
        e = e - alpha * cubic_slope(e, lam, a2, a3)
        np.testing.assert_allclose(path[t], e, rtol=1e-14)


def test_the_double_well_is_the_cubic_around_its_sharp_minimum():
    theta = np.linspace(-1, 4, 11)
    np.testing.assert_allclose(cubic_slope(theta, *WELL_CUBIC), theta * (theta - 2) * (theta - 3) / 2, atol=1e-12)


def test_runs_have_the_documented_shapes_and_repeat():
    lam, a2, a3, alpha, ratio, final, well = runs(5, "small")
    assert ratio.shape == final.shape == (lam.shape[0], len(ALPHA_LAMBDA))
    assert well.shape == (STEPS + 1, len(WELL_ALPHAS))
    runs.cache_clear()
    np.testing.assert_array_equal(runs(5, "small")[4], ratio)


def test_the_true_law_passes_and_the_wrong_thresholds_fail():
    factor, two = (lambda a, l: 1 - a * l), (lambda l: 2 / l)
    assert step_size_experiment(5, "small", factor, two).passed
    assert not step_size_experiment(5, "small", factor, lambda l: 1 / l).passed
    assert not step_size_experiment(5, "small", factor, lambda l: np.inf * l).passed
    assert not step_size_experiment(5, "small", lambda a, l: 1 - a * l / 2, lambda l: 4 / l).passed
