"""Experiments for 'Equivariance and learned weights' (slides 002:1505-1535).

The network is one hidden layer, f_W(x) = v^T sigma(W x) = sum_k v_k sigma(<w_k, x>), with
sigma(z) = z + z^2/2, fixed output weights v and the squared loss l(f, y) = (f - y)^2 / 2. The
augmented loss (the slides' eq. (5)) averages over the augmented samples g_j x_i:
L_a(W) = (1/Q) sum_i sum_j l(f_W(g_j x_i), y_i), Q the number of terms. A group element acts on the
weights row by row, g W = W g^T (so <g w_k, x> = <w_k, g^T x>), and on a gradient the same way.

1. ``gradient_equivariance`` (Theorem 1): grad L_a(g W) = g grad L_a(W) for every g of the dihedral
   group of R^6 (cyclic shifts and flips), to a float64 round-off bound.
2. ``symmetric_descent`` (Corollary 1): gradient descent on the full-orbit augmented loss from
   symmetric weights (g W_0 = W_0) stays on the fixed subspace to round-off; from generic weights,
   or on data that is not closed under the group, it leaves it.

Round-off: the gradient is written out (the backward pass of the polynomial network) in
:class:`numerics.data_augmentation.Rounded` arithmetic, which carries a rigorous running bound
gamma_k m; permutation matrices act exactly. The tests check the written-out gradient against
``jax.grad``.
"""
from __future__ import annotations

import functools
from collections.abc import Callable

import jax
import jax.numpy as jnp
import numpy as np

from checks import Evidence
from numerics._analysis import U, gamma
from numerics.data_augmentation import Rounded, _xp, activation, activation_slope, contract

jax.config.update("jax_enable_x64", True)

DIM = 6        # input dimension; hidden units
HIDDEN = 3


# ---------------------------------------------------------------------------------------------
# Groups, as stacks of d x d matrices
# ---------------------------------------------------------------------------------------------
def shift(d: int, s: int = 1) -> np.ndarray:
    """P^s with (P x)_i = x_{i+1 mod d}."""
    return np.roll(np.eye(d), s, axis=1)


def flip(d: int) -> np.ndarray:
    """(R x)_i = x_{d-1-i}."""
    return np.eye(d)[::-1].copy()


def cyclic_group(d: int) -> np.ndarray:
    return np.stack([shift(d, s) for s in range(d)])


def reversal_group(d: int) -> np.ndarray:
    return np.stack([np.eye(d), flip(d)])


def dihedral_group(d: int) -> np.ndarray:
    """Cyclic shifts and their compositions with the flip: 2d permutation matrices."""
    return np.concatenate([cyclic_group(d), cyclic_group(d) @ flip(d)])


def conjugated_dihedral_group(d: int) -> np.ndarray:
    """S g S^{-1} for g in the dihedral group, S = I + e_1 e_2^T: a group of integer matrices (the same
    multiplication table) that are not orthogonal."""
    s = np.eye(d)
    s[0, 1] = 1.0
    s_inv = np.eye(d)
    s_inv[0, 1] = -1.0
    return np.stack([s @ g @ s_inv for g in dihedral_group(d)])


def is_permutation(g: np.ndarray) -> bool:
    return bool(np.all((g == 0) | (g == 1)) and np.all(g.sum(axis=-1) == 1) and np.all(g.sum(axis=-2) == 1))


def fixed_point(group: np.ndarray, members: np.ndarray, v: np.ndarray) -> np.ndarray:
    """An exactly symmetric W (g W = W for the members of a permutation group): each column takes
    the value of the smallest index in its orbit (averaging would round differently per entry)."""
    images = np.argmax(group[members.astype(bool)], axis=-1)   # (g W)_{k, m} = W_{k, images[g, m]}
    return v[:, images.min(axis=0)]                             # the orbit of m is images[:, m]


