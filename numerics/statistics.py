"""Monte Carlo experiments for the decision-theory and bias-variance claims of 003 chapter 2.

Each experiment simulates once per (seed, scale) (cached), then applies its pass rule to the
hypothesis, a SymPy expression from the claim (lambdified here), so a mutant is judged on the same
draws. Pass rules are confidence intervals of Monte Carlo means, two-sided, at family-wise level
99.9% (Bonferroni over the intervals of one experiment).

Random draws come from NumPy's PCG64 seeded with the claim's seed (fixed and reproducible like a
PRNGKey, and free of the threefry kernels whose compilation alone would exceed these claims'
time budget); the estimators, fits and losses are computed with JAX in float64.
"""
from __future__ import annotations

import functools
from statistics import NormalDist

import jax
import jax.numpy as jnp
import numpy as np
import sympy as sp

from checks import Evidence

FAMILY_LEVEL = 0.999


def z_simultaneous(intervals: int, level: float = FAMILY_LEVEL) -> float:
    """The two-sided normal quantile that gives ``intervals`` intervals joint coverage >= level (Bonferroni)."""
    return NormalDist().inv_cdf(1 - (1 - level) / (2 * intervals))


@functools.lru_cache(maxsize=64)
def _lambdified(expr, names: tuple[str, ...]):
    expr = sp.sympify(expr)
    symbols = {s.name: s for s in expr.free_symbols}
    args = [symbols.get(name, sp.Symbol(name)) for name in names]
    return sp.lambdify(args, expr, ["scipy", "numpy"])


def evaluate(expr, **values) -> np.ndarray:
    """The SymPy expression at the given values of its symbols (by name), broadcasting arrays."""
    names = tuple(sorted(values))
    f = _lambdified(sp.sympify(expr), names)
    return np.asarray(f(*(values[k] for k in names)), dtype=float) + np.zeros(np.broadcast(*values.values()).shape)


def _mean_se(losses) -> tuple[np.ndarray, np.ndarray]:
    """Means and standard errors along the last axis."""
    losses = np.asarray(losses)
    m = losses.shape[-1]
    return losses.mean(axis=-1), losses.std(axis=-1, ddof=1) / np.sqrt(m)


# ---------------------------------------------------------------------------------------------
# Problem 1: least-squares risk
# ---------------------------------------------------------------------------------------------
LS_SIZES = {"small": (40_000, 30, 4), "large": (2_000_000, 30, 4)}   # data sets, rows, coefficients
LS_SIGMA = 0.8


@jax.jit
def _ls_squared_errors(pinv, x, theta, noise, sigma):
    """|theta_hat - theta|^2 for each data set y = X theta + sigma z (rows of ``noise``), where
    theta_hat = X^+ y is the least-squares solution (X^+ the pseudo-inverse, from an SVD)."""
    y = x @ theta + sigma * noise                                  # (M, n)
    theta_hat = y @ pinv.T                                         # (M, p)
    return jnp.sum((theta_hat - theta[None, :]) ** 2, axis=1)


@functools.lru_cache(maxsize=8)
def _ls_simulation(seed: int, scale: str):
    m, rows, cols = LS_SIZES[scale]
    rng = np.random.default_rng(seed)
    x = rng.standard_normal((rows, cols))
    theta = rng.standard_normal(cols)
    noise = rng.standard_normal((m, rows))
    err = _ls_squared_errors(jnp.asarray(np.linalg.pinv(x)), jnp.asarray(x), jnp.asarray(theta), jnp.asarray(noise), LS_SIGMA)
    mean, se = _mean_se(err)
    gram = x.T @ x
    summary = {"sigma": LS_SIGMA, "T_inv": float(np.trace(np.linalg.inv(gram))), "T_gram": float(np.trace(gram)),
               "theta_sq": float(theta @ theta)}
    return float(mean), float(se), summary


