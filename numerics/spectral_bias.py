"""Experiments for the spectral-bias claims (001:109-158, slides 002:487-511).

1. ``exponential_vs_eigenbasis``: e^{-Kt} of random positive semidefinite kernels, computed by
   Taylor series with scaling and squaring (no eigenvectors involved), against the eigenbasis
   formula evaluated with the eigenvectors and eigenvalues of ``numpy.linalg.eigh``.
2. ``residual_along_ntk_eigenvectors``: a wide two-layer tanh network trained by gradient descent
   on the squared loss; the residual f - Y is projected on the eigenvectors of the network's
   empirical NTK at initialisation and each projection's log-decay rate is fitted against time.

Random numbers come from NumPy's PCG64 seeded with the claim's seed (fixed and reproducible like
a PRNGKey; threefry's kernels would cost more to compile than these experiments take to run);
all arithmetic is JAX float64.
"""
from __future__ import annotations

import functools
import math

import jax
import jax.numpy as jnp
import numpy as np
import sympy as sp

from checks import Evidence
from numerics._analysis import U


def _scalar_fn(expr, *names):
    """``expr`` as a NumPy function of the symbols with these names (whatever their assumptions)."""
    own = {s.name: s for s in sp.sympify(expr).free_symbols}
    return sp.lambdify([own.get(n, sp.Symbol(n)) for n in names], expr, "numpy")


# ---------------------------------------------------------------------------------------------
# 1. e^{-Kt} against Q e^{-Lambda t} Q^T
# ---------------------------------------------------------------------------------------------
EXP_SIZES = {"small": (48, 6), "large": (4_096, 24)}   # kernels, size of each
EXP_TIMES = (0.05, 0.3, 1.0, 3.0)
TAYLOR_TERMS = 18   # with ||A|| <= 1/2 the first omitted term is below 2^-19 / 19! ~ 2e-23


def _expm_taylor(a, squarings: int):
    """exp(a) by the Taylor series of exp(a / 2^s) (Horner form), squared s times."""
    b = a / 2.0**squarings
    eye = jnp.eye(a.shape[-1])
    out = jax.lax.fori_loop(0, TAYLOR_TERMS, lambda j, o: eye + b @ o / (TAYLOR_TERMS - j), jnp.broadcast_to(eye, a.shape))
    return jax.lax.fori_loop(0, squarings, lambda _, o: o @ o, out)


@functools.partial(jax.jit, static_argnums=2)
def _series_exponentials(kernels, times, squarings):
    """exp(-K t) by series for every time (axis 0) and kernel (axis 1), as one batched product."""
    return _expm_taylor(-times[:, None, None, None] * kernels[None], squarings)


@functools.lru_cache(maxsize=8)
def exponential_instances(seed: int, scale: str):
    """Random PSD kernels K = A A^T / n, with one rank-deficient kernel (a zero eigenvalue, as a
    positive semidefinite NTK may have)."""
    count, n = EXP_SIZES[scale]
    rng = np.random.default_rng(seed)
    a = rng.standard_normal((count, n, n))
    a[0, :, -1] = 0.0
    kernels = a @ a.transpose(0, 2, 1) / n
    times = np.array(EXP_TIMES)
    norm = float(np.max(np.linalg.norm(kernels, 2, axis=(1, 2)))) * times.max()
    squarings = max(0, math.ceil(math.log2(2 * norm)))   # ||K t|| / 2^s <= 1/2
    series = _series_exponentials(jnp.asarray(kernels), jnp.asarray(times), squarings)
    lam, q = np.linalg.eigh(kernels)   # the formula's ingredients, from LAPACK
    return kernels, times, squarings, np.asarray(series), lam, q


