"""The double-descent experiment's least-squares solver against NumPy's pseudo-inverse, and the
experiment's verdicts: the peak at p = n is found, the mutants' peaks are not, for fixed seeds
repeatably."""
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from numerics.double_descent import RATIOS, TRAIN, curves, min_norm_least_squares, peak_of_test_error


@settings(max_examples=10, deadline=None)
@given(st.integers(0, 2**31 - 1), st.integers(3, 8), st.integers(1, 14))
def test_min_norm_least_squares_matches_the_pseudo_inverse(seed, n, p):
    rng = np.random.default_rng(seed)
    f = np.maximum(rng.standard_normal((3, n, p)), 0) + 0.1 * rng.standard_normal((3, n, p))
    y = rng.standard_normal(n)
    got = min_norm_least_squares(f, y)
    want = np.stack([np.linalg.pinv(fi) @ y for fi in f])
    np.testing.assert_allclose(got, want, rtol=1e-8, atol=1e-9)


def test_curves_have_the_interpolation_threshold_at_n():
    ps, test_err, train_err, norm_sq = curves(4, "small")
    assert list(ps / TRAIN) == pytest.approx(list(RATIOS))
    assert np.all(train_err[ps >= TRAIN] < 1e-12) and np.all(train_err[ps < TRAIN] > 1e-6)


@pytest.mark.parametrize("peak_ratio, passes", [(1.0, True), (2.0, False), (RATIOS[0], False), (RATIOS[-1], False),
                                                (0.9, False), (1.1, False)])
def test_experiment_finds_the_peak_at_the_threshold_only(peak_ratio, passes):
    ev = peak_of_test_error(9, "small", peak_ratio)
    assert ev.passed is passes, ev.criterion
    assert peak_of_test_error(9, "small", peak_ratio).measured == ev.measured
