"""Averages over all minibatches, for other sizes."""
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from derivations.minibatch_sampling import _counting_identity, batch_average


@settings(max_examples=20, deadline=None)
@given(st.data())
def test_the_batch_average_is_b_over_n_times_the_sum(data):
    n = data.draw(st.integers(1, 8))
    b = data.draw(st.integers(1, n))
    values = data.draw(st.lists(st.integers(-20, 20), min_size=n, max_size=n))
    assert batch_average([sp.Integer(v) for v in values], b) == sp.Rational(b, n) * sum(values)


def test_the_counting_identity_holds_in_general():
    assert _counting_identity()[0]
    assert sp.binomial(9, 3) / sp.binomial(10, 4) == sp.Rational(4, 10)
