"""The commutant experiment: its helpers against direct NumPy, and its pass rule against wrong families."""
import numpy as np
import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from derivations.equivariant_linear_maps import (circulant_family, hankel_family, params, symmetric_circulant_family,
                                                 zero_padded_family)
from numerics.equivariant_linear_maps import (U, build, commutant_experiment, commutation_errors, draws, gamma, measure,
                                              span_distance, support_classes)


def test_support_classes_of_the_circulant_family():
    labels, count = support_classes(circulant_family, 6)
    assert count == 6
    assert np.array_equal(labels, (np.arange(6)[:, None] - np.arange(6)[None, :]) % 6)
    labels, count = support_classes(zero_padded_family, 6)
    assert count == 3 and (labels == -1).sum() == 36 - 16


def test_support_classes_reject_non_0_1_families():
    def doubled(n):
        return 2 * circulant_family(n)
    with pytest.raises(ValueError, match="single parameter"):
        support_classes(doubled, 4)


@settings(max_examples=10, deadline=None)
@given(seed=st.integers(0, 2**31 - 1), n=st.integers(2, 9))
def test_measure_matches_numpy_and_projects_onto_circulants(seed, n):
    rng = np.random.default_rng(seed)
    labels, count = support_classes(circulant_family, n)
    fam = build(labels, rng.standard_normal((2, count)))
    rand = rng.standard_normal((2, n, n))
    x = rng.standard_normal((2, 3, n))
    s = rng.integers(0, n, size=(2, 3))
    back = (np.arange(n) - s[..., None]) % n
    sx = np.take_along_axis(x, back, axis=-1)
    ks, i, j = np.meshgrid(np.arange(n), np.arange(n), np.arange(n), indexing="ij")
    on_family, on_random, projection = measure(fam, rand, x, sx, rand[:, (i + ks) % n, (j + ks) % n])
    np.testing.assert_allclose(np.asarray(on_random[0]), np.einsum("kij,krj->kri", rand, x), rtol=1e-13, atol=1e-13)
    err, bound = commutation_errors(on_family, back, n)
    assert np.all(err <= bound)
    # the projection is the average of the conjugates S^-k W S^k, built here with explicit matrices
    shift = np.roll(np.eye(n), 1, axis=0)
    want = sum(np.linalg.matrix_power(shift.T, k) @ rand @ np.linalg.matrix_power(shift, k) for k in range(n)) / n
    np.testing.assert_allclose(np.asarray(projection), want, atol=8 * n * U * np.abs(rand).max())
    spread, off = span_distance(np.asarray(projection), labels, count)
    assert np.all(spread <= 2 * (gamma(n) + U) * np.abs(rand).reshape(2, -1).max(axis=1)) and np.all(off == 0)


def test_rule_accepts_the_circulants_and_rejects_the_mutant_families():
    assert commutant_experiment(0, "small", circulant_family).passed
    for family in (hankel_family, zero_padded_family, symmetric_circulant_family):
        assert not commutant_experiment(0, "small", family).passed, family.__name__


def test_rule_rejects_a_circulant_with_one_entry_untied():
    """Circulant except that entry (0, 1) has its own parameter: not in the commutant."""
    def untied(n):
        m = circulant_family(n)
        m[0, 1] = sp.Symbol("z", real=True)
        return m
    assert not commutant_experiment(1, "small", untied).passed
    assert len(untied(4).free_symbols) == len(params(4)) + 1


def test_results_are_repeatable_for_a_fixed_seed():
    a = commutant_experiment(7, "small", circulant_family)
    draws.cache_clear()
    b = commutant_experiment(7, "small", circulant_family)
    assert a.measured == b.measured
