"""Experiments for data augmentation (001:272-327, slides 002:824-832 and 002:1439-1504).

1. ``orbit_average_invariance``: the loss averaged over the cyclic-shift orbits of the data is
   invariant, L(g w) = L(w), for every shift g of the weights, to a float64 round-off bound.
2. ``box_average_transform``: the Fourier transform of the box average
   f_(w) = int_{-a}^{a} f(w - t) dt of a Gaussian f, by the trapezoid rule, against
   multiplier(k, a) * f^(k), with f^(k) = int e^{ikx} f(x) dx (the convention of 001:305).
3. ``orbit_direction_gradient``: for a loss averaged over all rotations (SO(2) acting on two
   planes at once), the gradient's component along the orbit direction J w = d/da U_a w |_{a=0}
   vanishes to round-off, at random weights and along gradient-descent iterates.
4. ``linear_substitution_transform``: the 2-D Fourier transform of f(g W), by the trapezoid rule,
   against |det g|^{-1} F(g^{-T} K) (the property 001:326 quotes from Anselmi et al.).

Round-off bounds. Models here are polynomials (activation sigma(z) = z + z^2/2, squared loss), so
every value is computed by +, - and x only, and the classical bound applies (Higham, Accuracy and
Stability of Numerical Algorithms, 2nd ed., Lemma 3.3 and section 3.1): if every quantity
carries |computed - exact| <= gamma_k m, where m is the same computation run on absolute values
and k the longest chain of roundings behind it, then a sum has k = max + 1, a product
k = k_a + k_b + 1, and a length-n dot product k = k_a + k_b + n, in any summation order, with
gamma_k = k u / (1 - k u). :class:`Rounded` carries (value, m, k) through a computation, with
NumPy or JAX arrays alike: each experiment computes its values with one jitted JAX function (the
magnitudes are dead code there, which XLA drops) and runs the same model code on NumPy arrays for
the bounds, since m and k do not depend on the order in which the values were computed.

Random numbers come from NumPy's PCG64 seeded with the claim's seed; the models are JAX float64.
"""
from __future__ import annotations

import dataclasses
import functools
import math
from collections.abc import Callable
from typing import Any

import jax
import jax.numpy as jnp
import numpy as np
import scipy.special
import sympy as sp

from checks import Evidence
from numerics._analysis import gamma, U

jax.config.update("jax_enable_x64", True)

# Library accuracy, absolute for values of modulus <= 1 (cos, sin, erf) and relative (exp); the
# tests measure JAX's float64 functions against 40-digit mpmath and find at most 2u.
ERR_COS, ERR_ERF, ERR_EXP = 2 * U, 2 * U, 4 * U


# ---------------------------------------------------------------------------------------------
# Round-off tracking for polynomial computations
# ---------------------------------------------------------------------------------------------
def _xp(*arrays):
    """jax.numpy for JAX arrays (and tracers), NumPy otherwise."""
    return jnp if any(isinstance(a, jax.Array) for a in arrays) else np


@dataclasses.dataclass(frozen=True)
class Rounded:
    """A float64 array with a running error bound: |value - exact| <= gamma(depth) * mag.

    ``mag`` is the computation run on absolute values (a subtraction adds magnitudes), ``depth``
    the longest chain of roundings (one int for the whole array). Inputs are exact; a constant
    that is not a binary fraction enters with depth 1."""

    value: Any
    mag: Any
    depth: int

    @staticmethod
    def exact(x) -> Rounded:
        x = x if isinstance(x, jax.Array) else np.asarray(x, dtype=np.float64)
        return Rounded(x, abs(x), 0)

    @staticmethod
    def constant(c: float) -> Rounded:
        exact = float(c).is_integer() or math.frexp(float(c))[0] in (0.5, -0.5)
        return Rounded(np.float64(c), np.float64(abs(float(c))), 0 if exact else 1)

    def __add__(self, other) -> Rounded:
        o = _lift(other)
        return Rounded(self.value + o.value, self.mag + o.mag, max(self.depth, o.depth) + 1)

    __radd__ = __add__

    def __sub__(self, other) -> Rounded:
        o = _lift(other)
        return Rounded(self.value - o.value, self.mag + o.mag, max(self.depth, o.depth) + 1)

    def __rsub__(self, other) -> Rounded:
        return _lift(other) - self

    def __mul__(self, other) -> Rounded:
        o = _lift(other)
        return Rounded(self.value * o.value, self.mag * o.mag, self.depth + o.depth + 1)

    __rmul__ = __mul__

    def __getitem__(self, item) -> Rounded:
        return Rounded(self.value[item], self.mag[item], self.depth)

    def halve(self) -> Rounded:
        """Times 1/2: exact in binary (no underflow here)."""
        return Rounded(self.value / 2, self.mag / 2, self.depth)

    def bound(self):
        return gamma(self.depth) * self.mag


