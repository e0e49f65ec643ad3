"""The batch-norm experiment: the transform, the gradients against finite differences, the fitted
growth factor, and the pass rule."""
import jax
import jax.numpy as jnp
import numpy as np

from numerics.batch_norm import _loss, batch_normalise, gradient_growth, growth_factors, layer_gradient_norms


def test_batch_normalise_centres_and_scales_each_feature():
    rng = np.random.default_rng(0)
    h = rng.standard_normal((32, 5)) * np.array([0.1, 1, 3, 10, 100]) + 7
    out = np.asarray(batch_normalise(jnp.asarray(h)))
    np.testing.assert_allclose(out.mean(axis=0), 0, atol=1e-12)
    np.testing.assert_allclose(out.var(axis=0), h.var(axis=0) / (h.var(axis=0) + 1e-5), rtol=1e-12)


def test_layer_gradients_match_finite_differences():
    rng = np.random.default_rng(1)
    w = rng.standard_normal((1, 3, 4, 4)) * 0.7
    x, r = rng.standard_normal((1, 6, 4)), rng.standard_normal((1, 4))
    norms = np.asarray(layer_gradient_norms(w, x, r, True))[0]
    loss = jax.jit(_loss)
    h = 1e-6
    for layer in range(3):
        grad = np.zeros((4, 4))
        for i in range(4):
            for j in range(4):
                up, down = w.copy(), w.copy()
                up[0, layer, i, j] += h
                down[0, layer, i, j] -= h
                grad[i, j] = (float(loss(up[0], x[0], r[0], True)) - float(loss(down[0], x[0], r[0], True))) / (2 * h)
        np.testing.assert_allclose(norms[layer], np.linalg.norm(grad), rtol=1e-6)


def test_growth_factor_of_a_geometric_sequence():
    layers = np.arange(20)
    norms = np.stack([3.0 * 1.3 ** (-layers), 0.5 * 0.9 ** (-layers)])
    np.testing.assert_allclose(growth_factors(norms), [1.3, 0.9], rtol=1e-12)


def test_growth_is_predicted_and_level_gradients_are_rejected():
    ev = gradient_growth(3, "small", (1.0, np.inf))
    assert ev.passed and ev.measured["growth per layer, batch norm"] > 1.1
    assert ev.measured["growth per layer, no batch norm (reference)"] < 1.05
    assert not gradient_growth(3, "small", (0.95, 1.05)).passed
    assert gradient_growth(3, "small", (1.0, np.inf)).measured == ev.measured
