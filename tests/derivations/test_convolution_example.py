"""The exact feature-map helpers of the worked convolution example."""
import numpy as np
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from derivations.convolution_example import (EDGE_KERNEL, INPUT, KERNEL, ROW_SUMS, convolve, correlate,
                                             edge_kernel_properties, full_feature_map, rotate180, window_products,
                                             written_entry_is_the_notes_star)

int_matrix = st.integers(3, 6).flatmap(
    lambda n: st.lists(st.lists(st.integers(-9, 9), min_size=n, max_size=n), min_size=n, max_size=n))
kernel = st.lists(st.lists(st.integers(-9, 9), min_size=3, max_size=3), min_size=3, max_size=3)


@settings(max_examples=20, deadline=None)
@given(int_matrix, kernel)
def test_correlate_is_the_sliding_sum_and_convolve_flips(x, k):
    x, k = np.array(x), np.array(k)
    n = x.shape[0]
    want = np.array([[np.sum(x[i:i + 3, j:j + 3] * k) for j in range(n - 2)] for i in range(n - 2)])
    assert np.array_equal(np.array(correlate(sp.Matrix(x), sp.Matrix(k)), dtype=int), want)
    flipped = np.array([[np.sum(x[i:i + 3, j:j + 3] * k[::-1, ::-1]) for j in range(n - 2)] for i in range(n - 2)])
    assert np.array_equal(np.array(convolve(sp.Matrix(x), sp.Matrix(k)), dtype=int), flipped)
    same = correlate(sp.Matrix(x), sp.Matrix(k), "same")
    assert same.shape == (n, n) and same[1:-1, 1:-1] == correlate(sp.Matrix(x), sp.Matrix(k))


def test_the_slides_map_and_the_convention_behind_51():
    assert full_feature_map() == sp.Matrix([[51, 66, 20], [31, 49, 101], [15, 53, -2]])
    ok, detail = written_entry_is_the_notes_star()
    assert ok and detail["flipped-kernel convolution"] == 6
    assert ROW_SUMS.doit() == 51
    assert sum(p.doit() for row in window_products(INPUT, KERNEL) for p in row) == 51


def test_edge_kernel_is_flip_symmetric_and_zero_sum():
    assert rotate180(EDGE_KERNEL) == EDGE_KERNEL and rotate180(KERNEL) != KERNEL
    ok, detail = edge_kernel_properties()
    assert ok and detail["sum of entries"] == 0