def _lift(x) -> Rounded:
    return x if isinstance(x, Rounded) else Rounded.constant(x) if np.ndim(x) == 0 else Rounded.exact(x)


def contract(spec: str, a: Rounded, b: Rounded, length: int) -> Rounded:
    """``einsum(spec, a, b)`` summing ``length`` products per entry."""
    xp = _xp(a.value, b.value)
    return Rounded(xp.einsum(spec, a.value, b.value), xp.einsum(spec, a.mag, b.mag), a.depth + b.depth + length)


def total(a: Rounded, axis, length: int) -> Rounded:
    """Sum of ``length`` entries along ``axis``, in any order."""
    xp = _xp(a.value)
    return Rounded(xp.sum(a.value, axis=axis), xp.sum(a.mag, axis=axis), a.depth + length - 1)


def activation(z: Rounded) -> Rounded:
    """sigma(z) = z + z^2/2: a polynomial activation, so that round-off has a clean bound."""
    return z + (z * z).halve()


def activation_slope(z: Rounded) -> Rounded:
    """sigma'(z) = 1 + z."""
    return 1.0 + z


# ---------------------------------------------------------------------------------------------
# 1. The orbit-averaged loss is invariant
# ---------------------------------------------------------------------------------------------
# d (input dimension = group order), N base points (a power of two: 1/N is exact), trials.
INVARIANCE_SIZES = {"small": (8, 4, 32), "large": (16, 32, 1024)}


def cyclic_orbits(xs: np.ndarray) -> np.ndarray:
    """Every cyclic shift of every base point: shape (N, d, d), [i, s] = roll(x_i, s)."""
    d = xs.shape[-1]
    return np.stack([np.roll(xs, s, axis=-1) for s in range(d)], axis=1)


def orbit_loss(w, orbits, ys, mask) -> Rounded:
    """L(w) = (1/N) sum_i sum_s mask_s (sigma(<w, g_s x_i>) - y_i)^2 (001:280, 002:1445): the
    integral over the group is the sum over its elements (counting measure); ``mask`` (0/1)
    picks which shifts augment the data. Shapes: w (..., d), orbits (..., N, d, d), ys (..., N)."""
    n, d = orbits.shape[-3], orbits.shape[-1]
    z = contract("...isd,...d->...is", Rounded.exact(orbits), Rounded.exact(w), d)
    r = activation(z) - Rounded.exact(ys[..., None])
    terms = r * r * Rounded.exact(mask)
    return total(terms, (-2, -1), n * d) * (1.0 / n)


@jax.jit
def _loss_values(ws, orbits, ys, mask):
    return orbit_loss(ws, orbits, ys, mask).value