# ---------------------------------------------------------------------------------------------
# The augmented loss and its gradient
# ---------------------------------------------------------------------------------------------
def augmented_samples(xs: np.ndarray, ys: np.ndarray, group: np.ndarray, mask: np.ndarray):
    """All g_j x_i (shape (R |G|, d)), their labels y_i and weights mask_j (0/1)."""
    samples = np.einsum("jab,ib->ija", group, xs).reshape(-1, xs.shape[-1])
    labels = np.repeat(ys, group.shape[0])
    weights = np.tile(mask, xs.shape[0])
    return samples, labels, weights


def loss_value(w, v, samples, labels, weights):
    """L_a(W) = (1/Q) sum mask l(v^T sigma(W x), y), Q = number of included samples (one instance)."""
    z = samples @ w.T
    f = (z + z * z / 2) @ v
    return jnp.sum(weights * (f - labels) ** 2 / 2) / jnp.sum(weights)


def loss_gradient(w, v, samples, labels, weights) -> Rounded:
    """grad_W L_a = (1/Q) sum_s mask_s (f_s - y_s) (v * sigma'(W x_s)) x_s^T (K x d), with its bound.
    Shapes: w (..., K, d), v (..., K), samples (..., S, d), labels and weights (..., S)."""
    n, d = samples.shape[-2:]
    k = w.shape[-2]
    x = Rounded.exact(samples)
    vv = Rounded.exact(v)
    z = contract("...sd,...kd->...sk", x, Rounded.exact(w), d)
    f = contract("...sk,...k->...s", activation(z), vv, k)
    residual = (f - Rounded.exact(labels)) * Rounded.exact(weights)
    coeff = residual[..., None] * (vv[..., None, :] * activation_slope(z))
    summed = contract("...sk,...sd->...kd", coeff, x, n)
    inv_q = 1.0 / _xp(weights).sum(weights, axis=-1)[..., None, None]   # Q is an exact integer; 1/Q is rounded once
    return summed * Rounded(inv_q, abs(inv_q), 1)


def loss_hessian(w, v, samples, labels, weights) -> np.ndarray:
    """d^2 L_a / dW dW as a (..., K d, K d) array: (1/Q) sum_s mask_s (a_k a_l + r_s v_k delta_kl) x_d x_e,
    a = v * sigma'(W x_s), r_s = f_s - y_s (sigma'' = 1)."""
    z = np.einsum("...sd,...kd->...sk", samples, w)
    r = ((z + z * z / 2) @ v[..., :, None])[..., 0] - labels
    a = v[..., None, :] * (1 + z)
    m = weights / np.sum(weights, axis=-1, keepdims=True)
    outer = np.einsum("...sk,...sl->...skl", a, a) + (r[..., None, None] * np.eye(w.shape[-2])) * v[..., None, :, None]
    h = np.einsum("...s,...skl,...sd,...se->...kdle", m, outer, samples, samples)
    n_par = w.shape[-2] * w.shape[-1]
    return h.reshape(*h.shape[:-4], n_par, n_par)


# ---------------------------------------------------------------------------------------------
# 1. Theorem 1: the gradient of the augmented loss is equivariant
# ---------------------------------------------------------------------------------------------
EQUIVARIANCE_SIZES = {"small": (4, 16), "large": (16, 256)}   # base points R, random (W, v, data)


def _draw(rng: np.random.Generator, trials: int, r: int):
    ws = rng.standard_normal((trials, HIDDEN, DIM)) * 0.5 / np.sqrt(DIM)
    vs = rng.standard_normal((trials, HIDDEN)) / np.sqrt(HIDDEN)
    xs = rng.standard_normal((trials, r, DIM))
    ys = rng.standard_normal((trials, r))
    return ws, vs, xs, ys


@jax.jit
def _gradient_values(ws, vs, samples, labels, weights):
    return loss_gradient(ws, vs, samples, labels, weights).value


GROUPS = {"dihedral": dihedral_group, "conjugated dihedral": conjugated_dihedral_group}


