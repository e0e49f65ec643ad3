"""Experiments for the matrix-calculus identities of the slides (002:283-333): JAX autodiff of
the linear map, the linear, bilinear and quadratic forms against the predicted derivative.

Shapes follow JAX's own conventions, which match the two layouts the slides use: ``jax.grad`` of
a scalar with respect to an array returns an array of that array's shape (002:300-301: the
derivative by a column vector is a column, by a P x Q matrix a P x Q matrix), and
``jax.jacfwd`` of y = f(w) returns the N x D Jacobian with entry (j, p) = dy_j/dw_p (the matrix
D of 002:317-319). Vectors are kept as columns, (n, 1) arrays, so that a transposed prediction
has the wrong shape.

A prediction is a SymPy matrix expression in MatrixSymbols (``a``, ``b``, ``x``, ``A``, ``X``),
turned into a NumPy function by name, so that one formula serves every size. Instances are drawn
with NumPy's PCG64 from the claim's seed, a batch of each shape, and each batch is differentiated
by one jitted, vmapped function (one compilation per shape).
"""
from __future__ import annotations

import functools

import jax
import jax.numpy as jnp
import numpy as np
import sympy as sp

from checks import Evidence
from numerics._analysis import U

jax.config.update("jax_enable_x64", True)

# Each derivative here is a product of two inputs (or an input times 1) and each prediction one
# product or transpose: both are within u of the exact value, entry by entry. 8 u relative to the
# largest entry leaves a margin of 4; a transposed or rescaled prediction is off by O(1).
ROUND_OFF_FACTOR = 8
BATCH = {"small": 16, "large": 4096}


def matrix_function(expr, *names):
    """A NumPy function of the MatrixSymbols of ``expr``, in the order of ``names``."""
    own = {m.name: m for m in sp.sympify(expr).atoms(sp.MatrixSymbol)}
    missing = [n for n in names if n not in own]
    args = [own.get(n, sp.MatrixSymbol(n, 1, 1)) for n in names]   # a name the formula ignores
    if missing and len(missing) == len(names):
        raise ValueError(f"the prediction {expr} uses none of {names}")
    return sp.lambdify(args, expr, "numpy")


def relative_gap(got: np.ndarray, predicted: list[np.ndarray]) -> float:
    """max |got - predicted| / max |predicted| over a batch; infinite when the shapes differ
    (a transposed matrix or a row for a column)."""
    want = np.stack([np.asarray(p, dtype=np.float64) for p in predicted]) if predicted else np.zeros(0)
    if want.shape != got.shape:
        return float("inf")
    return float(np.max(np.abs(got - want)) / np.max(np.abs(want)))


def _evidence(gaps: dict[str, float], what: str) -> Evidence:
    bound = ROUND_OFF_FACTOR * U
    worst = max(gaps.values())
    return Evidence(worst <= bound, gaps, {k: 0.0 for k in gaps},
                    f"{what}: max |autodiff - formula| / max |formula| <= {ROUND_OFF_FACTOR} u = {bound:.1e} on every "
                    "shape (float64 round-off; a shape mismatch fails)")


def _predict(formula, *arrays):
    """The formula on every instance of the batch."""
    return [formula(*items) for items in zip(*arrays)]


# ---------------------------------------------------------------------------------------------
# d(A w)/dw: the Jacobian of a linear map
# ---------------------------------------------------------------------------------------------
LINEAR_MAP_SHAPES = ((2, 3), (3, 3))   # N x D: one wide, one square (a transpose fails by value there)


@jax.jit
def linear_map_jacobians(a, w):
    """Forward-mode Jacobian of w -> A w at w, for a batch of (A, w)."""
    return jax.vmap(lambda am, wm: jax.jacfwd(lambda v: am @ v)(wm))(a, w)


@functools.lru_cache(maxsize=8)
def _linear_map_draws(seed: int, scale: str):
    rng = np.random.default_rng(seed)
    out = []
    for n, d in LINEAR_MAP_SHAPES:
        a, w = rng.normal(size=(BATCH[scale], n, d)), rng.normal(size=(BATCH[scale], d))
        out.append((f"{n}x{d}", a, np.asarray(linear_map_jacobians(jnp.asarray(a), jnp.asarray(w)))))
    return out


def linear_map_jacobian(seed: int, scale: str, jacobian) -> Evidence:
    """jax.jacfwd of w -> A w against the predicted matrix, a formula in A."""
    formula = matrix_function(jacobian, "A")
    gaps = {f"A {shape}": relative_gap(got, _predict(formula, a)) for shape, a, got in _linear_map_draws(seed, scale)}
    return _evidence(gaps, "jax.jacfwd(w -> A w)")


# ---------------------------------------------------------------------------------------------
# d(x^T a)/dx and d(a^T x)/dx
# ---------------------------------------------------------------------------------------------
LINEAR_FORM_SIZES = (1, 4)


@jax.jit
def linear_form_gradients(a, x):
    """jax.grad of x^T a and of a^T x with respect to the column x, for a batch of (a, x)."""
    def one(am, xm):
        return (jax.grad(lambda v: (v.T @ am)[0, 0])(xm), jax.grad(lambda v: (am.T @ v)[0, 0])(xm))
    return jax.vmap(one)(a, x)