@functools.lru_cache(maxsize=16)
def _invariance_data(seed: int, scale: str, shifts: tuple[int, ...]):
    """L(g_s w) for every trial and every shift s of the weights (s = 0: L(w)), and their bounds."""
    d, n, trials = INVARIANCE_SIZES[scale]
    rng = np.random.default_rng(seed)
    ws = rng.standard_normal((trials, d)) / np.sqrt(d)
    xs = rng.standard_normal((trials, n, d))
    ys = rng.standard_normal((trials, n))
    mask = np.zeros(d)
    mask[list(shifts)] = 1.0
    orbits = np.stack([cyclic_orbits(x) for x in xs])[:, None]          # (T, 1, N, d, d)
    shifted = np.stack([np.roll(ws, s, axis=-1) for s in range(d)], axis=1)   # (T, d, d): g_s w
    ys = ys[:, None]
    values = np.asarray(_loss_values(jnp.asarray(shifted), jnp.asarray(orbits), jnp.asarray(ys), jnp.asarray(mask)))
    return values, orbit_loss(shifted, orbits, ys, mask).bound()


def orbit_average_invariance(seed: int, scale: str, augmentation: Callable[[int], tuple[int, ...]], ratio) -> Evidence:
    """Pass when |L(g w) - ratio L(w)| <= its round-off bound for every trial and every shift g.

    ``augmentation(d)``: the shifts that augment each base point (the full orbit: all d);
    ``ratio``: the predicted L(g w) / L(w), a SymPy expression in N (the number of base points)."""
    d, n, trials = INVARIANCE_SIZES[scale]
    shifts = tuple(sorted(set(augmentation(d))))
    values, bounds = _invariance_data(seed, scale, shifts)
    expr = sp.sympify(ratio)
    c = float(expr.subs({s: n for s in expr.free_symbols if s.name == "N"}))
    base, base_bound = values[:, :1], bounds[:, :1]
    gap = np.abs(values - c * base)
    # both computed losses are within their bounds of the same exact number (times c); the
    # product c L^(w) adds one rounding when c != 1
    allowed = bounds + abs(c) * base_bound + (0.0 if c == 1 else U * np.abs(c * base))
    worst = float(np.max(gap / allowed))
    return Evidence(
        bool(worst <= 1.0),
        {"max |L(g w) - ratio L(w)|": float(gap.max()), "max |L(g w) - ratio L(w)| / bound": worst,
         "max relative gap |L(g w) - ratio L(w)| / L(w)": float(np.max(gap / np.abs(base)))},
        {"ratio L(g w) / L(w)": c, "shifts averaged": f"{len(shifts)} of {d}"},
        f"cyclic shifts of R^{d}, {n} base points, {trials} random (w, data): |L(g w) - ratio L(w)| <= "
        f"gamma_k (m(g w) + ratio m(w)) for all {d} shifts g (running round-off bound, k = rounding depth; "
        f"worst ratio to the bound {worst:.3g})",
        detail=f"largest bound {float(allowed.max()):.3g}, typical loss {float(np.median(np.abs(base))):.3g}")


# ---------------------------------------------------------------------------------------------
# 2. The Fourier transform of the box average
# ---------------------------------------------------------------------------------------------
BOX_HALF_WIDTHS = (0.5, 1.0, 2.0)
# trapezoid step h and half-length L of the w-grid (h a binary fraction: the nodes j h are exact),
# and the wavenumbers k = j / 16 (exact) in (0, 5]
BOX_SIZES = {"small": (1 / 32, 32.0, 80), "large": (1 / 128, 40.0, 640)}


def box_average(w, a):
    """f_(w) = int_{-a}^{a} exp(-(w - t)^2 / 2) dt = sqrt(pi/2) [erf((w + a)/sqrt 2) - erf((w - a)/sqrt 2)]."""
    s = 1 / math.sqrt(2)
    return math.sqrt(math.pi / 2) * (jax.scipy.special.erf((w + a) * s) - jax.scipy.special.erf((w - a) * s))


