"""Deep bias-free MLPs at initialisation: the second moments of the pre-activations (forward
pass) and of the back-propagated gradients (backward pass), averaged over many independent
networks, against the per-layer factors of the He / Xavier analysis (``derivations/initialization.py``).

The network follows the notes' indexing (003:573-575): layer k maps h^k (width D_k) to
f^k = Omega^k h^k (width D_{k+1}), h^{k+1} = a[f^k], h^1 = x, no biases. The widths alternate
between two values, so fan-in and fan-out differ at every layer and a law written with the
wrong fan predicts the wrong factor at every layer. The loss is l = g . f^L with a random g,
so delta^L = g and delta^{k-1} = a'(f^{k-1}) * (Omega^k)^T delta^k (003:653).

What is measured, per network n and layer k (means over units and over the network's inputs):
S_k = mean (f^k)^2, A_k = mean (delta^k)^2, M_k = mean (h^k)^2 and the weight-gradient second
moment G_k = mean_inputs (A_k M_k) = mean (dl/dOmega^k_il)^2 of one input's gradient.
For symmetric Gaussian weights these obey, exactly in expectation and at finite width,
E[S_k] = r_fwd(k) E[S_{k-1}], E[A_{k-1}] = r_bwd(k) E[A_k] and E[G_{k-1}] = r_bwd(k) E[A_k] E[M_{k-1}]
(ReLU: conditionally on h^k the pre-activation f^k is a centred Gaussian vector, so half of
its mass survives the ReLU, and Theta(f^k) is a fair coin whatever the layers above do).
One network's S_L / S_1 is a product of L random factors and scatters over orders of magnitude;
the claims are about expectations, so every test compares means over N independent networks.

Pass rule (one rule for every quantity): each per-layer factor is estimated by the ratio of
means over the N networks; per width class (the layers a -> b and the layers b -> a), the mean
over its layers of log(measured / predicted) must lie within z SE of 0, the SE by the jackknife
over networks, z the Student t quantile (networks - 1 degrees of freedom) for a 99.9% family-wise
level (Bonferroni over the classes, the laws and the quantities tested).
"""
from __future__ import annotations

import functools
import math
from collections.abc import Callable

import jax
import jax.numpy as jnp
import numpy as np
from scipy import stats

from checks import Evidence

# Per scale: depth L (even: layers go in pairs of widths), the two alternating widths (D_1 is
# the first), independent networks N, inputs per network, networks per vmapped chunk.
SIZES = {
    "small": {"layers": 20, "widths": (48, 96), "networks": 128, "inputs": 4, "chunk": 128},
    "large": {"layers": 50, "widths": (128, 256), "networks": 2048, "inputs": 8, "chunk": 256},
}
FAMILY_LEVEL = 0.001  # family-wise two-sided error level of each claim's tests

Law = Callable[[np.ndarray, np.ndarray], np.ndarray]  # (fan_in, fan_out) -> variance per layer

# Laws simulated together on the same weights (one draw of Z, scaled per law): every law a claim
# or mutant of this module asks for is here, so one simulation per (seed, scale, activation)
# serves them all; any other law is simulated on its own with the same key.
PANEL: dict[str, dict[str, Law]] = {
    "relu": {"2/D_in": lambda i, o: 2 / i, "1/D_in": lambda i, o: 1 / i, "1": lambda i, o: np.ones_like(i),
             "2/D_out": lambda i, o: 2 / o, "1/D_out": lambda i, o: 1 / o},
    "linear": {"1/D_in": lambda i, o: 1 / i, "2/D_in": lambda i, o: 2 / i, "1": lambda i, o: np.ones_like(i),
               "1/D_out": lambda i, o: 1 / o, "2/(D_in+D_out)": lambda i, o: 2 / (i + o)},
}


def widths(scale: str) -> np.ndarray:
    """D_1 .. D_{L+1}: alternating between the scale's two widths."""
    cfg = SIZES[scale]
    a, b = cfg["widths"]
    return np.array([a if k % 2 == 1 else b for k in range(1, cfg["layers"] + 2)], dtype=np.float64)


def fans(scale: str) -> tuple[np.ndarray, np.ndarray]:
    """Fan-in D_k and fan-out D_{k+1} of layers k = 1 .. L."""
    d = widths(scale)
    return d[:-1], d[1:]


