"""Experiments for the minimum-norm solution of an underdetermined least-squares problem
(000:227-326, slides 002:878-958).

1. ``least_norm_solution``: a formula for x_LN, evaluated in float64 on random wide full-row-rank
   systems A x = b, must solve the system and have no component in the null space of A (the two
   properties that make it the least-norm solution: every solution is x_LN + V_2 z, of squared norm
   ||x_LN||^2 + ||z||^2).
2. ``gradient_descent_limit``: gradient descent x <- x - mu A^T (A x - b) from a random x_0 on random
   wide systems, run in JAX, against a predicted limit, at step sizes on both sides of a predicted
   bound on mu.

The hypotheses are SymPy matrix expressions in the MatrixSymbols A, b, x_0, U, Sigma_1, V_1, V_2 and E
(E = [I; 0] picks the first m coordinates), evaluated with NumPy on each instance; the SVD factors
come from LAPACK. Random numbers come from NumPy's PCG64 seeded with the claim's seed.
"""
from __future__ import annotations

import functools

import jax
import jax.numpy as jnp
import numpy as np
import sympy as sp

from checks import Evidence

jax.config.update("jax_enable_x64", True)

U_ROUND = float(np.finfo(np.float64).eps) / 2   # unit round-off of float64


def matrix_function(expr):
    """``expr`` (a SymPy matrix expression) as a NumPy function of a dict {symbol name: array}."""
    symbols = sorted(expr.free_symbols, key=lambda s: s.name)
    f = sp.lambdify(symbols, expr, "numpy")
    return lambda values: np.asarray(f(*(values[s.name] for s in symbols)), dtype=float)


def scalar_function(expr, *names):
    """``expr`` as a NumPy function of the symbols with these names (whatever their assumptions)."""
    own = {s.name: s for s in sp.sympify(expr).free_symbols}
    return sp.lambdify([own.get(n, sp.Symbol(n)) for n in names], expr, "numpy")


def wide_system(rng: np.random.Generator, m: int, n: int, x0_scale: float = 1.0):
    """A Gaussian m x n matrix A (full row rank with probability 1), b = A x for a Gaussian x, a
    Gaussian x_0, and the values of every symbol a hypothesis may use (the SVD A = U [Sigma_1 0] V^T
    by LAPACK, V = [V_1 V_2])."""
    a = rng.standard_normal((m, n))
    b = a @ rng.standard_normal(n)
    x0 = x0_scale * rng.standard_normal(n)
    u, s, vt = np.linalg.svd(a)
    return {"A": a, "b": b[:, None], "x_0": x0[:, None], "U": u, "Sigma_1": np.diag(s),
            "V_1": vt[:m].T, "V_2": vt[m:].T, "E": np.eye(n, m)}


# ---------------------------------------------------------------------------------------------
# 1. The least-norm solution
# ---------------------------------------------------------------------------------------------
SHAPES = {"small": ((3, 8), (5, 12), (10, 25)), "large": ((3, 8), (20, 50), (100, 300))}
DRAWS = {"small": 4, "large": 16}
OTHER_SOLUTIONS = 8        # random solutions x + V_2 z per system, for the figure
FIGURE_POINTS = 40


@functools.lru_cache(maxsize=8)
def least_norm_instances(seed: int, scale: str):
    rng = np.random.default_rng(seed)
    return [wide_system(rng, m, n) for m, n in SHAPES[scale] for _ in range(DRAWS[scale])]