def least_squares_risk_mc(seed: int, scale: str, risk) -> Evidence:
    """``risk``: an expression in sigma, T_inv = tr((X^T X)^-1), T_gram = tr(X^T X), theta_sq = theta^T theta.
    Pass: |mean squared error - risk| <= z SE with z for a 99.9% interval."""
    mean, se, summary = _ls_simulation(seed, scale)
    pred = float(evaluate(risk, **summary))
    z = z_simultaneous(1)
    m, rows, cols = LS_SIZES[scale]
    return Evidence(abs(mean - pred) <= z * se, mean, pred,
                    f"|mean |theta_hat - theta|^2 - predicted| <= {z:.2f} SE = {z * se:.3g} (99.9% CI, {m:,} data sets)",
                    detail=f"X: {rows} x {cols} standard normal, fixed; sigma = {LS_SIGMA}; "
                           f"tr((X^T X)^-1) = {summary['T_inv']:.4g}, tr(X^T X) = {summary['T_gram']:.4g}")


# ---------------------------------------------------------------------------------------------
# The constant estimator 3 against the MLE of one observation
# ---------------------------------------------------------------------------------------------
CONST_SIGMA = 1.5
CONST_GRID = np.arange(-2.25, 8.3, 0.5)   # no grid point within 0.25 of the true boundaries 1.5 and 4.5
CONST_DRAWS = {"small": 40_000, "large": 4_000_000}


@jax.jit
def _risk_differences(theta, z, sigma):
    """Per grid point and draw: (Y - theta)^2 - (3 - theta)^2 with Y = theta + sigma z."""
    y = theta[:, None] + sigma * z[None, :]
    return (y - theta[:, None]) ** 2 - (3.0 - theta[:, None]) ** 2


@functools.lru_cache(maxsize=8)
def _constant_simulation(seed: int, scale: str):
    z = np.random.default_rng(seed).standard_normal(CONST_DRAWS[scale])
    diff = _risk_differences(jnp.asarray(CONST_GRID), jnp.asarray(z), CONST_SIGMA)
    return _mean_se(diff)


def constant_vs_mle_regions(seed: int, scale: str, region) -> Evidence:
    """``region``: (lo, hi) expressions in sigma, where the constant is claimed to have the smaller
    risk. Pass: at every grid point the simultaneous 99.9% interval of R(theta, MLE) - R(theta, 3)
    lies on the side the region predicts (> 0 inside, < 0 outside)."""
    mean, se = _constant_simulation(seed, scale)
    lo, hi = (float(evaluate(e, sigma=CONST_SIGMA)) for e in region)
    inside = (CONST_GRID > lo) & (CONST_GRID < hi)
    z = z_simultaneous(len(CONST_GRID))
    agrees = np.where(inside, mean - z * se > 0, mean + z * se < 0)
    wrong = [float(t) for t, ok in zip(CONST_GRID, agrees) if not ok]
    measured_inside = CONST_GRID[mean > 0]
    return Evidence(bool(agrees.all()),
                    {"constant wins on grid": [float(measured_inside.min()), float(measured_inside.max())] if measured_inside.size else []},
                    {"region": [lo, hi]},
                    f"sign of each simultaneous 99.9% interval (z = {z:.2f}) of R(MLE) - R(3) as predicted at all "
                    f"{len(CONST_GRID)} grid points",
                    detail=f"sigma = {CONST_SIGMA}; grid points classified wrongly: {wrong}",
                    figure={"kind": "line", "x": [float(t) for t in CONST_GRID],
                            "series": {"measured R(MLE) - R(3)": [float(v) for v in mean],
                                       "predicted sign": [1.0 if s else -1.0 for s in inside]},
                            "xlabel": "theta", "ylabel": "risk difference"})


# ---------------------------------------------------------------------------------------------
# Problem 2: Bernoulli estimators
# ---------------------------------------------------------------------------------------------
BERN_N = 10
BERN_GRID = np.round(np.arange(0.05, 1.0, 0.1), 2)
BERN_DRAWS = {"small": 40_000, "large": 4_000_000}


