"""The pieces of the NTK experiments against independent references: the probe's kernel, velocity
and moved outputs against JAX autodiff, one compiled RK4 chunk of the width sweep against a plain
NumPy RK4 per network, the row packing, the RK4 mode factor and the exponent fit."""
import math

import jax
import jax.numpy as jnp
import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from numerics.ntk import (_flow_chunk, _probe, exponent_fit, layout, on_sphere, output_signs, pack_rows,
                          rk4_factor)

B, M, N_TRAIN, N_TEST, D = 3, 8, 4, 2, 3
DELTAS = np.array([0.5, 0.25])


def _outputs(w, a, x):
    return jnp.tanh(w @ x.T).T @ a / jnp.sqrt(a.shape[0])


def _instance(seed, exponential):
    rng = np.random.default_rng(seed)
    x = on_sphere(rng, (N_TRAIN + N_TEST, D))
    y = np.sign(rng.standard_normal(N_TRAIN)) if exponential else rng.standard_normal(N_TRAIN)
    return on_sphere(rng, (B, M, D)), output_signs(M), x, y


@settings(max_examples=6, deadline=None)
@given(st.integers(0, 2**31 - 1), st.booleans())
def test_probe_agrees_with_autodiff(seed, exponential):
    w, a, x, y = _instance(seed, exponential)
    f, s, kern, dloss, velocity, slope, f_moved = (np.asarray(v) for v in _probe(
        jnp.asarray(w), jnp.asarray(a), jnp.asarray(x), jnp.asarray(y), jnp.asarray(float(exponential)), jnp.asarray(DELTAS)))

    def loss(v):
        ft = _outputs(v, a, x)[:N_TRAIN]
        per = jnp.exp(-y * ft) if exponential else 0.5 * (ft - y) ** 2
        return jnp.mean(per)

    for b in range(B):
        jac = np.asarray(jax.jacrev(_outputs)(jnp.asarray(w[b]), a, x)).reshape(len(x), -1)
        np.testing.assert_allclose(f[b], np.asarray(_outputs(w[b], a, x)), rtol=1e-12, atol=1e-14)
        np.testing.assert_allclose(kern[b], jac @ jac.T, rtol=1e-12, atol=1e-14)
        np.testing.assert_allclose(velocity[b], -np.asarray(jax.grad(loss)(jnp.asarray(w[b]))), rtol=1e-12, atol=1e-14)
        np.testing.assert_allclose(slope[b], jac @ velocity[b].reshape(-1), rtol=1e-12, atol=1e-14)
        for i, delta in enumerate(DELTAS):
            for k, sign in enumerate((1.0, -1.0)):
                moved = _outputs(w[b] + sign * delta * velocity[b], a, x)
                np.testing.assert_allclose(f_moved[i, k, b], np.asarray(moved), rtol=1e-12, atol=1e-14)


def _rk4_numpy(w, a, x, y, h, steps):
    """Plain RK4 on d w/dt = -grad (1/2n) |y - f|^2 for one network, f = a . tanh(w x) / sqrt(m)."""
    n, m = len(y), len(a)

    def field(w):
        s = np.tanh(w @ x.T)
        r = y - a @ s / math.sqrt(m)
        return ((a[:, None] * (1 - s * s) * r[None, :]) @ x) / (n * math.sqrt(m))

    for _ in range(steps):
        k1 = field(w)
        k2 = field(w + h / 2 * k1)
        k3 = field(w + h / 2 * k2)
        k4 = field(w + h * k3)
        w = w + h / 6 * (k1 + 2 * k2 + 2 * k3 + k4)
    return w, a @ np.tanh(w @ x.T) / math.sqrt(m)


@settings(max_examples=4, deadline=None)
@given(st.integers(0, 2**31 - 1))
def test_packed_flow_chunk_is_rk4_per_network(seed):
    rng = np.random.default_rng(seed)
    widths, n, d, h, steps = (2, 4, 8), 5, 3, 0.3, 4
    x, y = on_sphere(rng, (n, d)), rng.standard_normal(n)
    w, seg, coef, nets = layout(rng, widths, 2, d)
    w_new, f_new = (np.asarray(v) for v in _flow_chunk(*(jnp.asarray(v) for v in (w, seg, coef, x, y)), jnp.asarray(h), steps))
    for m, _, row, k, units in nets:
        ref_w, ref_f = _rk4_numpy(w[row, units], output_signs(m), x, y, h, steps)
        np.testing.assert_allclose(w_new[row, units], ref_w, rtol=1e-12, atol=1e-13)
        np.testing.assert_allclose(f_new[row, k], ref_f, rtol=1e-12, atol=1e-13)
    padding = coef == 0
    np.testing.assert_array_equal(w_new[padding], w[padding])    # padding units never move


@settings(max_examples=30, deadline=None)
@given(st.sets(st.integers(1, 10), min_size=1, max_size=8), st.integers(1, 5))
def test_pack_rows_places_every_network_once_without_overlap(exponents, replicates):
    widths = sorted(2**e for e in exponents)
    placed, rows = pack_rows(widths, replicates)
    assert sorted((m, r) for _, _, m, r in placed) == sorted((m, r) for m in widths for r in range(replicates))
    cap = max(widths)
    for row in range(rows):
        spans = sorted((start, start + m) for r_, start, m, _ in placed if r_ == row)
        assert spans[-1][1] <= cap
        assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:]))


@settings(max_examples=20, deadline=None)
@given(st.floats(-3.0, 0.0), st.floats(1e-3, 1.0))
def test_rk4_factor_is_one_rk4_step_of_the_linear_ode(rate, h):
    f = lambda y: rate * y  # noqa: E731
    k1 = f(1.0)
    k2 = f(1.0 + h / 2 * k1)
    k3 = f(1.0 + h / 2 * k2)
    k4 = f(1.0 + h * k3)
    assert math.isclose(1.0 + h / 6 * (k1 + 2 * k2 + 2 * k3 + k4), rk4_factor(h * rate), rel_tol=1e-13)


@settings(max_examples=20, deadline=None)
@given(st.floats(-2.0, 0.5), st.floats(-3.0, 3.0), st.integers(0, 2**31 - 1))
def test_exponent_fit_recovers_a_power_law(slope, icept, seed):
    widths = [32, 64, 128, 256, 512, 1024]
    rng = np.random.default_rng(seed)
    logs = {m: list(icept + slope * math.log(m) + 0.3 * rng.standard_normal(6)) for m in widths}
    fitted, _, se, dof = exponent_fit(widths, logs)
    assert dof == len(widths) * 5
    assert abs(fitted - slope) <= 5 * se          # 5 standard errors: fails with probability < 1e-6
    exact = {m: [icept + slope * math.log(m)] * 2 for m in widths}
    assert math.isclose(exponent_fit(widths, exact)[0], slope, abs_tol=1e-12)
