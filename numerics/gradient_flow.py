"""Experiments for gradient flow and its convergence (004:1-25): gradient descent as the Euler
discretisation of gradient flow, Gronwall's exponential bound, and the exponential convergence of
gradient flow under the Polyak-Lojasiewicz (PL) inequality and under strong convexity.

The risks are one family on R^3 (``risk``):

    R(theta) = 1/2 theta^T H theta + a sum_i sin^2(theta_i) + b sum_i log cosh(theta_i),

minimised at theta* = 0 with R* = 0 in every member used here:
- a = 3, b = 0, H = 2I: sum_i f(theta_i) with f(x) = x^2 + 3 sin^2(x), PL but not convex
  (f'' = 2 + 6 cos 2x < 0 near x = pi/2); f' = 2x + 3 sin 2x vanishes only at 0;
- a = b = 0: a strongly convex quadratic;
- a = 0, b = 1: strongly convex but not quadratic (Hessian H + diag(sech^2 theta) >= lambda_min(H) I).

Gradient flow is integrated by RK4 (``flow_path``) with a step far below the risk's curvature scale,
gradient descent by its own loop (``descend``); both are JAX float64 with one compilation each (the
step, the number of descent steps and the flow's sign are traced). Random numbers come from NumPy's
PCG64 seeded with the claim's seed.
"""
from __future__ import annotations

import functools

import jax
import jax.numpy as jnp
import numpy as np
import sympy as sp

from checks import Evidence
from numerics._analysis import fitted_order

jax.config.update("jax_enable_x64", True)

DIM = 3
FLOW_STEPS = 10_000                 # every flow run has this many RK4 steps: one compiled shape
BATCH = {"small": 8, "large": 64}   # trajectories per flow run


def scalar_fn(expr, *names):
    """``expr`` as a NumPy function of the symbols with these names (whatever their assumptions)."""
    own = {s.name: s for s in sp.sympify(expr).free_symbols}
    return sp.lambdify([own.get(n, sp.Symbol(n)) for n in names], expr, "numpy")


# ---------------------------------------------------------------------------------------------
# The risk family, the flow and the descent
# ---------------------------------------------------------------------------------------------
def risk(theta, h, a, b, xp=np):
    """R(theta) for a batch: theta (..., d), h (..., d, d), a and b (...); ``xp`` is numpy or jax.numpy."""
    quad = 0.5 * xp.einsum("...i,...ij,...j->...", theta, h, theta)
    log_cosh = xp.log1p(2 * xp.sinh(theta / 2) ** 2)   # cosh - 1 = 2 sinh^2(x/2): no cancellation near 0
    return quad + a * xp.sum(xp.sin(theta) ** 2, -1) + b * xp.sum(log_cosh, -1)


def risk_gradient(theta, h, a, b, xp=np):
    """grad R = H theta + a sin(2 theta) + b tanh(theta)."""
    return xp.einsum("...ij,...j->...i", h, theta) + a[..., None] * xp.sin(2 * theta) + b[..., None] * xp.tanh(theta)


@functools.partial(jax.jit, static_argnames="steps")
def flow_path(theta0, h, a, b, sign, dt, steps=FLOW_STEPS):
    """RK4 for d theta/dt = sign * grad R(theta) (sign = -1: gradient flow, 004:1), every state kept:
    an array (steps + 1, batch, d)."""
    def field(th):
        return sign * risk_gradient(th, h, a, b, jnp)

    def step(th, _):
        k1 = field(th)
        k2 = field(th + dt / 2 * k1)
        k3 = field(th + dt / 2 * k2)
        k4 = field(th + dt * k3)
        nxt = th + dt / 6 * (k1 + 2 * k2 + 2 * k3 + k4)
        return nxt, nxt

    _, path = jax.lax.scan(step, theta0, None, length=steps)
    return jnp.concatenate([theta0[None], path])