ESTIMATORS = ("mean", "shrunk")


def estimates(s, n):
    """Both estimators of 003:793 from the count S = sum_i X_i: p1 = S/n and
    p2 = (S + sqrt(n/4)) / (2 sqrt(n/4) + n), stacked in the order of ESTIMATORS."""
    return jnp.stack([s / n, (s + jnp.sqrt(n / 4)) / (2 * jnp.sqrt(n / 4) + n)])


@jax.jit
def _bernoulli_losses(s, p, n):
    """Squared errors of both estimators, shape (2,) + s.shape (one compilation serves both)."""
    return (estimates(s, n) - p) ** 2


@functools.lru_cache(maxsize=8)
def _risk_curve_simulation(seed: int, scale: str):
    s = np.random.default_rng(seed).binomial(BERN_N, BERN_GRID[:, None], size=(len(BERN_GRID), BERN_DRAWS[scale]))
    losses = _bernoulli_losses(jnp.asarray(s, dtype=jnp.float64), jnp.asarray(BERN_GRID)[:, None], float(BERN_N))
    return _mean_se(losses)


def bernoulli_risk_curve(seed: int, scale: str, estimator: str, risk) -> Evidence:
    """``risk``: an expression in p and n. Pass: at each p of the grid (n = 10) the simultaneous
    99.9% interval of the Monte Carlo mean squared error contains risk(p, n)."""
    if estimator not in ESTIMATORS:
        raise ValueError(f"got estimator={estimator!r}, but the only valid values are {', '.join(ESTIMATORS)}")
    means, ses = _risk_curve_simulation(seed, scale)
    mean, se = means[ESTIMATORS.index(estimator)], ses[ESTIMATORS.index(estimator)]
    pred = evaluate(risk, p=BERN_GRID, n=BERN_N)
    z = z_simultaneous(len(BERN_GRID))
    gap = np.abs(mean - pred) / se
    return Evidence(bool((gap <= z).all()), {float(q): float(v) for q, v in zip(BERN_GRID, mean)},
                    {float(q): float(v) for q, v in zip(BERN_GRID, pred)},
                    f"max |mean - predicted| / SE = {gap.max():.2f} <= z = {z:.2f} over {len(BERN_GRID)} values of p "
                    f"(simultaneous 99.9%, {BERN_DRAWS[scale]:,} data sets each)",
                    detail=f"estimator {estimator}, n = {BERN_N}",
                    figure={"kind": "line", "x": [float(q) for q in BERN_GRID],
                            "series": {"measured": [float(v) for v in mean], "predicted": [float(v) for v in pred]},
                            "xlabel": "p", "ylabel": "risk"})


EXTREME_NS = (4, 100)
EXTREME_GRID = np.round(np.arange(0.1, 0.95, 0.1), 2)   # contains p = 1/2, where p1's risk peaks
EXTREME_DRAWS = {"small": 20_000, "large": 2_000_000}    # data sets per grid point; the prior gets 5 times as many


@functools.lru_cache(maxsize=8)
def _extremes_simulation(seed: int, scale: str):
    """Per n: the risk curves of both estimators on the grid and both Bayes risks under
    p ~ Uniform(0, 1), as (mean, SE) pairs. Grid cells and prior draws go through one array so that
    one compiled function serves both values of n."""
    rng = np.random.default_rng(seed)
    m, g = EXTREME_DRAWS[scale], len(EXTREME_GRID)
    out = {}
    for n in EXTREME_NS:
        p_all = np.concatenate([np.repeat(EXTREME_GRID, m), rng.uniform(size=5 * m)])
        s_all = rng.binomial(n, p_all)
        losses = np.asarray(_bernoulli_losses(jnp.asarray(s_all, dtype=jnp.float64), jnp.asarray(p_all), float(n)))
        for j, label in enumerate(("1", "2")):
            out[(n, "curve", label)] = _mean_se(losses[j, : g * m].reshape(g, m))
            out[(n, "bayes", label)] = _mean_se(losses[j, g * m:])
    return out