def law_values(law: Law, scale: str) -> np.ndarray:
    fan_in, fan_out = fans(scale)
    return np.broadcast_to(np.asarray(law(fan_in, fan_out), dtype=np.float64), fan_in.shape).copy()


# ---------------------------------------------------------------------------------------------
# Simulation
# ---------------------------------------------------------------------------------------------
def _fixed_vectors(dim: int, count: int) -> jnp.ndarray:
    """``count`` orthogonal cosine vectors of mean square 1 (dim, count): the network inputs and
    the loss directions g. The claims hold for any fixed input and direction; only the weights
    are random, and they are what the expectations are over."""
    j = jnp.arange(dim)[:, None] + 0.5
    return jnp.sqrt(2.0) * jnp.cos(jnp.pi * j * (jnp.arange(count)[None, :] + 1) / dim)


@functools.partial(jax.jit, static_argnames=("a", "b", "inputs", "networks"))
def _simulate(key, sd, relu, a: int, b: int, inputs: int, networks: int):
    """``networks`` independent networks under P laws at once: the same standard normal Z^k for
    every law, scaled by each law's standard deviation (sd: (P, L)). Returns S, A, M, G, each
    (N, P, L). Layers go in pairs (D_{2t+1} = a -> b -> a) so that a scan can run over them."""
    n_laws, layers = sd.shape
    x = _fixed_vectors(a, inputs)
    g = _fixed_vectors(a, inputs)[:, ::-1]  # dl/df^L; D_{L+1} = a since L is even
    sd_pairs = sd.reshape(n_laws, layers // 2, 2).transpose(1, 0, 2)  # (L/2, P, 2)
    pair_keys = jax.random.split(key, layers // 2)

    def act(f):
        return jnp.where(relu, jnp.maximum(f, 0.0), f)

    def slope(f):
        return jnp.where(relu, (f > 0).astype(f.dtype), jnp.ones_like(f))

    def forward(h, inp):  # h = h^{2t+1}: (N, P, a, B)
        k, s = inp
        z = jax.random.normal(k, (networks, 2, a * b))  # one draw site: each one costs compile time
        z1 = z[:, 0].reshape(networks, b, a)
        z2 = z[:, 1].reshape(networks, a, b)
        f1 = s[:, 0, None, None] * jnp.einsum("nij,npjb->npib", z1, h)
        h1 = act(f1)
        f2 = s[:, 1, None, None] * jnp.einsum("nij,npjb->npib", z2, h1)
        out = {"S": jnp.stack([jnp.mean(f1**2, (2, 3)), jnp.mean(f2**2, (2, 3))], -1),
               "M": jnp.stack([jnp.mean(h**2, 2), jnp.mean(h1**2, 2)], -1),  # per input: (N, P, B, 2)
               "z1": z1, "z2": z2, "slope1": slope(f1), "slope2": slope(f2)}
        return act(f2), out

    h0 = jnp.broadcast_to(x, (networks, n_laws, a, inputs))
    _, fw = jax.lax.scan(forward, h0, (pair_keys, sd_pairs))
    # a'(f^{2t}) for pair t's input h^{2t+1}; the first pair's input is x (no activation)
    slope_in = jnp.concatenate([jnp.ones_like(fw["slope2"][:1]), fw["slope2"][:-1]])

    def backward(d, inp):  # d = delta^{2t+2}: (N, P, a, B)
        z1, z2, s1, s0, s = inp
        d1 = s1 * (s[:, 1, None, None] * jnp.einsum("nji,npjb->npib", z2, d))   # delta^{2t+1}
        d0 = s0 * (s[:, 0, None, None] * jnp.einsum("nji,npjb->npib", z1, d1))  # delta^{2t}
        return d0, jnp.stack([jnp.mean(d1**2, 2), jnp.mean(d**2, 2)], -1)       # (N, P, B, 2)

    d_top = jnp.broadcast_to(g, (networks, n_laws, a, inputs))
    _, a_per_input = jax.lax.scan(backward, d_top, (fw["z1"], fw["z2"], fw["slope1"], slope_in, sd_pairs),
                                  reverse=True)

    def by_layer(v):  # (L/2, ..., 2) -> (..., L)
        v = jnp.moveaxis(v, 0, -2)
        return v.reshape(*v.shape[:-2], layers)

    m_in = by_layer(fw["M"])
    a_in = by_layer(a_per_input)
    return {"S": by_layer(fw["S"]), "A": a_in.mean(2), "M": m_in.mean(2), "G": (a_in * m_in).mean(2)}


def _run(seed: int, scale: str, activation: str, laws: np.ndarray) -> dict[str, np.ndarray]:
    """All networks of the scale, in chunks of independent draws (memory: the weights of a chunk
    are kept for the backward pass)."""
    cfg = SIZES[scale]
    a, b = cfg["widths"]
    key = jax.random.PRNGKey(seed)
    chunks = []
    for c in range(cfg["networks"] // cfg["chunk"]):
        out = _simulate(jax.random.fold_in(key, c), jnp.sqrt(jnp.asarray(laws)), activation == "relu",
                        a=a, b=b, inputs=cfg["inputs"], networks=cfg["chunk"])
        chunks.append({k: np.asarray(v) for k, v in out.items()})
    return {k: np.concatenate([c[k] for c in chunks]) for k in chunks[0]}


@functools.lru_cache(maxsize=8)
def _panel(seed: int, scale: str, activation: str) -> tuple[tuple[str, ...], np.ndarray, dict[str, np.ndarray]]:
    names = tuple(PANEL[activation])
    laws = np.stack([law_values(PANEL[activation][n], scale) for n in names])
    return names, laws, _run(seed, scale, activation, laws)


@functools.lru_cache(maxsize=16)
def _single(seed: int, scale: str, activation: str, law: tuple[float, ...]) -> dict[str, np.ndarray]:
    out = _run(seed, scale, activation, np.array([law]))
    return {k: v[:, 0] for k, v in out.items()}


def moments(seed: int, scale: str, activation: str, law: np.ndarray) -> dict[str, np.ndarray]:
    """S, A, M, G, each (N networks, L layers), of the networks initialised with ``law``."""
    names, laws, out = _panel(seed, scale, activation)
    for i in range(len(names)):
        if np.allclose(laws[i], law, rtol=1e-12, atol=0):
            return {k: v[:, i] for k, v in out.items()}
    return _single(seed, scale, activation, tuple(float(v) for v in law))


# ---------------------------------------------------------------------------------------------
# Statistics
# ---------------------------------------------------------------------------------------------
def width_classes(scale: str) -> dict[str, np.ndarray]:
    """Layers k = 2 .. L grouped by (D_k -> D_{k+1}): masks over those layers."""
    fan_in, fan_out = fans(scale)
    pairs = sorted({(int(i), int(o)) for i, o in zip(fan_in[1:], fan_out[1:])})
    return {f"{i}->{o}": (fan_in[1:] == i) & (fan_out[1:] == o) for i, o in pairs}


def pooled_z(log_gap: np.ndarray, loo_gap: np.ndarray, classes: dict[str, np.ndarray]) -> dict[str, tuple[float, float]]:
    """Per width class: the mean over its layers of log(measured / predicted) and its z-score,
    with the jackknife SE over the networks (``loo_gap``: the same gaps recomputed without each
    network, rows = networks). Leaving a network out recomputes every mean it enters, so the SE
    accounts for the networks that weigh heavily in the means, and for the correlation between
    the layers of one network."""
    n = loo_gap.shape[0]
    out = {}
    for name, mask in classes.items():
        est = float(np.mean(log_gap[mask]))
        loo = loo_gap[:, mask].mean(1)
        se = float(np.sqrt((n - 1) / n * np.sum((loo - loo.mean()) ** 2)))
        z = est / se if se > 0 and np.isfinite(est) else np.inf
        out[name] = (est, z if np.isfinite(z) else np.inf)
    return out


def ratio_gaps(num: np.ndarray, den: np.ndarray, predicted: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """log(mean num / mean den) - log(predicted) per column, and the same without each row."""
    sn, sd = num.sum(0), den.sum(0)
    with np.errstate(divide="ignore", invalid="ignore"):
        gap = np.log(sn / sd) - np.log(predicted)
        loo = np.log((sn - num) / (sd - den)) - np.log(predicted)
    return gap, loo


def gradient_gaps(mom, law, scale, gradient) -> tuple[np.ndarray, np.ndarray]:
    """log mean G_{k-1} - log gradient(sigma_k^2, D_k, D_{k+1}, mean A_k, mean M_{k-1}, sigma_{k-1}^2)
    for k = 2 .. L, and the same without each network (the prediction is recomputed from the
    means without that network, so its own estimation error is part of the jackknife)."""
    fan_in, fan_out = fans(scale)
    g, a, m = mom["G"][:, :-1], mom["A"][:, 1:], mom["M"][:, :-1]
    n = g.shape[0]
    args = (law[1:], fan_in[1:], fan_out[1:])

    def gap(g_sum, a_sum, m_sum, count):
        pred = np.asarray(gradient(*args, a_sum / count, m_sum / count, law[:-1]), dtype=np.float64)
        with np.errstate(divide="ignore", invalid="ignore"):
            return np.log(g_sum / count) - np.log(pred)

    return gap(g.sum(0), a.sum(0), m.sum(0), n), gap(g.sum(0) - g, a.sum(0) - a, m.sum(0) - m, n - 1)


def critical_z(tests: int, networks: int) -> float:
    """Two-sided Bonferroni critical value for ``tests`` tests at family level FAMILY_LEVEL, from
    Student's t with networks - 1 degrees of freedom (the jackknife t-interval; it tends to the
    normal quantile as the number of networks grows)."""
    return float(stats.t.isf(FAMILY_LEVEL / (2 * tests), networks - 1))


def _factor_values(factor: Callable, law: np.ndarray, scale: str) -> np.ndarray:
    fan_in, fan_out = fans(scale)
    return np.broadcast_to(np.asarray(factor(law, fan_in, fan_out), dtype=np.float64), law.shape)


def _per_layer_factors(mom: dict[str, np.ndarray], direction: str):
    """(num, den) whose mean ratio estimates the factor of layers k = 2 .. L."""
    if direction == "forward":
        return mom["S"][:, 1:], mom["S"][:, :-1]          # E[S_k] / E[S_{k-1}]
    return mom["A"][:, :-1], mom["A"][:, 1:]              # E[A_{k-1}] / E[A_k]


# ---------------------------------------------------------------------------------------------
# Experiments
# ---------------------------------------------------------------------------------------------
PROBES: dict[tuple[str, str], tuple[str, ...]] = {
    # laws whose factor is not 1: the per-layer factor law must hold for them too
    ("relu", "forward"): ("1/D_in", "1"),
    ("relu", "backward"): ("1/D_out", "1"),
    ("linear", "forward"): ("2/D_in", "1"),
}


def second_moment_factors(seed: int, scale: str, activation: str, direction: str,
                          factor: Callable, variance: Callable, gradient: Callable | None = None) -> Evidence:
    """Initialise with ``variance`` (the law the hypothesis says preserves the second moment: its
    ``factor`` must be 1) and with the probe laws, and test the per-layer factors measured over
    many networks against ``factor(sigma^2, D_in, D_out)``; in the backward pass also the
    weight-gradient second moment against ``gradient``.

    The factors are tested per width class (the layers D_k -> D_{k+1} = a -> b, and b -> a):
    the mean of log(measured / predicted) over the class's layers, z-scored with the jackknife
    over networks. Layer by layer, the layers nearest the far end of the pass see second moments
    that are products of up to L random factors; a few networks then carry much of each mean and
    a normal approximation at Bonferroni levels over every layer is not reliable at a few dozen
    networks, while the class means are (their null z over 200 seeds stays inside the bound).
    A law with the wrong fan predicts the wrong factor in both classes, the wrong constant in
    every layer."""
    cfg = SIZES[scale]
    classes = width_classes(scale)
    law = law_values(variance, scale)
    laws = {"hypothesis": law} | {p: law_values(PANEL[activation][p], scale) for p in PROBES[(activation, direction)]}
    tested, preds, per_layer = {}, {}, {}
    for name, values in laws.items():
        num, den = _per_layer_factors(moments(seed, scale, activation, values), direction)
        pred = _factor_values(factor, values, scale)[1:]
        gap, loo = ratio_gaps(num, den, pred)
        tested[name] = pooled_z(gap, loo, classes)
        preds[name] = pred
        per_layer[name] = gap
    if gradient is not None:
        gap, loo = gradient_gaps(moments(seed, scale, activation, law), law, scale, gradient)
        tested["weight gradient"] = pooled_z(gap, loo, classes)
        per_layer["weight gradient"] = gap
    tests = sum(len(t) for t in tested.values())
    zc = critical_z(tests, cfg["networks"])
    worst = {name: max(abs(z) for _, z in t.values()) for name, t in tested.items()}
    preserving = preds["hypothesis"]
    claims_preservation = bool(np.allclose(preserving, 1.0, rtol=1e-9))
    passed = claims_preservation and all(w <= zc for w in worst.values())

    measured, predicted = {}, {}
    for name in laws:
        label = "hypothesis law" if name == "hypothesis" else f"sigma^2 = {name}"
        for cls, mask in classes.items():
            pred_cls = float(np.exp(np.mean(np.log(preds[name][mask]))))
            measured[f"factor {cls} ({label})"] = pred_cls * float(np.exp(tested[name][cls][0]))
            predicted[f"factor {cls} ({label})"] = pred_cls
    if gradient is not None:
        for cls in classes:
            measured[f"weight-gradient moment / formula, {cls}"] = float(np.exp(tested["weight gradient"][cls][0]))
            predicted[f"weight-gradient moment / formula, {cls}"] = 1.0
    measured["max |z|"] = max(worst.values())
    predicted["max |z|"] = f"<= {zc:.2f}"

    quantity = "E[(f^k)^2] / E[(f^(k-1))^2]" if direction == "forward" else "E[(delta^(k-1))^2] / E[(delta^k)^2]"
    criterion = (f"{quantity}, k = 2..{cfg['layers']}, as the ratio of means over {cfg['networks']} networks, under the "
                 f"hypothesis' law and the probe laws {', '.join(PROBES[(activation, direction)])}: per width class, "
                 f"|mean over its layers of log(measured / predicted factor)| <= {zc:.2f} SE (jackknife over networks; "
                 f"t quantile, {cfg['networks'] - 1} df; 99.9% family-wise, Bonferroni over {tests} tests)"
                 + ("; the weight-gradient second moment E[(dl/dOmega^(k-1))^2] against its formula likewise" if gradient else "")
                 + "; and the hypothesis' law has predicted factor 1 (it claims to preserve)")
    biggest = {name: float(np.max(np.abs(g))) for name, g in per_layer.items()}
    detail = (f"{activation} MLP, widths alternating {cfg['widths']}, {cfg['layers']} layers, {cfg['inputs']} inputs per "
              f"network, float64; worst |z| per law: " + ", ".join(f"{k} {v:.2f}" for k, v in worst.items())
              + "; largest single-layer |log(measured / predicted)|: " + ", ".join(f"{k} {v:.3f}" for k, v in biggest.items()))
    if not claims_preservation:
        detail += f"; the hypothesis' factor at its own law is {preserving.min():.4g}..{preserving.max():.4g}, not 1"

    mom = moments(seed, scale, activation, law)
    series = mom["S"] if direction == "forward" else mom["A"][:, ::-1]
    curve = np.log10(series.mean(0) / series.mean(0)[0])
    steps = preserving if direction == "forward" else preserving[::-1]  # the backward pass runs from the top
    pred_curve = np.concatenate([[0.0], np.cumsum(np.log10(steps))])
    figure = {"kind": "line", "x": list(range(1, cfg["layers"] + 1)),
              "series": {"measured": [float(v) for v in curve], "predicted": [float(v) for v in pred_curve]},
              "xlabel": "layer k" if direction == "forward" else "layers from the top",
              "ylabel": "log10 of the mean second moment relative to the first"}
    return Evidence(passed, measured, predicted, criterion, detail, figure)


def relu_forward(seed: int, scale: str, factor: Callable, variance: Callable) -> Evidence:
    """Forward pass of a ReLU MLP: E[(f^k)^2] / E[(f^(k-1))^2] = factor(sigma_k^2, D_k, D_{k+1})."""
    return second_moment_factors(seed, scale, "relu", "forward", factor, variance)


def relu_backward(seed: int, scale: str, factor: Callable, variance: Callable, gradient: Callable) -> Evidence:
    """Backward pass of a ReLU MLP: E[(delta^(k-1))^2] / E[(delta^k)^2] = factor(sigma_k^2, D_k, D_{k+1})
    and the weight-gradient second moment of layer k-1 = gradient(...)."""
    return second_moment_factors(seed, scale, "relu", "backward", factor, variance, gradient)


def linear_forward(seed: int, scale: str, factor: Callable, variance: Callable) -> Evidence:
    """Forward pass of a linear MLP (no activation): the slides' Xavier setting."""
    return second_moment_factors(seed, scale, "linear", "forward", factor, variance)
