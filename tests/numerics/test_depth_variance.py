"""The figure-1.6 Monte Carlo: the Gaussian-layer shortcut against explicit weight matrices, the
rescaling in sigma, and the pass rule both ways."""
import jax.numpy as jnp
import numpy as np
from scipy import stats

from numerics.depth_variance import DEPTH, INPUT, WIDTH, _mean_squares, depth_second_moments, layer_moments


def test_the_layer_map_matches_a_numpy_loop_on_the_same_draws():
    xi = np.random.default_rng(0).standard_normal((DEPTH, 50, WIDTH))
    got = np.asarray(_mean_squares(jnp.asarray(xi), jnp.asarray(INPUT)))
    norm = np.full(50, np.linalg.norm(INPUT))
    for k in range(DEPTH):
        f = norm[:, None] * xi[k]
        np.testing.assert_allclose(got[k], np.mean(f**2, axis=1), rtol=1e-12)
        norm = np.linalg.norm(np.maximum(f, 0), axis=1)


def test_the_shortcut_has_the_law_of_explicit_gaussian_weights():
    """Explicit 4 x 4 weight matrices against f = |h| xi, at layer 3: the two means agree within a
    99.9% two-sample interval."""
    rng = np.random.default_rng(1)
    m = 40_000
    h = np.broadcast_to(np.asarray(INPUT), (m, WIDTH))
    for _ in range(3):
        f = np.einsum("mij,mj->mi", rng.standard_normal((m, WIDTH, WIDTH)), h)
        h = np.maximum(f, 0)
    explicit = np.mean(f**2, axis=1)
    shortcut = np.asarray(_mean_squares(jnp.asarray(rng.standard_normal((3, m, WIDTH))), jnp.asarray(INPUT)))[-1]
    se = np.sqrt(explicit.var(ddof=1) / m + shortcut.var(ddof=1) / m)
    assert abs(explicit.mean() - shortcut.mean()) <= stats.norm.isf(0.0005) * se


def test_the_true_law_passes_and_a_linear_network_law_fails():
    law = lambda k, n, s, x: s * x * (n * s / 2) ** (k - 1)  # noqa: E731
    assert depth_second_moments(3, "small", law).passed
    assert not depth_second_moments(3, "small", lambda k, n, s, x: s * x * (n * s) ** (k - 1)).passed


def test_moments_repeat_for_a_seed():
    first = layer_moments(4, "small")[0].copy()
    layer_moments.cache_clear()
    np.testing.assert_array_equal(layer_moments(4, "small")[0], first)
