"""The GAN discriminator's objective against the binary cross-entropy of a real-vs-fake classifier: a
logistic discriminator D(x) = sigmoid(a . x + b) on real and generated points, value and gradient in
(a, b) by JAX autodiff. The two are computed from different data layouts: the objective pairs the
i-th real with the i-th generated point, the cross-entropy runs over the 2n labelled examples."""
from __future__ import annotations

import functools

import jax
import jax.numpy as jnp
import numpy as np

from checks import Evidence
from numerics._analysis import U

jax.config.update("jax_enable_x64", True)

SAMPLES = {"small": 256, "large": 65536}


def objective(params, real, fake):
    """(1/n) sum_i [log D(x_i) + log(1 - D(G(z_i)))], written with log-sigmoids (log(1 - sigmoid(t)) = log sigmoid(-t))."""
    a, b = params
    return jnp.mean(jax.nn.log_sigmoid(real @ a + b) + jax.nn.log_sigmoid(-(fake @ a + b)))


def mean_cross_entropy(params, real, fake):
    """-y log yhat - (1 - y) log(1 - yhat), yhat = D(x), averaged over the 2n examples labelled real = 1,
    fake = 0 (log yhat = log_sigmoid(t), log(1 - yhat) = log_sigmoid(-t) for the logit t)."""
    a, b = params
    logits = jnp.concatenate([real @ a + b, fake @ a + b])
    labels = jnp.concatenate([jnp.ones(real.shape[0]), jnp.zeros(fake.shape[0])])
    return jnp.mean(-labels * jax.nn.log_sigmoid(logits) - (1 - labels) * jax.nn.log_sigmoid(-logits))


@jax.jit
def _both(params, real, fake):
    return jax.value_and_grad(objective)(params, real, fake), jax.value_and_grad(mean_cross_entropy)(params, real, fake)


@functools.lru_cache(maxsize=8)
def values(seed: int, scale: str):
    rng = np.random.default_rng(seed)
    n = SAMPLES[scale]
    real = rng.normal([1.0, -0.5], 1.0, (n, 2))
    fake = rng.normal([-0.5, 0.8], 1.3, (n, 2))
    params = (rng.normal(0.0, 1.0, 2), rng.normal(0.0, 1.0, ()))    # NumPy in: jit converts, no extra programs
    (j, gj), (c, gc) = _both(params, real, fake)
    flat = lambda g: np.concatenate([np.asarray(g[0]).ravel(), np.atleast_1d(np.asarray(g[1]))])  # noqa: E731
    return float(j), flat(gj), float(c), flat(gc)


def objective_against_cross_entropy(seed: int, scale: str, factor) -> Evidence:
    """``factor``: the claimed c in J = c x (mean cross-entropy).

    Pass rule: |J - c C| <= 64 u (1 + |J|) and max |grad J - c grad C| <= 64 u (1 + max |grad J|): both
    sides are a mean of the same log-sigmoids up to sign and ordering, a few dozen roundings of O(1)
    numbers each."""
    j, gj, c, gc = values(seed, scale)
    value_gap = abs(j - factor * c)
    grad_gap = float(np.max(np.abs(gj - factor * gc)))
    ok = value_gap <= 64 * U * (1 + abs(j)) and grad_gap <= 64 * U * (1 + float(np.max(np.abs(gj))))
    return Evidence(ok, {"J": j, "J / mean BCE": j / c, "max |grad J - factor grad BCE|": grad_gap},
                    {"J / mean BCE": factor},
                    "value and gradient within 64 u (1 + |.|) of factor x the mean binary cross-entropy over the 2n labelled examples",
                    detail=f"{SAMPLES[scale]} real and {SAMPLES[scale]} generated points, logistic discriminator")