def bernoulli_extremes_and_bayes(seed: int, scale: str, max_1, max_2, bayes_1, bayes_2) -> Evidence:
    """Expressions in n for the maximum and Bayes risks of p1 and p2. Pass, for n = 4 and 100:
    max_k(mean_k - z SE_k) <= predicted maximum <= max_k(mean_k + z SE_k) over the p grid (if every
    interval covers its risk, the grid's largest risk lies between these), and |mean - predicted
    Bayes risk| <= z SE; z gives all intervals 99.9% joint coverage."""
    sim = _extremes_simulation(seed, scale)
    z = z_simultaneous(len(EXTREME_NS) * 2 * (len(EXTREME_GRID) + 1))
    predicted = {"max_1": max_1, "max_2": max_2, "bayes_1": bayes_1, "bayes_2": bayes_2}
    measured_out, predicted_out, failures = {}, {}, []
    for n in EXTREME_NS:
        for name, expr in predicted.items():
            kind, label = name.split("_")
            pred = float(evaluate(expr, n=n))
            if kind == "max":
                mean, se = sim[(n, "curve", label)]
                lo, hi = float(np.max(mean - z * se)), float(np.max(mean + z * se))
                measured = float(np.max(mean))
                ok = lo <= pred <= hi
            else:
                mean, se = sim[(n, "bayes", label)]
                measured, ok = float(mean), abs(float(mean) - pred) <= z * float(se)
            measured_out[f"{name} (n={n})"] = measured
            predicted_out[f"{name} (n={n})"] = pred
            if not ok:
                failures.append(f"{name} at n = {n}: measured {measured:.5g}, predicted {pred:.5g}")
    bayes_pick = {n: ("p1" if sim[(n, "bayes", "1")][0] < sim[(n, "bayes", "2")][0] else "p2") for n in EXTREME_NS}
    return Evidence(not failures, measured_out, predicted_out,
                    f"maxima within the simultaneous bounds and Bayes risks within z = {z:.2f} SE (99.9% joint coverage)",
                    detail=("; ".join(failures) + "; " if failures else "") +
                           f"smaller measured Bayes risk: {bayes_pick}; p grid {list(map(float, EXTREME_GRID))}")


# ---------------------------------------------------------------------------------------------
# Bias-variance with polynomial regression (figure 2.2: f(x) = 4 sin x, degrees 1, 4, 10)
# ---------------------------------------------------------------------------------------------
BV_DEGREES = (1, 4, 10)
BV_POINTS = 25
BV_SIGMA = 1.0
BV_TEST_X = np.array([-2.5, -1.2, 0.3, 1.7, 2.9])
BV_DRAWS = {"small": 20_000, "large": 1_000_000}


def true_function(x):
    return 4 * jnp.sin(x)


def legendre_features(x, degree: int, width: int | None = None) -> np.ndarray:
    """Legendre polynomials of x/pi up to ``degree`` (the same fits as powers of x, better
    conditioned), padded with zero columns to ``width``."""
    phi = np.polynomial.legendre.legvander(np.asarray(x) / np.pi, degree)
    return np.pad(phi, ((0, 0), (0, (width or degree + 1) - degree - 1)))


@jax.jit
@functools.partial(jax.vmap, in_axes=(0, 0, None, None, 0, 0, None))
def _fit_predict_losses(pinv, phi_test, f_train, f_test, noise, noise_test, sigma):
    """The least-squares fit Phi^+ y to each data set y = f + sigma z (zero padding columns of Phi
    get zero rows in Phi^+), its prediction at the test points, and the squared error against a
    fresh observation y0 = f(x0) + sigma z0: shape (test points, data sets), per degree (vmapped)."""
    y = f_train[None, :] + sigma * noise                             # (M, N)
    pred = phi_test @ (pinv @ y.T)                                  # (T, M)
    y0 = f_test[:, None] + sigma * noise_test                        # (T, M)
    return (pred - y0) ** 2