@functools.lru_cache(maxsize=8)
def _linear_form_draws(seed: int, scale: str):
    rng = np.random.default_rng(seed)
    out = []
    for n in LINEAR_FORM_SIZES:
        a, x = rng.normal(size=(BATCH[scale], n, 1)), rng.normal(size=(BATCH[scale], n, 1))
        xa, ax = linear_form_gradients(jnp.asarray(a), jnp.asarray(x))
        out.append((n, a, x, np.asarray(xa), np.asarray(ax)))
    return out


def linear_form_gradient(seed: int, scale: str, gradient) -> Evidence:
    """jax.grad of x^T a and a^T x with respect to x against the predicted gradient (a formula in
    a and x), for columns of each size."""
    formula = matrix_function(gradient, "a", "x")
    gaps = {}
    for n, a, x, xa, ax in _linear_form_draws(seed, scale):
        predicted = _predict(formula, a, x)
        gaps[f"x^T a, n = {n}"] = relative_gap(xa, predicted)
        gaps[f"a^T x, n = {n}"] = relative_gap(ax, predicted)
    return _evidence(gaps, "jax.grad of x^T a and a^T x")


# ---------------------------------------------------------------------------------------------
# d(a^T X b)/dX, d(a^T X^T b)/dX and d(a^T X a)/dX, d(a^T X^T a)/dX
# ---------------------------------------------------------------------------------------------
BILINEAR_SHAPES = ((2, 3), (3, 3))   # P x Q
QUADRATIC_SIZES = (3,)   # one square size: the symbolic sweep covers 1..4


@jax.jit
def bilinear_gradients(a, x, b, a_t, b_t):
    """jax.grad with respect to X of a^T X b and of a_t^T X^T b_t, for a batch."""
    def one(am, xm, bm, atm, btm):
        return (jax.grad(lambda m: (am.T @ m @ bm)[0, 0])(xm), jax.grad(lambda m: (atm.T @ m.T @ btm)[0, 0])(xm))
    return jax.vmap(one)(a, x, b, a_t, b_t)


@functools.lru_cache(maxsize=8)
def _bilinear_draws(seed: int, scale: str):
    rng = np.random.default_rng(seed)
    out = []
    for p, q in BILINEAR_SHAPES:
        m = BATCH[scale]
        a, x, b = rng.normal(size=(m, p, 1)), rng.normal(size=(m, p, q)), rng.normal(size=(m, q, 1))
        a_t, b_t = rng.normal(size=(m, q, 1)), rng.normal(size=(m, p, 1))   # a^T X^T b needs a in R^Q, b in R^P
        plain, transposed = bilinear_gradients(*(jnp.asarray(v) for v in (a, x, b, a_t, b_t)))
        out.append((f"{p}x{q}", a, b, a_t, b_t, np.asarray(plain), np.asarray(transposed)))
    return out


def bilinear_form_gradients(seed: int, scale: str, plain, transposed) -> Evidence:
    """jax.grad of a^T X b and a^T X^T b with respect to X against the predicted matrices
    (formulas in a and b)."""
    f_plain, f_transposed = matrix_function(plain, "a", "b"), matrix_function(transposed, "a", "b")
    gaps = {}
    for shape, a, b, a_t, b_t, g_plain, g_transposed in _bilinear_draws(seed, scale):
        gaps[f"a^T X b, X {shape}"] = relative_gap(g_plain, _predict(f_plain, a, b))
        gaps[f"a^T X^T b, X {shape}"] = relative_gap(g_transposed, _predict(f_transposed, a_t, b_t))
    return _evidence(gaps, "jax.grad of a^T X b and a^T X^T b")


@jax.jit
def quadratic_gradients(a, x):
    """jax.grad with respect to X of a^T X a and of a^T X^T a, for a batch (X not symmetric)."""
    def one(am, xm):
        return (jax.grad(lambda m: (am.T @ m @ am)[0, 0])(xm), jax.grad(lambda m: (am.T @ m.T @ am)[0, 0])(xm))
    return jax.vmap(one)(a, x)


@functools.lru_cache(maxsize=8)
def _quadratic_draws(seed: int, scale: str):
    rng = np.random.default_rng(seed)
    out = []
    for n in QUADRATIC_SIZES:
        a, x = rng.normal(size=(BATCH[scale], n, 1)), rng.normal(size=(BATCH[scale], n, n))
        plain, transposed = quadratic_gradients(jnp.asarray(a), jnp.asarray(x))
        out.append((n, a, x, np.asarray(plain), np.asarray(transposed)))
    return out


def quadratic_form_gradient(seed: int, scale: str, gradient) -> Evidence:
    """jax.grad of a^T X a and a^T X^T a with respect to X against the predicted matrix (a
    formula in a and X)."""
    formula = matrix_function(gradient, "a", "X")
    gaps = {}
    for n, a, x, plain, transposed in _quadratic_draws(seed, scale):
        predicted = _predict(formula, a, x)
        gaps[f"a^T X a, n = {n}"] = relative_gap(plain, predicted)
        gaps[f"a^T X^T a, n = {n}"] = relative_gap(transposed, predicted)
    return _evidence(gaps, "jax.grad of a^T X a and a^T X^T a")
