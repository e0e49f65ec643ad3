"""Sparse regression on a dictionary of candidate terms recovers a PDE from simulated data
(001:419-432, slides 002:1846-1877; Rudy, Brunton, Proctor, Kutz 2017, "PDE-FIND").

The data are exact solutions on a periodic grid x in [0, 2 pi), computed by a spectral solver in
float64:

- the heat equation u_t = omega^2 u_xx (the notes' L u = 0, 001:423) is diagonal in Fourier space:
  each mode is multiplied by exp(-omega^2 k^2 t), exactly, at any t;
- Burgers' equation u_t + u u_x - eps u_xx = 0 (the table at 002:1877) is solved through the
  Cole-Hopf transform u = -2 eps phi_x / phi, phi_t = eps phi_xx: phi is again an exact spectral
  heat solution.

So the snapshots carry no time-stepping error, and the only discretisation error in the
regression is the one PDE-FIND itself makes: u_t estimated from the snapshots by the fourth-order
central difference (-u(t+2h) + 8u(t+h) - 8u(t-h) + u(t-2h)) / (12 h), whose error is
-(h^4/30) u_ttttt + O(h^6). The spatial derivatives u_x, u_xx are spectral (exact to round-off:
the solutions are resolved to ~1e-12 of their largest Fourier coefficient).

The pass rule (``_recovery``): at each snapshot spacing h,
1. sequentially thresholded least squares (STLSQ, as in SINDy / PDE-FIND) keeps exactly the terms
   the hypothesis says are active;
2. the exhaustive minimiser of the notes' own objective ||u_t - D alpha||_2 + ||alpha||_0
   (001:432, over all 2^9 supports, least squares on each) has that same support;
and the coefficient error max_k |alpha_k(h) - alpha_k| falls at the stencil's order: its fitted
log-log slope against h is 4 +- 0.5. A wrong coefficient leaves an error floor |delta| > 0 (slope
-> 0); a wrong term fails 1 and 2.

``kdv_residual`` checks the table's KdV row (002:1876) on its soliton by nested forward-mode
autodiff: the residual must be round-off.
"""
from __future__ import annotations

import functools
import itertools

import jax
import jax.numpy as jnp
import numpy as np

from checks import Evidence
from numerics._analysis import fitted_order

# The notes' dictionary (001:428, 002:1856) with its two repeated entries (a second u_x and
# u_xx) dropped: the nine distinct candidate terms, in the notes' order.
TERMS = ("1", "u", "u^2", "u_x", "u_x^2", "u u_x", "u_xx", "u_xx^2", "u u_xx")

OMEGA = 0.5        # the heat claim's omega: the diffusivity is omega^2 = 0.25 (omega itself is distinguishable)
VISCOSITY = 0.1    # Burgers' eps, as in the paper's Burgers row (002:1877)

# Grid points, the finest snapshot spacing, the spacings used (multiples of it), and the times at
# which u_t is estimated (the same for every spacing, so only h changes between the fits).
SIZES = {
    "small": {"points": 256, "finest": 0.005, "multiples": (1, 2, 4, 8), "first": 0.1, "last": 0.5, "every": 0.04},
    "large": {"points": 512, "finest": 0.0025, "multiples": (1, 2, 4, 8, 16), "first": 0.1, "last": 0.9, "every": 0.02},
}
ORDER = 4.0            # the central difference's order
ORDER_BAND = 0.5       # allowed |fitted slope - 4|: the O(h^6) term moves each local slope by O((lambda h)^2) <= 0.1 here
STLSQ_THRESHOLD = 1e-3  # on coefficients scaled by ||D_k|| / ||u_t||: true terms are >= 0.3, spurious ones <= 1e-4


def grid(points: int) -> np.ndarray:
    return 2 * np.pi * np.arange(points) / points


def _wavenumbers(points: int):
    return jnp.fft.rfftfreq(points, d=1.0 / points)


@functools.partial(jax.jit, static_argnums=3)
def heat_flow(f0, diffusivity, times, points):
    """The exact solution of f_t = diffusivity f_xx on the periodic grid at ``times``, and its
    x-derivative: every Fourier mode decays as exp(-diffusivity k^2 t)."""
    k = _wavenumbers(points)
    decay = jnp.exp(-diffusivity * k**2 * times[:, None]) * jnp.fft.rfft(f0)
    return jnp.fft.irfft(decay, points, axis=-1), jnp.fft.irfft(1j * k * decay, points, axis=-1)