@jax.jit
def _box_transform(ks, a, h, w):
    """Trapezoid h sum_j f_(w_j) cos(k w_j) for each k (f_ is even, so the sine part vanishes),
    and a bound on its round-off: per node the error of f_ (library erf, the rounded arguments
    (w +- a)/sqrt 2 times erf's Lipschitz constant 2/sqrt(pi), the subtraction and the factor
    sqrt(pi/2)) and of cos(k w) (library) and the product, then the sum of n terms."""
    fb = box_average(w, a)
    # w +- a and k w are exact (binary fractions of modest size); fl(1/sqrt 2) is within 2u and the
    # product (w +- a) fl(1/sqrt 2) adds u, so each erf argument is within 3u |arg|, moved by erf
    # (2/sqrt(pi)-Lipschitz) by at most (6/sqrt(pi)) u |arg|; the subtraction of two values <= 1 adds
    # <= 2u; fl(sqrt(pi/2)) (2u) and the product (u) add 3u |f_|, counted as 4u
    args = (jnp.abs(w + a) + jnp.abs(w - a)) / math.sqrt(2)
    err_f = math.sqrt(math.pi / 2) * (2 * ERR_ERF + (6 / math.sqrt(math.pi)) * U * args + 2 * U) * (1 + 4 * U) \
        + 4 * U * jnp.abs(fb)
    terms = fb[None, :] * jnp.cos(ks[:, None] * w[None, :])
    per_node = err_f[None, :] + jnp.abs(fb)[None, :] * (ERR_COS + U)     # cos, then the product
    n = w.shape[0]
    value = h * jnp.sum(terms, axis=1)
    bound = h * jnp.sum(per_node, axis=1) + gamma(n) * h * jnp.sum(jnp.abs(terms), axis=1)
    return value, bound


def _box_quadrature_bounds(ks: np.ndarray, a: float, h: float, half_length: float) -> np.ndarray:
    """Discretisation error of the trapezoid rule on the infinite grid (Poisson summation: the
    aliases G(k +- 2 pi m / h), |G(xi)| <= 2a sqrt(2 pi) e^{-xi^2/2} since |int Ind e^{i xi t}| <= 2a),
    plus the tail beyond |w| > L (f_(s) <= 2a e^{-(s - a)^2/2} for s > a, f_ decreasing there)."""
    m = np.arange(1, 50)
    alias = np.array([2 * 2 * a * np.sqrt(2 * np.pi) * np.sum(np.exp(-0.5 * (2 * np.pi * m / h - k) ** 2)) for k in ks])
    tail = 2 * 2 * a * np.sqrt(np.pi / 2) * scipy.special.erfc((half_length - a) / np.sqrt(2))
    return alias + tail


def box_average_transform(seed: int, scale: str, multiplier) -> Evidence:
    """Pass when |trapezoid transform - multiplier(k, a) sqrt(2 pi) e^{-k^2/2}| <= bound for every
    k in (0, 5] and a in {0.5, 1, 2}. ``multiplier``: a SymPy expression in k and a."""
    del seed   # a deterministic quadrature
    h, half, nk = BOX_SIZES[scale]
    ks = np.arange(1, nk + 1) / 16.0
    w = np.arange(-round(half / h), round(half / h) + 1) * h
    k_sym, a_sym = sp.Symbol("k", positive=True), sp.Symbol("a", positive=True)
    expr = sp.sympify(multiplier)
    expr = expr.subs({s: {"k": k_sym, "a": a_sym}[s.name] for s in expr.free_symbols if s.name in ("k", "a")})
    mult = sp.lambdify((k_sym, a_sym), expr, "numpy")
    f_hat = np.sqrt(2 * np.pi) * np.exp(-ks**2 / 2)
    worst, gaps, figure_series = 0.0, {}, {}
    for a in BOX_HALF_WIDTHS:
        value, bound = map(np.asarray, _box_transform(jnp.asarray(ks), a, h, jnp.asarray(w)))
        predicted = np.asarray(mult(ks, a), dtype=float) * f_hat
        # the prediction is itself computed in float64: a few roundings (sin, exp, sqrt, products,
        # each <= 2u relative) of a number <= 2a f^(k) for the claimed multiplier
        bound = bound + _box_quadrature_bounds(ks, a, h, half) + 16 * U * 2 * a * f_hat
        ratio = np.abs(value - predicted) / bound
        worst = max(worst, float(ratio.max()))
        gaps[f"a = {a:g}: max |measured - predicted|"] = float(np.abs(value - predicted).max())
        if a == 1.0:
            figure_series = {"measured transform / f^(k), a = 1": (value / f_hat).tolist(),
                             "predicted multiplier, a = 1": (predicted / f_hat).tolist(),
                             "notes: 2a sinc(2ka), sinc(x) = sin(pi x)/(pi x)":
                                 (2 * np.sinc(2 * ks)).tolist()}
    figure = {"kind": "line", "x": ks.tolist(), "series": figure_series, "xlabel": "k",
              "ylabel": "transform of the box average / f^(k)",
              "title": "Box average over [-a, a]: the Fourier multiplier"}
    return Evidence(
        bool(worst <= 1.0), gaps | {"worst |measured - predicted| / bound": worst},
        {"multiplier": sp.sstr(expr)},
        f"trapezoid rule, step h = {h:g} on |w| <= {half:g}, {nk} wavenumbers in (0, 5], a in {BOX_HALF_WIDTHS}: "
        f"|measured - predicted| <= aliasing (Poisson summation) + tail + float64 round-off bound "
        f"(worst ratio {worst:.3g})",
        figure=figure)


