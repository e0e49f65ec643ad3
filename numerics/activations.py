"""Experiments for the activation functions, softmax and cross-entropy of the slides
(002:83-146) and for the cross-entropy reading of the GAN value function (002:2075-2093).

Each experiment compares a formula (the hypothesis: SymPy expressions or the numbers a claim
predicts) with JAX's and optax's own implementations, differentiated by JAX autodiff, in
float64. The pass rules are round-off bounds for the deterministic comparisons and a Monte Carlo
confidence interval for the GAN expectation. Random draws use NumPy's PCG64 seeded with the
claim's seed: cheap, reproducible, and no threefry kernel to compile.
"""
from __future__ import annotations

import functools

import jax
import jax.numpy as jnp
import numpy as np
import optax
import sympy as sp

from checks import Evidence
from numerics._analysis import U

jax.config.update("jax_enable_x64", True)


def lambdify_by_name(expr, *names):
    """``expr`` as a NumPy function of the symbols with these names, whatever their assumptions
    (the claims use positive/negative/real symbols; the experiments only need the names)."""
    own = {s.name: s for s in sp.sympify(expr).free_symbols}
    return sp.lambdify([own.get(n, sp.Symbol(n)) for n in names], expr, "numpy")


# ---------------------------------------------------------------------------------------------
# Pointwise activations against autodiff
# ---------------------------------------------------------------------------------------------
LEAK = 0.1        # slides 002:108, max(0.1x, x)
ELU_ALPHA = 1.7   # not 1: a derivative that forgets alpha would agree at alpha = 1
HALF_WIDTH = 30.0
GRID_POINTS = {"small": 4000, "large": 400_000}
# Every formula below is at most a dozen float64 operations on quantities no larger than
# 1 + |result|, each rounding by at most u: the error is below 12 u (1 + |result|). 32 u leaves
# a margin of about 3; a wrong formula is off by more than 1e-3 somewhere on the grid.
ROUND_OFF_FACTOR = 32

ACTIVATIONS = {
    "sigmoid": jax.nn.sigmoid,
    "tanh": jnp.tanh,
    "relu": jax.nn.relu,
    "leaky_relu": lambda t: jax.nn.leaky_relu(t, LEAK),
    "elu": lambda t: jax.nn.elu(t, ELU_ALPHA),
}


@jax.jit
def activation_table(x):
    """Value and autodiff derivative of every activation at every point of ``x`` (one
    compilation serves all the activation claims)."""
    def at(t):
        return {name: jax.value_and_grad(f)(t) for name, f in ACTIVATIONS.items()}
    return jax.vmap(at)(x)


def grid(seed: int, scale: str) -> np.ndarray:
    """An even number of equally spaced points on [-30, 30], shifted by a seeded offset of less
    than half a spacing: x = 0, where ReLU, leaky ReLU and ELU have a kink, is never on it."""
    n = GRID_POINTS[scale]
    base = np.linspace(-HALF_WIDTH, HALF_WIDTH, n)
    spacing = base[1] - base[0]
    return base + np.random.default_rng(seed).uniform(-0.4, 0.4) * spacing


@functools.lru_cache(maxsize=4)
def _table(seed: int, scale: str):
    x = grid(seed, scale)
    out = activation_table(jnp.asarray(x))
    return x, {name: (np.asarray(v), np.asarray(d)) for name, (v, d) in out.items()}


def scaled_gap(got, want) -> float:
    """max |got - want| / (1 + |want|): absolute near 0, relative for large values."""
    got, want = np.broadcast_arrays(np.asarray(got, dtype=np.float64), np.asarray(want, dtype=np.float64))
    return float(np.max(np.abs(got - want) / (1 + np.abs(want))))


def _evidence(gaps: dict[str, float], what: str, figure=None) -> Evidence:
    bound = ROUND_OFF_FACTOR * U
    worst = max(gaps.values())
    return Evidence(worst <= bound, gaps, {k: 0.0 for k in gaps},
                    f"{what}: max |autodiff - formula| / (1 + |formula|) <= {ROUND_OFF_FACTOR} u = {bound:.1e} "
                    "over the grid (float64 round-off)", figure=figure)


