"""The gradient-flow experiments' building blocks against closed forms and plain loops: RK4 on a
quadratic against the matrix exponential, the descent loop, Gronwall's ODE against its solution,
the PL constant of x^2 + 3 sin^2 x; and the experiments accept the claims and reject wrong rates."""
import numpy as np
import pytest
import scipy.linalg
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from numerics.gradient_flow import (DIM, descend, euler_global_order, flow_path, gronwall_envelope, gronwall_path,
                                    instantaneous_rates, pl_constant_1d, pl_exponential_rate, risk, risk_gradient,
                                    rotation, sc_exponential_rate, sc_pl_bound)

seeds = st.integers(0, 2**31 - 1)
mu, t, d0, G = sp.symbols("mu t Delta_0 G", positive=True)


@settings(max_examples=4, deadline=None)
@given(seeds)
def test_rk4_flow_on_a_quadratic_matches_the_matrix_exponential(seed):
    rng = np.random.default_rng(seed)
    h = np.stack([(lambda q: q @ np.diag(rng.uniform(0.2, 3.0, DIM)) @ q.T)(rotation(rng)) for _ in range(8)])
    theta0 = rng.standard_normal((8, DIM))
    zero = np.zeros(8)
    path = np.asarray(flow_path(theta0, h, zero, zero, -1.0, 1e-3))
    for k in (1000, 5000, 10_000):
        exact = np.stack([scipy.linalg.expm(-h[i] * k * 1e-3) @ theta0[i] for i in range(8)])
        np.testing.assert_allclose(path[k], exact, rtol=1e-10, atol=1e-12)


@settings(max_examples=5, deadline=None)
@given(seeds, st.integers(0, 50))
def test_descent_is_the_plain_gradient_loop(seed, steps):
    rng = np.random.default_rng(seed)
    theta0 = rng.uniform(-2, 2, (8, DIM))
    h = np.broadcast_to(2 * np.eye(DIM), (8, DIM, DIM)).copy()
    a, b = rng.uniform(0, 3, 8), rng.uniform(0, 1, 8)
    got = np.asarray(descend(theta0, h, a, b, 0.05, steps))
    want = theta0.copy()
    for _ in range(steps):
        want = want - 0.05 * risk_gradient(want, h, a, b)
    np.testing.assert_allclose(got, want, rtol=1e-12, atol=1e-12)


def test_risk_gradient_is_the_gradient_of_the_risk():
    rng = np.random.default_rng(0)
    theta = rng.uniform(-3, 3, (8, DIM))
    h = np.stack([(lambda m: m @ m.T)(rng.standard_normal((DIM, DIM))) for _ in range(8)])
    a, b = rng.uniform(0, 3, 8), rng.uniform(0, 1, 8)
    eps = 1e-6
    numeric = np.stack([(risk(theta + eps * e, h, a, b) - risk(theta - eps * e, h, a, b)) / (2 * eps)
                        for e in np.eye(DIM)], axis=-1)
    np.testing.assert_allclose(risk_gradient(theta, h, a, b), numeric, rtol=1e-7, atol=1e-8)
    # log cosh near 0 keeps its relative accuracy (x^2/2), where log(cosh x) would round to 0
    tiny = np.full((1, DIM), 1e-12)
    np.testing.assert_allclose(risk(tiny, np.zeros((1, DIM, DIM)), np.zeros(1), np.ones(1)), 1.5e-24, rtol=1e-12)


@settings(max_examples=5, deadline=None)
@given(seeds)
def test_gronwall_rk4_matches_the_closed_form_solution(seed):
    rng = np.random.default_rng(seed)
    m, d0_, c = rng.uniform(0.3, 2, 8), rng.uniform(0.5, 2, 8), rng.uniform(0, 1, 8)
    om, ph = rng.uniform(0.5, 3, 8), rng.uniform(0, 2 * np.pi, 8)
    dt = 1e-3
    path = np.asarray(gronwall_path(d0_, m, c, om, ph, dt))
    tt = dt * np.arange(path.shape[0])[:, None]
    # Delta' + mu Delta = -c - c sin(omega t + phi): particular solution plus the homogeneous one
    part = lambda s: -c / m - c * (m * np.sin(om * s + ph) - om * np.cos(om * s + ph)) / (m**2 + om**2)
    exact = part(tt) + (d0_ - part(0.0)) * np.exp(-m * tt)
    np.testing.assert_allclose(path, exact, rtol=0, atol=1e-11)


def test_pl_constant_of_x2_plus_3_sin2():
    value, where = pl_constant_1d()
    grid = np.linspace(1e-3, 20, 400_001)
    ratio = (2 * grid + 3 * np.sin(2 * grid)) ** 2 / (grid**2 + 3 * np.sin(grid) ** 2)
    assert value <= ratio.min() + 1e-12 and value >= ratio.min() - 1e-6
    assert 2.1 < where < 2.3
    # in the common normalisation 1/2 |f'|^2 >= mu f, Karimi et al. quote mu = 1/32: ours is larger
    assert value / 2 >= 1 / 32


def test_five_point_rates_are_exact_for_exponentials():
    times = np.linspace(0, 2, 201)
    delta = np.exp(-0.7 * times)[:, None] * np.array([1.0, 3.0])
    np.testing.assert_allclose(instantaneous_rates(times, delta), 0.7, rtol=1e-10)


@pytest.mark.parametrize("experiment, right, wrong", [
    (euler_global_order, {"order": 1, "flow_sign": -1}, {"order": 2, "flow_sign": -1}),
    (gronwall_envelope, {"envelope": sp.exp(-mu * t) * d0}, {"envelope": sp.exp(-mu * t / 2) * d0}),
    (pl_exponential_rate, {"rate": mu}, {"rate": mu / 2}),
    (sc_exponential_rate, {"rate": mu}, {"rate": 2 * mu}),
    (sc_pl_bound, {"bound": G / (2 * mu)}, {"bound": G / (4 * mu)}),
])
def test_experiments_accept_the_claim_reject_a_wrong_rate_and_repeat(experiment, right, wrong):
    good = experiment(11, "small", **right)
    assert good.passed, good.criterion
    assert not experiment(11, "small", **wrong).passed
    assert experiment(11, "small", **right).measured == good.measured
