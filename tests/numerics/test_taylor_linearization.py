"""The linearisation-remainder experiment: its building blocks and its verdicts."""
import jax.numpy as jnp
import numpy as np
import sympy as sp

from numerics.taylor_linearization import EPSILONS, SIZES, expansion, fitted_order, network, remainder_order_and_level

f0, delta, slope, curvature = sp.symbols("f0 delta slope curvature")
RIGHT = {"model": f0 + delta * slope, "order": 2, "leading": curvature / 2}


def test_fitted_order_recovers_a_power_law():
    xs = 2.0 ** -np.arange(2, 10)
    assert abs(fitted_order(xs, 3.0 * xs**2.5) - 2.5) < 1e-12


def test_network_matches_numpy():
    rng = np.random.default_rng(1)
    b, m, d = 3, 4, 2
    theta, x = rng.standard_normal((b, m + m * d)), rng.standard_normal((b, d))
    want = [theta[i, :m] @ np.tanh(theta[i, m:].reshape(m, d) @ x[i]) for i in range(b)]
    np.testing.assert_allclose(np.asarray(network(jnp.asarray(theta), jnp.asarray(x), m)), want, rtol=1e-13)


def test_moved_outputs_agree_with_the_taylor_data():
    e = expansion(2, "small")
    pred = e["f0"] + EPSILONS[:, None] * e["slope"] + EPSILONS[:, None] ** 2 * e["g2"] / 2
    cubic = np.abs(e["g3"]) / 6 * EPSILONS[:, None] ** 3
    assert np.all(np.abs(e["moved"] - pred) <= 2 * cubic + 1e-13)
    assert e["moved"].shape == (len(EPSILONS), SIZES["small"][0])


def test_right_expansion_passes_and_wrong_ones_fail():
    assert remainder_order_and_level(4, "small", **RIGHT).passed
    assert not remainder_order_and_level(4, "small", **{**RIGHT, "order": 1}).passed
    assert not remainder_order_and_level(4, "small", **{**RIGHT, "model": f0 - delta * slope}).passed
    assert not remainder_order_and_level(4, "small", **{**RIGHT, "leading": curvature}).passed


def test_repeatable_for_a_fixed_seed():
    assert remainder_order_and_level(9, "small", **RIGHT).measured == remainder_order_and_level(9, "small", **RIGHT).measured
