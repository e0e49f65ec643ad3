"""Experiments for pooling invariance and convolutional equivariance (001:177-234, 002:1349-1375).

1. ``pooling_invariance_error`` and ``convolution_equivariance_error``: the layer
   f(x)_i = tanh(<g_i w, x>) = tanh(sum_k w_k x_{(i+k) mod n}) (the notes' (x * w)_i) on random
   w, x in R^n and random cyclic shifts g = S^s, (g x)_j = x_{(j-s) mod n}, float64. The
   prediction is f(gx)_i = f(x)_{pi(i, s)} with pi the hypothesis' index map (i - s for
   P_g = g), or pooled(f(gx)) = pooled(f(x)).
2. ``continuous_equivariance_error``: phi(x)(beta) = tanh(int k(beta - gamma) x(gamma) dgamma) by
   a Riemann sum on a uniform grid, k and x random mixtures of Gaussians, at phi(T_alpha x)(beta)
   and at the hypothesis' point for phi(x) (beta - alpha for T_alpha phi(x)).

Pass rules are round-off bounds, computed per draw from the data (u = 2^-53):

- a length-n dot product: |fl(w . y) - w . y| <= gamma_n (|w| . |y|), gamma_n = n u / (1 - n u)
  (Higham, Accuracy and Stability of Numerical Algorithms, 2nd ed., Thm 3.5 / eq. 3.5), in any
  summation order; tanh is 1-Lipschitz and one evaluation errs by at most C_TANH u absolutely.
  When the prediction holds exactly, the two computed sides differ by at most the sum of their
  bounds; a shift is an exact gather.
- a Riemann sum h sum_j f_j, f_j = k_j x_j: gamma_N h sum_j |f_j| plus h sum_j (error of f_j). A
  Gaussian term a exp(-y^2), y = (t - c)/s, errs by at most |a| u (5 y^2 e^{-y^2} + 4
  + 2 |y| e^{-y^2} |t| / s) (relative error <= 5u in y^2 carried through exp, a few ulp for exp
  and the product, and the rounding of t = beta - gamma_j); with y^2 e^{-y^2} <= 1/e,
  |y| e^{-y^2} <= 0.43, |t| <= 20 and s >= 1/2 this is <= 41 |a| u, so each mixture value errs by
  at most C_GAUSS u sum_m |a_m| with C_GAUSS = 64 (the sum's own rounding included). The
  quadrature's discretisation error is far below round-off: each term of the integrand is a
  Gaussian e^{-(t - c)^2 / sigma^2} with sigma^2 >= 1/8 (widths in [1/2, 1]), whose Riemann sum
  with step h errs by about sqrt(pi) sigma e^{-pi^2 sigma^2 / h^2} <= e^{-79} at h = 1/8, and
  truncating at |gamma| = 12 drops terms below e^{-89} (centres and shifts within |.| <= 5).

A mutant's prediction is off by O(1) on some draw, 10^12 times the bounds.
"""
from __future__ import annotations

import functools

import jax
import jax.numpy as jnp
import numpy as np
import sympy as sp

from checks import Evidence
from numerics._analysis import gamma, U

C_TANH = 4.0                               # one tanh evaluation: absolute error <= 4u (|tanh| <= 1)
C_GAUSS = 64.0                             # one Gaussian mixture value, see the module docstring
DISCRETE_SIZES = {"small": (256, 16), "large": (4_096, 64)}    # draws, n (the gathered windows hold 2 draws n^2 values)
WINDOW = 3                                 # the local max-pooling window of the mutant


def affine(expr, *names):
    """``expr``, affine in the symbols with these names (whatever their assumptions), as a NumPy
    function of them: c_0 + sum_k c_k v_k. (Index maps and shifted points are affine; this avoids
    lambdify's code generation, which costs more than the experiments.)"""
    own = {s.name: s for s in sp.sympify(expr).free_symbols}
    symbols = [own.get(n, sp.Symbol(n)) for n in names]
    poly = sp.Poly(expr, *symbols)
    if poly.total_degree() > 1:
        raise ValueError(f"got {expr}, but the prediction must be affine in {', '.join(names)}")
    const = float(poly.coeff_monomial(1))
    coeffs = [float(poly.coeff_monomial(v)) for v in symbols]
    return lambda *values: const + sum(c * np.asarray(v, dtype=float) for c, v in zip(coeffs, values))