# ---------------------------------------------------------------------------------------------
# 3. The gradient of a rotation-averaged loss is orthogonal to the orbit
# ---------------------------------------------------------------------------------------------
J2 = np.array([[0.0, -1.0], [1.0, 0.0]])
GENERATOR = np.kron(np.eye(2), J2)       # d/da U_a at a = 0 for U_a = diag(R_a, R_a) on R^4
NODES = 8                                # rotations averaged: exact for trigonometric degree < 8
# base points N, random starting weights, gradient-descent step size
ORBIT_SIZES = {"small": (4, 8, 0.02), "large": (64, 256, 0.02)}
ERR_ROT = 16 * U                         # |fl(cos(fl(2 pi m / M))) - cos(2 pi m / M)| (m < M = 8)


def rotation(theta: float) -> np.ndarray:
    """U_theta = diag(R_theta, R_theta): the same rotation in two planes of R^4."""
    c, s = math.cos(theta), math.sin(theta)
    return np.kron(np.eye(2), np.array([[c, -s], [s, c]]))


def _rotated_data(xs: np.ndarray) -> np.ndarray:
    """U_{theta_m} x_i for the M = 8 equally spaced angles: shape (N, M, 4)."""
    rots = np.stack([rotation(2 * math.pi * m / NODES) for m in range(NODES)])
    return np.einsum("mab,ib->ima", rots, xs)


def rotation_loss(w, data, ys) -> Rounded:
    """L(w) = (1/N) sum_i int_0^{2 pi} (sigma(<w, U_theta x_i>) - y_i)^2 d theta, the integral by
    the M-point rule (2 pi / M) sum_m: exact here, as the integrand is a trigonometric polynomial
    of degree 4 < M in theta. Shapes: w (..., 4), data (N, M, 4), ys (N,)."""
    n, m, _ = data.shape
    z = contract("ima,...a->...im", Rounded.exact(data), Rounded.exact(w), 4)
    r = activation(z) - Rounded.exact(ys[:, None])
    return total(r * r, (-2, -1), n * m) * (2 * math.pi / (m * n))


def rotation_loss_gradient(w, data, ys) -> Rounded:
    """grad L = (4 pi / (M N)) sum_{i, m} (sigma(z) - y_i) sigma'(z) U_m x_i, z = <w, U_m x_i>."""
    n, m, _ = data.shape
    x = Rounded.exact(data)
    z = contract("ima,...a->...im", x, Rounded.exact(w), 4)
    coeff = (activation(z) - Rounded.exact(ys[:, None])) * activation_slope(z)
    return contract("...im,ima->...a", coeff, x, n * m) * (4 * math.pi / (m * n))