def _line_figure(x, series, ylabel, title):
    keep = slice(None, None, max(1, len(x) // 300))
    return {"kind": "line", "x": x[keep].tolist(), "series": {k: np.asarray(v)[keep].tolist() for k, v in series.items()},
            "xlabel": "x", "ylabel": ylabel, "title": title}


def sigmoid_derivative_gap(seed: int, scale: str, derivative) -> Evidence:
    """Autodiff of jax.nn.sigmoid against the hypothesised derivative (a SymPy expression in x)."""
    x, table = _table(seed, scale)
    predicted = lambdify_by_name(derivative, "x")(x)
    autodiff = table["sigmoid"][1]
    figure = _line_figure(x, {"autodiff": autodiff, "predicted": predicted}, "d sigma / dx",
                          "The sigmoid's derivative: autodiff and the formula")
    return _evidence({"derivative": scaled_gap(autodiff, predicted)}, "d/dx jax.nn.sigmoid", figure)


def tanh_form_gap(seed: int, scale: str, tanh_form) -> Evidence:
    """jnp.tanh and its autodiff derivative against the hypothesised form and its derivative."""
    x, table = _table(seed, scale)
    x_sym = next(s for s in sp.sympify(tanh_form).free_symbols if s.name == "x")
    value = lambdify_by_name(tanh_form, "x")(x)
    slope = lambdify_by_name(sp.diff(tanh_form, x_sym), "x")(x)
    tanh, dtanh = table["tanh"]
    return _evidence({"value": scaled_gap(tanh, value), "derivative": scaled_gap(dtanh, slope)}, "jnp.tanh and its derivative")


def leaky_relu_gap(seed: int, scale: str, leaky) -> Evidence:
    """jax.nn.leaky_relu(x, 0.1) and its autodiff derivative (off the kink) against the
    hypothesised form and its SymPy derivative."""
    x, table = _table(seed, scale)
    x_sym = next(s for s in sp.sympify(leaky).free_symbols if s.name == "x")
    value = lambdify_by_name(leaky, "x")(x)
    slope = lambdify_by_name(sp.diff(leaky, x_sym), "x")(x)
    got, dgot = table["leaky_relu"]
    figure = _line_figure(x, {"jax.nn.leaky_relu": got, "predicted": value}, "f(x)", "Leaky ReLU max(0.1x, x)")
    return _evidence({"value": scaled_gap(got, value), "derivative": scaled_gap(dgot, slope)}, "jax.nn.leaky_relu(x, 0.1)", figure)


def elu_derivative_gap(seed: int, scale: str, negative_side) -> Evidence:
    """Autodiff of jax.nn.elu(x, alpha = 1.7) for x < 0 against the hypothesised derivative
    (a SymPy expression in x and alpha); for x > 0 the derivative must be 1."""
    x, table = _table(seed, scale)
    _, delu = table["elu"]
    neg = x < 0
    predicted = lambdify_by_name(negative_side, "x", "alpha")(x[neg], ELU_ALPHA)
    return _evidence({"x < 0": scaled_gap(delu[neg], predicted), "x > 0": scaled_gap(delu[~neg], 1.0)},
                     f"d/dx jax.nn.elu(x, alpha = {ELU_ALPHA})")


# ---------------------------------------------------------------------------------------------
# Softmax
# ---------------------------------------------------------------------------------------------
SLIDE_LOGITS = (1.1, 2.2, 0.2, -1.7)   # 002:145
HALF_UNIT = 5e-4                       # a number given to three decimals is within this of the truth


SOFTMAX_SIZE = len(SLIDE_LOGITS)     # the random logits have the example's length: one compilation
SOFTMAX_BATCH = {"small": 512, "large": 200_000}
SOFTMAX_SPREAD = 8.0   # logits N(0, 8^2): outputs from ~1e-30 to ~1, far from uniform


@jax.jit
def softmax_rows(z):
    return jax.nn.softmax(z, axis=-1)


def slide_softmax(scale: str) -> np.ndarray:
    """jax.nn.softmax of the slides' logits (evaluated in a batch of the shape the other softmax
    experiment uses, so that both share one compilation)."""
    rows = np.tile(np.asarray(SLIDE_LOGITS, dtype=np.float64), (SOFTMAX_BATCH[scale], 1))
    return np.asarray(softmax_rows(jnp.asarray(rows)))[0]


def softmax_example_gap(seed: int, scale: str, rounded) -> Evidence:
    """jax.nn.softmax of the slides' logits against three-decimal values: each must be within
    half a unit of the third decimal (plus round-off)."""
    got = slide_softmax(scale)
    gap = float(np.max(np.abs(got - np.asarray(rounded, dtype=np.float64))))
    bound = HALF_UNIT + 8 * U
    return Evidence(gap <= bound, [round(float(v), 6) for v in got], list(rounded),
                    f"max |jax.nn.softmax(z) - given| <= 5e-4 (half a unit in the third decimal) + 8 u",
                    detail=f"z = {SLIDE_LOGITS}, largest gap {gap:.2e}")


def softmax_definition_gap(seed: int, scale: str, softmax) -> Evidence:
    """The hypothesised softmax formula (a SymPy expression of z1..z4, one entry per output)
    against jax.nn.softmax on random logits, and whether its outputs are a probability vector."""
    z = np.random.default_rng(seed).normal(0.0, SOFTMAX_SPREAD, (SOFTMAX_BATCH[scale], SOFTMAX_SIZE))
    names = [f"z{i + 1}" for i in range(SOFTMAX_SIZE)]
    formula = lambdify_by_name(sp.Matrix(softmax), *names)
    with np.errstate(all="ignore"):
        predicted = np.asarray(formula(*z.T), dtype=np.float64).reshape(SOFTMAX_SIZE, -1).T
    reference = np.asarray(softmax_rows(jnp.asarray(z)))
    # Both sides: SOFTMAX_SIZE exponentials, a sum and a division, each rounding by at most u
    # (and the argument's own rounding, e^{z(1+u)} = e^z (1 + |z| u)); relative to the largest
    # output, 4 (n + |z|_max + 2) u bounds it.
    bound = 4 * (SOFTMAX_SIZE + np.max(np.abs(z)) + 2) * U
    match = float(np.max(np.abs(predicted - reference)))
    total = float(np.max(np.abs(predicted.sum(axis=1) - 1)))
    negative = float(-min(0.0, predicted.min()))
    measured = {"|formula - jax.nn.softmax|": match, "|sum - 1|": total, "most negative entry": negative}
    passed = bool(np.isfinite(match) and match <= bound and total <= bound and negative == 0.0)
    return Evidence(passed, measured, {"|formula - jax.nn.softmax|": 0.0, "|sum - 1|": 0.0, "most negative entry": 0.0},
                    f"on {SOFTMAX_BATCH[scale]:,} random logit vectors (n = {SOFTMAX_SIZE}): the formula matches "
                    f"jax.nn.softmax and sums to 1 within 4 (n + max|z| + 2) u = {bound:.1e}, no entry negative")


# ---------------------------------------------------------------------------------------------
# Cross-entropy: the gradient with respect to the logits
# ---------------------------------------------------------------------------------------------
CE_OUTPUTS = 10
CE_BATCH = {"small": 512, "large": 200_000}


@jax.jit
def cross_entropy_logit_gradient(logits, labels):
    """d/d logits of optax's binary cross-entropy averaged over the outputs (002:143), per row."""
    def loss(s, y):
        return optax.sigmoid_binary_cross_entropy(s, y).mean()
    return jax.vmap(jax.grad(loss))(logits, labels)


@functools.lru_cache(maxsize=4)
def _ce_draws(seed: int, scale: str):
    rng = np.random.default_rng(seed)
    m, n = CE_BATCH[scale], CE_OUTPUTS
    logits = rng.normal(0.0, 3.0, (m, n))
    labels = rng.uniform(0.0, 1.0, (m, n))          # soft targets for half the rows ...
    one_hot = np.eye(n)[rng.integers(0, n, m // 2)]
    labels[: m // 2] = one_hot                       # ... one-hot targets for the other half
    grad = np.asarray(cross_entropy_logit_gradient(jnp.asarray(logits), jnp.asarray(labels)))
    return logits, labels, grad


def cross_entropy_gradient_gap(seed: int, scale: str, gradient) -> Evidence:
    """Autodiff of the mean binary cross-entropy against the hypothesised gradient, a SymPy
    expression in the logit s, the target y and the number of outputs n."""
    logits, labels, grad = _ce_draws(seed, scale)
    predicted = lambdify_by_name(gradient, "s", "y", "n")(logits, labels, CE_OUTPUTS)
    gap = float(np.max(np.abs(grad - predicted))) * CE_OUTPUTS
    # Each gradient entry is a handful of roundings of numbers <= 1, then divided by n: n times
    # the error is below 8 u; 32 u is the bound (a margin of 4).
    bound = ROUND_OFF_FACTOR * U
    return Evidence(gap <= bound, gap, 0.0,
                    f"n max |autodiff - formula| <= {ROUND_OFF_FACTOR} u = {bound:.1e} on {len(logits):,} rows of "
                    f"{CE_OUTPUTS} outputs (half one-hot, half soft targets), logits N(0, 9)")


# ---------------------------------------------------------------------------------------------
# The GAN value function as an expected binary cross-entropy
# ---------------------------------------------------------------------------------------------
DATA_MEAN, DATA_SD = 1.0, 1.0            # p_data = N(1, 1)
G_SCALE, G_SHIFT = 0.6, -0.8             # G(z) = 0.6 z - 0.8, z ~ N(0, 1)
D_SLOPE, D_SHIFT = 1.2, -0.3             # D(x) = sigmoid(1.2 x - 0.3)
GAN_SAMPLES = {"small": 200_000, "large": 20_000_000}
Z_999 = 3.2905                           # two-sided 99.9% normal quantile (one interval per run)
HERMITE_NODES = 80


@jax.jit
def bce_terms(real_logits, fake_logits, real_label, fake_label):
    """optax's binary cross-entropy of every real and every generated sample under the given labels."""
    return (optax.sigmoid_binary_cross_entropy(real_logits, jnp.full_like(real_logits, real_label)),
            optax.sigmoid_binary_cross_entropy(fake_logits, jnp.full_like(fake_logits, fake_label)))


def value_by_quadrature() -> float:
    """V(G, D) = int p_data(x) ln D(x) dx + int p_z(z) ln(1 - D(G(z))) dz (002:2091), by
    Gauss-Hermite quadrature (80 nodes: the integrands are smooth and grow at most linearly, so
    the error is far below 1e-10)."""
    nodes, weights = np.polynomial.hermite_e.hermegauss(HERMITE_NODES)
    weights = weights / np.sqrt(2 * np.pi)            # expectations under N(0, 1)
    x = DATA_MEAN + DATA_SD * nodes
    gz = G_SCALE * nodes + G_SHIFT
    log_d = -np.logaddexp(0.0, -(D_SLOPE * x + D_SHIFT))          # ln sigmoid
    log_one_minus_d = -np.logaddexp(0.0, D_SLOPE * gz + D_SHIFT)   # ln(1 - sigmoid)
    return float(weights @ log_d + weights @ log_one_minus_d)


@functools.lru_cache(maxsize=4)
def _discriminator_logits(seed: int, scale: str):
    """The logits of D on real samples x ~ p_data and on generated samples G(z), z ~ N(0, 1)."""
    rng = np.random.default_rng(seed)
    n = GAN_SAMPLES[scale]
    x = rng.normal(DATA_MEAN, DATA_SD, n)
    gz = G_SCALE * rng.normal(0.0, 1.0, n) + G_SHIFT
    return jnp.asarray(D_SLOPE * x + D_SHIFT), jnp.asarray(D_SLOPE * gz + D_SHIFT)


@functools.lru_cache(maxsize=16)
def _bce_means(seed: int, scale: str, real_label: float, fake_label: float):
    n = GAN_SAMPLES[scale]
    real, fake = bce_terms(*_discriminator_logits(seed, scale), real_label, fake_label)
    real, fake = np.asarray(real), np.asarray(fake)
    se = float(np.sqrt(real.var(ddof=1) / n + fake.var(ddof=1) / n))
    return float(real.mean() + fake.mean()), se


def gan_value_as_cross_entropy(seed: int, scale: str, real_label, fake_label, sign) -> Evidence:
    """Monte Carlo of sign * (E_x BCE(real_label, D(x)) + E_z BCE(fake_label, D(G(z)))) with
    optax's cross-entropy, against V(G, D) by quadrature of the integrals of 002:2091."""
    mean, se = _bce_means(seed, scale, float(real_label), float(fake_label))
    measured, value = float(sign) * mean, value_by_quadrature()
    half = Z_999 * se
    return Evidence(abs(measured - value) <= half, measured, value,
                    f"|Monte Carlo - V(G, D) by quadrature| <= {Z_999} SE = {half:.2g} (99.9% CI, "
                    f"{GAN_SAMPLES[scale]:,} real and as many generated samples)",
                    detail=f"p_data = N({DATA_MEAN}, {DATA_SD}^2), G(z) = {G_SCALE} z + {G_SHIFT}, "
                           f"D(x) = sigmoid({D_SLOPE} x + {D_SHIFT}); labels real {real_label}, fake {fake_label}, sign {sign}")