def candidate_terms(u: np.ndarray) -> np.ndarray:
    """The nine dictionary columns evaluated on snapshots u (..., points), last axis the term, in
    the order of ``TERMS``; u_x and u_xx are spectral derivatives (NumPy's FFT: this runs once
    per data set, where a compilation would cost more than the work)."""
    points = u.shape[-1]
    k = np.fft.rfftfreq(points, d=1.0 / points)
    uh = np.fft.rfft(u, axis=-1)
    ux = np.fft.irfft(1j * k * uh, points, axis=-1)
    uxx = np.fft.irfft(-(k**2) * uh, points, axis=-1)
    return np.stack([np.ones_like(u), u, u**2, ux, ux**2, u * ux, uxx, uxx**2, u * uxx], axis=-1)


def central_difference(snapshots: np.ndarray, at: np.ndarray, stride: int, h: float) -> np.ndarray:
    """u_t at snapshot indices ``at`` from the snapshots ``stride`` apart (spacing h): the
    fourth-order central difference."""
    s = snapshots
    return (-s[at + 2 * stride] + 8 * s[at + stride] - 8 * s[at - stride] + s[at - 2 * stride]) / (12 * h)


def stlsq(library: np.ndarray, target: np.ndarray, threshold: float = STLSQ_THRESHOLD, rounds: int = 10):
    """Sequentially thresholded least squares: fit, drop the terms whose scaled coefficient is
    below ``threshold``, refit on the rest, until the active set stops changing. Columns and target
    are scaled to unit norm so that the threshold is relative. Returns (coefficients, active)."""
    col = np.linalg.norm(library, axis=0)
    scale = np.linalg.norm(target)
    a, b = library / col, target / scale
    active = np.ones(library.shape[1], dtype=bool)
    for _ in range(rounds):
        xi = np.zeros(library.shape[1])
        if active.any():
            xi[active] = np.linalg.lstsq(a[:, active], b, rcond=None)[0]
        keep = np.abs(xi) >= threshold
        if (keep == active).all():
            break
        active = keep
    return xi * scale / col, active


def l0_minimiser(library: np.ndarray, target: np.ndarray):
    """The notes' objective ||target - D alpha||_2 + ||alpha||_0 (001:432), minimised exactly:
    for each of the 2^n supports the best alpha is the least-squares fit on those columns (the
    count term is fixed there). Returns (support as a tuple of column indices, objective)."""
    gram, rhs, total = library.T @ library, library.T @ target, float(target @ target)
    best = (np.sqrt(total), ())
    for mask in itertools.product((False, True), repeat=library.shape[1]):
        support = np.flatnonzero(mask)
        if support.size == 0:
            continue
        coef = np.linalg.solve(gram[np.ix_(support, support)], rhs[support])
        residual2 = max(total - float(rhs[support] @ coef), 0.0)
        objective = np.sqrt(residual2) + support.size
        if objective < best[0]:
            best = (objective, tuple(int(i) for i in support))
    return best[1], best[0]


def _snapshot_times(scale: str):
    cfg = SIZES[scale]
    reach = 2 * max(cfg["multiples"])              # the stencil reaches 2 h beyond each target
    span = int(round((cfg["last"] - cfg["first"]) / cfg["finest"]))
    every = int(round(cfg["every"] / cfg["finest"]))
    times = cfg["first"] + cfg["finest"] * np.arange(-reach, span + reach + 1)
    targets = reach + np.arange(0, span + 1, every)
    return times, targets


def _random_modes(rng: np.random.Generator, x: np.ndarray, count: int, decay: float):
    """A random zero-mean trigonometric polynomial sum_k (a_k cos kx + b_k sin kx) / k^decay and
    its antiderivative."""
    k = np.arange(1, count + 1)
    a, b = rng.standard_normal(count) / k**decay, rng.standard_normal(count) / k**decay
    kx = np.outer(x, k)
    return np.cos(kx) @ a + np.sin(kx) @ b, np.sin(kx) @ (a / k) - np.cos(kx) @ (b / k)