def component_sensitivity(w, data, ys, dw):
    """d<grad L(w; X'), D w>/dX' for the rotated data X' (explicit: with c = 4 pi / (M N), r = sigma(z) - y,
    s = sigma'(z) = 1 + z, it is c [(s^2 + r) <x', D w> w + r s D w] at each x')."""
    n, m, _ = data.shape
    z = np.einsum("ima,...a->...im", data, w)
    r = z + z * z / 2 - ys[:, None]
    s = 1 + z
    proj = np.einsum("ima,...a->...im", data, dw)
    return (4 * math.pi / (m * n)) * (((s * s + r) * proj)[..., None] * w[..., None, None, :]
                                      + (r * s)[..., None] * dw[..., None, None, :])


ORBIT_STEPS = 12   # descent iterates checked per start (the same at both scales: one compilation)


@jax.jit
def _descent_gradients(w0s, data, ys, lr):
    """Gradient descent w <- w - lr grad L(w) from each start: the iterates and their gradients."""
    def step(w, _):
        grad = rotation_loss_gradient(w, data, ys).value
        return w - lr * grad, (w, grad)

    return jax.lax.scan(step, w0s, None, length=ORBIT_STEPS)[1]


@functools.lru_cache(maxsize=8)
def _orbit_run(seed: int, scale: str):
    """The data, the iterates (steps, starts, 4), their gradients, and each gradient's bound."""
    n, starts, lr = ORBIT_SIZES[scale]
    rng = np.random.default_rng(seed)
    xs = rng.standard_normal((n, 4))
    ys = rng.standard_normal(n)
    w0s = rng.standard_normal((starts, 4)) / 2
    data = _rotated_data(xs)
    # the computed U_m x differs from the exact one by the rounded cos/sin and the rounded dot product
    block = np.kron(np.eye(2), np.ones((2, 2)))
    rots = np.stack([rotation(2 * math.pi * m / NODES) for m in range(NODES)])
    data_err = ERR_ROT * np.einsum("ab,ib->ia", block, np.abs(xs))[:, None, :] + \
        gamma(4) * np.einsum("mab,ib->ima", np.abs(rots), np.abs(xs))
    iterates, grads = map(np.asarray, _descent_gradients(jnp.asarray(w0s), jnp.asarray(data), jnp.asarray(ys), lr))
    grad_bound = rotation_loss_gradient(iterates, data, ys).bound()
    return data, ys, data_err, iterates, grads, grad_bound


def orbit_direction_gradient(seed: int, scale: str, generator) -> Evidence:
    """Pass when |<grad L(w), D w>| <= its bound at every gradient-descent iterate from every start,
    D = ``generator`` (a 4x4 SymPy matrix): the claim's D is d/da U_a |_{a=0} = J.

    The bound: the gradient's running round-off bound against |D w|, the 4-term dot product, and the
    first-order effect of the rounded rotations (the exact orbit gives an exactly invariant loss,
    the computed data are within ``data_err`` of it, so the component moves by at most
    sum |d component / d data| data_err; second-order terms are ~u^2)."""
    n, starts, lr = ORBIT_SIZES[scale]
    data, ys, data_err, iterates, grads, grad_bound = _orbit_run(seed, scale)
    gen = np.array(sp.Matrix(generator).evalf(), dtype=float)
    dw = iterates @ gen.T
    value = np.sum(grads * dw, axis=-1)
    radial = np.sum(grads * iterates, axis=-1)
    sens = component_sensitivity(iterates, data, ys, dw)
    bound = (np.sum(grad_bound * np.abs(dw), axis=-1) + gamma(4) * np.sum(np.abs(grads * dw), axis=-1)
             + np.sum(np.abs(sens) * data_err, axis=(-3, -2, -1)))
    worst = float(np.max(np.abs(value) / bound))
    steps = np.arange(ORBIT_STEPS)
    figure = {"kind": "semilogy", "x": steps.tolist(),
              "series": {"max |<grad L, D w>| over starts": np.abs(value).max(axis=1).tolist(),
                         "round-off bound (smallest over starts)": bound.min(axis=1).tolist(),
                         "|<grad L, w>| (radial, for scale)": np.abs(radial).max(axis=1).tolist()},
              "xlabel": "gradient-descent step", "ylabel": "component along D w",
              "title": "Rotation-averaged loss: gradient against the orbit direction"}
    return Evidence(
        bool(worst <= 1.0),
        {"max |<grad L(w), D w>|": float(np.abs(value).max()), "max |<grad L(w), D w>| / bound": worst,
         "median |<grad L(w), w>| (radial component, for scale)": float(np.median(np.abs(radial)))},
        {"<grad L(w), D w>": 0.0, "D": sp.sstr(sp.Matrix(generator).tolist())},
        f"SO(2) acting on R^4 as diag(R_a, R_a), loss averaged over rotations (M = {NODES}-point rule, exact), "
        f"{n} base points, {starts} starts x {ORBIT_STEPS} descent iterates (step {lr}): |<grad L, D w>| <= "
        f"gradient round-off + dot-product round-off + first-order effect of the rounded rotations "
        f"(worst ratio {worst:.3g})",
        figure=figure)


