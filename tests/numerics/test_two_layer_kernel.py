"""The Jacobian-kernel experiment: its network against NumPy, its blocks' structure, its verdicts."""
import jax
import jax.numpy as jnp
import numpy as np
import sympy as sp

from numerics.two_layer_kernel import ACTIVATIONS, kernel_against_jacobian, measure, network

s, s_p, ds, ds_p, v, xx = sp.symbols("s s_p ds ds_p v xx")
RIGHT = {"out_part": s * s_p, "in_part": v**2 * ds * ds_p * xx}


def test_network_matches_numpy():
    rng = np.random.default_rng(0)
    m, d = 5, 3
    v_, w_, x = rng.standard_normal(m), rng.standard_normal((m, d)), rng.standard_normal((4, d))
    theta = np.concatenate([v_, w_.ravel()])
    got = np.asarray(network(jnp.asarray(theta), jnp.asarray(x), jnp.tanh, m))
    np.testing.assert_allclose(got, np.tanh(x @ w_.T) @ v_, rtol=1e-14)


def test_jacobian_blocks_are_symmetric_positive_semidefinite():
    _, _, _, results = measure(3, "small")
    for kv, kw, _, _ in results:
        for block in (kv, kw):
            np.testing.assert_allclose(block, block.transpose(0, 2, 1), atol=1e-14)
            assert np.linalg.eigvalsh(block).min() > -1e-12


def test_activation_derivatives_are_the_autodiff_ones():
    z = np.linspace(-6, 6, 101)
    for _, act, dact in ACTIVATIONS:
        auto = np.asarray(jax.vmap(jax.grad(act))(jnp.asarray(z)))
        np.testing.assert_allclose(dact(z), auto, rtol=1e-13, atol=1e-16)


def test_right_summands_pass_and_a_wrong_one_fails():
    assert kernel_against_jacobian(5, "small", **RIGHT).passed
    assert not kernel_against_jacobian(5, "small", out_part=s * s_p, in_part=v * ds * ds_p * xx).passed
    assert not kernel_against_jacobian(5, "small", out_part=s_p, in_part=RIGHT["in_part"]).passed


def test_repeatable_for_a_fixed_seed():
    first = kernel_against_jacobian(11, "small", **RIGHT).measured
    again = kernel_against_jacobian(11, "small", **RIGHT).measured
    assert first == again