@jax.jit
def descend(theta0, h, a, b, gamma, steps):
    """``steps`` gradient-descent steps theta <- theta - gamma grad R(theta) (004:1)."""
    return jax.lax.fori_loop(0, steps, lambda _, th: th - gamma * risk_gradient(th, h, a, b, jnp), theta0)


def rotation(rng: np.random.Generator, d: int = DIM) -> np.ndarray:
    """A random orthogonal matrix (QR of a Gaussian one)."""
    return np.linalg.qr(rng.standard_normal((d, d)))[0]


# ---------------------------------------------------------------------------------------------
# 1. Gradient descent is the Euler discretisation of gradient flow: global error O(gamma)
# ---------------------------------------------------------------------------------------------
EULER_HORIZON = 1.0
EULER_STEPS = {"small": (256, 512, 1024, 2048, 4096), "large": (256, 512, 1024, 2048, 4096, 8192, 16384)}
# The coupled PL risk: H couples the coordinates, a = 3 makes it non-convex.
EULER_H = np.array([[2.0, 1.0, 0.0], [1.0, 2.0, 1.0], [0.0, 1.0, 2.0]])
# Euler's error at time T is C1 gamma + C2 gamma^2 + ...; the log-log slope over the fitted steps is
# 1 + O((C2 / C1) gamma). With |C2 / C1| of the order of the gradient's Lipschitz constant (~9 here)
# and gamma <= 1/256, the slope stays within 0.04 of 1; the band allows 0.1.
ORDER_TOL = 0.1


@functools.lru_cache(maxsize=8)
def _euler_runs(seed: int, scale: str, flow_sign: float):
    rng = np.random.default_rng(seed)
    batch = BATCH[scale]
    theta0 = rng.uniform(-2.5, 2.5, (batch, DIM))
    h = np.broadcast_to(EULER_H, (batch, DIM, DIM)).copy()
    a, b = np.full(batch, 3.0), np.zeros(batch)
    # reference: RK4 at dt = T / 10^4, whose error (~(dt L)^4 L T / 120 ~ 1e-13) is far below Euler's
    ref = np.asarray(flow_path(theta0, h, a, b, flow_sign, EULER_HORIZON / FLOW_STEPS))[-1]
    steps = EULER_STEPS[scale]
    errors = []
    for k in steps:
        end = np.asarray(descend(theta0, h, a, b, EULER_HORIZON / k, k))
        errors.append(float(np.max(np.linalg.norm(end - ref, axis=1))))
    return np.array([EULER_HORIZON / k for k in steps]), np.array(errors)


def euler_global_order(seed: int, scale: str, order, flow_sign) -> Evidence:
    """Hypothesis: gradient descent with step gamma follows the flow d theta/dt = flow_sign grad R
    (``flow_sign`` = -1: gradient flow) with a global error of order ``order`` in gamma at a fixed time.

    Measured: the largest distance, over a batch of random starting points, between gradient descent
    after T / gamma steps and RK4's flow at time T = 1, for gamma = 1/256 .. 1/4096, on the coupled
    non-convex risk R = 1/2 theta^T H theta + 3 sum sin^2(theta_i).
    Pass rule: the log-log least-squares slope of the error against gamma is within ORDER_TOL = 0.1 of
    ``order`` (a one-step error of O(gamma^2), summed over T / gamma steps), and the error at the
    smallest gamma is below 1e-2 (the descent converges to that flow)."""
    gammas, errors = _euler_runs(seed, scale, float(flow_sign))
    slope = fitted_order(gammas, errors)
    passed = abs(slope - float(order)) <= ORDER_TOL and errors[-1] <= 1e-2
    figure = {"kind": "loglog", "x": gammas.tolist(),
              "series": {"max |GD - GF| at T = 1": errors.tolist(),
                         f"predicted, order {order}": (errors[-1] * (gammas / gammas[-1]) ** float(order)).tolist()},
              "xlabel": "step size gamma", "ylabel": "distance to the flow at T = 1",
              "title": "gradient descent against gradient flow"}
    return Evidence(bool(passed), {"fitted order": slope, "error at smallest gamma": float(errors[-1])},
                    {"order": float(order), "flow sign": float(flow_sign)},
                    f"|fitted log-log slope - order| <= {ORDER_TOL} over gamma = 1/{int(1 / gammas[0])} .. "
                    f"1/{int(1 / gammas[-1])}, and error <= 1e-2 at the smallest gamma (measured slope {slope:.3f})",
                    detail=f"{len(errors)} step sizes, {BATCH[scale]} starting points in [-2.5, 2.5]^3, T = {EULER_HORIZON}",
                    figure=figure)