@functools.lru_cache(maxsize=16)
def _equivariance_run(seed: int, scale: str, group_name: str, included: tuple[int, ...]):
    """grad L_a at g W for every instance and g (T, |G|, K, d) with bounds, then at W (T, K, d) with bounds."""
    r, trials = EQUIVARIANCE_SIZES[scale]
    group = GROUPS[group_name](DIM)
    mask = np.zeros(len(group))
    mask[list(included)] = 1.0
    ws, vs, xs, ys = _draw(np.random.default_rng(seed), trials, r)
    batch = [augmented_samples(x, y, group, mask) for x, y in zip(xs, ys)]
    samples, labels, weights = (np.stack(part)[:, None] for part in zip(*batch))   # (T, 1, S, ...)
    moved = np.concatenate([ws[:, None], np.einsum("tkd,jed->tjke", ws, group)], axis=1)   # g W = W g^T
    vs = vs[:, None]
    grads = np.asarray(_gradient_values(*map(jnp.asarray, (moved, vs, samples, labels, weights))))
    bounds = loss_gradient(moved, vs, samples, labels, weights).bound()
    return group, (grads[:, 1:], bounds[:, 1:], grads[:, 0], bounds[:, 0])


def gradient_equivariance(seed: int, scale: str, predict: Callable, augmentation: Callable, group: str) -> Evidence:
    """Pass when |grad L_a(g W) - predict(g, grad L_a(W))| <= bound entrywise for every random
    instance and every g of the group.

    ``predict(g, G)``: the predicted gradient at g W from the gradient G at W, broadcasting over
    leading axes (Theorem 1: G g^T, i.e. g acting on each row); ``augmentation(n)``: the indices of the n group elements that
    augment the data (all of them: full orbits); ``group``: "dihedral" (shifts and flips, orthogonal)
    or "conjugated dihedral" (the same group conjugated by a non-orthogonal matrix). The bound is the two gradients' running round-off
    bounds (the prediction's through |g|), plus the rounding of applying g when g is not a
    permutation (a permutation moves entries exactly)."""
    r, trials = EQUIVARIANCE_SIZES[scale]
    n = len(GROUPS[group](DIM))
    group_mats, (at_g, at_g_bound, at_w, at_w_bound) = _equivariance_run(seed, scale, group, tuple(sorted(set(augmentation(n)))))
    mats = group_mats[None]                                        # (1, |G|, d, d) against (T, 1, K, d)
    predicted = predict(mats, at_w[:, None])
    bound = at_g_bound + predict(np.abs(mats), at_w_bound[:, None])
    moved_exactly = np.array([is_permutation(g) for g in group_mats])[None, :, None, None]
    bound = bound + np.where(moved_exactly, 0.0, gamma(DIM) * predict(np.abs(mats), np.abs(at_w)[:, None]))
    gap = np.abs(at_g - predicted)
    worst, biggest, scale_grad = float(np.max(gap / bound)), float(gap.max()), float(np.abs(at_w).max())
    return Evidence(
        bool(worst <= 1.0),
        {"max |grad L(gW) - predicted|": biggest, "max |grad L(gW) - predicted| / bound": worst,
         "largest gradient entry": scale_grad},
        {"grad L(gW) - predicted": 0.0, "group": f"{group} ({n} elements)",
         "augmentation": f"{len(set(augmentation(n)))} of {n} elements"},
        f"one hidden layer ({HIDDEN} units, sigma(z) = z + z^2/2, squared loss), R^{DIM}, {r} base points, {trials} "
        f"random (W, v, data), every g of the group: |grad L(gW) - predicted| <= running float64 round-off bound "
        f"(worst ratio {worst:.3g})")