# ---- the discrete layer ----------------------------------------------------------------------
def correlation_indices(n: int, padding: str) -> tuple[np.ndarray, np.ndarray]:
    """Index and mask arrays with c_i = sum_k w_k x[idx[i, k]] mask[i, k]: circular wraps
    (i + k) mod n; zero-padded drops the terms with i + k >= n (zeros beyond the end)."""
    i, k = np.meshgrid(np.arange(n), np.arange(n), indexing="ij")
    if padding == "circular":
        return (i + k) % n, np.ones((n, n))
    if padding == "zero":
        return np.minimum(i + k, n - 1), (i + k < n).astype(float)
    raise ValueError(f"got padding={padding!r}, but the only valid values are 'circular' and 'zero'")


@jax.jit
def layer_pair(w, windows, mask):
    """tanh(<g_i w, y>) and the envelopes |w| . |windows| for a batch of inputs y, from the gathered
    windows[b, i, k] = y_b[idx[i, k]] (an exact gather, done in NumPy so that this compiles to
    products and sums only); w (b, n) is shared by the rows i."""
    terms = w[:, None, :] * windows * mask
    env = (jnp.abs(w)[:, None, :] * jnp.abs(windows) * mask).sum(-1)
    return jnp.tanh(terms.sum(-1)), env


@functools.lru_cache(maxsize=8)
def discrete_draws(seed: int, scale: str) -> dict[str, np.ndarray]:
    """w, x ~ N(0, I_n), s uniform on 1..n-1, gx = roll(x, s)."""
    k, n = DISCRETE_SIZES[scale]
    rng = np.random.default_rng(seed)
    w, x = rng.standard_normal((k, n)), rng.standard_normal((k, n))
    s = rng.integers(1, n, size=k)
    gx = np.stack([np.roll(xi, si) for xi, si in zip(x, s)])
    return {"w": w, "x": x, "s": s, "gx": gx}


@functools.lru_cache(maxsize=8)
def layer_outputs(seed: int, scale: str, padding: str) -> dict[str, np.ndarray]:
    """f(x), f(gx) and their envelopes for every draw: x and gx go through one batched call."""
    d = discrete_draws(seed, scale)
    k = len(d["x"])
    idx, mask = correlation_indices(d["x"].shape[1], padding)
    both = np.concatenate([d["x"], d["gx"]])
    f, env = (np.asarray(a) for a in layer_pair(np.concatenate([d["w"], d["w"]]), both[:, idx], mask))
    return {"fx": f[:k], "env_x": env[:k], "fgx": f[k:], "env_gx": env[k:], "s": d["s"]}


def entry_bound(env, n: int):
    """Absolute round-off bound of each computed tanh(<g_i w, y>)."""
    return gamma(n) * env + C_TANH * U


def convolution_equivariance_error(seed: int, scale: str, padding: str, output_index) -> Evidence:
    """``output_index``: SymPy expression in i and s, the index of f(x) predicted at entry i of
    f(gx) (i - s for P_g = g). Pass: every entry of every draw within its round-off bound."""
    out = layer_outputs(seed, scale, padding)
    k, n = out["fx"].shape
    i = np.arange(n)[None, :]
    pi = np.broadcast_to(affine(output_index, "i", "s")(i, out["s"][:, None]), (k, n)).astype(int) % n
    predicted = np.take_along_axis(out["fx"], pi, axis=1)
    err = np.abs(out["fgx"] - predicted)
    bound = entry_bound(out["env_gx"], n) + entry_bound(np.take_along_axis(out["env_x"], pi, axis=1), n)
    ratio = float((err / bound).max())
    worst = int((err / bound).max(axis=1).argmax())
    return Evidence(
        ratio <= 1.0,
        {"max |f(gx) - prediction|": float(err.max()), "max error / bound": ratio, "max error / u": float(err.max() / U)},
        {"f(gx)_i": f"f(x)_{{{sp.sstr(output_index)} mod n}}", "error / bound": "<= 1"},
        f"{padding} tanh layer, n = {n}, {k} draws of (w, x, s): |f(gx)_i - f(x)_pi(i)| <= gamma_n (|w||gx| + |w||x|) "
        f"+ {2 * C_TANH:g}u per entry (worst ratio {ratio:.3g})",
        detail=f"worst draw {worst}: s = {int(out['s'][worst])}",
        figure={"kind": "line", "x": list(range(n)),
                "series": {"f(gx)": out["fgx"][0].tolist(), "f(x) at the predicted index (predicted)": predicted[0].tolist(),
                           "f(x)": out["fx"][0].tolist()},
                "xlabel": "output index i", "ylabel": "tanh(<g_i w, .>)",
                "title": f"one draw, shift s = {int(out['s'][0])}"})