def least_norm_solution(seed: int, scale: str, solution) -> Evidence:
    """``solution``: x_LN as a SymPy matrix expression (000:246: A^T (A A^T)^{-1} b = V_1 Sigma_1^{-1} U^T b).
    Pass rule, on every system (shapes m x n in SHAPES, DRAWS each), with kappa = sigma_max / sigma_min:
    (a) it solves the system: ||A x - b|| <= 16 (m + n) u kappa^2 ||b||;
    (b) it is orthogonal to the null space: ||V_2^T x|| <= 16 (m + n) u (kappa ||b|| / sigma_min + ||x||).
    Why these bounds: computing y = (A A^T)^{-1} b is backward stable, so (A A^T + dG) y = b with
    ||dG|| <= c m u ||A||^2 and ||y|| <= ||b|| / sigma_min^2, giving a residual up to c m u kappa^2 ||b||; the
    product A^T y then adds c n u ||A|| ||y|| <= c n u kappa ||b|| / sigma_min off the row space, and LAPACK's V_2
    is orthonormal and orthogonal to the row space to c n u, which moves V_2^T x by c n u ||x||. The SVD form
    V_1 Sigma_1^{-1} U^T b has smaller errors of the same kinds. A wrong formula misses (a) or (b) by O(1)."""
    systems = least_norm_instances(seed, scale)
    f = matrix_function(solution)
    worst_a = worst_b = 0.0
    gaps, lengths = [], []
    rng = np.random.default_rng(seed + 1)
    for v in systems:
        a, b = v["A"], v["b"]
        m, n = a.shape
        try:
            with np.errstate(all="ignore"):
                x = f(v).reshape(n, 1)
        except (np.linalg.LinAlgError, ValueError) as err:
            return Evidence(False, {"error": f"{type(err).__name__}: {err}"}, {"solution": str(solution)},
                            "the formula must be computable on every wide full-row-rank system",
                            detail=f"failed on a {m} x {n} system")
        s = np.diag(v["Sigma_1"])
        kappa = s[0] / s[-1]
        residual = np.linalg.norm(a @ x - b) / (16 * (m + n) * U_ROUND * kappa**2 * np.linalg.norm(b))
        null = np.linalg.norm(v["V_2"].T @ x) / (16 * (m + n) * U_ROUND * (kappa * np.linalg.norm(b) / s[-1] + np.linalg.norm(x)))
        worst_a, worst_b = max(worst_a, float(residual)), max(worst_b, float(null))
        if len(gaps) < FIGURE_POINTS:                     # Pythagoras on a few systems, for the figure
            for _ in range(OTHER_SOLUTIONS):
                other = x + v["V_2"] @ rng.standard_normal((n - m, 1))
                gaps.append(float(np.sum(other**2) - np.sum(x**2)))
                lengths.append(float(np.sum((other - x) ** 2)))
    passed = np.isfinite(worst_a) and np.isfinite(worst_b) and worst_a <= 1.0 and worst_b <= 1.0
    figure = {"kind": "scatter", "x": lengths,
              "series": {"||x||^2 - ||x_LN||^2": gaps, "predicted: ||x - x_LN||^2 (Pythagoras)": lengths},
              "xlabel": "||x - x_LN||^2 for other solutions x = x_LN + V_2 z", "ylabel": "||x||^2 - ||x_LN||^2",
              "title": "every other solution is longer by exactly ||x - x_LN||^2"}
    return Evidence(bool(passed),
                    {"residual / bound (worst)": worst_a, "null-space component / bound (worst)": worst_b},
                    {"solution": str(solution), "residual / bound": "<= 1", "null-space component / bound": "<= 1"},
                    f"on {len(systems)} random systems of shapes {SHAPES[scale]}: ||A x - b|| <= 16 (m + n) u kappa^2 ||b|| and "
                    f"||V_2^T x|| <= 16 (m + n) u (kappa ||b|| / sigma_min + ||x||) (float64 round-off bounds)",
                    figure=figure)


# ---------------------------------------------------------------------------------------------
# 2. Gradient descent and its limit
# ---------------------------------------------------------------------------------------------
GD_SHAPE = {"small": (4, 20, 6), "large": (20, 100, 32)}   # m, n, systems
FRACTIONS = (0.5, 0.95, 1.05)   # step sizes mu = fraction x the predicted bound on mu
STEPS = {"small": 400, "large": 1_000}


