"""The lemmas behind the one-dimensional universal-approximation bound."""
import math

import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from derivations.universal_approximation import (
    BOUND, C_EDGE, EDGE_BOUND, EDGE_ERROR, STAIRCASE, TAILS, L, N, _geometric_tail, _tail_below_exponential,
    _tail_convex, _telescoping, c, sigma,
)


def test_the_lemmas_hold():
    for lemma in (_telescoping, _tail_below_exponential, _tail_convex, _geometric_tail):
        assert lemma()[0], lemma.__name__


def test_the_bound_adds_up_and_is_2_6_l_over_n_at_the_experiments_slope():
    assert sp.simplify(STAIRCASE + TAILS - BOUND) == 0
    assert sp.simplify(BOUND.subs(c, C_EDGE) - sp.Rational(13, 5) * L / N) == 0


@settings(max_examples=20, deadline=None)
@given(st.integers(1, 12), st.floats(0.2, 3.0))
def test_the_error_at_the_left_edge_is_within_the_bound(units, slope):
    # f(x) = x at x = 0: only the sigmoids' tails contribute, (1/N) sum_j sigma(-c (j - 1/2))
    edge = sum(1 / (1 + math.exp(slope * (j - 0.5))) for j in range(1, units + 1)) / units
    assert edge <= float(BOUND.subs({L: 1, N: units, c: slope}))


def test_the_edge_example_is_exact():
    direct = sum(sp.Rational(1, 4) / (1 + sp.Rational(3, 2) ** (2 * j - 1)) for j in range(1, 5))
    assert EDGE_ERROR == direct
    assert EDGE_ERROR <= EDGE_BOUND and EDGE_ERROR > STAIRCASE.subs({L: 1, N: 4})
    assert sp.simplify(sigma(0) - sp.Rational(1, 2)) == 0
