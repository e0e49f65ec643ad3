"""The optimisers of 003 chapter 1 (SGD, momentum, Nesterov, Adam) in JAX, the notes' code
listings re-implemented line by line, and the experiments that confirm the claims in
``derivations/optimizers.py``.

Two kinds of code live here:

- *Harnesses* (``listing_*`` and ``equation_*``): plain Python that runs one update rule on scalar
  parameters. They only use ``+ - * /`` and a ``sqrt`` handed in, so the same function runs on
  SymPy symbols (the claims compare two steps of a listing with two steps of its equations
  exactly) and on floats (the tests).
- *Experiments*: minibatch linear regression in float64 with ``lax.scan``; each one simulates
  once per (seed, scale) and then applies its pass rule to the hypothesis, so that a mutant's
  hypothesis is judged on the very same run.
"""
from __future__ import annotations

import functools
import math
from collections.abc import Sequence

import jax
import jax.numpy as jnp
import numpy as np
import sympy as sp

from checks import Evidence
from numerics._analysis import U


def _optax():
    """optax, imported where a reference optimiser is needed: the claims that do not compare with
    it still load and run where optax is missing (it is not among the package's dependencies)."""
    import optax

    return optax


def _symbols(expr, *names):
    """The symbols of ``expr`` with these names (whatever their assumptions), or fresh ones for
    names it does not use, in the order given: the argument list for lambdify."""
    own = {s.name: s for s in sp.sympify(expr).free_symbols}
    return [own.get(name, sp.Symbol(name)) for name in names]


# ---------------------------------------------------------------------------------------------
# Harnesses. A "row" is one data point (x_i, y_i) of a one-feature regression through the
# origin, so the per-point loss L_i[w] = (y_i - x_i w)^2 is a 1-D quadratic in w.
# ---------------------------------------------------------------------------------------------
Row = tuple  # (x_i, y_i)


def batch_gradient(w, rows: Sequence[Row]):
    """Step 2 of the SGD box (003:81): sum over the batch of dL_i/dw = -2 (y_i - x_i w) x_i."""
    return sum(2 * x * (x * w - y) for x, y in rows)


def listing_gradient(w, rows: Sequence[Row]):
    """The listings' gradient, ``1/n * (2*truncatedX.T)@(truncatedX@w - truncatedy)`` (003:152).
    ``n`` is never defined in the listing; it is read as the batch size, as the Adam listing
    writes it (``1/batchsize``, 003:481)."""
    n = len(rows)
    exact = any(isinstance(v, sp.Basic) for v in (w, *(c for r in rows for c in r)))
    return (sp.Rational(1, n) if exact else 1 / n) * sum(2 * x * (x * w - y) for x, y in rows)


def listing_sgd(w, batches: Sequence[Sequence[Row]], alpha):
    """The SGD listing (003:152-154): ``grad = 1/n * ...; w += -alpha * grad``. Returns the iterates."""
    out = []
    for rows in batches:
        grad = listing_gradient(w, rows)
        w = w + (-alpha * grad)
        out.append(w)
    return out


def equation_sgd(w, batches: Sequence[Sequence[Row]], alpha):
    """Steps 2-3 of the SGD box (003:81-83): theta_{t+1} = theta_t - alpha sum_{i in B_t} dL_i/dtheta."""
    out = []
    for rows in batches:
        w = w - alpha * batch_gradient(w, rows)
        out.append(w)
    return out


def listing_momentum(w, batches, alpha, beta, m=1):
    """The momentum listing: ``m = np.ones(...)`` (003:236), then per batch
    ``m = beta * m + (1-beta)*grad; w += -alpha * m`` (003:279-280).
    Returns (iterates, momenta, gradients)."""
    ws, ms, gs = [], [], []
    for rows in batches:
        grad = listing_gradient(w, rows)
        m = beta * m + (1 - beta) * grad
        w = w + (-alpha * m)
        ws.append(w)
        ms.append(m)
        gs.append(grad)
    return ws, ms, gs