def _pool(name: str, t, bound):
    """The pooled value and its round-off bound from per-entry values t and bounds (rows = draws)."""
    n = t.shape[1]
    if name == "sum":
        return t.sum(axis=1), bound.sum(axis=1) + gamma(n) * np.abs(t).sum(axis=1)
    if name == "mean":
        return t.mean(axis=1), (bound.sum(axis=1) + gamma(n) * np.abs(t).sum(axis=1)) / n * (1 + U) + U * np.abs(t.mean(axis=1))
    if name == "max":
        return t.max(axis=1), bound.max(axis=1)
    if name == "window-max":
        return t[:, :WINDOW].max(axis=1), bound[:, :WINDOW].max(axis=1)
    raise ValueError(f"got pooling={name!r}, but the only valid values are 'sum', 'mean', 'max' and 'window-max'")


def pooling_invariance_error(seed: int, scale: str, padding: str, pooling: str) -> Evidence:
    """Pass: |pool(f(gx)) - pool(f(x))| within the sum of the two sides' round-off bounds, every draw."""
    out = layer_outputs(seed, scale, padding)
    k, n = out["fx"].shape
    at_x, bound_x = _pool(pooling, out["fx"], entry_bound(out["env_x"], n))
    at_gx, bound_gx = _pool(pooling, out["fgx"], entry_bound(out["env_gx"], n))
    err = np.abs(at_gx - at_x)
    ratio = float((err / (bound_x + bound_gx)).max())
    return Evidence(
        ratio <= 1.0,
        {"max |pool(f(gx)) - pool(f(x))|": float(err.max()), "max error / bound": ratio,
         "draws over the bound": int((err > bound_x + bound_gx).sum())},
        {"pool(f(gx)) - pool(f(x))": 0.0, "error / bound": "<= 1"},
        f"{padding} tanh layer with {pooling} pooling, n = {n}, {k} draws of (w, x, s): |pool(f(gx)) - pool(f(x))| <= "
        f"the two sides' round-off bounds (gamma_n-bounded dot products and sums, {C_TANH:g}u per tanh); worst ratio {ratio:.3g}")


# ---- the continuous layer --------------------------------------------------------------------
MIXTURE = 3                       # Gaussians in the kernel and in the signal
GRID_HALF_WIDTH, GRID_STEP = 12.0, 1.0 / 8.0
CONTINUOUS_SIZES = {"small": 256, "large": 16_384}
FIGURE_POINTS = 61
GRID = np.arange(-GRID_HALF_WIDTH, GRID_HALF_WIDTH + GRID_STEP / 2, GRID_STEP)   # exact binary fractions


@jax.jit
def phi_values(point, shift_by, kern, sig, grid):
    """tanh(h sum_j k(point - gamma_j) x(gamma_j - shift_by)) for a batch of (point, shift, k, x),
    and the sums h sum_j |k_j|, h sum_j |x_j|, h sum_j |k_j x_j| that its round-off bound needs;
    k and x are Gaussian mixtures (amplitudes, centres, widths), each of shape (batch, M). The
    grid is an argument, not a constant: XLA would spend long folding it."""
    t = jnp.stack([point[:, None] - grid, grid - shift_by[:, None]], axis=1)            # (B, 2, N)
    amp, centre, width = (jnp.stack([a, b], axis=1)[:, :, None, :] for a, b in zip(kern, sig))
    k_and_x = (amp * jnp.exp(-(((t[..., None] - centre) / width) ** 2))).sum(-1)         # (B, 2, N)
    f = k_and_x[:, 0] * k_and_x[:, 1]
    sums = GRID_STEP * jnp.abs(k_and_x).sum(-1)                                        # h = 2^-3: exact
    return jnp.tanh(GRID_STEP * f.sum(-1)), sums[:, 0], sums[:, 1], GRID_STEP * jnp.abs(f).sum(-1)


