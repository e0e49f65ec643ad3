"""The JAX equivariance error against a NumPy reference, and the pass rule against near misses."""
import jax.numpy as jnp
import numpy as np
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.special import expit

from derivations.permutation_equivariance import gam, lemma_family
from numerics.permutation_equivariance import (PERTURBATION, SIZES, U, _errors, draws, equivariance_error,
                                               family_basis, layer, matrices)


@settings(max_examples=6, deadline=None)
@given(seed=st.integers(0, 2**31 - 1), m=st.integers(2, 9))
def test_layer_and_error_match_numpy(seed, m):
    rng = np.random.default_rng(seed)
    th, x, perm = rng.standard_normal((m, m)), rng.standard_normal(m), rng.permutation(m)
    np.testing.assert_allclose(np.asarray(layer(jnp.asarray(th), jnp.asarray(x))), expit(th @ x), rtol=1e-14)
    err, bound = _errors(jnp.asarray(th[None]), jnp.asarray(perm[None, None]), jnp.asarray(x[None, None]))
    want = np.abs(expit(th @ x[perm]) - expit(th @ x)[perm])
    np.testing.assert_allclose(np.asarray(err)[0, 0], want, atol=16 * U)
    assert np.all(np.asarray(bound) >= 8 * U)


def test_draws_are_permutations_and_the_perturbation_is_off_the_family():
    d = draws(3, "small")
    k, r, m = SIZES["small"]
    assert np.all(np.sort(d["perms"], axis=-1) == np.arange(m))
    groups = matrices(3, "small", lemma_family)
    delta = groups["perturbed"] - groups["family"]
    basis = family_basis(lemma_family, m).reshape(2, -1)
    size = np.linalg.norm(groups["family"].reshape(k, -1), axis=1)
    # delta is a difference of two matrices of size ~|family|: round-off ~ u |family| per entry
    along = np.abs(delta.reshape(k, -1) @ basis.T).max(axis=1) / np.linalg.norm(basis, axis=1).max()
    assert np.all(along <= 1e-13 * size)
    rel = np.linalg.norm(delta.reshape(k, -1), axis=1) / size
    np.testing.assert_allclose(rel, PERTURBATION, rtol=1e-8)


def _near_miss(m):
    """lambda I + gamma (11^T + 1e-9 E_12): tied except one entry off by a part in 1e9."""
    e12 = sp.zeros(m, m)
    e12[0, 1] = sp.Rational(1, 10**9)
    return lemma_family(m) + gam * e12


@settings(max_examples=3, deadline=None)
@given(seed=st.integers(0, 1000))
def test_rule_accepts_the_lemma_and_rejects_a_1e_9_near_miss(seed):
    assert equivariance_error(seed, "small", lemma_family).passed
    assert not equivariance_error(seed, "small", _near_miss).passed
