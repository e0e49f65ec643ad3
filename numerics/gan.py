"""Experiments for the GAN claims: a discriminator trained with the GAN objective against
p_data / (p_data + p_g), and quadrature of V(G, D*) against 2 JS(p_data || p_g) - 2 ln 2 over a
family of Gaussian generators (whose minimum over the family is the value at p_g = p_data).

Everything is one-dimensional with Gaussian densities, so the densities, and the differential
entropies that give an independent route to JS, are known in closed form."""
from __future__ import annotations

import functools
import math

import jax
import jax.numpy as jnp
import numpy as np
from scipy.stats import chi2

from checks import Evidence

LN2 = math.log(2.0)
HALF_LN_2PI_E = 0.5 * math.log(2.0 * math.pi * math.e)  # entropy of N(0, 1) in nats

# --- the discriminator ---------------------------------------------------------------------
# p_data = N(0, 1); the generator is G(z) = 1 + 1.5 z with z ~ N(0, 1), so p_g = N(1, 1.5^2).
# The log-odds ln(p_data / p_g) of two Gaussians is a quadratic in x, so logistic regression on
# the features 1, u, u^2, u^3 (u a fixed affine rescaling of x, for conditioning) contains
# D* = sigmoid(log-odds) exactly: the cubic coefficient is one the fit has to find to be zero.
# The comparison then carries sampling error only, no approximation error.
DATA_MEAN, DATA_SD = 0.0, 1.0
GEN_MEAN, GEN_SD = 1.0, 1.5
FEATURE_CENTRE, FEATURE_SCALE = 0.5, 1.5
DEGREE = 3
N_FEATURES = DEGREE + 1
SAMPLES = {"small": 20_000, "large": 2_000_000}  # real samples, and as many generated ones
NEWTON_STEPS = 25
GRID = np.linspace(-2.5, 3.5, 61)  # where both densities carry mass
REPORT_AT = (-1.0, 0.0, 1.0, 2.0)
# Simultaneous 99.9% band (Scheffe): sup over directions phi of (phi.(theta_hat - theta))^2 /
# phi' Sigma phi is chi^2 with N_FEATURES degrees of freedom, so every grid point at once lies
# within sqrt of its 0.999 quantile of standard errors with probability 0.999.
BAND_Z = float(np.sqrt(chi2.ppf(0.999, N_FEATURES)))


def features(x, xp=jnp):
    """1, u, u^2, u^3 with u = (x - 0.5) / 1.5; ``xp`` is jax.numpy inside jit, numpy outside."""
    u = (x - FEATURE_CENTRE) / FEATURE_SCALE
    return xp.stack([u**k for k in range(N_FEATURES)], axis=-1)


def gan_objective(theta, phi_real, phi_fake):
    """(1/m) sum ln D(x_i) + (1/m) sum ln(1 - D(G(z_i))) with D = sigmoid(phi . theta)."""
    return (jnp.mean(jax.nn.log_sigmoid(phi_real @ theta))
            + jnp.mean(jax.nn.log_sigmoid(-(phi_fake @ theta))))


def _sample(key, m):
    x, z = jax.random.normal(key, (2, m))
    return DATA_MEAN + DATA_SD * x, GEN_MEAN + GEN_SD * z  # G(z): the generator's push-forward


