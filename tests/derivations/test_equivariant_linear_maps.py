"""The commutant of the cyclic shifts and the notes' group convolution, beyond the claim's sizes."""
import numpy as np
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from derivations.equivariant_linear_maps import (circulant_family, commutant_is_span, cyclic_convolution,
                                                 family_commutes_with_every_shift, general_solution_is_circulant,
                                                 group_convolution_matrix, group_convolution_theorem, hankel_family,
                                                 lifting_to_the_group, params, s3, shift, shifts_are_powers_of_s,
                                                 symmetric_circulant_family, translation_matrix, zero_padded_family)


def test_the_commutant_is_circulant_for_a_larger_n():
    assert commutant_is_span(circulant_family, [7])[0]
    assert general_solution_is_circulant([7])[0]
    assert shifts_are_powers_of_s([7, 8])[0]


@settings(max_examples=5, deadline=None)
@given(n=st.integers(3, 7))
def test_only_the_full_circulant_family_is_the_commutant(n):
    assert commutant_is_span(circulant_family, [n])[0]
    for family in (hankel_family, zero_padded_family, symmetric_circulant_family):
        assert not commutant_is_span(family, [n])[0]
    # the symmetric kernels do commute: they fail only the 'only if' part
    assert family_commutes_with_every_shift(symmetric_circulant_family, [n])[0]
    assert not family_commutes_with_every_shift(hankel_family, [n])[0]


@settings(max_examples=15, deadline=None)
@given(st.integers(2, 7), st.data())
def test_cyclic_convolution_matches_numpy(n, data):
    f = data.draw(st.lists(st.integers(-5, 5), min_size=n, max_size=n))
    w = data.draw(st.lists(st.integers(-5, 5), min_size=n, max_size=n))
    got = cyclic_convolution(sp.Matrix(f), sp.Matrix(w))
    want = np.real(np.fft.ifft(np.fft.fft(f) * np.fft.fft(w)))      # circular convolution
    assert np.allclose(np.array(got, dtype=float).ravel(), want)
    # and its matrix is the circulant of w
    c = circulant_family(n).subs(dict(zip(params(n), w)))
    assert c * sp.Matrix(f) == got


def test_shift_matrix_convention():
    x = sp.Matrix(sp.symbols("x_0:4"))
    assert shift(4) * x == sp.Matrix([x[3], x[0], x[1], x[2]])


def test_group_convolution_on_s3():
    ok, detail = group_convolution_theorem()
    assert ok and detail["dimension of the commutant"] == 6
    elems, index = s3()
    assert len(elems) == 6 and len(index) == 6
    # the convolution matrix of a delta at the identity is the identity map
    delta = [1 if e.is_Identity else 0 for e in elems]
    assert group_convolution_matrix(delta) == sp.eye(6)
    # left translations compose as a group action: L_g L_h = L_{gh}
    g, h = elems[1], elems[2]
    assert translation_matrix(g) * translation_matrix(h) == translation_matrix(g * h)


def test_lifting_example():
    ok, detail = lifting_to_the_group()
    assert ok and detail["H_0"] == [0, 3]