# Backend optimisations off: the loop compiles faster and still runs in milliseconds.
@functools.partial(jax.jit, compiler_options={"xla_backend_optimization_level": 0})
def descend(a, b, x0, mu, steps):
    """``steps`` gradient steps x <- x - mu A^T (A x - b) on f(x) = 1/2 ||A x - b||^2 (000:261-262),
    batched over the leading axes; ``mu`` broadcasts against them."""
    mu = mu[..., None]

    def body(_, x):
        residual = jnp.einsum("...ij,...j->...i", a, x) - b
        return x - mu * jnp.einsum("...ij,...i->...j", a, residual)

    return jax.lax.fori_loop(0, steps, body, x0)


@functools.lru_cache(maxsize=8)
def gd_instances(seed: int, scale: str):
    m, n, k = GD_SHAPE[scale]
    rng = np.random.default_rng(seed)
    systems = [wide_system(rng, m, n, x0_scale=0.0 if i == 0 else 1.0) for i in range(k)]   # one x_0 = 0 (000:325)
    return systems


@functools.lru_cache(maxsize=16)
def gd_run(seed: int, scale: str, mus: tuple[tuple[float, ...], ...]):
    """x_K for every fraction (axis 0) and system (axis 1), with step sizes ``mus``."""
    systems = gd_instances(seed, scale)
    a = np.stack([v["A"] for v in systems])
    b = np.stack([v["b"][:, 0] for v in systems])
    x0 = np.stack([v["x_0"][:, 0] for v in systems])
    f = len(mus)
    # contiguous NumPy inputs: broadcast views would make JAX compile a copy for each
    tile = lambda v: np.ascontiguousarray(np.broadcast_to(v, (f, *v.shape)))  # noqa: E731
    out = descend(tile(a), tile(b), tile(x0), np.array(mus), STEPS[scale])
    return np.asarray(out)