@functools.partial(jax.jit, static_argnums=1)
def train_discriminator(key, m):
    """Draw m real and m generated samples and maximise the empirical GAN objective over theta by
    Newton ascent: the objective is concave in theta, so this reaches its unique maximiser to
    round-off, leaving only sampling error. Returns theta_hat, the final gradient norm and the
    samples (for the standard errors)."""
    x, gz = _sample(key, m)
    phi = features(jnp.concatenate([x, gz]))
    sign = jnp.concatenate([jnp.ones(m), -jnp.ones(m)])  # +: ln D(x), -: ln(1 - D(G(z)))

    def gradient_and_hessian(theta):
        # (ln sigmoid(t))' = sigmoid(-t), (ln(1 - sigmoid(t)))' = -sigmoid(t); both second
        # derivatives are -sigmoid(t)(1 - sigmoid(t)). Means over each sample of size m.
        t = phi @ theta
        d = jax.nn.sigmoid(t)
        return phi.T @ (sign * jax.nn.sigmoid(-sign * t)) / m, -(phi.T * (d * (1 - d))) @ phi / m

    def newton(theta, _):
        g, h = gradient_and_hessian(theta)
        return theta - jnp.linalg.solve(h, g), None

    theta, _ = jax.lax.scan(newton, jnp.zeros(N_FEATURES), None, length=NEWTON_STEPS)
    return theta, jnp.linalg.norm(gradient_and_hessian(theta)[0]), x, gz


def sandwich_covariance(theta, x, gz):
    """Large-sample covariance A^-1 B A^-1 / m of the maximiser of the empirical objective (an
    M-estimator): A = minus the Hessian of the objective, B = the summed covariances of the
    per-sample scores of the two independent samples. Estimated at theta_hat from the samples,
    without using any formula for D*."""
    m = x.size
    phi_real, phi_fake = features(x, np), features(gz, np)
    d_real, d_fake = 1 / (1 + np.exp(-phi_real @ theta)), 1 / (1 + np.exp(-phi_fake @ theta))
    a = ((phi_real.T * (d_real * (1 - d_real))) @ phi_real + (phi_fake.T * (d_fake * (1 - d_fake))) @ phi_fake) / m
    b = np.cov((1 - d_real)[:, None] * phi_real, rowvar=False) + np.cov(-d_fake[:, None] * phi_fake, rowvar=False)
    a_inv = np.linalg.inv(a)
    return a_inv @ b @ a_inv / m


def gaussian_pdf(x, mean, sd):
    return np.exp(-0.5 * ((x - mean) / sd) ** 2) / (sd * math.sqrt(2 * math.pi))


@functools.lru_cache(maxsize=8)
def _fitted_discriminator(seed: int, scale: str):
    theta, grad_norm, x, gz = (np.asarray(v) for v in train_discriminator(jax.random.PRNGKey(seed), SAMPLES[scale]))
    cov = sandwich_covariance(theta, x, gz)
    phi = features(GRID, np)
    d_hat = 1.0 / (1.0 + np.exp(-(phi @ theta)))
    se = d_hat * (1 - d_hat) * np.sqrt(np.einsum("gi,ij,gj->g", phi, cov, phi))  # delta method
    return d_hat, se, float(grad_norm)


def discriminator_vs_formula(seed: int, scale: str, d_star) -> Evidence:
    """Pass when the trained discriminator lies within the simultaneous 99.9% band of the
    hypothesis ``d_star(p_data(x), p_g(x))`` at every grid point."""
    d_hat, se, grad_norm = _fitted_discriminator(seed, scale)
    predicted = np.asarray(d_star(gaussian_pdf(GRID, DATA_MEAN, DATA_SD), gaussian_pdf(GRID, GEN_MEAN, GEN_SD)),
                           dtype=float) * np.ones_like(GRID)
    z = np.abs(d_hat - predicted) / se
    worst = int(np.argmax(z))
    at = [int(np.argmin(np.abs(GRID - x))) for x in REPORT_AT]
    m = SAMPLES[scale]
    return Evidence(
        bool(np.all(z <= BAND_Z)),
        {f"D_hat({GRID[i]:g})": float(d_hat[i]) for i in at},
        {f"D({GRID[i]:g})": float(predicted[i]) for i in at},
        f"max over {GRID.size} grid points of |D_hat - D| / SE = {z[worst]:.3g} <= {BAND_Z:.3f} "
        f"(simultaneous 99.9% Scheffe band, chi^2_{N_FEATURES}; sandwich SE, m = {m:,} real and {m:,} generated samples)",
        detail=f"p_data = N({DATA_MEAN:g}, {DATA_SD:g}^2), p_g = N({GEN_MEAN:g}, {GEN_SD:g}^2); worst at x = {GRID[worst]:.2f}: "
               f"D_hat = {d_hat[worst]:.4f}, hypothesis {predicted[worst]:.4f}, SE {se[worst]:.2g}; "
               f"final gradient norm of the objective {grad_norm:.1e}",
        figure={"kind": "line", "x": [float(v) for v in GRID],
                "series": {"measured": [float(v) for v in d_hat], "predicted": [float(v) for v in predicted]},
                "xlabel": "x", "ylabel": "D(x)"},
    )