# ---------------------------------------------------------------------------------------------
# 4. The Fourier transform after a linear substitution
# ---------------------------------------------------------------------------------------------
GAUSS_A = np.array([[1.0, 0.5], [0.5, 2.0]])           # f(W) = exp(-W^T A W / 2)
SUBSTITUTIONS = (np.array([[1.0, 0.5], [-0.25, 1.25]]),  # det 1.375
                 np.array([[0.5, 1.0], [1.0, 0.375]]),   # det -0.8125: the absolute value matters
                 np.array([[1.5, 0.0], [0.75, 0.625]]))  # triangular, det 0.9375
# grid step (a binary fraction: the nodes are exact), half-length, wavenumbers per matrix
SUBST_SIZES = {"small": (1 / 8, 16.0, 12), "large": (1 / 16, 20.0, 64)}


def gaussian_transform(k, a=GAUSS_A):
    """F(K) = int exp(-W^T A W / 2) e^{i K.W} dW = 2 pi det(A)^{-1/2} exp(-K^T A^{-1} K / 2)."""
    inv = np.linalg.inv(a)
    return 2 * np.pi / np.sqrt(np.linalg.det(a)) * np.exp(-0.5 * np.einsum("...i,ij,...j->...", k, inv, k))


def _grid(nodes):
    xp = _xp(nodes)
    w1, w2 = xp.meshgrid(nodes, nodes, indexing="ij")
    return xp.stack([w1.ravel(), w2.ravel()], axis=-1)                       # (n, 2), exact


def _exponent(g, grid) -> Rounded:
    """(g W)^T A (g W) / 2 at every node, through :class:`Rounded`."""
    v = contract("ab,nb->na", Rounded.exact(g), Rounded.exact(grid), 2)
    av = contract("ab,nb->na", Rounded.exact(GAUSS_A), v, 2)
    return contract("na,na->n", v, av, 2).halve()


@jax.jit
def _substituted_transform(g, ks, nodes, h):
    """Trapezoid h^2 sum f(g W) cos(K.W) over the grid (f(g W) is even: the sine part vanishes)."""
    grid = _grid(nodes)
    f = jnp.exp(-_exponent(g, grid).value)
    return h * h * jnp.sum(f[:, None] * jnp.cos(grid @ ks.T), axis=0)


def _substituted_transform_bound(g, ks, nodes, h):
    """Round-off of the trapezoid sum: the exponent (:class:`Rounded`), exp's relative error, the
    phase K.W (2 products and a sum: gamma_3 (|k_1 w_1| + |k_2 w_2|)) and cos, the product, and the
    sum of n terms (|f cos| <= f). Separable in K, so no (nodes x K) array is formed."""
    grid = _grid(np.asarray(nodes))
    expo = _exponent(g, grid)
    f = np.exp(-expo.value)
    f_err = f * (expo.bound() + ERR_EXP) * (1 + 2 * ERR_EXP)
    n = grid.shape[0]
    per_k = np.sum(f_err) + (ERR_COS + U + gamma(n)) * np.sum(f) + gamma(3) * (np.abs(ks) @ (np.abs(grid).T @ f))
    return h * h * per_k


