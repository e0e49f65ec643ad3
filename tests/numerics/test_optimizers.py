"""The JAX optimisers and the float harnesses against optax, and the experiments' pass rules
against perturbed hypotheses."""
import math

import jax.numpy as jnp
import numpy as np
import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

optax = pytest.importorskip("optax")  # the reference optimisers; not a declared dependency of the package

from numerics.optimizers import (_affine, equation_adam, equation_momentum, listing_adam, listing_epoch_rows,  # noqa: E402
                                 momentum_unrolled, regression_problem, total_weight)

rows_strategy = st.lists(st.tuples(st.floats(-2, 2).filter(lambda v: abs(v) > 0.1), st.floats(-2, 2)),
                         min_size=3, max_size=3)


def _optax_run(opt, w0, rows):
    w = jnp.array(w0, dtype=jnp.float64)
    state = opt.init(w)
    out = []
    for x, y in rows:
        g = 2 * x * (x * w - y)
        upd, state = opt.update(g, state)
        w = optax.apply_updates(w, upd)
        out.append(float(w))
    return out


@settings(max_examples=6, deadline=None)
@given(rows=rows_strategy, b1=st.sampled_from([0.5, 0.9]), b2=st.sampled_from([0.9, 0.999]))
def test_adam_harness_and_fixed_listing_follow_optax_adam(rows, b1, b2):
    alpha, eps = 0.1, 1e-8
    ref = _optax_run(optax.adam(alpha, b1=b1, b2=b2, eps=eps, eps_root=0.0), 0.3, rows)
    batches = [((x, y),) for x, y in rows]
    ours = equation_adam(0.3, batches, alpha, b1, b2, eps, math.sqrt, shift=1)
    fixed = listing_adam(0.3, batches, alpha, b1, b2, eps, math.sqrt, use_corrected=True)
    np.testing.assert_allclose(ours, ref, rtol=1e-12, atol=1e-14)
    np.testing.assert_allclose(fixed, ref, rtol=1e-12, atol=1e-14)
    raw = listing_adam(0.3, batches, alpha, b1, b2, eps, math.sqrt)
    assert abs(raw[0] - ref[0]) > 1e-3 * alpha  # no bias correction: the first step is off by O(alpha)


@settings(max_examples=6, deadline=None)
@given(rows=rows_strategy, beta=st.sampled_from([0.5, 0.9]))
def test_corrected_nesterov_harness_follows_optax_nesterov(rows, beta):
    alpha = 0.05
    ref = _optax_run(optax.sgd(alpha * (1 - beta), momentum=beta, nesterov=True), 0.7, rows)
    ws, ms, _ = equation_momentum(0.7, [((x, y),) for x, y in rows], alpha, beta, m=0, look_ahead=-beta)
    look_ahead = [w - alpha * beta * m for w, m in zip(ws, ms)]
    np.testing.assert_allclose(look_ahead, ref, rtol=1e-12, atol=1e-14)


def test_batch_schedule_shuffles_each_epoch_and_never_repeats_a_row_within_it():
    x, y, idx = regression_problem(0, "small")
    idx = np.asarray(idx)
    per_epoch = x.shape[0] // idx.shape[1]
    for start in range(0, idx.shape[0], per_epoch):
        epoch = idx[start:start + per_epoch].ravel()
        assert len(set(epoch.tolist())) == epoch.size


def test_listing_bookkeeping():
    assert listing_epoch_rows(1000, 100, 50) == (10, 500)
    assert listing_epoch_rows(1000, 50, 50) == (20, 1000)


@pytest.mark.parametrize("seed", [0, 3])
def test_momentum_rule_rejects_a_slightly_wrong_weight(seed):
    t, n, b = sp.symbols("t n beta")
    assert momentum_unrolled(seed, "small", b ** (t - n) * (1 - b)).passed
    assert not momentum_unrolled(seed, "small", b ** (t - n) * (1 - b) * (1 + sp.Rational(1, 10**6))).passed


def test_total_weight_rule_rejects_a_tiny_offset():
    b, t = sp.symbols("beta t")
    assert total_weight(0, "small", 1 - b ** (t + 1)).passed
    assert not total_weight(0, "small", 1 - b ** (t + 1) + sp.Rational(1, 10**12)).passed


def test_affine_reads_update_coefficients_and_refuses_nonlinear_rules():
    m, g, b = sp.symbols("m g beta")
    assert _affine(b * m + (1 - b) * g, m, g, {b: 0.9}) == pytest.approx((0.9, 0.1))
    with pytest.raises(ValueError):
        _affine(b * m**2 + g, m, g, {b: 0.9})