# ---------------------------------------------------------------------------------------------
# 2. Corollary 1: symmetric initialisation + full orbits => symmetric weights at every step
# ---------------------------------------------------------------------------------------------
DESCENT_STEPS = 30
LEARNING_RATE = 1 / 32          # a binary fraction: lr * grad is exact
DESCENT_SIZES = {"small": 4, "large": 64}   # base points R
CONFIGS = (("full", True), ("full", False), ("partial", True), ("none", True))   # (augmentation, symmetric init)
GROUP_ORDER = DIM               # groups padded to this many elements


def _padded(group: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    pad = GROUP_ORDER - len(group)
    return np.concatenate([group, np.repeat(np.eye(DIM)[None], pad, axis=0)]), np.r_[np.ones(len(group)), np.zeros(pad)]


DESCENT_GROUPS = {
    "cyclic shifts": (cyclic_group(DIM), (0, 1)),        # partial: the identity and one shift
    "flip": (reversal_group(DIM), (0,)),                 # partial: no augmentation
}


def _distance(w, group, members):
    """|W - Pi W|_F, Pi W = (1/|G|) sum_g g W: the distance to the fixed subspace (Pi is the
    orthogonal projection, the group being orthogonal); and Pi |W| for its rounding."""
    avg = np.einsum("...j,...kd,...jed->...ke", members, w, group) / np.sum(members, axis=-1)[..., None, None]
    avg_abs = np.einsum("...j,...kd,...jed->...ke", members, np.abs(w), group) / np.sum(members, axis=-1)[..., None, None]
    return np.linalg.norm(w - avg, axis=(-2, -1)), np.linalg.norm(avg_abs, axis=(-2, -1))


@jax.jit
def _descend(w0, v, samples, labels, weights):
    """DESCENT_STEPS gradient steps W <- W - lr grad L_a(W) for each run: the iterates W_1..W_T."""
    def step(w, _):
        w_next = w - LEARNING_RATE * loss_gradient(w, v, samples, labels, weights).value
        return w_next, w_next

    return jax.lax.scan(step, w0, None, length=DESCENT_STEPS)[1]


def _thresholds(iterates, w0, v, samples, labels, weights, group, members):
    """What round-off alone can make of the distance to the fixed subspace after each step:
    e_{t+1} = (1 + lr |H(W_t)|_F) e_t + lr |B_t|_F + u |W_{t+1}|_F, e_0 = 0 (first order: the exact
    map is equivariant, keeps the fixed subspace, and its derivative there is I - lr H, of norm at
    most 1 + lr |H|_F; B_t is the gradient's entrywise round-off bound, u |W_{t+1}| the rounding of
    the subtraction; lr g is exact), plus the rounding of the distance itself (an average of |G|
    exact permutations, a subtraction, a norm)."""
    before = np.concatenate([w0[None], iterates[:-1]])                  # W_0 .. W_{T-1}
    grad_bound = np.linalg.norm(loss_gradient(before, v, samples, labels, weights).bound(), axis=(-2, -1))
    hess = np.linalg.norm(loss_hessian(before, v, samples, labels, weights), axis=(-2, -1))
    size = np.linalg.norm(iterates, axis=(-2, -1))
    dist, avg_abs = _distance(iterates, group, members)
    e, thresholds = np.zeros(iterates.shape[1:-2]), []
    for t in range(DESCENT_STEPS):
        e = (1 + LEARNING_RATE * hess[t]) * e + LEARNING_RATE * grad_bound[t] + U * size[t]
        slack = gamma(GROUP_ORDER + 1) * avg_abs[t] + U * size[t]
        thresholds.append((e + slack) * (1 + gamma(w0.shape[-1] * w0.shape[-2] + 2)))
    return dist, np.stack(thresholds)


@functools.lru_cache(maxsize=8)
def _descent_runs(seed: int, scale: str):
    """Every (group, configuration): the distances and thresholds along the run."""
    r = DESCENT_SIZES[scale]
    rng = np.random.default_rng(seed)
    keys, runs = [], []
    for name, (group, partial) in DESCENT_GROUPS.items():
        padded, members = _padded(group)
        x = rng.standard_normal((r, DIM))
        y = rng.standard_normal(r)
        v = rng.standard_normal(HIDDEN) / np.sqrt(HIDDEN)
        generic = rng.standard_normal((HIDDEN, DIM)) * 0.5 / np.sqrt(DIM)
        symmetric = fixed_point(padded, members, generic)
        for aug, sym in CONFIGS:
            mask = {"full": members, "partial": np.isin(np.arange(GROUP_ORDER), partial).astype(float),
                    "none": (np.arange(GROUP_ORDER) == 0).astype(float)}[aug]
            samples, labels, weights = augmented_samples(x, y, padded, mask)
            keys.append((name, aug, sym))
            runs.append((symmetric if sym else generic, v, samples, labels, weights, padded, members))
    w0, v, samples, labels, weights, group, members = (np.stack(part) for part in zip(*runs))
    iterates = np.asarray(_descend(*map(jnp.asarray, (w0, v, samples, labels, weights))))   # (T, runs, K, d)
    dist, thr = _thresholds(iterates, w0, v, samples, labels, weights, group, members)
    return {key: (dist[:, i], thr[:, i]) for i, key in enumerate(keys)}


def symmetric_descent(seed: int, scale: str, predicted_symmetric: Callable[[bool, bool], bool]) -> Evidence:
    """Pass when, for every group and configuration, the weights after DESCENT_STEPS steps are on the
    fixed subspace (distance <= the round-off threshold) exactly when ``predicted_symmetric(full
    orbits, symmetric init)`` says so. Corollary 1: full orbits and a symmetric init."""
    runs = _descent_runs(seed, scale)
    mismatches, kept, left = [], 0.0, np.inf
    for (name, aug, sym), (dist, thr) in runs.items():
        measured = bool(dist[-1] <= thr[-1])
        if measured != bool(predicted_symmetric(aug == "full", sym)):
            mismatches.append(f"{name}, {aug} augmentation, {'symmetric' if sym else 'generic'} init: "
                              f"distance {dist[-1]:.3g} vs threshold {thr[-1]:.3g}")
        if measured:
            kept = max(kept, float(np.max(dist / thr)))
        else:
            left = min(left, float(dist[-1] / thr[-1]))
    steps = list(range(1, DESCENT_STEPS + 1))
    series = {f"{aug} orbit, {'symmetric' if sym else 'generic'} init": runs[("cyclic shifts", aug, sym)][0].tolist()
              for aug, sym in CONFIGS}
    series["round-off threshold (full orbit, symmetric init)"] = runs[("cyclic shifts", "full", True)][1].tolist()
    figure = {"kind": "semilogy", "x": steps, "series": series, "xlabel": "gradient-descent step",
              "ylabel": "|W - Pi W|_F (distance to the symmetric weights)",
              "title": "Cyclic-shift augmentation: do the learned weights stay symmetric?"}
    table = {f"{n}, {a}, {'sym' if s else 'generic'}": bool(d[-1] <= t[-1]) for (n, a, s), (d, t) in runs.items()}
    return Evidence(
        not mismatches,
        {"symmetric after training": table, "worst distance / threshold where symmetric": kept,
         "smallest distance / threshold where not": left},
        {"symmetric after training": {f"{n}, {a}, {'sym' if s else 'generic'}": bool(predicted_symmetric(a == "full", s))
                                      for (n, a, s) in runs}},
        f"{DESCENT_STEPS} gradient steps (lr {LEARNING_RATE}) for cyclic shifts and the flip of R^{DIM}, "
        f"{HIDDEN} hidden units: symmetric means |W_T - Pi W_T|_F <= the propagated round-off bound "
        f"(first order, 1 + lr |H|_F per step from the Hessian); the prediction must match in every "
        f"configuration{'; mismatches: ' + '; '.join(mismatches) if mismatches else ''}",
        figure=figure)