def exact_variance_and_bias(phi, phi_test, f_train, f_test, sigma):
    """For the linear smoother f^(x0) = h(x0)^T y with h = Phi (Phi^T Phi)^-1 phi(x0):
    v = sigma^2 |h|^2 and b = h^T f - f(x0), from the normal equations (no padding)."""
    h = phi @ np.linalg.solve(phi.T @ phi, phi_test.T)              # (N, T)
    return sigma**2 * np.sum(h**2, axis=0), h.T @ f_train - f_test


@functools.lru_cache(maxsize=8)
def _bias_variance_simulation(seed: int, scale: str):
    x = np.linspace(-np.pi, np.pi, BV_POINTS)
    rng = np.random.default_rng(seed)
    m, t, width = BV_DRAWS[scale], len(BV_TEST_X), max(BV_DEGREES) + 1
    f_train, f_test = np.asarray(true_function(x)), np.asarray(true_function(BV_TEST_X))
    phis = np.stack([legendre_features(x, k, width) for k in BV_DEGREES])
    phis_test = np.stack([legendre_features(BV_TEST_X, k, width) for k in BV_DEGREES])
    noise = rng.standard_normal((len(BV_DEGREES), m, BV_POINTS))
    noise_test = rng.standard_normal((len(BV_DEGREES), t, m))
    losses = _fit_predict_losses(jnp.asarray(np.linalg.pinv(phis)), jnp.asarray(phis_test), jnp.asarray(f_train), jnp.asarray(f_test),
                                 jnp.asarray(noise), jnp.asarray(noise_test), BV_SIGMA)
    mean, se = _mean_se(losses)                                      # (degrees, T)
    cells = []
    for d, k in enumerate(BV_DEGREES):
        v, b = exact_variance_and_bias(legendre_features(x, k), legendre_features(BV_TEST_X, k), f_train, f_test, BV_SIGMA)
        for j, x0 in enumerate(BV_TEST_X):
            cells.append((k, float(x0), float(mean[d, j]), float(se[d, j]), float(v[j]), float(b[j])))
    return cells


def bias_variance_polynomial_fits(seed: int, scale: str, risk) -> Evidence:
    """``risk``: an expression in v, b, sigma. Pass: for every degree and test point,
    |mean (f^(x0) - y0)^2 - risk(v, b, sigma)| <= z SE with z for 99.9% joint coverage."""
    cells = _bias_variance_simulation(seed, scale)
    z = z_simultaneous(len(cells))
    measured, predicted, worst = {}, {}, 0.0
    for k, x0, mean, se, v, b in cells:
        pred = float(evaluate(risk, v=v, b=b, sigma=BV_SIGMA))
        measured[f"k={k}, x={x0}"], predicted[f"k={k}, x={x0}"] = mean, pred
        worst = max(worst, abs(mean - pred) / se)
    labels = list(measured)
    return Evidence(worst <= z, measured, predicted,
                    f"max |mean - predicted| / SE = {worst:.2f} <= z = {z:.2f} over {len(cells)} (degree, x0) cells "
                    f"(99.9% joint coverage, {BV_DRAWS[scale]:,} data sets of {BV_POINTS} points)",
                    detail=f"f = 4 sin x on an even grid of [-pi, pi], sigma = {BV_SIGMA}; v, b exact from the hat matrix",
                    figure={"kind": "line", "x": list(range(len(labels))),
                            "series": {"measured": [measured[c] for c in labels], "predicted": [predicted[c] for c in labels]},
                            "xlabel": "cell (degree, x0): " + ", ".join(labels), "ylabel": "expected squared error"})