def gradient_descent_limit(seed: int, scale: str, limit, step_bound) -> Evidence:
    """``limit``: the predicted limit x_oo of gradient descent (000:323: V_2 V_2^T x_0 + V_1 Sigma_1^{-1} U^T b),
    a SymPy matrix expression; ``step_bound``: the predicted supremum of the step sizes that converge, in
    sigma_max and sigma_min (000:297: every eigenvalue 1 - mu sigma_i^2 inside the unit circle, mu < 2/sigma_max^2).
    Gradient descent runs K steps at mu = 0.5, 0.95 and 1.05 times the bound on each system.
    Pass rule, on every system:
    (a) at 0.5 and 0.95 times the bound: ||x_K - x_oo|| <= rho^K ||x_0 - x_oo|| + 4 (K + kappa^2)(m + n) u S, with
        rho = max_i |1 - mu sigma_i^2| (< 1 if the bound is right) and S = ||x_0|| + ||x_oo|| + mu ||A|| ||b||.
        Why: x_k - x_oo = V_1 (I - mu Sigma_1^2)^k V_1^T (x_0 - x_oo) exactly, which contracts by rho per step; each
        floating step commits about (m + n) u S of round-off, which the null space never damps (K steps) and the
        row space damps; the prediction's own round-off is about (m + n) u kappa^2 S;
    (b) at 1.05 times the bound: ||x_K - x_oo|| >= ||x_0 - x_oo|| / 2 on the systems with x_0 - x_oo not in the null
        space: beyond the bound the top singular direction grows by |1 - 2.1| = 1.1 per step, so the bound is
        the sharp one, not merely a safe one."""
    systems = gd_instances(seed, scale)
    lim = matrix_function(limit)
    bound_of = scalar_function(step_bound, "sigma_max", "sigma_min")
    m, n, _ = GD_SHAPE[scale]
    steps = STEPS[scale]
    sig = np.array([np.diag(v["Sigma_1"]) for v in systems])
    with np.errstate(all="ignore"):
        bounds = np.asarray(bound_of(sig[:, 0], sig[:, -1]), dtype=float) * np.ones(len(systems))
        targets = np.stack([lim(v).reshape(n) for v in systems])
    if not np.all(np.isfinite(bounds)) or np.any(bounds <= 0) or not np.all(np.isfinite(targets)):
        return Evidence(False, {"bounds": bounds.tolist()}, {"step_bound": str(step_bound), "limit": str(limit)},
                        "the predicted bound must be a positive step size and the limit finite", detail="nothing to run")
    mus = tuple(tuple(float(f * c) for c in bounds) for f in FRACTIONS)
    xk = gd_run(seed, scale, mus)
    x0 = np.stack([v["x_0"][:, 0] for v in systems])
    with np.errstate(all="ignore"):
        err = np.linalg.norm(xk - targets[None], axis=-1)                     # (fractions, systems)
        start = np.linalg.norm(x0 - targets, axis=-1)
        rho = np.max(np.abs(1 - np.array(mus)[..., None] * sig[None] ** 2), axis=-1)
        kappa = sig[:, 0] / sig[:, -1]
        norm_a = sig[:, 0]
        size = np.linalg.norm(x0, axis=-1) + np.linalg.norm(targets, axis=-1) + np.array(mus) * norm_a * \
            np.linalg.norm(np.stack([v["b"][:, 0] for v in systems]), axis=-1)
        allowed = rho ** steps * start + 4 * (steps + kappa**2) * (m + n) * U_ROUND * size
        converge = err[:2] / allowed[:2]
    moved = start > 1e-8 * (1 + np.linalg.norm(targets, axis=-1))   # x_0 - x_oo has a row-space part to amplify
    diverged = np.where(moved, err[2] / np.where(start > 0, start, 1.0), np.inf)
    worst_ratio = float(np.nanmax(np.where(np.isfinite(converge), converge, np.inf)))
    least_growth = float(np.min(diverged))
    passed = worst_ratio <= 1.0 and least_growth >= 0.5
    sys0 = systems[1]
    mu0 = mus[1][1]
    traj = np.asarray(descend_trajectory(sys0["A"], sys0["b"][:, 0], sys0["x_0"][:, 0], mu0, 60))
    figure = {"kind": "semilogy", "x": list(range(61)),
              "series": {"||x_k - x_oo|| (measured)": np.maximum(np.linalg.norm(traj - targets[1], axis=-1), 1e-300).tolist(),
                         "predicted envelope rho^k ||x_0 - x_oo||": (rho[1, 1] ** np.arange(61) * start[1]).tolist()},
              "xlabel": "step k", "ylabel": "distance to the predicted limit", "title": "gradient descent at 0.95 x the bound"}
    return Evidence(bool(passed),
                    {"max ||x_K - x_oo|| / allowed (mu = 0.5, 0.95 x bound)": worst_ratio,
                     "min ||x_K - x_oo|| / ||x_0 - x_oo|| (mu = 1.05 x bound)": least_growth},
                    {"limit": str(limit), "step_bound": str(step_bound), "convergence ratio": "<= 1", "growth beyond the bound": ">= 0.5"},
                    f"{len(systems)} random {m} x {n} systems, K = {steps} steps: within rho^K ||x_0 - x_oo|| + 4 (K + kappa^2)(m + n) u S "
                    f"at 0.5 and 0.95 x the bound; not converging (>= half the initial distance) at 1.05 x the bound",
                    detail="one system starts at x_0 = 0, where the limit is x_LN itself (000:325)",
                    figure=figure)


def descend_trajectory(a, b, x0, mu, steps):
    """Every iterate x_0, ..., x_steps of one run (NumPy: a short run, for the figure)."""
    xs = [x0]
    for _ in range(steps):
        xs.append(xs[-1] - mu * a.T @ (a @ xs[-1] - b))
    return np.array(xs)