def exponential_vs_eigenbasis(seed: int, scale: str, formula, diagonal) -> Evidence:
    """``formula``: a SymPy matrix expression in the MatrixSymbols Q and D (e.g. Q D Q^T), with
    D = diag(diagonal(lambda_i, t)). Pass rule, entrywise on every kernel and time:
    |series - formula| <= 8 n u (2^s + n t ||K||_2 + 1). The series' round-off grows with the s
    squarings (each roughly doubles the relative error, and ||e^{-Kt}|| <= 1); eigh's backward
    error (about n u ||K||) moves e^{-Kt} by at most t times that, since the exponential of a
    negative semidefinite matrix has a Frechet derivative of norm <= 1."""
    kernels, times, s, series, lam, q = exponential_instances(seed, scale)
    n = kernels.shape[-1]
    qs, ds = sorted(sp.sympify(formula).atoms(sp.MatrixSymbol), key=lambda m: m.name)  # D, Q
    f = sp.lambdify((qs, ds), formula, "numpy")
    diag = _scalar_fn(diagonal, "lambda", "t")
    worst_ratio, worst_gap, at = 0.0, 0.0, None
    knorm = np.linalg.norm(kernels, 2, axis=(1, 2))
    for ti, t in enumerate(times):
        for k in range(kernels.shape[0]):
            d = np.diag(np.broadcast_to(np.asarray(diag(lam[k], t), dtype=float), lam[k].shape))
            pred = np.asarray(f(d, q[k]), dtype=float)
            gap = float(np.max(np.abs(series[ti, k] - pred)))
            bound = 8 * n * U * (2.0**s + n * t * knorm[k] + 1)
            if gap / bound > worst_ratio:
                worst_ratio, worst_gap, at = gap / bound, gap, (k, float(t))
    k, t = at
    ti = list(times).index(t)
    d = np.diag(np.asarray(diag(lam[k], t), dtype=float) * np.ones(n))
    return Evidence(worst_ratio <= 1.0,
                    {"max |series - formula|": worst_gap, "series e^{-Kt}[0, 0] (worst case)": float(series[ti, k, 0, 0])},
                    {"formula": str(formula), "formula[0, 0] (worst case)": float(np.asarray(f(d, q[k]))[0, 0])},
                    f"|exp(-Kt) by scaled Taylor series - formula| <= 8 n u (2^s + n t ||K|| + 1) entrywise for "
                    f"{kernels.shape[0]} PSD kernels of size {n} at t in {list(EXP_TIMES)}, s = {s} (worst ratio {worst_ratio:.3g})",
                    detail=f"worst case: kernel {k}, t = {t}")


# ---------------------------------------------------------------------------------------------
# 2. The residual of a wide network along the eigenvectors of its NTK
# ---------------------------------------------------------------------------------------------
# points on [-INPUT_SCALE, INPUT_SCALE] and hidden units (half of them mirrored)
NETWORK_SIZES = {"small": (16, 4_096), "large": (64, 65_536)}
INPUT_SCALE = 3.0
STEP_X_LAMBDA = 0.25      # eta * lambda_1: stable (< 2) and few steps
WINDOW_DECAY = 3.0        # fit each component while it falls by e^-3
# steps of gradient descent: the components tested are those that fall by e^-3 within the run,
# lambda_i >= 3 lambda_1 / (0.25 steps), i.e. within a factor ~21 (small) or ~85 (large) of the top
STEPS = {"small": 256, "large": 1_024}
CHUNKS = 8                # the kernel's drift is measured at the end of each eighth of the run


def _features(v, a, x, xp=jnp):
    """tanh(w_r x + b_r) and its derivative times a_r, with v = [w; b] and x = [input, 1]."""
    s = xp.tanh(x @ v)
    return s, (1.0 - s * s) * a


def empirical_ntk(v, a, x, xp=jnp):
    """K = J J^T for f(x) = sum_r a_r tanh(w_r x + b_r) / sqrt(m), all parameters trained
    (``xp``: NumPy outside the training loop)."""
    s, g = _features(v, a, x, xp)
    return (s @ s.T + (g @ g.T) * (x @ x.T)) / a.shape[0]


@functools.partial(jax.jit, static_argnums=5)
def _train(v, a, x, y, lr, steps):
    """``steps`` steps of gradient descent on L = 1/2 sum_j (f(x_j) - y_j)^2; returns the
    parameters and the residual f - y before each step."""
    scale = 1.0 / jnp.sqrt(a.shape[0])

    def step(params, _):
        v, a = params
        s, g = _features(v, a, x)
        r = scale * (s @ a) - y
        return (v - (lr * scale) * (x.T @ (g * r[:, None])), a - (lr * scale) * (s.T @ r)), r

    return jax.lax.scan(step, (v, a), None, length=steps)