def equation_momentum(w, batches, alpha, beta, m=0, look_ahead=0):
    """(1.3) with m_{t+1} the bracket (003:185, 197), or (1.5) when ``look_ahead`` is c: the batch
    gradient is taken at theta_t + c alpha m_t (the notes write c = 1, 003:302).
    Returns (iterates, momenta, gradients)."""
    ws, ms, gs = [], [], []
    for rows in batches:
        g = batch_gradient(w + look_ahead * alpha * m, rows)
        m = beta * m + (1 - beta) * g
        w = w - alpha * m
        ws.append(w)
        ms.append(m)
        gs.append(g)
    return ws, ms, gs


def listing_nesterov(w, batches, alpha, beta, m=1, look_ahead=1):
    """The Nesterov listing: ``m = np.ones(...)`` (003:318), the gradient at ``w+alpha*m``
    (003:338), then the momentum update (003:347-348). ``look_ahead`` = c puts the gradient at
    ``w + c*alpha*m`` instead (the listing has c = 1). Returns the iterates."""
    ws = []
    for rows in batches:
        grad = listing_gradient(w + look_ahead * alpha * m, rows)
        m = beta * m + (1 - beta) * grad
        w = w + (-alpha * m)
        ws.append(w)
    return ws


def listing_adam(w, batches, alpha, beta, gamma, e, sqrt, use_corrected=False):
    """The Adam listing (003:449-496): m = v = 0, t = 1; per batch the moments (003:485-486),
    ``vhat``/``mhat`` (003:487-488) and ``w += -alpha * m/(np.sqrt(v)+e)`` (003:490).
    ``use_corrected`` swaps in ``mhat/(np.sqrt(vhat)+e)``. Returns the iterates."""
    m, v, t = 0, 0, 1
    ws = []
    for rows in batches:
        grad = listing_gradient(w, rows)
        m = beta * m + (1 - beta) * grad
        v = gamma * v + (1 - gamma) * grad**2
        vhat = v / (1 - gamma**t)
        mhat = m / (1 - beta**t)
        w = w + (-alpha * (mhat / (sqrt(vhat) + e) if use_corrected else m / (sqrt(v) + e)))
        ws.append(w)
        t += 1
    return ws


def equation_adam(w, batches, alpha, beta, gamma, eps, sqrt, shift=1):
    """(1.6)-(1.8) with the bias correction (1.10)-(1.12): at the step that makes m_{t+1}
    (t = 0, 1, ...) divide by 1 - beta^(t + shift). The notes write shift = 0 (003:426)."""
    m, v = 0, 0
    ws = []
    for t, rows in enumerate(batches):
        g = batch_gradient(w, rows)
        m = beta * m + (1 - beta) * g
        v = gamma * v + (1 - gamma) * g**2
        m_tilde = m / (1 - beta ** (t + shift))
        v_tilde = v / (1 - gamma ** (t + shift))
        w = w - alpha * m_tilde / (sqrt(v_tilde) + eps)
        ws.append(w)
    return ws


def listing_epoch_rows(num_rows: int = 1000, batchsize: int = 100, step: int = 50) -> tuple[int, int]:
    """The SGD listing's batch bookkeeping (003:139-145): ``for batch in range(int(num_rows/batchsize))``
    with ``batchnumber += 50`` and slices ``[batchnumber-50:batchnumber]``. Returns (batches per
    epoch, distinct rows visited per epoch)."""
    order = list(range(num_rows))  # stands for random_indices: only which positions are sliced matters
    seen, batches, batchnumber = set(), 0, 0
    for _ in range(int(num_rows / batchsize)):
        batchnumber += step
        seen.update(order[int(batchnumber - step):int(batchnumber)])
        batches += 1
    return batches, len(seen)


# ---------------------------------------------------------------------------------------------
# Minibatch linear regression in float64
# ---------------------------------------------------------------------------------------------
SIZES = {  # rows, features, batch size, steps
    "small": (512, 3, 16, 64),
    "large": (65_536, 32, 256, 4_096),
}


