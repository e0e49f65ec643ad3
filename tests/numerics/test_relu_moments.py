"""The samplers and statistics behind the ReLU-moment experiments, against SciPy and NumPy."""
import jax
import numpy as np
import pytest
import scipy.stats
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from numerics.relu_moments import (FAMILIES, RAW, SCALES, affine_in_second_moment, bonferroni_z, central_stats,
                                   raw_cell_moments, standard_draws)

REFERENCE = {"normal": scipy.stats.norm(), "laplace": scipy.stats.laplace(), "uniform": scipy.stats.uniform(-1, 2)}


@settings(max_examples=3, deadline=None)
@given(st.integers(0, 2**31 - 1))
def test_standard_draws_follow_their_distributions(seed):
    z = np.asarray(standard_draws(jax.random.PRNGKey(seed), 20_000, 2))
    for i, family in enumerate(FAMILIES):
        for cell in range(2):
            # Kolmogorov-Smirnov at level 1e-4 per sample (3 families x 2 cells x 3 seeds)
            assert scipy.stats.kstest(z[i, cell], REFERENCE[family].cdf).pvalue > 1e-4, (family, cell)
    # the cells are independent draws, not copies
    assert abs(np.corrcoef(z[0, 0], z[0, 1])[0, 1]) < 0.05


def test_central_stats_match_numpy_on_the_same_draws():
    key, n = jax.random.PRNGKey(11), 5_000
    raw = np.asarray(raw_cell_moments(key, n))
    stats = central_stats(raw, n)
    z = np.asarray(standard_draws(key, n, len(SCALES)))
    for i in range(len(FAMILIES)):
        for j, s in enumerate(SCALES):
            xs = s * z[i, j]
            r, th, x2 = np.maximum(xs, 0), (xs > 0).astype(float), xs**2
            want = {"mean relu": r.mean(), "var relu": r.var(ddof=1), "m4 relu": ((r - r.mean()) ** 4).mean(),
                    "var relu^2": (r**2).var(), "var theta^2": th.var(), "var x^2": x2.var(),
                    "cov relu^2 x^2": np.cov(r**2, x2, bias=True)[0, 1], "cov theta^2 x^2": np.cov(th, x2, bias=True)[0, 1]}
            for name, value in want.items():
                np.testing.assert_allclose(stats[name][i, j], value, rtol=1e-9, atol=1e-12, err_msg=name)
    assert raw.shape == (len(FAMILIES), len(SCALES), len(RAW))


@settings(max_examples=20, deadline=None)
@given(st.integers(1, 50))
def test_bonferroni_quantile_matches_scipy(m):
    assert bonferroni_z(m) == pytest.approx(scipy.stats.norm.isf(0.001 / (2 * m)), rel=1e-9)


def test_predictions_must_be_affine_in_the_second_moment():
    m2 = sp.Symbol("m2", positive=True)
    assert affine_in_second_moment(m2 / 2, m2) == (0.0, 0.5)
    assert affine_in_second_moment(sp.Rational(1, 4), m2) == (0.25, 0.0)
    with pytest.raises(ValueError):
        affine_in_second_moment(m2**2, m2)
    with pytest.raises(ValueError):
        affine_in_second_moment(sp.Symbol("other") * m2, m2)