def _substitution_quadrature_bound(g: np.ndarray, ks: np.ndarray, h: float, half: float) -> np.ndarray:
    """Trapezoid discretisation (Poisson summation: aliases F_g(K - 2 pi m / h), m != 0, with
    F_g(xi) = 2 pi det(M)^{-1/2} exp(-xi^T M^{-1} xi / 2), M = g^T A g) plus the truncation to the
    box |W|_inf <= L (the Gaussian factorises after bounding M below by lambda_min I)."""
    m_mat = g.T @ GAUSS_A @ g
    lam = np.linalg.eigvalsh(m_mat)
    scale = 2 * np.pi / np.sqrt(np.linalg.det(m_mat))
    ring = np.arange(1, 40)
    alias = np.array([scale * np.sum(8 * ring * np.exp(-0.5 * np.maximum(2 * np.pi * ring / h - np.linalg.norm(k), 0) ** 2 / lam[1]))
                      for k in ks])
    root = np.sqrt(2 * np.pi / lam[0])
    # sum over nodes with |n_1| > L/h (or |n_2|) of h^2 e^{-lambda_min |n h|^2 / 2}: one factor is a
    # one-sided tail <= int_L^inf, the other the whole line <= h + int
    trunc = 2 * root * scipy.special.erfc(np.sqrt(lam[0] / 2) * half) * (h + root)
    return alias + trunc


@functools.lru_cache(maxsize=8)
def _substitution_quadratures(seed: int, scale: str):
    """For each matrix g: the random wavenumbers, the trapezoid values and their error bounds."""
    h, half, nk = SUBST_SIZES[scale]
    rng = np.random.default_rng(seed)
    nodes = np.arange(-round(half / h), round(half / h) + 1) * h
    out = []
    for g in SUBSTITUTIONS:
        ks = rng.uniform(-3.0, 3.0, (nk, 2))
        value = np.asarray(_substituted_transform(jnp.asarray(g), jnp.asarray(ks), jnp.asarray(nodes), h))
        bound = _substituted_transform_bound(g, ks, nodes, h) + _substitution_quadrature_bound(g, ks, h, half)
        out.append((g, ks, value, bound))
    return tuple(out)


def linear_substitution_transform(seed: int, scale: str, argument: Callable[[np.ndarray], np.ndarray], factor) -> Evidence:
    """Pass when the transform of W -> f(g W) at K matches factor(det g) F(argument(g) K) within the
    quadrature's error bound, for every matrix g and wavenumber K. The claim: argument(g) = g^{-T},
    factor = |det g|^{-1}. ``factor`` is a SymPy expression in the symbol ``det_g``."""
    h, half, nk = SUBST_SIZES[scale]
    det_sym = sp.Symbol("det_g", real=True)
    fac = sp.lambdify(det_sym, sp.sympify(factor).subs({s: det_sym for s in sp.sympify(factor).free_symbols}), "numpy")
    worst, gaps = 0.0, {}
    for idx, (g, ks, value, bound) in enumerate(_substitution_quadratures(seed, scale)):
        predicted = float(fac(np.linalg.det(g))) * gaussian_transform(ks @ argument(g).T)
        # the prediction's own float64 evaluation: a handful of roundings of a value <= its size
        bound = bound + 32 * U * np.abs(predicted)
        ratio = np.abs(value - predicted) / bound
        worst = max(worst, float(ratio.max()))
        gaps[f"g{idx + 1} (det {np.linalg.det(g):.4g}): max |measured - predicted|"] = float(np.abs(value - predicted).max())
    return Evidence(
        bool(worst <= 1.0), gaps | {"worst |measured - predicted| / bound": worst},
        {"factor": sp.sstr(factor), "argument": getattr(argument, "__doc__", None) or "argument(g) K"},
        f"2-D trapezoid rule, step {h:g} on |W|_inf <= {half:g}, {len(SUBSTITUTIONS)} matrices g (one with det < 0), "
        f"{nk} random K each: |measured - predicted| <= aliasing + truncation + float64 round-off bound "
        f"(worst ratio {worst:.3g})")
