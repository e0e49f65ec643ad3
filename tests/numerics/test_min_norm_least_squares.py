"""The minimum-norm experiments: the batched descent loop against a NumPy loop, the instances, and
the pass rules on right and wrong hypotheses."""
import numpy as np
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from derivations.min_norm_least_squares import Am, BOUND, Em, S1m, Um, V1m, V2m, bm, gd_limit, least_norm, least_norm_svd, smax, x0m
from numerics.min_norm_least_squares import (descend, gd_instances, gradient_descent_limit, least_norm_solution, matrix_function,
                                             wide_system)


@settings(max_examples=5, deadline=None)
@given(st.integers(0, 2**31 - 1), st.integers(0, 40))
def test_descend_matches_a_numpy_loop(seed, steps):
    rng = np.random.default_rng(seed)
    a, b, x0 = rng.standard_normal((2, 3, 7)), rng.standard_normal((2, 3)), rng.standard_normal((2, 7))
    mu = np.array([0.05, 0.1])
    got = np.asarray(descend(a, b, x0, mu, steps))
    for i in range(2):
        x = x0[i].copy()
        for _ in range(steps):
            x = x - mu[i] * a[i].T @ (a[i] @ x - b[i])
        np.testing.assert_allclose(got[i], x, rtol=1e-11, atol=1e-11)


def test_wide_system_factors_reconstruct_a():
    v = wide_system(np.random.default_rng(4), 3, 8)
    a = v["U"] @ v["Sigma_1"] @ v["V_1"].T
    np.testing.assert_allclose(a, v["A"], atol=1e-12)
    np.testing.assert_allclose(v["A"] @ v["V_2"], 0, atol=1e-12)
    x = matrix_function(least_norm(Am, bm))(v)
    np.testing.assert_allclose(x[:, 0], np.linalg.pinv(v["A"]) @ v["b"][:, 0], rtol=1e-9, atol=1e-12)


def test_least_norm_experiment_accepts_both_forms_and_rejects_wrong_ones():
    assert least_norm_solution(3, "small", least_norm(Am, bm)).passed
    assert least_norm_solution(3, "small", least_norm_svd(V1m, S1m, Um, bm)).passed
    assert not least_norm_solution(3, "small", V1m * S1m * Um.T * bm).passed
    assert not least_norm_solution(3, "small", Em * (Am * Em).inv() * bm).passed      # a solution, not the shortest
    assert not least_norm_solution(3, "small", (Am.T * Am).inv() * Am.T * bm).passed


def test_gd_experiment_accepts_the_limit_and_is_repeatable():
    first = gradient_descent_limit(7, "small", gd_limit(V1m, V2m, S1m, Um, bm, x0m), BOUND)
    again = gradient_descent_limit(7, "small", gd_limit(V1m, V2m, S1m, Um, bm, x0m), BOUND)
    assert first.passed and first.measured == again.measured
    assert np.all(gd_instances(7, "small")[0]["x_0"] == 0)


def test_gd_experiment_rejects_wrong_limits_and_step_bounds():
    right = gd_limit(V1m, V2m, S1m, Um, bm, x0m)
    assert not gradient_descent_limit(7, "small", least_norm_svd(V1m, S1m, Um, bm), BOUND).passed
    assert not gradient_descent_limit(7, "small", V1m * V1m.T * x0m + least_norm_svd(V1m, S1m, Um, bm), BOUND).passed
    for bound in (4 / smax**2, 1 / smax**2, 2 / sp.Symbol("sigma_min", positive=True) ** 2):
        assert not gradient_descent_limit(7, "small", right, bound).passed
