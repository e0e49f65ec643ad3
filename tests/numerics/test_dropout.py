"""The dropout experiments: mask enumeration, sub-network counting, the expected read-out."""
import jax.numpy as jnp
import numpy as np
import sympy as sp

from numerics.dropout import (
    all_masks, distinct_subnetworks, expected_masked_output, measured_expectations, readout_layer, subnetwork_count,
    subnetwork_outputs,
)

n, p, F = sp.symbols("n p F")


def test_all_masks_lists_every_binary_vector_once_and_nests():
    masks = all_masks(5)
    assert masks.shape == (32, 5)
    assert len({tuple(r) for r in masks}) == 32
    # the first 2^k rows are the masks of the first k units, the others dropped
    assert np.all(masks[:8, 3:] == 0) and len({tuple(r) for r in masks[:8, :3]}) == 8


def test_subnetwork_outputs_match_numpy():
    rng = np.random.default_rng(0)
    w, x, a = rng.standard_normal((4, 3)), rng.standard_normal((2, 3)), rng.standard_normal(4)
    masks = all_masks(4)
    got = np.asarray(subnetwork_outputs(jnp.asarray(w), jnp.asarray(x), jnp.asarray(a), jnp.asarray(masks)))
    np.testing.assert_allclose(got, masks @ (a[:, None] * np.tanh(w @ x.T)), rtol=1e-13, atol=1e-15)


def test_every_mask_gives_its_own_subnetwork():
    assert distinct_subnetworks(3, "small") == tuple(2**k for k in range(1, 13))


def test_count_hypotheses():
    assert subnetwork_count(3, "small", 2**n).passed
    assert not subnetwork_count(3, "small", 2**n - 1).passed
    assert not subnetwork_count(3, "small", n**2).passed


def test_readout_layer_has_a_positive_full_output():
    terms = readout_layer(4)
    assert np.all(terms >= 0) and terms.sum() > 0.1


def test_exact_expectation_is_the_scaled_full_output():
    full, rows = measured_expectations(6, "small")
    for drop, (exact, _, mean, se) in zip((0.2, 0.5), rows):
        assert abs(exact - (1 - drop) * full) < 1e-13
        assert se > 0 and abs(mean - exact) < 6 * se


def test_expectation_hypotheses():
    assert expected_masked_output(7, "small", (1 - p) * F, F).passed
    assert not expected_masked_output(7, "small", p * F, F).passed
    assert not expected_masked_output(7, "small", (1 - p) * F, (1 - p) * F).passed


def test_repeatable_for_a_fixed_seed():
    a = expected_masked_output(8, "small", (1 - p) * F, F).measured
    assert a == expected_masked_output(8, "small", (1 - p) * F, F).measured
