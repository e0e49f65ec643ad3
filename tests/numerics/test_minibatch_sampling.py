"""Per-example logistic gradients and the exact batch average."""
import itertools

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from numerics.minibatch_sampling import POINTS, batch_mean, gradients, minibatch_average, per_example_gradients


def test_per_example_gradients_are_sigmoid_minus_label_times_x():
    rng = np.random.default_rng(0)
    x, w, y = rng.standard_normal((5, 3)), rng.standard_normal(3), np.array([0.0, 1.0, 1.0, 0.0, 1.0])
    want = (1 / (1 + np.exp(-(x @ w))) - y)[:, None] * x
    np.testing.assert_allclose(np.asarray(per_example_gradients(w, x, y)), want, rtol=1e-12)


@settings(max_examples=10, deadline=None)
@given(st.integers(1, 6), st.integers(0, 2**31 - 1))
def test_batch_mean_matches_a_plain_loop(b, seed):
    g = np.random.default_rng(seed).standard_normal((6, 2))
    batches = list(itertools.combinations(range(6), b))
    want = np.mean([g[list(s)].sum(axis=0) for s in batches], axis=0)
    np.testing.assert_allclose(batch_mean(g, b), want, rtol=1e-12, atol=1e-14)


def test_b_over_n_passes_and_the_unscaled_sum_fails():
    assert minibatch_average(1, "small", lambda b, n: b / n).passed
    assert not minibatch_average(1, "small", lambda b, n: 1.0).passed
    assert gradients(1, "small").shape[0] == POINTS
