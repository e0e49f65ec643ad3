"""The two-layer experiment: autodiff against finite differences, and the pass rule both ways."""
import jax.numpy as jnp
import numpy as np

import sympy as sp

from derivations.two_layer_loss import ARGUMENTS, FORMULA, Lambdified, concrete
from numerics.two_layer_loss import gradient_against_autodiff, instances, loss


def test_jax_gradient_matches_central_differences():
    w_, W_, x, y, auto = instances(0, "small")
    params = [w_[0].copy(), W_[0].copy()]
    h = 1e-6
    numeric = []
    for which, shape in ((0, (2,)), (1, (2, 2))):
        for idx in np.ndindex(shape):
            up = [p.copy() for p in params]
            down = [p.copy() for p in params]
            up[which][idx] += h
            down[which][idx] -= h
            numeric.append((float(loss(tuple(map(jnp.asarray, up)), x[0], y[0])) - float(loss(tuple(map(jnp.asarray, down)), x[0], y[0]))) / (2 * h))
    np.testing.assert_allclose(auto[0], numeric, rtol=1e-7, atol=1e-8)


def test_the_formula_passes_and_a_halved_formula_fails():
    right = Lambdified(ARGUMENTS, concrete(FORMULA, sp.tanh))
    half = Lambdified(ARGUMENTS, concrete(FORMULA, sp.tanh) / 2)
    assert gradient_against_autodiff(0, "small", right).passed
    assert not gradient_against_autodiff(0, "small", half).passed


def test_instances_repeat_for_a_seed():
    first = instances(6, "small")[4].copy()
    instances.cache_clear()
    np.testing.assert_array_equal(instances(6, "small")[4], first)
