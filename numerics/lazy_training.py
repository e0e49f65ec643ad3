"""Experiments for the lazy-training claims of 004 (004:27-137), on the two-layer network of
004:104-118 as set up in ``numerics.ntk`` (the same compiled probe and width sweep, own draws):

1. ``risk_derivative_order``: the rate of change of the empirical risk along gradient flow,
   measured by central differences along the flow's velocity, against a formula in the NTK.
2. ``linearized_parameter_gap``: the weights theta_t of networks trained by gradient flow against
   the linearised flow's closed form, over a width sweep; fitted exponent of the gap.
3. ``gradient_formula_vs_autodiff``: 004:118's gradient formula against JAX autodiff (its own
   small compiled function).
"""
from __future__ import annotations

import functools
import math

import jax
import jax.numpy as jnp
import numpy as np

from checks import Evidence
from numerics._analysis import U, fitted_order
from numerics.ntk import (ORDER_BAND, exponent_evidence, forward, on_sphere, output_signs, probe, rk4_factor,
                          scalar_fn, width_sweep)


def risk_derivative_order(seed: int, scale: str, rate) -> Evidence:
    """``rate``: a SymPy expression in Q and n for d R(theta_t) / dt under gradient flow on
    R = (1/2n) ||y - f_n(theta)||^2, where Q = <f - y, K (f - y)> with the explicit NTK.
    Measured per network: [R(theta + delta v) - R(theta - delta v)] / (2 delta) along the flow's
    velocity v = (1/n) J^T (y - f), for 16 independent networks at initialisation; the rms over
    them of its distance E(delta) to the hypothesis.
    Pass rule: the log-log slope of E against delta lies in ORDER_BAND (order 2, as for
    ``output_velocity_order``), and the measured derivative is negative for every network (the
    risk decreases)."""
    p = probe(seed, scale, "squared")
    n, deltas, y = p["n"], p["deltas"], p["y"]
    res = p["dloss"]                                              # f - y at the training points
    quad = np.einsum("bi,bij,bj->b", res, p["kern"][:, :n, :n], res)
    predicted = np.broadcast_to(np.asarray(scalar_fn(rate, "Q", "n")(quad, n), dtype=float), quad.shape)
    risk = np.sum((p["f_moved"][..., :n] - y) ** 2, axis=-1) / (2 * n)   # (D, 2, B)
    measured = (risk[:, 0] - risk[:, 1]) / (2 * deltas[:, None])          # (D, B)
    err = np.sqrt(np.mean((measured - predicted) ** 2, axis=1))
    order = fitted_order(deltas, err)
    decreasing = bool(np.all(measured[-1] < 0))
    figure = {"kind": "loglog", "x": deltas.tolist(),
              "series": {"rms |difference quotient - hypothesis|": err.tolist(),
                         "delta^2 reference": (err[-1] * (deltas / deltas[-1]) ** 2).tolist()},
              "xlabel": "delta (time)", "ylabel": "rms error of dR/dt"}
    return Evidence(bool(ORDER_BAND[0] <= order <= ORDER_BAND[1] and decreasing),
                    {"fitted order": order, "rms error at smallest delta": float(err[-1]),
                     "dR/dt (difference quotient), mean over networks": float(np.mean(measured[-1])),
                     "risk decreases for every network": decreasing},
                    {"rate": str(rate), "mean over networks": float(np.mean(predicted)), "order": 2},
                    f"log-log slope of the rms error of the central difference of R against the hypothesis, "
                    f"delta = 1 .. 2^-{len(deltas) - 1}, in [{ORDER_BAND[0]}, {ORDER_BAND[1]}], "
                    "and dR/dt < 0 for every network",
                    detail=f"{res.shape[0]} networks of width {p['w'].shape[1]}, n = {n} points, Gaussian targets",
                    figure=figure)


# The weights' gap to the linearised flow: d/dt (theta - theta_bar) = (1/n) [(J_t - J_0)^T (y - f_t)
# + J_0^T (f^lin_t - f_t)]. Unit j's row of J_t - J_0 is (1/sqrt(m)) a_j [sigma'(<w_j(t), x>) -
# sigma'(<w_j(0), x>)] x = O(1/m), since w_j moves by O(1/sqrt(m)); over m units its norm is
# sqrt(m) O(1/m) = O(m^-1/2), while the output term is O(1/m). Hence ||theta_t - theta_bar_t||
# = O(m^-1/2) (the bound of 004:98-100; Bartlett, Montanari, Rakhlin 2021, section 5).
PARAMETER_GAP_EXPONENT = -0.5


