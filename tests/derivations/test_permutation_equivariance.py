"""The lemma's linear algebra for sizes and index patterns beyond the claim's fixed run."""
import itertools

import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from derivations.permutation_equivariance import (commutant_is_span, diagonal_family, fallback_as_written,
                                                   lemma_family, notes_conjugation_entry, one_row_family,
                                                   perm_matrix, rank_one_family, theta, transposition)


@settings(max_examples=4, deadline=None)
@given(m=st.integers(2, 7))
def test_commuting_with_every_transposition_leaves_span_of_i_and_ones(m):
    """All transpositions (not only the two generators of the claim): still a 2-dimensional space."""
    th = sp.Matrix(theta(m))
    eqs = [e for k, l in itertools.combinations(range(m), 2) for e in (th * transposition(m, k, l) - transposition(m, k, l) * th)]
    (sol,) = sp.linsolve(eqs, list(th))
    general = sp.Matrix(m, m, list(sol))
    assert len(general.free_symbols) == 2
    d, o = general[0, 0], general[0, 1]
    assert general == sp.Matrix(m, m, lambda i, j: d if i == j else o)


@settings(max_examples=10, deadline=None)
@given(p=st.integers(2, 6).flatmap(lambda m: st.permutations(list(range(m)))))
def test_conjugation_relabels_rows_and_columns(p):
    m = len(p)
    pm, th = perm_matrix(p), theta(m)
    assert pm * th * pm.T == sp.Matrix(m, m, lambda i, j: th[p[i], p[j]])


@settings(max_examples=25, deadline=None)
@given(m=st.integers(3, 6), data=st.data())
def test_notes_conjugation_fails_exactly_when_i_equals_j_prime(m, data):
    cells = [(i, j) for i in range(m) for j in range(m) if i != j]
    (i, j), (i2, j2) = data.draw(st.sampled_from(cells)), data.draw(st.sampled_from(cells))
    if i == i2 or j == j2:
        return
    gives = notes_conjugation_entry(m, i, j, i2, j2) == theta(m)[i2, j2]
    assert gives == (i != j2)
    # the other order of the two transpositions fails exactly when i' = j
    p = transposition(m, i, i2) * transposition(m, j2, j)
    assert ((p * theta(m) * p.T)[i, j] == theta(m)[i2, j2]) == (i2 != j)


def test_fallback_through_a_third_position_fails_only_for_m_3():
    assert fallback_as_written(range(4, 7))[0]
    ok, detail = fallback_as_written(range(3, 4))
    assert not ok and detail["M"] == 3


@settings(max_examples=4, deadline=None)
@given(m=st.integers(2, 7))
def test_only_the_lemma_family_is_the_commutant(m):
    assert commutant_is_span(lemma_family, [m])[0]
    for family in (rank_one_family, one_row_family, diagonal_family):
        assert not commutant_is_span(family, [m])[0]