# --- quadrature over a family of generators --------------------------------------------------
# p_data = N(0, 1) against p_g = N(mu, sd^2) for every (mu, sd) below; (0, 1) is p_g = p_data.
FAMILY = {
    "small": ((-2.0, -1.0, -0.5, -0.25, 0.0, 0.25, 0.5, 1.0, 2.0, 4.0), (0.5, 0.8, 1.0, 1.25, 2.0)),
    "large": (tuple(np.round(np.linspace(-4.0, 4.0, 81), 10)), tuple(np.round(np.linspace(0.5, 2.0, 31), 10))),
}
# Trapezoid on [-40, 40]: every density of the family has mass below 1e-70 outside (>= 18 sd
# from its mean) and the integrands are that mass times a quadratic, so truncation is negligible.
HALF_WIDTH = 40.0
STEP = {"small": 0.02, "large": 0.005}


def _trapezoid(f, h):
    return h * (jnp.sum(f) - 0.5 * (f[0] + f[-1]))


@functools.partial(jax.jit, static_argnums=(2,))
def _quadrature(mu, sd, n):
    """For each generator: V(G, D*) and the entropy H(m) of the mixture by the trapezoid rule with
    step h and 2h, and a rounding bound n eps h sum|f| for each."""
    x = jnp.linspace(-HALF_WIDTH, HALF_WIDTH, n)
    h = x[1] - x[0]
    eps = jnp.finfo(jnp.float64).eps

    def one(mu_g, sd_g):
        lp = -0.5 * x**2 - 0.5 * math.log(2 * math.pi)
        lq = -0.5 * ((x - mu_g) / sd_g) ** 2 - jnp.log(sd_g) - 0.5 * math.log(2 * math.pi)
        lsum = jnp.logaddexp(lp, lq)  # ln(p_data + p_g)
        # V(G, D*) integrand p_data ln D* + p_g ln(1 - D*), D* = p_data / (p_data + p_g)
        fv = jnp.exp(lp) * (lp - lsum) + jnp.exp(lq) * (lq - lsum)
        lm = lsum - LN2  # ln of the mixture m = (p_data + p_g) / 2
        fh = -jnp.exp(lm) * lm
        out = []
        for f in (fv, fh):
            out += [_trapezoid(f, h), _trapezoid(f[::2], 2 * h), n * eps * h * jnp.sum(jnp.abs(f))]
        return jnp.stack(out)

    return jax.vmap(one)(mu, sd)


@functools.lru_cache(maxsize=4)
def family_values(scale: str):
    """Per generator of the family: mu, sd, V(G, D*), its error bound, JS, its error bound."""
    mus, sds = FAMILY[scale]
    mu, sd = (np.array(a, dtype=float).ravel() for a in np.meshgrid(mus, sds, indexing="ij"))
    n = int(round(2 * HALF_WIDTH / STEP[scale])) + 1
    if n % 2 == 0:
        n += 1  # odd, so that every other point is the grid of step 2h
    q = np.asarray(_quadrature(jnp.asarray(mu), jnp.asarray(sd), n))
    v, v2, v_round, hm, hm2, hm_round = q.T
    # JS = H(m) - (H(p_data) + H(p_g)) / 2, the Gaussian entropies in closed form; for analytic,
    # Gaussian-decaying integrands the trapezoid error falls geometrically in 1/h (Trefethen and
    # Weideman 2014), so |T_h - T_2h| bounds the error of T_h, plus rounding.
    js = hm - HALF_LN_2PI_E - 0.5 * np.log(sd)
    return mu, sd, v, np.abs(v - v2) + v_round, js, np.abs(hm - hm2) + hm_round