# ---------------------------------------------------------------------------------------------
# 2. Gronwall: d Delta/dt <= -mu Delta  =>  Delta_t <= e^{-mu t} Delta_0
# ---------------------------------------------------------------------------------------------
GRONWALL_HORIZON = 10.0
GRONWALL_ZERO_SLACK = 2   # trajectories with Delta' = -mu Delta exactly: where the bound is attained
# RK4 on Delta' = -mu Delta - c (1 + sin(omega t + phi)) with dt = 1e-3, mu, omega <= 3: the local error
# is <= (3 dt)^5 / 120 ~ 2e-15 of the solution's scale per step, so with round-off the 10^4 steps
# stay below ~1e-11 of it; the bound allows 1e-9.
GRONWALL_TOL = 1e-9


@functools.partial(jax.jit, static_argnames="steps")
def gronwall_path(delta0, mu, c, omega, phi, dt, steps=FLOW_STEPS):
    """RK4 for Delta' = -mu Delta - s(t), s(t) = c (1 + sin(omega t + phi)) >= 0 (the slack of the
    hypothesis d Delta/dt <= -mu Delta), every state kept: (steps + 1, batch)."""
    def field(t, d):
        return -mu * d - c * (1 + jnp.sin(omega * t + phi))

    def step(carry, _):
        t, d = carry
        k1 = field(t, d)
        k2 = field(t + dt / 2, d + dt / 2 * k1)
        k3 = field(t + dt / 2, d + dt / 2 * k2)
        k4 = field(t + dt, d + dt * k3)
        nxt = d + dt / 6 * (k1 + 2 * k2 + 2 * k3 + k4)
        return (t + dt, nxt), nxt

    _, path = jax.lax.scan(step, (jnp.zeros(()), delta0), None, length=steps)
    return jnp.concatenate([delta0[None], path])


@functools.lru_cache(maxsize=8)
def gronwall_runs(seed: int, scale: str):
    rng = np.random.default_rng(seed)
    batch = BATCH[scale]
    mu = rng.uniform(0.3, 2.0, batch)
    delta0 = rng.uniform(0.5, 2.0, batch)
    c = rng.uniform(0.05, 1.0, batch)
    c[:GRONWALL_ZERO_SLACK] = 0.0
    omega, phi = rng.uniform(0.5, 3.0, batch), rng.uniform(0, 2 * np.pi, batch)
    dt = GRONWALL_HORIZON / FLOW_STEPS
    path = np.asarray(gronwall_path(delta0, mu, c, omega, phi, dt))
    times = dt * np.arange(FLOW_STEPS + 1)
    return times, mu, delta0, c, path