@functools.lru_cache(maxsize=8)
def regression_problem(seed: int, scale: str):
    """Features with unequal scales (so the loss is anisotropic, as in the notes' figures), a
    linear target with noise, and a batch schedule as the listings make it: a fresh shuffle of the
    rows each epoch, cut into consecutive batches.

    The draws come from NumPy's PCG64 seeded with the claim's seed: fixed and reproducible like a
    PRNGKey, and free of the threefry kernels whose compilation alone would exceed the claims'
    time budget on a 2-core CPU. All arithmetic after that is JAX float64."""
    rows, dim, batch, steps = SIZES[scale]
    rng = np.random.default_rng(seed)
    x = rng.standard_normal((rows, dim)) * np.linspace(0.5, 2.0, dim)
    y = x @ rng.standard_normal(dim) + 0.5 * rng.standard_normal(rows)
    per_epoch = rows // batch
    epochs = -(-steps // per_epoch)
    order = np.stack([rng.permutation(rows) for _ in range(epochs)])
    idx = order[:, : per_epoch * batch].reshape(epochs * per_epoch, batch)[:steps]
    return jnp.asarray(x), jnp.asarray(y), jnp.asarray(idx)


def _batch_grad(theta, x, y, idx):
    """sum_{i in B} dL_i/dtheta for L_i = (y_i - x_i . theta)^2: 2 X_B^T (X_B theta - y_B)."""
    xb, yb = x[idx], y[idx]
    return 2.0 * xb.T @ (xb @ theta - yb)


def _step_size(x, idx) -> float:
    """A stable step for the summed batch loss: half the inverse of the largest batch curvature
    2 lambda_max(X_B^T X_B), so every optimiser here converges on the problem and round-off is not
    amplified."""
    xb = np.asarray(x)[np.asarray(idx)]
    return 0.5 / float(np.max(np.linalg.eigvalsh(2.0 * np.swapaxes(xb, 1, 2) @ xb)))


# ---- momentum (1.3) and its unrolled form (1.4) ---------------------------------------------
MOMENTUM_BETA = 0.9


@jax.jit
def _momentum_run(x, y, idx, alpha, beta):
    def body(carry, i):
        theta, m = carry
        g = _batch_grad(theta, x, y, i)
        m = beta * m + (1 - beta) * g
        return (theta - alpha * m, m), (g, m)

    dim = x.shape[1]
    _, (grads, moms) = jax.lax.scan(body, (jnp.zeros(dim), jnp.zeros(dim)), idx)
    return grads, moms


@functools.lru_cache(maxsize=8)
def momentum_trajectory(seed: int, scale: str):
    x, y, idx = regression_problem(seed, scale)
    grads, moms = _momentum_run(x, y, idx, _step_size(x, idx), MOMENTUM_BETA)
    return np.asarray(grads), np.asarray(moms)


def momentum_unrolled(seed: int, scale: str, weight) -> Evidence:
    """Run (1.3) from m_0 = 0 on minibatch linear regression, keep every batch gradient g_n and
    every m_{t+1}, and rebuild m_{t+1} as sum_{n<=t} weight(t, n, beta) g_n.

    Pass rule: for every t, |rebuilt - m_{t+1}| <= 4 (t + 2) u sum_n |weight g_n| componentwise,
    the standard bound on the round-off of a (t+1)-term sum and of t+1 recursion steps
    (u = 2^-53). A wrong weight is off by a fraction of |g_n| itself, many orders above that."""
    grads, moms = momentum_trajectory(seed, scale)
    steps = grads.shape[0]
    w = sp.lambdify(_symbols(weight, "t", "n", "beta"), weight, "numpy")
    tt, nn = np.meshgrid(np.arange(steps), np.arange(steps), indexing="ij")
    weights = np.where(nn <= tt, np.broadcast_to(w(tt, nn, MOMENTUM_BETA), tt.shape).astype(float), 0.0)
    rebuilt = weights @ grads
    bound = 4 * (np.arange(steps)[:, None] + 2) * U * (np.abs(weights) @ np.abs(grads))
    excess = np.max(np.abs(rebuilt - moms) / bound)
    worst = float(np.max(np.abs(rebuilt - moms)))
    scale_m = float(np.max(np.abs(moms)))
    last = steps - 1
    figure = {"kind": "line", "x": list(range(steps)),
              "series": {"|m_{t+1}| (recursion)": np.linalg.norm(moms, axis=1).tolist(),
                         "|sum_n w(t,n) g_n|": np.linalg.norm(rebuilt, axis=1).tolist()},
              "xlabel": "t", "ylabel": "norm of the momentum"}
    return Evidence(bool(excess <= 1.0), {"max |rebuilt - m|": worst, "max |m|": scale_m},
                    {"weight(t, n)": str(weight), f"m_{last + 1}[0] rebuilt": float(rebuilt[last, 0])},
                    f"|sum_n w(t,n) g_n - m_(t+1)| <= 4 (t+2) u sum_n |w g_n| for all t < {steps} "
                    f"(worst ratio {excess:.3g})",
                    detail=f"beta = {MOMENTUM_BETA}, m_{last + 1}[0] from the recursion = {moms[last, 0]:.6g}",
                    figure=figure)


# ---- total weight (1.9) ----------------------------------------------------------------------
TOTAL_WEIGHT_BETAS = (0.5, 0.9, 0.99)


@functools.partial(jax.jit, static_argnums=1)
def _ema_of_ones(betas, steps):
    """optax.ema (decay beta, no debiasing) is exactly (1.6); fed the gradient 1 at every step its
    state after t+1 updates is the total weight of the gradients g_0..g_t."""
    def one(beta):
        ema = _optax().ema(decay=beta, debias=False)

        def body(state, _):
            out, state = ema.update(jnp.ones(()), state)
            return state, out

        _, trace = jax.lax.scan(body, ema.init(jnp.zeros(())), None, length=steps)
        return trace

    return jax.vmap(one)(betas)


@functools.lru_cache(maxsize=4)
def total_weight_trace(scale: str):
    steps = 60 if scale == "small" else 2_000
    return np.asarray(_ema_of_ones(jnp.array(TOTAL_WEIGHT_BETAS), steps))


def total_weight(seed: int, scale: str, weight) -> Evidence:
    """The total weight after the update that makes m_{t+1}, measured with optax.ema on a
    gradient of 1 (deterministic: the seed does not enter), against ``weight(beta, t)``.

    Pass rule: |measured - predicted| <= 4 (t + 2) u for every t and beta (t+1 rounded updates of a
    quantity <= 1, plus the rounding of the prediction)."""
    trace = total_weight_trace(scale)
    steps = trace.shape[1]
    f = sp.lambdify(_symbols(weight, "beta", "t"), weight, "numpy")
    tt = np.arange(steps, dtype=float)
    with np.errstate(all="ignore"):
        pred = np.stack([np.broadcast_to(f(b, tt), tt.shape).astype(float) for b in TOTAL_WEIGHT_BETAS])
    err = np.abs(pred - trace)
    bound = 4 * (tt + 2) * U
    ok = bool(np.all(np.isfinite(pred)) and np.all(err <= bound))
    worst = float(np.nanmax(err)) if np.any(np.isfinite(err)) else math.inf
    i, t_bad = np.unravel_index(np.nanargmax(np.where(np.isfinite(err), err, np.inf)), err.shape)
    figure = {"kind": "line", "x": tt.tolist(),
              "series": {"measured, beta = 0.9": trace[1].tolist(), "predicted, beta = 0.9": pred[1].tolist()},
              "xlabel": "t", "ylabel": "total weight of g_0..g_t"}
    return Evidence(ok, {"t=0": trace[:, 0].tolist(), "t=4": trace[:, 4].tolist(), "max error": worst},
                    {"t=0": pred[:, 0].tolist(), "t=4": pred[:, 4].tolist()},
                    f"|measured - predicted| <= 4 (t+2) u for t < {steps}, beta in {TOTAL_WEIGHT_BETAS}",
                    detail=f"largest error at beta = {TOTAL_WEIGHT_BETAS[i]}, t = {t_bad}", figure=figure)


# ---- Adam (1.6)-(1.12) against optax.adam ------------------------------------------------------
ADAM = {"alpha": 0.05, "beta": 0.9, "gamma": 0.999, "epsilon": 1e-8}


@jax.jit
def _adam_runs(x, y, idx, coeffs, m_scale, v_scale):
    """The notes' Adam, its moment updates and bias corrections given as numbers (so that every
    hypothesis shares one compiled program), next to optax.adam on the same batches.

    Mapping: notes' alpha -> learning_rate, beta -> b1, gamma -> b2, epsilon -> eps (both add it
    outside the square root), eps_root = 0; optax's count after the update that makes m_{t+1} is
    t + 1, so its correction 1 - b1^count is 1 - beta^(t+1)."""
    a_m, b_m, a_v, b_v = coeffs
    alpha, eps = ADAM["alpha"], ADAM["epsilon"]
    optax = _optax()
    opt = optax.adam(learning_rate=alpha, b1=ADAM["beta"], b2=ADAM["gamma"], eps=eps, eps_root=0.0)

    def body(carry, inputs):
        theta, m, v, theta_ref, state = carry
        i, cm, cv = inputs
        g = _batch_grad(theta, x, y, i)
        m = a_m * m + b_m * g                         # (1.6)
        v = a_v * v + b_v * g**2                      # (1.7)
        theta = theta - alpha * (m * cm) / (jnp.sqrt(v * cv) + eps)  # (1.10)-(1.12)
        upd, state = opt.update(_batch_grad(theta_ref, x, y, i), state)
        theta_ref = optax.apply_updates(theta_ref, upd)
        return (theta, m, v, theta_ref, state), (theta, theta_ref)

    dim = x.shape[1]
    z = jnp.zeros(dim)
    init = (z, z, z, z, opt.init(z))
    _, (ours, ref) = jax.lax.scan(body, init, (idx, m_scale, v_scale))
    return ours, ref


def _affine(expr, var, other, values):
    """(a, b) with expr = a var + b other, at the given parameter values (an update rule must be
    affine in its state and its input)."""
    slot = sp.Dummy("input")
    expr = sp.expand(sp.sympify(expr).subs(other, slot))
    a, b = sp.diff(expr, var), sp.diff(expr, slot)
    rest = sp.expand(expr - a * var - b * slot)
    if rest != 0 or a.has(var, slot) or b.has(var, slot):
        raise ValueError(f"{expr} is not affine in {var} and {other}")
    return float(a.subs(values)), float(b.subs(values))


def adam_against_optax(seed: int, scale: str, m_next, v_next, m_tilde, v_tilde) -> Evidence:
    """Run (1.6)-(1.12) as the hypothesis writes them and optax.adam on the same minibatches.

    ``m_next`` / ``v_next``: the moment updates in m, v, g, beta, gamma; ``m_tilde`` / ``v_tilde``:
    the corrected moments in m, v, t, beta, gamma (t = 0 at the first update).
    Pass rule: the two trajectories agree to max |theta - theta_optax| <= 64 T u max(1, |theta|):
    each of the T steps rounds a handful of operations in a different order (a few u of a step of
    size <= alpha), and the iteration does not amplify these on a convex quadratic. Any change to
    the rule moves an early step by O(alpha) and the trajectory by far more than that bound."""
    m, v, g, t, beta, gamma = _symbols(sp.Tuple(m_next, v_next, m_tilde, v_tilde), "m", "v", "g", "t", "beta", "gamma")
    at = {beta: ADAM["beta"], gamma: ADAM["gamma"]}
    coeffs = (*_affine(m_next, m, g, at), *_affine(v_next, v, g**2, at))
    x, y, idx = regression_problem(seed, scale)
    steps = idx.shape[0]
    ts = np.arange(steps, dtype=float)
    with np.errstate(all="ignore"):
        cm = sp.lambdify(t, sp.sympify(m_tilde).subs(at).subs(m, 1), "numpy")(ts)
        cv = sp.lambdify(t, sp.sympify(v_tilde).subs(at).subs(v, 1), "numpy")(ts)
    cm = np.broadcast_to(np.asarray(cm, dtype=float), ts.shape)
    cv = np.broadcast_to(np.asarray(cv, dtype=float), ts.shape)
    ours, ref = _adam_cached(seed, scale, coeffs, cm.tobytes(), cv.tobytes())
    gap = np.abs(ours - ref)
    worst = float(np.max(gap)) if np.all(np.isfinite(gap)) else math.inf
    bound = 64 * steps * U * max(1.0, float(np.max(np.abs(ref))))
    figure = {"kind": "line", "x": list(range(1, steps + 1)),
              "series": {"theta[0], notes' equations": ours[:, 0].tolist(), "theta[0], optax.adam": ref[:, 0].tolist()},
              "xlabel": "step", "ylabel": "theta[0]"}
    return Evidence(worst <= bound, {"max |theta - theta_optax|": worst, "theta_T[0]": float(ours[-1, 0])},
                    {"theta_T[0] (optax)": float(ref[-1, 0]), "gap": 0.0},
                    f"max over {steps} steps of |theta - theta_optax| <= 64 T u max(1,|theta|) = {bound:.2g}",
                    detail=f"alpha = {ADAM['alpha']}, beta = {ADAM['beta']}, gamma = {ADAM['gamma']}, "
                           f"epsilon = {ADAM['epsilon']}; the hypothesis' first two factors on m: {cm[:2].tolist()}",
                    figure=figure)


@functools.lru_cache(maxsize=16)
def _adam_cached(seed, scale, coeffs, cm_bytes, cv_bytes):
    x, y, idx = regression_problem(seed, scale)
    cm, cv = np.frombuffer(cm_bytes), np.frombuffer(cv_bytes)
    ours, ref = _adam_runs(x, y, idx, jnp.array(coeffs), jnp.array(cm), jnp.array(cv))
    return np.asarray(ours), np.asarray(ref)


# ---- Nesterov (1.5) against optax's Nesterov SGD ---------------------------------------------
NESTEROV_BETA = 0.9


@jax.jit
def _nesterov_runs(x, y, idx, alpha, beta, c):
    """The scheme of (1.5) with the gradient at theta_t + c alpha m_t, next to
    optax.sgd(learning_rate = alpha (1 - beta), momentum = beta, nesterov = True), the form of
    Sutskever et al. (2013) written in the look-ahead variable phi_t = theta_t - alpha beta m_t.
    Returns the scheme's gradient points theta_t + c alpha m_t and optax's parameters."""
    optax = _optax()
    opt = optax.sgd(learning_rate=alpha * (1 - beta), momentum=beta, nesterov=True)

    def body(carry, i):
        theta, m, phi, state = carry
        point = theta + c * alpha * m
        m = beta * m + (1 - beta) * _batch_grad(point, x, y, i)
        theta = theta - alpha * m
        upd, state = opt.update(_batch_grad(phi, x, y, i), state)
        return (theta, m, optax.apply_updates(phi, upd), state), (point, phi)

    z = jnp.zeros(x.shape[1])
    _, (points, phis) = jax.lax.scan(body, (z, z, z, opt.init(z)), idx)
    return points, phis


@functools.lru_cache(maxsize=16)
def _nesterov_cached(seed, scale, c):
    x, y, idx = regression_problem(seed, scale)
    points, phis = _nesterov_runs(x, y, idx, _step_size(x, idx), NESTEROV_BETA, c)
    return np.asarray(points), np.asarray(phis)


def nesterov_against_optax(seed: int, scale: str, look_ahead) -> Evidence:
    """``look_ahead``: the point where the batch gradient is taken, in theta, m, alpha, beta
    (affine in theta and m). Pass rule: the scheme's gradient points equal optax's Nesterov
    iterates to max gap <= 64 T u max(1, |phi|) (same round-off argument as for Adam)."""
    expr = sp.sympify(look_ahead)
    theta, m, alpha, beta = _symbols(expr, "theta", "m", "alpha", "beta")
    if sp.simplify(sp.diff(expr, theta) - 1) != 0:
        raise ValueError(f"look-ahead {expr} must be theta plus a multiple of m")
    c_expr = sp.simplify(sp.diff(expr, m) / alpha)
    if c_expr.has(theta, m, alpha):
        raise ValueError(f"look-ahead {expr} must be theta + c alpha m with c depending on beta only")
    c = float(c_expr.subs(beta, NESTEROV_BETA))
    points, phis = _nesterov_cached(seed, scale, c)
    steps = points.shape[0]
    gap = np.abs(points - phis)
    worst = float(np.max(gap)) if np.all(np.isfinite(gap)) else math.inf
    bound = 64 * steps * U * max(1.0, float(np.max(np.abs(phis))))
    figure = {"kind": "line", "x": list(range(steps)),
              "series": {"gradient point[0], scheme": points[:, 0].tolist(), "phi[0], optax nesterov": phis[:, 0].tolist()},
              "xlabel": "step", "ylabel": "first coordinate"}
    return Evidence(worst <= bound, {"max |point - phi_optax|": worst},
                    {"look-ahead": str(expr), "c at beta = 0.9": c, "gap": 0.0},
                    f"max over {steps} steps of |theta_t + c alpha m_t - phi_t(optax)| <= 64 T u max(1,|phi|) = {bound:.2g}",
                    detail=f"beta = {NESTEROV_BETA}, optax learning_rate = alpha (1 - beta), momentum = beta",
                    figure=figure)
