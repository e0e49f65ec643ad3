"""The early-stopping experiments' building blocks against NumPy references: the batched descent
loop with a step count per instance, the random rotations, the LAPACK ridge solution in the
eigenbasis."""
import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from numerics.early_stopping import CONFIGS, descend, estop_setup, random_rotations

seeds = st.integers(0, 2**31 - 1)


@settings(max_examples=5, deadline=None)
@given(seeds, st.lists(st.integers(0, 30), min_size=3, max_size=3))
def test_descent_stops_each_instance_at_its_own_step_count(seed, taus):
    rng = np.random.default_rng(seed)
    a = rng.standard_normal((3, 4, 4))
    h = a @ a.transpose(0, 2, 1)
    h /= np.linalg.eigvalsh(h).max(axis=1)[:, None, None]     # eps ||H|| < 2: a stable descent
    w_star, eps = rng.standard_normal((3, 4)), np.array([0.3, 0.9, 1.5])
    got = np.asarray(descend(h, w_star, eps, np.array(taus, dtype=np.int64)))
    for i, tau in enumerate(taus):
        w = np.zeros(4)
        for _ in range(tau):
            w = w - eps[i] * h[i] @ (w - w_star[i])
        np.testing.assert_allclose(got[i], w, rtol=1e-12, atol=1e-12)


@settings(max_examples=5, deadline=None)
@given(seeds, st.integers(2, 12))
def test_rotations_are_orthogonal(seed, d):
    q = random_rotations(np.random.default_rng(seed), (3,), d)
    np.testing.assert_allclose(q.transpose(0, 2, 1) @ q, np.broadcast_to(np.eye(d), q.shape), atol=1e-13)


@settings(max_examples=3, deadline=None)
@given(seeds)
def test_ridge_solution_shrinks_each_eigen_coordinate(seed):
    _, lam, _, coords, _, _, ridge = estop_setup(seed, "small")
    alpha = np.array([a for _, a in CONFIGS])[:, None, None]
    np.testing.assert_allclose(ridge, lam[:, None, :] / (lam[:, None, :] + alpha) * coords, rtol=1e-11, atol=1e-14)