def heat_snapshots(seed: int, scale: str):
    """Exact heat-equation snapshots u_t = OMEGA^2 u_xx from a random five-mode initial condition."""
    cfg = SIZES[scale]
    x = grid(cfg["points"])
    u0, _ = _random_modes(np.random.default_rng(seed), x, 5, 1.0)
    times, targets = _snapshot_times(scale)
    u, _ = heat_flow(jnp.asarray(u0), OMEGA**2, jnp.asarray(times), cfg["points"])
    return np.asarray(u), targets


def burgers_snapshots(seed: int, scale: str):
    """Exact Burgers snapshots by Cole-Hopf from a random three-mode initial condition scaled to
    max |u0| = 1: phi0 = exp(-(1/2 eps) int u0), phi solves phi_t = eps phi_xx, u = -2 eps phi_x / phi."""
    cfg = SIZES[scale]
    x = grid(cfg["points"])
    u0, integral = _random_modes(np.random.default_rng(seed), x, 3, 1.0)
    peak = np.abs(u0).max()
    potential = -(integral / peak) / (2 * VISCOSITY)
    phi0 = np.exp(potential - potential.max())      # the constant factor cancels in phi_x / phi
    times, targets = _snapshot_times(scale)
    phi, phi_x = heat_flow(jnp.asarray(phi0), VISCOSITY, jnp.asarray(times), cfg["points"])
    return -2 * VISCOSITY * np.asarray(phi_x) / np.asarray(phi), targets


