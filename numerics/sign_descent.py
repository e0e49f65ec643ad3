"""Adam with beta1 = beta2 = 0 (optax's reference implementation) on an anisotropic quadratic: the
steps against -alpha direction(gradient), and the 2-cycle it ends in.

The quadratic L(theta) = 1/2 sum_j lambda_j (theta_j - theta*_j)^2 has curvatures 100 and 1, the
situation the notes describe: plain gradient descent is dominated by the steep coordinate, the
normalised step moves both coordinates by alpha. The start is drawn from the seed; it plays no
part in the rule, only in where the cycle sits.
"""
from __future__ import annotations

import functools

import jax
import jax.numpy as jnp
import numpy as np

from checks import Evidence
from numerics._analysis import U

jax.config.update("jax_enable_x64", True)

CURVATURES = (100.0, 1.0)
MINIMUM = (1.0, -2.0)
ALPHA = 0.1
EPSILON = 1e-19          # the notes' listing: e = 10e-20
STEPS = {"small": 120, "large": 4000}
TAIL = 10                # the last steps, where the 2-cycle is checked


def _optax():
    """optax, imported only where the reference optimiser runs."""
    import optax

    return optax


def gradient(theta: np.ndarray) -> np.ndarray:
    return np.asarray(CURVATURES) * (theta - np.asarray(MINIMUM))


@functools.partial(jax.jit, static_argnums=1)
def _adam_trajectory(theta0, steps):
    """theta_0 .. theta_steps of optax.adam(alpha, b1 = 0, b2 = 0, eps = EPSILON)."""
    optax = _optax()
    opt = optax.adam(learning_rate=ALPHA, b1=0.0, b2=0.0, eps=EPSILON)
    lam, star = jnp.asarray(CURVATURES), jnp.asarray(MINIMUM)

    def body(carry, _):
        theta, state = carry
        updates, state = opt.update(lam * (theta - star), state, theta)
        theta = optax.apply_updates(theta, updates)
        return (theta, state), theta

    _, path = jax.lax.scan(body, (theta0, opt.init(theta0)), None, length=steps)
    return jnp.concatenate([theta0[None], path])


@functools.lru_cache(maxsize=8)
def trajectory(seed: int, scale: str) -> np.ndarray:
    rng = np.random.default_rng(seed)
    offset = rng.uniform(2.0, 4.0, 2) * rng.choice([-1.0, 1.0], 2)
    theta0 = np.asarray(MINIMUM) + offset
    return np.asarray(_adam_trajectory(jnp.asarray(theta0), STEPS[scale]))


def sign_descent_against_optax(seed: int, scale: str, direction) -> Evidence:
    """``direction(g)``: the claimed update direction per coordinate (the step is -alpha direction(g)).

    Pass rule, both of:
    (a) every step of optax's Adam with beta1 = beta2 = 0 equals -alpha direction(g_t), g_t the
        gradient at the iterate it starts from, within alpha (eps/|g_t| + 8u) + 8u |theta_t|: optax
        computes g/(sqrt(g^2) + eps), whose distance from sign(g) is at most eps/|g| plus a few
        rounding errors of size u, and the subtraction from theta rounds once more;
    (b) over the last 10 steps each coordinate is in a 2-cycle: theta_{t+2} = theta_t within
        16u max|theta|, the two points on opposite sides of theta*, each at distance < alpha, the larger
        >= alpha/2 (the iterates do not converge)."""
    path = trajectory(seed, scale)
    theta, steps = path[:-1], np.diff(path, axis=0)
    grads = np.apply_along_axis(gradient, 1, theta)
    with np.errstate(all="ignore"):
        predicted = -ALPHA * np.asarray(direction(grads), dtype=float) * np.ones_like(grads)
        bound = ALPHA * (EPSILON / np.abs(grads) + 8 * U) + 8 * U * np.abs(theta)
        step_ratio = np.abs(steps - predicted) / bound
    worst_step = float(np.nanmax(np.where(np.isfinite(step_ratio), step_ratio, np.inf)))
    steps_ok = worst_step <= 1.0

    dist = path[-TAIL:] - np.asarray(MINIMUM)                       # (TAIL, 2)
    period_two = float(np.max(np.abs(dist[2:] - dist[:-2])))
    straddles = bool(np.all(dist[1:] * dist[:-1] < 0))
    within = bool(np.all(np.abs(dist) < ALPHA))
    spread = np.max(np.abs(dist[-2:]), axis=0)                      # per coordinate, the farther point of the cycle
    cycle_ok = (period_two <= 16 * U * float(np.max(np.abs(path[-TAIL:])))
                and straddles and within and bool(np.all(spread >= ALPHA / 2)))

    figure = {"kind": "line", "x": list(range(path.shape[0])),
              "series": {"theta_1 - theta*_1 (curvature 100)": (path[:, 0] - MINIMUM[0]).tolist(),
                         "theta_2 - theta*_2 (curvature 1)": (path[:, 1] - MINIMUM[1]).tolist()},
              "xlabel": "step", "ylabel": "distance to the minimum",
              "title": "Adam with beta1 = beta2 = 0: constant steps of alpha, then a 2-cycle"}
    return Evidence(steps_ok and cycle_ok,
                    {"worst step gap / bound": worst_step, "|steps| in the first 10 (coordinate 1)": np.abs(steps[:10, 0]).round(12).tolist(),
                     "cycle distances (last two)": dist[-2:].tolist(), "period-2 gap": period_two},
                    {"|steps|": ALPHA, "cycle": "period 2, straddling theta*, distances in (0, alpha)"},
                    f"(a) every step within alpha (eps/|g| + 8u) + 8u|theta| of -alpha direction(g) (worst ratio "
                    f"{worst_step:.3g}); (b) the last {TAIL} steps a 2-cycle straddling theta*, distances in (0, alpha), "
                    f"the larger >= alpha/2",
                    detail=f"alpha = {ALPHA}, eps = {EPSILON}, curvatures {CURVATURES}, {STEPS[scale]} steps; "
                           f"(a) {'holds' if steps_ok else 'fails'}, (b) {'holds' if cycle_ok else 'fails'}",
                    figure=figure)
