"""The dropout helpers: mask probabilities, the enumerated expectation, the counts."""
import itertools

import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from derivations.dropout import (
    _counts_by_size, _digits_of_layer_count, _enumerated_counts, _expectation_for_every_width, expectation,
    mask_probability, p, readout,
)

probabilities = st.builds(sp.Rational, st.integers(1, 9), st.just(10))


@settings(max_examples=10, deadline=None)
@given(st.integers(1, 5), probabilities)
def test_mask_probabilities_sum_to_one_and_keep_each_unit_with_one_minus_p(units, drop):
    masks = list(itertools.product((0, 1), repeat=units))
    assert sum(mask_probability(mk, drop) for mk in masks) == 1
    for i in range(units):
        assert expectation(lambda mk, i=i: mk[i], masks, drop) == 1 - drop


@settings(max_examples=10, deadline=None)
@given(st.integers(1, 4), probabilities, st.data())
def test_expected_readout_is_the_scaled_full_output(units, drop, data):
    ws = data.draw(st.lists(st.integers(-5, 5), min_size=units, max_size=units))
    hs = data.draw(st.lists(st.integers(-5, 5), min_size=units, max_size=units))
    masks = list(itertools.product((0, 1), repeat=units))
    full = sum(a * b for a, b in zip(ws, hs))
    assert expectation(lambda mk: readout(mk, ws, hs), masks, drop) == (1 - drop) * full
    assert expectation(lambda mk: readout(mk, ws, hs, keep_scale=1 - drop), masks, drop) == full


def test_readout_drops_exactly_the_masked_units():
    ws, hs = (1, 10, 100), (1, 1, 1)
    assert readout((1, 0, 1), ws, hs) == 101
    assert readout((0, 0, 0), ws, hs) == 0


def test_probability_of_a_mask_depends_on_its_kept_count_only():
    assert mask_probability((1, 0, 0)) == mask_probability((0, 0, 1)) == (1 - p) * p**2


def test_count_computations_hold():
    assert _enumerated_counts(8)[0]
    assert _counts_by_size(16)[0]
    assert _expectation_for_every_width(3)[0]
    ok, detail = _digits_of_layer_count()
    assert ok and "10^1233" in detail