@functools.lru_cache(maxsize=8)
def network_run(seed: int, scale: str):
    """Initialise (output zero at init: each hidden unit has a twin with the opposite output
    weight), take the NTK's eigenbasis, set the target to unit weight (random sign) along every
    eigenvector, train, and return what the pass rule needs."""
    n, m = NETWORK_SIZES[scale]
    rng = np.random.default_rng(seed)
    x = np.stack([INPUT_SCALE * np.linspace(-1.0, 1.0, n), np.ones(n)], axis=1)   # input and bias
    half = rng.standard_normal((2, m // 2))                  # rows: w_r, b_r
    v = np.concatenate([half, half], axis=1)
    a = rng.standard_normal(m // 2)
    a = np.concatenate([a, -a])
    k0 = empirical_ntk(v, a, x, np)
    lam, q = np.linalg.eigh(k0)
    lam, q = lam[::-1], q[:, ::-1]
    y = q @ rng.choice([-1.0, 1.0], n)
    lr = STEP_X_LAMBDA / lam[0]
    chunks, chunk_steps = CHUNKS, STEPS[scale] // CHUNKS
    steps = chunks * chunk_steps
    # the components whose fit window t <= 3 / lambda_i fits into the run
    tested = int(np.sum(lam >= WINDOW_DECAY / (lr * (steps - 1))))
    params, res, drift = (v, a), [], 0.0
    for _ in range(chunks):   # the same compiled chunk each time; the kernel's drift in between
        params, r = _train(*params, x, y, lr, chunk_steps)
        res.append(np.asarray(r))
        drift = max(drift, float(np.linalg.norm(empirical_ntk(*map(np.asarray, params), x, np) - k0)))
    comps = np.concatenate(res) @ q           # q_i^T (f - Y) at t = lr * step
    times = lr * np.arange(steps)
    sign_changes = [int(np.sum(np.diff(np.sign(q[:, i])) != 0)) for i in range(tested)]
    return lam, q.T @ y, comps, times, lr, drift, tested, sign_changes


def _decay_rate(times, values):
    """Least-squares slope of log|values| against time, negated."""
    return -float(np.polyfit(times, np.log(np.abs(values)), 1)[0])


def residual_along_ntk_eigenvectors(seed: int, scale: str, component, pairing: str = "own") -> Evidence:
    """``component``: a SymPy expression in lambda, t and a (= q_i^T Y) for q_i^T (f(t) - Y) under
    gradient flow; ``pairing`` "own" evaluates it with component i's eigenvalue, "mirrored" with
    that of component N + 1 - i.

    For each tested component i (those that fall by e^-3 within the run), on the window t <= 3 / lambda_i:
    - the measured flow rate: gradient descent with step eta multiplies an eigen-component by
      (1 - eta lambda) per step, so the fitted per-step factor rho gives lambda_hat = (1 - rho) / eta
      (this undoes the time discretisation exactly for a fixed kernel);
    - the predicted rate: the same fit applied to the hypothesis' trajectory;
    - pass if the signs agree at every time and |lambda_hat - rate| <= 2 dK, where dK is the
      largest Frobenius distance of the NTK from its initial value at the eight checkpoints of
      the run (Frobenius >= spectral norm): by Weyl's inequality the eigenvalues move by at most dK, doubled for the
      coupling it induces between eigen-directions."""
    lam, coef, comps, times, lr, drift, tested, sign_changes = network_run(seed, scale)
    h = _scalar_fn(component, "lambda", "t", "a")
    n = lam.shape[0]
    measured, predicted, ok_rate, ok_sign = [], [], True, True
    for i in range(tested):
        window = times <= WINDOW_DECAY / lam[i] + 1e-12
        t = times[window]
        lam_h = lam[i] if pairing == "own" else lam[n - 1 - i]
        pred = np.broadcast_to(np.asarray(h(lam_h, t, coef[i]), dtype=float), t.shape)
        meas = comps[window, i]
        rho = math.exp(-lr * _decay_rate(t, meas))
        lam_hat = (1.0 - rho) / lr
        rate = _decay_rate(t, pred) if np.all(pred != 0) else float("nan")
        measured.append(lam_hat)
        predicted.append(rate)
        ok_rate &= bool(abs(lam_hat - rate) <= 2 * drift)
        ok_sign &= bool(np.all(np.sign(meas) == np.sign(pred)))
    order = bool(np.all(np.diff(measured) < 0))
    figure = {"kind": "loglog", "x": [float(v) for v in lam[:tested]],
              "series": {"measured decay rate": measured, "predicted decay rate": [float(v) for v in predicted]},
              "xlabel": "NTK eigenvalue lambda_i", "ylabel": "decay rate of q_i^T (f - Y)"}
    return Evidence(ok_rate and ok_sign,
                    {"decay rates": [round(v, 4) for v in measured], "NTK eigenvalues": [round(float(v), 4) for v in lam[:tested]],
                     "kernel drift dK": drift, "signs agree": ok_sign},
                    {"decay rates": [round(v, 4) for v in predicted]},
                    f"for the top {tested} NTK eigen-directions: |fitted rate - predicted rate| <= 2 dK = {2 * drift:.3g} "
                    "and sign(q_i^T (f - Y)) as predicted at every time (fit on t <= 3 / lambda_i)",
                    detail=f"rates decrease with the eigenvalue: {order}; sign changes of q_1..q_{tested} along the inputs "
                           f"(larger eigenvalue, smoother eigenvector): {sign_changes}; eta lambda_1 = {STEP_X_LAMBDA}",
                    figure=figure)
