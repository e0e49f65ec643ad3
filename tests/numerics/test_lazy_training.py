"""The pieces of the lazy-training experiments against independent references: the NumPy
linearisation at initialisation against JAX autodiff, the closed form of the linearised flow
against its ODE and its minimum-norm limit, and the autodiff Jacobian against finite differences."""
import math

import jax
import jax.numpy as jnp
import numpy as np
import scipy.linalg
from hypothesis import given, settings
from hypothesis import strategies as st

from numerics.lazy_training import _autodiff_jacobian
from numerics.ntk import linearization_at_init, on_sphere, output_signs


def _outputs(w, a, x):
    return jnp.tanh(w @ x.T).T @ a / jnp.sqrt(a.shape[0])


@settings(max_examples=6, deadline=None)
@given(st.integers(0, 2**31 - 1), st.sampled_from([2, 4, 16]), st.integers(2, 6))
def test_linearization_at_init_matches_autodiff(seed, m, n):
    rng = np.random.default_rng(seed)
    x, w, a = on_sphere(rng, (n, 3)), on_sphere(rng, (m, 3)), output_signs(m)
    f0, jac, lam, q = linearization_at_init(w, a, x)
    auto = np.asarray(jax.jacrev(_outputs)(jnp.asarray(w), jnp.asarray(a), jnp.asarray(x))).reshape(n, -1)
    np.testing.assert_allclose(f0, np.asarray(_outputs(w, a, x)), rtol=1e-12, atol=1e-14)
    np.testing.assert_allclose(jac, auto, rtol=1e-12, atol=1e-14)
    np.testing.assert_allclose(q @ np.diag(lam) @ q.T, jac @ jac.T, rtol=1e-10, atol=1e-13)


def _closed_form(jac, y, f0, t):
    """theta_bar_t - theta_0 = J^T Q diag((1 - e^{-lambda t / n}) / lambda) Q^T (y - f0), as the experiment builds it."""
    n = len(y)
    lam, q = np.linalg.eigh(jac @ jac.T)
    return jac.T @ q @ (((1 - np.exp(-lam * t / n)) / lam) * (q.T @ (y - f0)))


@settings(max_examples=20, deadline=None)
@given(st.integers(0, 2**31 - 1), st.integers(1, 4), st.integers(0, 4))
def test_closed_form_solves_the_linear_flow_and_tends_to_the_min_norm_interpolant(seed, n, extra):
    rng = np.random.default_rng(seed)
    p = n + extra
    jac, y, f0 = rng.standard_normal((n, p)), rng.standard_normal(n), rng.standard_normal(n)
    t, dt = 1.3, 1e-4
    derivative = (_closed_form(jac, y, f0, t + dt) - _closed_form(jac, y, f0, t - dt)) / (2 * dt)
    flow = jac.T @ (y - f0 - jac @ _closed_form(jac, y, f0, t)) / n
    np.testing.assert_allclose(derivative, flow, rtol=1e-6, atol=1e-7)
    # the exponential by SciPy instead of the eigen-decomposition
    k = jac @ jac.T
    by_expm = jac.T @ np.linalg.solve(k, (np.eye(n) - scipy.linalg.expm(-k * t / n)) @ (y - f0))
    np.testing.assert_allclose(_closed_form(jac, y, f0, t), by_expm, rtol=1e-8, atol=1e-10)
    lam_min = np.linalg.eigvalsh(k).min()
    late = _closed_form(jac, y, f0, 60 * n / lam_min)      # e^{-60} of the slowest mode is left
    np.testing.assert_allclose(late, np.linalg.pinv(jac) @ (y - f0), rtol=1e-8, atol=1e-8)


@settings(max_examples=4, deadline=None)
@given(st.integers(0, 2**31 - 1))
def test_autodiff_jacobian_matches_central_differences(seed):
    rng = np.random.default_rng(seed)
    b, m, n, d = 2, 64, 8, 3                   # the claim's small shapes, so the compiled function is reused
    x, w, a = on_sphere(rng, (n, d)), on_sphere(rng, (b, m, d)), output_signs(m)
    auto, s = (np.asarray(v) for v in _autodiff_jacobian(jnp.asarray(w), jnp.asarray(a), jnp.asarray(x)))
    np.testing.assert_allclose(s, np.tanh(np.einsum("bmd,pd->bmp", w, x)), rtol=1e-14, atol=1e-15)
    eps = 1e-6
    j, k = rng.integers(m), rng.integers(d)
    bump = np.zeros_like(w)
    bump[:, j, k] = eps
    f = lambda v: np.einsum("m,bmp->bp", a, np.tanh(np.einsum("bmd,pd->bmp", v, x))) / math.sqrt(m)  # noqa: E731
    np.testing.assert_allclose(auto[:, :, j, k], (f(w + bump) - f(w - bump)) / (2 * eps), rtol=1e-7, atol=1e-10)
