"""The equivariance error of the layer sigma(Theta x) (sigmoid, float64) for weight matrices from a
claimed family, and for matrices off it.

For each Theta, random permutations Pi and inputs x (vmapped), the error is
|sigma(Theta Pi x) - Pi sigma(Theta x)| entrywise. For a Theta that commutes with Pi both sides
are the same exact number, so the computed difference is round-off only, and bounded by

    bound_i = (1/4) gamma_M ((|Theta| |Pi x|)_i + (|Theta| |x|)_{pi(i)}) + 2 c_sigma u,

where gamma_M = M u / (1 - M u) bounds a length-M dot product in any summation order
(|fl(Theta y) - Theta y| <= gamma_M |Theta| |y|, Higham, Accuracy and Stability, Thm 3.5),
1/4 is the sigmoid's Lipschitz constant, and c_sigma u = 4u bounds the absolute error of one
sigmoid evaluation (|sigma| <= 1: an exp, an add and a divide). Permuting is exact (a gather).
The pass rule needs the error below the bound for every Theta of the family, and above it (so
provably not round-off) for every Theta off the family.
"""
from __future__ import annotations

import functools

import jax
import jax.numpy as jnp
import numpy as np
import sympy as sp

from checks import Evidence
from numerics._analysis import U

C_SIGMA = 4.0                              # one sigmoid evaluation: absolute error <= 4u
LIPSCHITZ = 0.25                           # max of sigma' for the sigmoid
PERTURBATION = 1e-6                        # relative size of the off-family perturbation
SIZES = {"small": (48, 16, 8), "large": (4_096, 64, 32)}  # matrices per group, (Pi, x) per matrix, M


def layer(theta, x):
    """f_Theta(x) = sigma(Theta x) (001:332, 002:1555), sigma the sigmoid."""
    return jax.nn.sigmoid(theta @ x)


def _one(theta, perm, x):
    """Error and round-off bound for one Theta, one permutation (as an index array) and one x."""
    m = x.shape[0]
    gamma_m = m * U / (1 - m * U)
    err = jnp.abs(layer(theta, x[perm]) - layer(theta, x)[perm])
    a = jnp.abs(theta)
    bound = LIPSCHITZ * gamma_m * (a @ jnp.abs(x[perm]) + (a @ jnp.abs(x))[perm]) + 2 * C_SIGMA * U
    return err, bound


# vmapped over the (Pi, x) of one Theta, then over the Thetas
_errors = jax.jit(jax.vmap(jax.vmap(_one, in_axes=(None, 0, 0)), in_axes=(0, 0, 0)))


@functools.lru_cache(maxsize=8)
def draws(seed: int, scale: str):
    """All randomness of one run, from one call to jax.random.normal with PRNGKey(seed):
    family parameters, inputs x, permutations (argsort of iid normals: uniform on S_M), a random
    Theta per draw and a perturbation direction per draw."""
    k, r, m = SIZES[scale]
    shapes = {"params": (k, m), "x": (k, r, m), "perm_keys": (k, r, m), "random": (k, m, m), "direction": (k, m, m)}
    sizes = [int(np.prod(s)) for s in shapes.values()]
    z = np.asarray(jax.random.normal(jax.random.PRNGKey(seed), (sum(sizes),)))
    parts = np.split(z, np.cumsum(sizes)[:-1])
    out = {name: part.reshape(shape) for (name, shape), part in zip(shapes.items(), parts)}
    out["perms"] = np.argsort(out.pop("perm_keys"), axis=-1)
    return out


@functools.lru_cache(maxsize=16)
def family_basis(family, m: int) -> np.ndarray:
    """The matrices multiplying each parameter of a linear SymPy family, shape (params, M, M)."""
    mat = family(m)
    params = sorted(mat.free_symbols, key=str)
    if mat.subs({p: 0 for p in params}) != sp.zeros(m, m):
        raise ValueError(f"{getattr(family, '__name__', family)} is not linear in its parameters")
    return np.array([np.array(mat.diff(p).tolist(), dtype=float) for p in params])


def matrices(seed: int, scale: str, family):
    """Three groups of Thetas: the family (random parameters), random Gaussian matrices, and the
    family plus a perturbation of relative Frobenius size 1e-6 orthogonal to the family's span."""
    d = draws(seed, scale)
    k, _, m = SIZES[scale]
    basis = family_basis(family, m)
    on = np.einsum("kp,pij->kij", d["params"][:, : len(basis)], basis)
    q, _ = np.linalg.qr(basis.reshape(len(basis), -1).T)          # orthonormal basis of the span
    g = d["direction"].reshape(k, -1)
    g = g - (g @ q) @ q.T
    g /= np.linalg.norm(g, axis=1, keepdims=True)
    off = on + PERTURBATION * np.linalg.norm(on.reshape(k, -1), axis=1)[:, None, None] * g.reshape(k, m, m)
    return {"family": on, "random": d["random"], "perturbed": off}


def _ratios(thetas: np.ndarray, d) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    err, bound = _errors(jnp.asarray(thetas), jnp.asarray(d["perms"]), jnp.asarray(d["x"]))
    err, bound = np.asarray(err), np.asarray(bound)
    return err, bound, (err / bound).reshape(len(thetas), -1).max(axis=1)


def equivariance_error(seed: int, scale: str, family) -> Evidence:
    """``family``: M -> SymPy matrix, linear in its parameters, claimed to make sigma(Theta x)
    equivariant. Pass: every Theta of the family has error <= bound on all its (Pi, x), and every
    Theta off it (random, or perturbed by 1e-6) has error > bound on at least one."""
    d = draws(seed, scale)
    k, r, m = SIZES[scale]
    groups = matrices(seed, scale, family)
    res = {name: _ratios(th, d) for name, th in groups.items()}
    err_on, _, ratio_on = res["family"]
    in_units = float(err_on.max() / U)
    worst_on = float(ratio_on.max())
    least_random, least_perturbed = float(res["random"][2].min()), float(res["perturbed"][2].min())
    passed = worst_on <= 1.0 and least_random > 1.0 and least_perturbed > 1.0
    name = getattr(family, "__name__", str(family))
    return Evidence(
        passed,
        {"family: max error": float(err_on.max()),
         "family: max error / u": in_units,
         "family: worst error / bound": worst_on,
         "random Theta: smallest max error / bound": least_random,
         "perturbed Theta: smallest max error / bound": least_perturbed,
         "perturbed Theta: smallest max error": float(res["perturbed"][0].reshape(k, -1).max(axis=1).min())},
        {"family": f"{name}: {sp.sstr(family(3).tolist())} at M = 3",
         "family: error / bound": "<= 1 (round-off)", "off the family: error / bound": "> 1 for every Theta"},
        f"sigmoid layer, M = {m}, {k} Thetas per group, {r} random (Pi, x) each: error <= (1/4) gamma_M "
        f"(|Theta||Pi x| + Pi |Theta||x|) + 8u on the family (worst ratio {worst_on:.3g}); above it for every random "
        f"Theta (least ratio {least_random:.3g}) and every family member perturbed by {PERTURBATION:g} "
        f"(least ratio {least_perturbed:.3g})",
        detail=f"error on the family at most {in_units:.3g} u (u = 2^-53)")