def linearized_parameter_gap(seed: int, scale: str, weight) -> Evidence:
    """Hypothesis: theta_bar_t - theta_0 = J_0^T Q diag(weight(lambda_i, t)) Q^T (y - f_0), with
    K_0 = J_0 J_0^T = Q Lambda Q^T each network's empirical NTK at initialisation; ``weight`` a
    SymPy expression in lambda, t, n.

    Measured per network of the width sweep (gradient flow on R = (1/2n) ||y - f||^2):
    sup over the recorded times of ||theta_t - theta_bar_t||, divided by ||y - f_0||^2 (to leading
    order the gap is quadratic in the initial residual, as the output gap); its log against log
    width is fitted (``numerics.ntk.exponent_evidence``), predicted exponent PARAMETER_GAP_EXPONENT.
    The RK4 error of the linearised flow must be below a tenth of the smallest mean gap."""
    sw = width_sweep(seed, scale)
    y, n, times = sw["y"], sw["n"], sw["times"]
    hyp = scalar_fn(weight, "lambda", "t", "n")
    h, per_record = sw["h"], sw["steps"] // (len(times) - 1)
    steps = np.arange(len(times)) * per_record
    gaps: dict[int, list[float]] = {m: [] for m in sw["widths"]}
    floor = 0.0
    for net in sw["nets"]:
        f0, jac, lam, q = net["f0"], net["jac"], net["lam"], net["q"]
        coords = q.T @ (y - f0)
        lam_t, t_l = lam[None, :], times[:, None]
        c = np.broadcast_to(np.asarray(hyp(lam_t, t_l, n), dtype=float), (len(times), len(lam)))
        moved = (c * coords[None, :]) @ q.T @ jac                               # (times, m d)
        actual = net["w"].reshape(len(times), -1) - net["w0"].reshape(1, -1)
        r0 = float(np.sum((y - f0) ** 2))
        gaps[net["width"]].append(float(np.log(np.max(np.linalg.norm(actual - moved, axis=1)) / r0)))
        # RK4 applied to the linear flow multiplies mode i by rk4_factor(-h lambda_i / n) per step
        disc = (np.exp(-lam_t * t_l / n) - rk4_factor(-h * lam_t / n) ** steps[:, None]) / lam_t
        floor = max(floor, float(np.max(np.linalg.norm((disc * coords[None, :]) @ q.T @ jac, axis=1))) / r0)
    smallest = min(math.exp(np.mean(v)) for v in gaps.values())
    return exponent_evidence(sw["widths"], gaps, PARAMETER_GAP_EXPONENT, "sup_t |theta_t - theta_bar_t| / |y - f_0|^2",
                             f"theta_bar_t - theta_0 = J_0^T Q [{weight}] Q^T (y - f_0)", floor / smallest,
                             "sup_t ||theta_t - theta_bar_t|| / ||y - f(0)||^2")


# networks, width, points, input dimension
GRADIENT_SIZES = {"small": (8, 64, 8, 3), "large": (64, 1_024, 32, 8)}


@jax.jit
def _autodiff_jacobian(w, a, x):
    """d f(x_p) / d w_jk by JAX reverse mode, for networks w (B, m, d): shape (B, P, m, d); and the
    activations tanh(<w_j, x_p>) (B, m, P)."""
    jac = jax.vmap(jax.jacrev(lambda v: forward(v, a, x)[0]))(w)
    return jac, forward(w, a, x)[1]


@functools.lru_cache(maxsize=4)
def gradient_instances(seed: int, scale: str):
    b, m, n, d = GRADIENT_SIZES[scale]
    rng = np.random.default_rng(seed)
    x = on_sphere(rng, (n, d))
    w = on_sphere(rng, (b, m, d))
    a = output_signs(m)
    auto, s = _autodiff_jacobian(jnp.asarray(w), jnp.asarray(a), jnp.asarray(x))
    return a, x, np.asarray(s), np.asarray(auto)


def gradient_formula_vs_autodiff(seed: int, scale: str, entry) -> Evidence:
    """``entry``: a SymPy expression in m, a, sigma, dsigma, x for d f(x) / d w_jk, where a = a_j,
    sigma = tanh(<w_j, x>), dsigma = tanh'(<w_j, x>) and x = x_k. Compared with JAX's reverse-mode
    Jacobian on every entry (network, point, unit, coordinate) of 8 random networks.
    Pass rule: |autodiff - formula| <= 8 u |x_k| / sqrt(m) on every entry: the true entry has
    magnitude <= |x_k| / sqrt(m) (|a_j| = 1, 0 < tanh' <= 1) and both sides round a handful of
    products and the difference 1 - tanh^2 (no cancellation: |<w_j, x>| <= 1), each to within
    u of that magnitude."""
    a, x, s, auto = gradient_instances(seed, scale)
    m = a.shape[0]
    fn = scalar_fn(entry, "m", "a", "sigma", "dsigma", "x")
    aa = a[None, None, :, None]
    ss = s.transpose(0, 2, 1)[:, :, :, None]                    # (B, P, m, 1)
    xx = x[None, :, None, :]
    pred = np.broadcast_to(np.asarray(fn(m, aa, ss, 1.0 - ss * ss, xx), dtype=float), auto.shape)
    bound = 8 * U * np.abs(xx) / math.sqrt(m) + np.finfo(float).tiny
    ratio = np.abs(auto - pred) / bound
    worst = float(np.max(ratio))
    where = np.unravel_index(int(np.argmax(ratio)), ratio.shape)
    return Evidence(worst <= 1.0,
                    {"max |autodiff - formula| / bound": worst, "autodiff entry at the worst": float(auto[where])},
                    {"entry": str(entry), "formula at the worst": float(pred[where])},
                    "|JAX reverse-mode Jacobian - formula| <= 8 u |x_k| / sqrt(m) on every entry",
                    detail=f"{auto.shape[0]} networks of width {m}, {auto.shape[1]} points in dimension {auto.shape[3]}; "
                           f"worst at (network, point, unit, coordinate) = {tuple(int(i) for i in where)}")
