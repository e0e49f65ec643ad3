"""The backprop experiment: the forward pass, the recursion against jax.grad, the pass rule both ways."""
import numpy as np

from numerics.backprop_gradients import WIDTHS, backprop_against_autodiff, forward, instances, recursion

outer = lambda d, h: d @ h.T  # noqa: E731
back = lambda s, r, w, d: s * (w.T @ d)  # noqa: E731


def test_the_forward_pass_applies_relu_between_layers_only():
    params = [(np.eye(2), np.zeros(2)), (np.eye(2), np.zeros(2))]
    fs, hs = forward(params, np.array([1.0, -2.0]))
    np.testing.assert_array_equal(np.asarray(fs[0]), [1.0, -2.0])
    np.testing.assert_array_equal(np.asarray(hs[1]), [1.0, 0.0])
    np.testing.assert_array_equal(np.asarray(fs[1]), [1.0, 0.0])


def test_the_recursion_reproduces_autodiff():
    params, fs, hs, g, auto = instances(0, "small")[0]
    mine = recursion(params, fs, hs, g, outer, back)
    for (gw, gb), (aw, ab) in zip(mine, auto):
        np.testing.assert_allclose(gw, aw, atol=1e-12)
        np.testing.assert_allclose(gb, ab, atol=1e-12)
    assert len(mine) == len(WIDTHS) - 1


def test_the_true_recursion_passes_and_wrong_ones_fail():
    assert backprop_against_autodiff(1, "small", outer, back).passed
    assert not backprop_against_autodiff(1, "small", outer, lambda s, r, w, d: w.T @ d).passed
    assert not backprop_against_autodiff(1, "small", lambda d, h: h @ d.T, back).passed


def test_instances_repeat_for_a_seed():
    first = instances(2, "small")[0][3].copy()
    instances.cache_clear()
    np.testing.assert_array_equal(instances(2, "small")[0][3], first)