def gronwall_envelope(seed: int, scale: str, envelope) -> Evidence:
    """Hypothesis: ``envelope``, a SymPy expression in mu, t, Delta_0, bounds every Delta with
    d Delta/dt <= -mu Delta from above (004:1: e^{-mu t} Delta_0).

    Measured: Delta' = -mu Delta - s(t) integrated by RK4 for random mu, Delta_0 > 0 and slacks
    s >= 0 (two trajectories with s = 0, the others s = c (1 + sin(omega t + phi))), t in [0, 10].
    Pass rule, both with GRONWALL_TOL = 1e-9 (RK4's error here is ~1e-11 of the scale):
    (a) Delta_t <= envelope(t) + 1e-9 scale on every trajectory at every time (the bound holds),
        scale = Delta_0 + 2 c / mu (a bound on |Delta_t|);
    (b) with zero slack |Delta_t - envelope(t)| <= 1e-9 Delta_0 (the bound is attained: no smaller
        envelope holds)."""
    times, mu, delta0, c, path = gronwall_runs(seed, scale)
    with np.errstate(all="ignore"):
        env = np.broadcast_to(np.asarray(scalar_fn(envelope, "mu", "t", "Delta_0")(mu[None], times[:, None], delta0[None]),
                                         dtype=float), path.shape)
    scale_ = delta0 + 2 * c / mu
    excess = float(np.nanmax(np.where(np.isfinite(env), (path - env) / scale_, np.inf)))
    tight = float(np.nanmax(np.where(np.isfinite(env[:, :GRONWALL_ZERO_SLACK]),
                                     np.abs(path[:, :GRONWALL_ZERO_SLACK] - env[:, :GRONWALL_ZERO_SLACK]) / delta0[:GRONWALL_ZERO_SLACK],
                                     np.inf)))
    passed = excess <= GRONWALL_TOL and tight <= GRONWALL_TOL
    every = max(1, FLOW_STEPS // 200)
    figure = {"kind": "semilogy", "x": times[::every].tolist(),
              "series": {"Delta_t, zero slack": path[::every, 0].tolist(),
                         "Delta_t, with slack": path[::every, -1].tolist(),
                         "predicted envelope, zero slack": env[::every, 0].tolist(),
                         "predicted envelope, with slack": env[::every, -1].tolist()},
              "xlabel": "t", "ylabel": "Delta_t", "title": "Gronwall: Delta' <= -mu Delta"}
    return Evidence(bool(passed), {"max (Delta_t - envelope) / scale": excess,
                                   "max |Delta_t - envelope| / Delta_0 at zero slack": tight},
                    {"envelope": str(envelope), "max excess": 0.0, "gap at zero slack": 0.0},
                    f"(a) Delta_t <= envelope + {GRONWALL_TOL:g} scale everywhere (measured {excess:.3g}); "
                    f"(b) |Delta_t - envelope| <= {GRONWALL_TOL:g} Delta_0 with zero slack (measured {tight:.3g})",
                    detail=f"{len(mu)} trajectories, mu in [0.3, 2], t in [0, {GRONWALL_HORIZON}], RK4 dt = {times[1]:.0e}",
                    figure=figure)


# ---------------------------------------------------------------------------------------------
# 3.-4. Exponential convergence of gradient flow under PL and under strong convexity
# ---------------------------------------------------------------------------------------------
FLOW_HORIZON = 20.0
PL_WORST_STARTS = (3.0, -3.3)   # flows from these (x, 0, 0) pass through the PL function's worst point


def pl_ratio_1d(x):
    """f'(x)^2 / f(x) for f(x) = x^2 + 3 sin^2 x: the PL ratio of 004:6, ||grad R||^2 / (R - R*)."""
    return (2 * x + 3 * np.sin(2 * x)) ** 2 / (x**2 + 3 * np.sin(x) ** 2)


@functools.lru_cache(maxsize=1)
def pl_constant_1d() -> tuple[float, float]:
    """The sharp constant mu of 004:6 for f(x) = x^2 + 3 sin^2 x: min over x != 0 of f'^2 / f, and
    where it is attained. f is even; the ratio tends to 16 at 0 and to 4 as |x| -> inf, so the
    minimum lies inside [1e-3, 50]: a grid, then golden-section refinement around its best point."""
    grid = np.linspace(1e-3, 50.0, 500_001)
    i = int(np.argmin(pl_ratio_1d(grid)))
    lo, hi = grid[max(i - 1, 0)], grid[min(i + 1, grid.size - 1)]
    g = (np.sqrt(5) - 1) / 2
    for _ in range(80):
        m1, m2 = hi - g * (hi - lo), lo + g * (hi - lo)
        if pl_ratio_1d(m1) < pl_ratio_1d(m2):
            hi = m2
        else:
            lo = m1
    x = (lo + hi) / 2
    return float(pl_ratio_1d(x)), float(x)


@functools.lru_cache(maxsize=8)
def flow_batch(seed: int, scale: str):
    """Gradient flow on the three kinds of risk, t in [0, 20], RK4 with dt = 2e-3 (the curvature is at
    most ~8, so dt L <= 0.016 and RK4's relative error over the run is below ~1e-7).

    Rows: kind 'pl' (H = 2I, a = 3), two from (x, 0, 0) through the worst point of the PL ratio and
    the rest random in [-4, 4]^3; kind 'quadratic' (a = b = 0, spectrum well separated so the slowest
    mode dominates by t = 20); kind 'logcosh' (a = 0, b = 1). Each row carries its sharp PL constant
    (004:6) and its constant of 004:17, or a valid lower bound where the sharp one is not attained."""
    rng = np.random.default_rng(seed)
    batch = BATCH[scale]
    n_pl, n_quad = batch // 2, batch // 4
    kinds = ["pl"] * n_pl + ["quadratic"] * n_quad + ["logcosh"] * (batch - n_pl - n_quad)
    theta0, h = np.zeros((batch, DIM)), np.zeros((batch, DIM, DIM))
    a, b = np.zeros(batch), np.zeros(batch)
    pl_mu, sc_mu = np.zeros(batch), np.zeros(batch)
    sharp_pl, sharp_sc = np.zeros(batch, bool), np.zeros(batch, bool)
    mu_1d, _ = pl_constant_1d()
    for r, kind in enumerate(kinds):
        if kind == "pl":
            h[r], a[r] = 2 * np.eye(DIM), 3.0
            if r < len(PL_WORST_STARTS):
                theta0[r, 0] = PL_WORST_STARTS[r]
                sharp_pl[r] = True
            else:
                theta0[r] = rng.uniform(-4, 4, DIM)
            # sum_i f'(theta_i)^2 >= mu_1d sum_i f(theta_i): the separable sum keeps f's constant
            pl_mu[r], sc_mu[r] = mu_1d, np.nan
        else:
            lam_min = rng.uniform(0.3, 0.5)
            lam = np.array([lam_min, lam_min + rng.uniform(0.6, 1.0), lam_min + rng.uniform(1.8, 2.5)])
            q = rotation(rng)
            h[r] = q @ np.diag(lam) @ q.T
            coords = rng.choice([-1.0, 1.0], DIM) * rng.uniform(0.5, 1.5, DIM)
            theta0[r] = q @ coords
            # quadratic: ||H theta||^2 >= 2 lambda_min (1/2 theta^T H theta) and <theta, H theta> >= lambda_min
            # ||theta||^2, both attained along the slowest eigenvector; logcosh: lambda_min(H)-strongly convex,
            # so 1/2 ||grad R||^2 >= lambda_min R and <theta, grad R> >= lambda_min ||theta||^2 (not attained)
            pl_mu[r], sc_mu[r] = 2 * lam_min, 2 * lam_min
            if kind == "quadratic":
                sharp_pl[r] = sharp_sc[r] = True
            else:
                b[r] = 1.0
    dt = FLOW_HORIZON / FLOW_STEPS
    path = np.asarray(flow_path(theta0, h, a, b, -1.0, dt))
    values = risk(path, h[None], a[None], b[None])              # R(theta_t) - R*, R* = 0
    distances = 0.5 * np.sum(path**2, axis=-1)                               # 1/2 ||theta_t - theta*||^2
    times = dt * np.arange(FLOW_STEPS + 1)
    return {"kinds": kinds, "times": times, "values": values, "distances": distances,
            "pl_mu": pl_mu, "sc_mu": sc_mu, "sharp_pl": sharp_pl, "sharp_sc": sharp_sc}


BOUND_TOL = 1e-6    # RK4's relative error in Delta over the run is below ~1e-7
SHARP_TOL = 1e-6    # relative: the five-point differences (dt^4/30 |(log Delta)^(5)| ~ 1e-10), the grid's sampling
                    # of the minimum (parabolic vertex: O(dt^3)), RK4 (~1e-7) and the quadratic's faster modes
                    # (e^{-24} at t = 20) are all far below


def instantaneous_rates(times, delta):
    """-(d/dt) log Delta_t by the five-point central difference (error dt^4/30 |(log Delta)^(5)|), at the
    interior times (rows: time; the grid is uniform)."""
    log_d = np.log(delta)
    dt = times[1] - times[0]
    return -(-log_d[4:] + 8 * log_d[3:-1] - 8 * log_d[1:-3] + log_d[:-4]) / (12 * dt)


def least_rate(times, delta):
    """The least instantaneous decay rate along each flow: the smallest central difference, refined by
    the vertex of the parabola through it and its two neighbours when it is not at an end (the grid's
    sampling of a smooth minimum then errs by O(dt^3), not O(dt^2))."""
    inst = instantaneous_rates(times, delta)
    inst = np.where(np.isfinite(inst), inst, np.inf)
    k = np.argmin(inst, axis=0)
    cols = np.arange(inst.shape[1])
    least = inst[k, cols]
    inner = (k > 0) & (k < inst.shape[0] - 1)
    km, kp = np.clip(k - 1, 0, None), np.clip(k + 1, None, inst.shape[0] - 1)
    lo, hi = inst[km, cols], inst[kp, cols]
    curv = lo - 2 * least + hi
    with np.errstate(divide="ignore", invalid="ignore"):
        vertex = least - (hi - lo) ** 2 / (8 * curv)
    return np.where(inner & (curv > 0) & np.isfinite(vertex), vertex, least)


def exponential_rate_evidence(times, delta, mu, sharp, rate, label: str, what: str) -> Evidence:
    """Hypothesis ``rate`` (a SymPy expression in mu): Delta_t <= e^{-rate t} Delta_0 for every row, with
    rate attained on the rows marked ``sharp``.
    (a) max over rows and times of log(Delta_t / Delta_0) + rate t <= BOUND_TOL;
    (b) on the sharp rows, the least instantaneous decay rate -(d/dt) log Delta_t along the flow equals
        the predicted rate within SHARP_TOL (relative): the bound's rate cannot be raised."""
    rows = np.isfinite(mu)
    with np.errstate(all="ignore"):
        predicted = np.broadcast_to(np.asarray(scalar_fn(rate, "mu")(mu), dtype=float), mu.shape)
    keep = delta > 0
    with np.errstate(divide="ignore", invalid="ignore"):
        excess_t = np.where(keep, np.log(delta / delta[0]) + predicted[None] * times[:, None], -np.inf)
    excess = float(np.max(excess_t[:, rows])) if np.all(np.isfinite(predicted[rows])) else np.inf
    least = least_rate(times, delta)
    with np.errstate(divide="ignore", invalid="ignore"):
        sharp_gap = np.abs(least[sharp] - predicted[sharp]) / np.abs(predicted[sharp])
    worst_sharp = float(np.max(np.where(np.isfinite(sharp_gap), sharp_gap, np.inf)))
    passed = excess <= BOUND_TOL and worst_sharp <= SHARP_TOL
    late = times >= times[-1] / 2
    late_rates = -np.polyfit(times[late], np.log(delta[late][:, sharp]), 1)[0]
    r0 = int(np.flatnonzero(sharp)[0])
    every = max(1, len(times) // 400)
    figure = {"kind": "semilogy", "x": times[::every].tolist(),
              "series": {f"{what}, row {r0}": delta[::every, r0].tolist(),
                         f"predicted bound e^(-rate t) {what}_0": (delta[0, r0] * np.exp(-predicted[r0] * times[::every])).tolist()},
              "xlabel": "t", "ylabel": what, "title": label}
    return Evidence(bool(passed),
                    {"max log(Delta_t / Delta_0) + rate t": excess,
                     "least decay rate on sharp rows": least[sharp].tolist(),
                     "fitted rate, slope of -log Delta over t in [T/2, T], sharp rows": late_rates.tolist()},
                    {"rate": str(rate), "rate on sharp rows": predicted[sharp].tolist()},
                    f"(a) log(Delta_t/Delta_0) + rate t <= {BOUND_TOL:g} on every flow (measured {excess:.3g}); "
                    f"(b) least -(d/dt) log Delta_t on the rows where the constant is attained equals the rate within "
                    f"{SHARP_TOL:g} relative (measured {worst_sharp:.3g})",
                    detail=f"{len(mu)} flows, t in [0, {times[-1]:g}], RK4 dt = {times[1]:.0e}",
                    figure=figure)


def pl_exponential_rate(seed: int, scale: str, rate) -> Evidence:
    """Gradient flow under 004:6's PL inequality R - R* <= (1/mu) ||grad R||^2, with each risk's sharp
    (or a valid) mu: f(x) = x^2 + 3 sin^2 x summed over coordinates (not convex; sharp along the flows
    through its worst point), strongly convex quadratics (sharp: 2 lambda_min(H)), and logcosh risks
    (valid: 2 lambda_min(H)). Delta_t = R(theta_t) - R*. See ``exponential_rate_evidence``."""
    fb = flow_batch(seed, scale)
    return exponential_rate_evidence(fb["times"], fb["values"], fb["pl_mu"], fb["sharp_pl"], rate,
                                     "gradient flow under PL: R(theta_t) - R*", "R - R*")


def sc_exponential_rate(seed: int, scale: str, rate) -> Evidence:
    """Gradient flow on risks with <theta - theta*, grad R(theta)> >= (mu/2) ||theta - theta*||^2 (004:17):
    strongly convex quadratics (sharp: mu = 2 lambda_min(H)) and logcosh risks (valid: 2 lambda_min(H)).
    Delta_t = 1/2 ||theta_t - theta*||^2. See ``exponential_rate_evidence``."""
    fb = flow_batch(seed, scale)
    rows = np.isfinite(fb["sc_mu"])
    return exponential_rate_evidence(fb["times"], fb["distances"][:, rows], fb["sc_mu"][rows], fb["sharp_sc"][rows],
                                     rate, "gradient flow under strong convexity: 1/2 ||theta_t - theta*||^2",
                                     "1/2 |theta - theta*|^2")


# ---------------------------------------------------------------------------------------------
# 5. Strong convexity implies PL
# ---------------------------------------------------------------------------------------------
SC_SAMPLES = {"small": 2000, "large": 20_000}
SC_FUNCTIONS = {"small": 4, "large": 32}
# R - R* and ||grad R||^2 are a few float64 operations on values <= ~100: round-off is below 1e-13
# of the larger side; the bound allows 1e-10.
SC_TOL = 1e-10


@functools.lru_cache(maxsize=8)
def sc_samples(seed: int, scale: str):
    """Random lambda_min(H)-strongly convex risks (quadratics and logcosh, a = 0) with R* = 0 at 0,
    evaluated at random points of [-5, 5]^3 and along each risk's slowest eigenvector."""
    rng = np.random.default_rng(seed)
    k = SC_FUNCTIONS[scale]
    n = SC_SAMPLES[scale]
    h, b, mu, quadratic = [], [], [], []
    for j in range(k):
        lam = np.sort(rng.uniform(0.2, 3.0, DIM))
        q = rotation(rng)
        h.append(q @ np.diag(lam) @ q.T)
        b.append(0.0 if j % 2 == 0 else 1.0)
        mu.append(lam[0])
        quadratic.append(j % 2 == 0)
    h, b, mu = np.array(h), np.array(b), np.array(mu)
    box = rng.uniform(-5, 5, (k, n, DIM))
    lam_all, vec_all = np.linalg.eigh(h)
    along = np.linspace(0.1, 5.0, 64)[None, :, None] * vec_all[:, None, :, 0]   # slowest eigenvector
    points = np.concatenate([box, along], axis=1)
    hb = np.broadcast_to(h[:, None], (k, points.shape[1], DIM, DIM))
    zero = np.zeros((k, points.shape[1]))
    bb = np.broadcast_to(b[:, None], zero.shape)
    gap = risk(points, hb, zero, bb)
    grad_sq = np.sum(risk_gradient(points, hb, zero, bb) ** 2, -1)
    return gap, grad_sq, mu, np.array(quadratic), n


def sc_pl_bound(seed: int, scale: str, bound) -> Evidence:
    """Hypothesis ``bound``: a SymPy expression in G and mu, an upper bound on R - R* for every
    mu-strongly convex R, with G = ||grad R||^2 (the claim: G / (2 mu)).

    Measured: R - R* and G at random points of [-5, 5]^3 for random mu-strongly convex risks
    (quadratics, and quadratics plus sum log cosh), mu = lambda_min(H).
    Pass rule: (a) R - R* <= bound + 1e-10 (1 + R - R*) at every point; (b) on the quadratics along the
    slowest eigenvector, R - R* = bound within 1e-10 relative (the bound is attained there)."""
    gap, grad_sq, mu, quadratic, n_box = sc_samples(seed, scale)
    with np.errstate(all="ignore"):
        b = np.broadcast_to(np.asarray(scalar_fn(bound, "G", "mu")(grad_sq, mu[:, None]), dtype=float), gap.shape)
    excess = float(np.nanmax(np.where(np.isfinite(b), (gap - b) / (1 + gap), np.inf)))
    on_axis = np.s_[quadratic, n_box:]
    with np.errstate(all="ignore"):
        tight = float(np.nanmax(np.where(np.isfinite(b[on_axis]), np.abs(gap[on_axis] - b[on_axis]) / gap[on_axis], np.inf)))
    passed = excess <= SC_TOL and tight <= SC_TOL
    ratio = grad_sq / (mu[:, None] * gap)
    j = int(np.flatnonzero(quadratic)[0])
    order = np.argsort(gap[j])
    figure = {"kind": "scatter", "x": gap[j, order].tolist()[::8],
              "series": {"measured ||grad R||^2 / mu": (grad_sq[j, order] / mu[j]).tolist()[::8],
                         "predicted least value 2 (R - R*)": (2 * gap[j, order]).tolist()[::8]},
              "xlabel": "R - R*", "ylabel": "||grad R||^2 / mu", "title": "strong convexity implies PL"}
    return Evidence(bool(passed),
                    {"max (R - R* - bound) / (1 + R - R*)": excess, "max relative gap on the slowest axis": tight,
                     "least ||grad R||^2 / (mu (R - R*))": float(np.min(ratio))},
                    {"bound": str(bound), "least ||grad R||^2 / (mu (R - R*))": 2.0},
                    f"(a) R - R* <= bound + {SC_TOL:g} (1 + R - R*) at every sample (measured {excess:.3g}); "
                    f"(b) equality within {SC_TOL:g} along the quadratics' slowest eigenvector (measured {tight:.3g})",
                    detail=f"{len(mu)} risks x {gap.shape[1]} points", figure=figure)