def phi_bound(sum_k, sum_x, sum_kx, kern, sig) -> np.ndarray:
    """Absolute round-off bound of each ``phi_values`` entry (see the module docstring): with
    e_k = C_GAUSS u sum_m |a_m| bounding the error of every computed k(t) (and e_x likewise),
    |error of h sum_j k_j x_j| <= gamma_N h sum|k x| + h sum_j (|k_j| e_x + |x_j| e_k + e_k e_x + u |k_j x_j|)."""
    e_k = C_GAUSS * U * np.abs(kern[0]).sum(-1)
    e_x = C_GAUSS * U * np.abs(sig[0]).sum(-1)
    quad = (gamma(GRID.size) + U) * sum_kx + sum_k * e_x + sum_x * e_k + GRID_STEP * GRID.size * e_k * e_x
    return quad + C_TANH * U


def continuous_pair(alpha, beta, point, kern, sig):
    """phi(T_alpha x)(beta) and phi(x)(point) with their bounds: both sides in one batch."""
    both = lambda a, b: np.concatenate([a, b])  # noqa: E731
    points, shifts = both(beta, point), both(alpha, np.zeros_like(alpha))
    kern2, sig2 = [both(p, p) for p in kern], [both(p, p) for p in sig]
    values, sum_k, sum_x, sum_kx = (np.asarray(v) for v in phi_values(points, shifts, kern2, sig2, GRID))
    bounds = phi_bound(sum_k, sum_x, sum_kx, kern2, sig2)
    k = alpha.shape[0]
    return values[:k], bounds[:k], values[k:], bounds[k:]


@functools.lru_cache(maxsize=8)
def continuous_draws(seed: int, scale: str) -> dict[str, np.ndarray]:
    """Amplitudes N(0, 1), centres U(-2, 2), widths U(1/2, 1) for k and x; alpha, beta U(-2, 2)."""
    k = CONTINUOUS_SIZES[scale]
    rng = np.random.default_rng(seed)

    def mixture():
        return (rng.standard_normal((k, MIXTURE)), rng.uniform(-2, 2, (k, MIXTURE)), rng.uniform(0.5, 1.0, (k, MIXTURE)))

    return {"kern": mixture(), "sig": mixture(), "alpha": rng.uniform(-2, 2, k), "beta": rng.uniform(-2, 2, k)}


def continuous_equivariance_error(seed: int, scale: str, output_point) -> Evidence:
    """``output_point``: SymPy expression in alpha and beta, where phi(x) is predicted to equal
    phi(T_alpha x)(beta) (beta - alpha for T_alpha phi(x)). Pass: within the bound, every draw."""
    d = continuous_draws(seed, scale)
    at = affine(output_point, "alpha", "beta")
    # one draw's curves over beta ride along in the same batch (one compilation), for the figure
    betas = np.linspace(-3.0, 3.0, FIGURE_POINTS)
    alpha = np.concatenate([d["alpha"], np.full(FIGURE_POINTS, d["alpha"][0])])
    beta = np.concatenate([d["beta"], betas])
    point = np.broadcast_to(np.asarray(at(alpha, beta), dtype=float), alpha.shape)
    kern, sig = ([np.concatenate([p, np.repeat(p[:1], FIGURE_POINTS, axis=0)]) for p in d[name]] for name in ("kern", "sig"))
    lhs, lhs_err, rhs, rhs_err = continuous_pair(alpha, beta, point, kern, sig)
    k = len(d["alpha"])
    curve_l, curve_r = lhs[k:], rhs[k:]
    err, bound = np.abs(lhs - rhs)[:k], (lhs_err + rhs_err)[:k]
    ratio = float((err / bound).max())
    return Evidence(
        ratio <= 1.0,
        {"max |phi(T_alpha x)(beta) - prediction|": float(err.max()), "max error / bound": ratio,
         "largest bound": float(bound.max())},
        {"phi(T_alpha x)(beta)": f"phi(x)({sp.sstr(output_point)})", "error / bound": "<= 1"},
        f"{len(err)} random (k, x, alpha, beta), Riemann sums on {GRID.size} points (h = {GRID_STEP:g}): |difference| <= the two "
        f"sums' round-off bounds (gamma_N sum |f| + Gaussian-term errors, {C_TANH:g}u per tanh); worst ratio {ratio:.3g}",
        figure={"kind": "line", "x": betas.tolist(),
                "series": {"phi(T_alpha x)(beta)": curve_l.tolist(), f"phi(x)({sp.sstr(output_point)}) (predicted)": curve_r.tolist()},
                "xlabel": "beta", "ylabel": "phi", "title": f"one draw, alpha = {d['alpha'][0]:.3f}"})
