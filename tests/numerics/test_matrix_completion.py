"""The matrix-completion experiment's parts against independent checks: the ADMM completions are
feasible, PSD and no worse than any other feasible point we can name, the trace certificate is a true
lower bound, the descent is the plain gradient loop; the experiment accepts the conjecture's target,
rejects the mutants' and repeats for a fixed seed."""
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from numerics.matrix_completion import (admm_completion, draw_candidate, factorised_descent, gd_vs_completion,
                                        min_frobenius_psd_completion, min_nuclear_norm_completion, trace_certificate,
                                        zero_filled_completion)

seeds = st.integers(0, 2**31 - 1)


def _instance(seed, n=8):
    m, mask = draw_candidate(np.random.default_rng(seed), n)
    return m, mask, np.where(mask, m, 0.0)


@settings(max_examples=5, deadline=None)
@given(seeds)
def test_candidates_are_rank_one_unit_norm_with_a_symmetric_off_diagonal_pattern(seed):
    m, mask, _ = _instance(seed)
    assert np.allclose(m, m.T) and abs(np.linalg.norm(m, 2) - 1) < 1e-12
    assert np.linalg.matrix_rank(m, tol=1e-10) == 1
    assert np.array_equal(mask, mask.T) and not mask.diagonal().any()


@settings(max_examples=5, deadline=None)
@given(seeds)
def test_admm_completions_are_feasible_psd_and_optimal_against_known_points(seed):
    m, mask, b = _instance(seed)
    z, y, ok = admm_completion(mask[None], b[None], "trace")
    z, y = z[0], y[0]
    if not ok[0]:
        return   # the experiment rejects non-converged instances; nothing to check here
    assert np.max(np.abs((z - b)[mask])) < 1e-8
    assert np.linalg.eigvalsh(z)[0] > -1e-9
    assert np.trace(z) <= np.trace(m) + 1e-8              # M is feasible
    lower = trace_certificate(mask, b, y)
    rng = np.random.default_rng(seed)
    for _ in range(5):   # M plus any nonnegative diagonal is feasible (no diagonal entry is observed)
        other = m + np.diag(rng.uniform(0, 1, m.shape[0]))
        assert lower <= np.trace(other) + 1e-12
    assert lower <= np.trace(z) + 1e-8
    frob, _, ok_f = admm_completion(mask[None], b[None], "frobenius")
    if ok_f[0]:
        assert np.max(np.abs((frob[0] - b)[mask])) < 1e-8 and np.linalg.eigvalsh(frob[0])[0] > -1e-9
        assert np.linalg.norm(frob[0]) <= min(np.linalg.norm(m), np.linalg.norm(z)) + 1e-8


def test_zero_filled_keeps_the_data_and_zeros_the_rest():
    m, mask, b = _instance(3)
    z = zero_filled_completion(mask, b)
    assert np.array_equal(z[mask], m[mask]) and not z[~mask].any()


@settings(max_examples=4, deadline=None)
@given(seeds, st.integers(0, 30))
def test_factorised_descent_is_the_plain_gradient_loop(seed, steps):
    m, mask, _ = _instance(seed, 5)
    u0 = np.random.default_rng(seed).standard_normal((5, 5)) * 0.3
    got = np.asarray(factorised_descent(u0[None], mask[None].astype(float), m[None], 0.1, steps))[0]
    u = u0.copy()
    for _ in range(steps):
        u = u - 0.1 * 2 * (mask * (u @ u.T - m)) @ u
    np.testing.assert_allclose(got, u @ u.T, rtol=1e-12, atol=1e-12)


@pytest.mark.parametrize("completion, passes", [(min_nuclear_norm_completion, True),
                                                (min_frobenius_psd_completion, False),
                                                (zero_filled_completion, False)])
def test_experiment_accepts_the_conjecture_only_and_repeats(completion, passes):
    ev = gd_vs_completion(5, "small", completion)
    assert ev.passed is passes, ev.criterion
    assert gd_vs_completion(5, "small", completion).measured == ev.measured
