"""The ball experiments' building blocks: the exact log-volume against SciPy, the ball sampler
(first n coordinates of a point on the sphere in n + 2 dimensions) against rejection sampling from
the cube, and the cube fraction against NumPy."""
import math

import jax.numpy as jnp
import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import special

from numerics.hypersphere import _inside_fraction_and_se, exact_log_volume, shell_fractions


@settings(max_examples=20, deadline=None)
@given(st.floats(1, 1e5), st.floats(0.1, 3))
def test_exact_log_volume_matches_scipy(n, r):
    want = n * math.log(r) + n / 2 * math.log(math.pi) - special.gammaln(n / 2 + 1)
    assert abs(float(exact_log_volume(n, r)) - want) <= 1e-12 * max(1.0, abs(want))


def test_ball_sampler_agrees_with_rejection_from_the_cube():
    rng = np.random.default_rng(7)
    for dim in (2, 3):
        cube = rng.uniform(-1, 1, size=(400_000, dim))
        inside = cube[(cube**2).sum(axis=1) <= 1]
        want = float(np.mean((inside**2).sum(axis=1) > 0.7**2))     # 1 - 0.7^dim
        g = rng.standard_normal((200_000, dim + 2))
        got = float(np.asarray(shell_fractions(jnp.asarray(g), (dim,), 0.7))[0])
        se = math.sqrt(want * (1 - want) * (1 / len(inside) + 1 / 200_000))
        assert abs(got - want) <= 5 * se, (dim, got, want)


@settings(max_examples=5, deadline=None)
@given(st.integers(0, 2**31 - 1))
def test_inside_fraction_matches_numpy(seed):
    u = np.random.default_rng(seed).uniform(-0.5, 0.5, size=(1000, 4))
    frac, se = (float(v) for v in _inside_fraction_and_se(jnp.asarray(u), 0.5))
    want = float(np.mean((u**2).sum(axis=1) <= 0.25))
    assert frac == want and abs(se - math.sqrt(want * (1 - want) / 1000)) < 1e-15