@functools.lru_cache(maxsize=8)
def _fits(pde: str, seed: int, scale: str):
    """STLSQ and the exhaustive l0 minimiser at each snapshot spacing (cached: the hypothesis only
    enters the comparison)."""
    snapshots, targets = (heat_snapshots if pde == "heat" else burgers_snapshots)(seed, scale)
    cfg = SIZES[scale]
    library = candidate_terms(snapshots[targets]).reshape(-1, len(TERMS))
    out = []
    for m in cfg["multiples"]:
        h = m * cfg["finest"]
        u_t = central_difference(snapshots, targets, m, h).reshape(-1)
        coef, active = stlsq(library, u_t)
        support, objective = l0_minimiser(library, u_t)
        out.append((h, coef, active, support, objective))
    tail = np.abs(np.fft.rfft(snapshots[targets], axis=-1))
    resolution = float(tail[:, cfg["points"] // 3:].max() / tail.max())
    return out, resolution


def _recovery(pde: str, seed: int, scale: str, alpha, parameter: float) -> Evidence:
    predicted = np.asarray(alpha(parameter), dtype=float).reshape(-1)
    fits, resolution = _fits(pde, seed, scale)
    hs = np.array([f[0] for f in fits])
    errors = np.array([np.abs(f[1] - predicted).max() for f in fits])
    want = tuple(int(i) for i in np.flatnonzero(predicted != 0))
    stlsq_ok = all(tuple(np.flatnonzero(f[2])) == want for f in fits)
    l0_ok = all(f[3] == want for f in fits)
    slope = fitted_order(hs, errors)
    passed = stlsq_ok and l0_ok and abs(slope - ORDER) <= ORDER_BAND
    names = lambda idx: [TERMS[i] for i in idx]  # noqa: E731 - a one-line label helper
    finest = int(np.argmin(hs))
    measured = {
        "STLSQ terms": names(np.flatnonzero(fits[finest][2])),
        "l0 argmin terms": names(fits[finest][3]),
        "coefficients (finest h)": {TERMS[i]: float(fits[finest][1][i]) for i in np.flatnonzero(fits[finest][2])},
        "coefficient error by h": {f"{h:g}": float(e) for h, e in zip(hs, errors)},
        "fitted order": slope,
    }
    prediction = {"terms": names(want), "coefficients": {TERMS[i]: float(predicted[i]) for i in want}, "order": ORDER}
    c = errors[finest] / hs[finest] ** ORDER
    return Evidence(
        passed, measured, prediction,
        f"at every spacing h in [{', '.join(f'{h:g}' for h in hs)}]: STLSQ (threshold {STLSQ_THRESHOLD:g}) and the exhaustive minimiser of "
        f"||u_t - D alpha||_2 + ||alpha||_0 keep exactly the predicted terms, and max |alpha(h) - alpha| falls as h^4 "
        f"(fitted slope within {ORDER} +- {ORDER_BAND}: the fourth-order difference for u_t is the only error source)",
        detail=f"spectral resolution: largest Fourier coefficient beyond k = N/3 is {resolution:.1e} of the largest",
        figure={"kind": "loglog", "x": [float(h) for h in hs],
                "series": {"max |alpha(h) - alpha|": [float(e) for e in errors],
                           "predicted h^4": [float(c * h**ORDER) for h in hs]},
                "xlabel": "snapshot spacing h", "ylabel": "coefficient error",
                "title": f"PDE-FIND on {pde} data: coefficient error vs time step of the u_t estimate"},
    )


def heat_recovery(seed: int, scale: str, alpha) -> Evidence:
    """PDE-FIND on exact heat-equation data; ``alpha(omega)`` is the predicted coefficient vector
    over ``TERMS``."""
    return _recovery("heat", seed, scale, alpha, OMEGA)


def burgers_recovery(seed: int, scale: str, alpha) -> Evidence:
    """PDE-FIND on exact Burgers data; ``alpha(eps)`` is the predicted coefficient vector over ``TERMS``."""
    return _recovery("burgers", seed, scale, alpha, VISCOSITY)


# ---------------------------------------------------------------------------------------------
# The KdV row of the paper's table (002:1876) on its soliton
# ---------------------------------------------------------------------------------------------
KAPPA = 0.7          # the soliton 2 kappa^2 sech^2(kappa (x - 4 kappa^2 t)), speed 4 kappa^2
KDV_POINTS = {"small": 256, "large": 65536}
KDV_SLACK = 64       # round-off allowance in units of eps max |term|: a few dozen operations per term


def _derivative(f, axis: int, order: int):
    """The order-th partial derivative of f(x, t) in x (axis 0) or t (axis 1), by nested
    forward-mode autodiff."""
    for _ in range(order):
        f = (lambda g: lambda x, t: jax.jvp(g, (x, t), (1.0 * (axis == 0), 1.0 * (axis == 1)))[1])(f)
    return f


def kdv_soliton(x, t):
    return 2 * KAPPA**2 / jnp.cosh(KAPPA * (x - 4 * KAPPA**2 * t)) ** 2


@jax.jit
def kdv_terms(x, t, coefficients):
    """u_t, a u u_x and b u_xxx of the soliton at each point, for coefficients (a, b)."""
    def one(a, b):
        u = kdv_soliton(a, b)
        return jnp.stack([_derivative(kdv_soliton, 1, 1)(a, b), coefficients[0] * u * _derivative(kdv_soliton, 0, 1)(a, b),
                          coefficients[1] * _derivative(kdv_soliton, 0, 3)(a, b)])
    return jax.vmap(one)(x, t)


def kdv_residual(seed: int, scale: str, coefficients) -> Evidence:
    """Pass when u_t + a u u_x + b u_xxx on the soliton is round-off, |residual| <= 64 eps max |term|,
    at random points x in [-6, 6], t in [0, 2], with (a, b) the hypothesis' coefficients."""
    rng = np.random.default_rng(seed)
    m = KDV_POINTS[scale]
    x, t = rng.uniform(-6, 6, m), rng.uniform(0, 2, m)
    terms = np.asarray(kdv_terms(jnp.asarray(x), jnp.asarray(t), jnp.asarray(np.asarray(coefficients, dtype=float))))
    ratio = np.abs(terms.sum(axis=1)) / (float(np.finfo(np.float64).eps) * np.abs(terms).max(axis=1))
    worst = float(ratio.max())
    return Evidence(
        worst <= KDV_SLACK, {"max |residual| / (eps max |term|)": worst}, {"ratio": f"<= {KDV_SLACK}"},
        f"JAX autodiff of the soliton 2 kappa^2 sech^2(kappa (x - 4 kappa^2 t)), kappa = {KAPPA}, at {m} random points: "
        f"|u_t + a u u_x + b u_xxx| <= {KDV_SLACK} eps max |term| (round-off)",
        detail=f"coefficients (a, b) = {tuple(float(c) for c in coefficients)}",
    )
