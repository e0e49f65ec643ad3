"""The minimum-norm helpers beyond the claims' fixed 2 x 3 instance: the least-norm formula, its SVD
form and Pythagoras on random integer systems; the unrolled gradient-descent iterate; the
convergence set of the step size; the dimension check behind the m >> n errata."""
import numpy as np
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from derivations.min_norm_least_squares import (BOUND, SINGULAR_PAIRS, X_LN_SVD, X_OO, _cauchy_binet, _convergence_set,
                                                _convergence_set_of_pairs, _error_identity, _series_check, _tall_gram_is_singular,
                                                _unrolled_matches, gd_iterate_unrolled, gd_limit, least_norm, least_norm_svd, sq,
                                                smax, smin)

shapes = st.sampled_from([(1, 2), (1, 4), (2, 3), (2, 5), (3, 4)])


def integer_matrix(rows, cols, entries):
    a = sp.Matrix(rows, cols, entries[: rows * cols])
    return a if a.rank() == rows else None


@settings(max_examples=20, deadline=None)
@given(shapes, st.lists(st.integers(-4, 4), min_size=15, max_size=15))
def test_least_norm_solves_and_every_other_solution_is_longer(shape, entries):
    rows, cols = shape
    a = integer_matrix(rows, cols, entries)
    if a is None:
        return
    xs = sp.Matrix(sp.symbols(f"t1:{cols + 1}", real=True))
    xln = least_norm(a, a * xs)
    assert (a * (xs - xln)).applyfunc(sp.expand) == sp.zeros(rows, 1)
    assert sp.expand(sq(xs) - sq(xln) - sq(xs - xln)) == 0
    assert sp.expand(((xs - xln).T * xln)[0]) == 0          # 002:906: (x - x_LN) is orthogonal to x_LN


@settings(max_examples=10, deadline=None)
@given(shapes, st.lists(st.integers(-4, 4), min_size=15, max_size=15))
def test_svd_form_equals_the_normal_equations_form(shape, entries):
    rows, cols = shape
    a = integer_matrix(rows, cols, entries)
    if a is None:
        return
    an = np.array(a.tolist(), dtype=float)
    u, s, vt = np.linalg.svd(an)
    b = np.arange(1.0, rows + 1)[:, None]
    x1 = np.array(least_norm(a, sp.Matrix(b)).tolist(), dtype=float)
    x2 = least_norm_svd(sp.Matrix(vt[:rows].T), sp.Matrix(np.diag(s)), sp.Matrix(u), sp.Matrix(b))
    np.testing.assert_allclose(x1, np.array(x2.tolist(), dtype=float), rtol=1e-9, atol=1e-12)
    np.testing.assert_allclose(x1[:, 0], np.linalg.pinv(an) @ b[:, 0], rtol=1e-9, atol=1e-12)


def test_the_unrolled_iterate_and_the_closed_form_limit():
    assert _unrolled_matches()[0]
    k0 = gd_iterate_unrolled(0)
    assert k0 == sp.Matrix(sp.symbols("x_01 x_02 x_03", real=True))
    ok, detail = _error_identity(X_OO, BOUND)
    assert ok, detail
    assert not _error_identity(X_LN_SVD, BOUND)[0]          # the null-space part of x_0 is not forgotten


def test_convergence_set_is_sharp():
    assert _convergence_set(BOUND)[0]
    assert not _convergence_set(1 / smax**2)[0]
    assert _convergence_set_of_pairs(BOUND)[0]
    for wrong in (4 / smax**2, 1 / smax**2, 2 / smin**2):
        assert not _convergence_set_of_pairs(wrong, SINGULAR_PAIRS)[0]


def test_geometric_series_of_the_notes():
    ok, detail = _series_check()
    assert ok, detail


def test_gram_of_a_wide_matrix_is_generically_invertible_and_of_a_tall_one_never():
    # symbolic determinants grow fast with the size: small shapes only
    for rows, cols in ((1, 2), (2, 3), (2, 4), (3, 4)):
        assert _cauchy_binet(rows, cols)[0]
    for rows, cols in ((2, 1), (3, 2), (4, 2)):
        assert not _tall_gram_is_singular(rows, cols)[0]


def test_limit_with_x0_in_the_row_space_is_the_least_norm_solution():
    v = sp.Matrix([[1, 2, 2], [-2, -1, 2], [2, -2, 1]]) / 3
    u = sp.Matrix([[0, -1], [1, 0]])
    s1 = sp.diag(2, 3)
    b = sp.Matrix([1, -1])
    c = sp.Matrix([5, 7])
    assert gd_limit(v[:, :2], v[:, 2:], s1, u, b, v[:, :2] * c) == least_norm_svd(v[:, :2], s1, u, b)
