"""The regimes of double descent as facts about F a = y, beyond the claim's fixed 4-row example."""
import random

import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from derivations.double_descent import ROWS, just_right, many_data, many_parameters, solution_sets, threshold


def test_the_claims_checks_hold():
    for check in (many_data, just_right, many_parameters, threshold):
        ok, detail = check()
        assert ok, detail
    assert set(solution_sets()) == set(range(1, 2 * ROWS + 1))


@settings(max_examples=12, deadline=None)
@given(st.integers(2, 5), st.integers(1, 9), st.integers(0, 10**6))
def test_generic_features_fit_exactly_iff_p_at_least_n(n, p, seed):
    rng = random.Random(seed)
    f = sp.Matrix(n, p, lambda i, j: rng.randint(-50, 50))
    y = sp.Matrix(n, 1, lambda i, j: rng.randint(-50, 50))
    rank = f.rank()
    if rank < min(n, p):
        return            # a non-generic draw (probability ~ 1/100 per minor): the claim is about generic F
    solvable = f.row_join(y).rank() == rank
    if p >= n:
        assert solvable and p - rank == p - n        # an exact fit, unique at p = n, a (p - n)-family beyond
    else:
        assert not solvable                           # for p < n a generic y is not in the column space