def value_vs_jensen_shannon(seed: int, scale: str, criterion) -> Evidence:
    """Pass when, for every generator of the family, the quadrature of V(G, D*) matches the
    hypothesis ``criterion(JS)`` within the quadrature error bound. Deterministic (no seed)."""
    mu, sd, v, v_err, js, js_err = family_values(scale)
    pred = np.asarray(criterion(js), dtype=float) * np.ones_like(js)
    slope = abs(float(criterion(1.0 + 1e-3)) - float(criterion(1.0 - 1e-3))) / 2e-3  # affine in JS
    tol = v_err + slope * js_err
    gap = np.abs(v - pred)
    worst = int(np.argmax(gap / tol))
    show = [int(np.argmin(np.abs(mu - a) + np.abs(sd - b))) for a, b in ((0.0, 1.0), (1.0, 1.0), (2.0, 0.5), (-1.0, 2.0))]
    order = np.argsort(js)
    return Evidence(
        bool(np.all(gap <= tol)),
        {f"V(mu={mu[i]:g}, sd={sd[i]:g})": float(v[i]) for i in show},
        {f"f(JS)(mu={mu[i]:g}, sd={sd[i]:g})": float(pred[i]) for i in show},
        f"|V(G, D*) - f(JS)| <= quadrature error bound for all {v.size} generators "
        f"(worst ratio {gap[worst] / tol[worst]:.2g} at mu = {mu[worst]:g}, sd = {sd[worst]:g}; bounds <= {tol.max():.1e})",
        detail="p_data = N(0, 1), p_g = N(mu, sd^2); V by the trapezoid rule with D* = p_data / (p_data + p_g); "
               "JS = H(m) - (H(p_data) + H(p_g)) / 2 with H(m) by the trapezoid rule, the Gaussian entropies exact; "
               f"largest |V - f(JS)| = {gap.max():.2e}",
        figure={"kind": "line", "x": [float(js[i]) for i in order],
                "series": {"measured": [float(v[i]) for i in order], "predicted": [float(pred[i]) for i in order]},
                "xlabel": "JS(p_data || p_g) [nats]", "ylabel": "V(G, D*)"},
    )


def minimum_over_generators(seed: int, scale: str, minimum) -> Evidence:
    """Pass when over the family the smallest V(G, D*) is at p_g = p_data and equals the
    hypothesis ``minimum`` within the quadrature error bound, and no generator falls below it."""
    mu, sd, v, v_err, _, _ = family_values(scale)
    pred = float(minimum)
    at_data = int(np.argmin(np.abs(mu) + np.abs(sd - 1.0)))
    lowest = int(np.argmin(v))
    tol = float(v_err.max())
    passed = lowest == at_data and abs(v[at_data] - pred) <= float(v_err[at_data]) and v.min() >= pred - tol
    along = np.argsort(mu + 1e3 * np.abs(sd - 1.0))[: len(FAMILY[scale][0])]  # the sd = 1 slice, by mu
    along = along[np.argsort(mu[along])]
    return Evidence(
        bool(passed),
        {"min over the family": float(v[lowest]), "at p_g = p_data": float(v[at_data])},
        {"minimum": pred},
        f"smallest V(G, D*) over {v.size} Gaussian generators is at p_g = p_data and within its quadrature bound "
        f"{v_err[at_data]:.1e} of the prediction; none below prediction - {tol:.1e}",
        detail=f"argmin at mu = {mu[lowest]:g}, sd = {sd[lowest]:g}; V there {v[lowest]:.15f}",
        figure={"kind": "line", "x": [float(mu[i]) for i in along],
                "series": {"measured": [float(v[i]) for i in along], "predicted": [pred] * len(along)},
                "xlabel": "generator mean mu (sd = 1)", "ylabel": "V(G, D*)"},
    )
