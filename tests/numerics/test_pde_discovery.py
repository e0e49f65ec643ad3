"""The PDE-discovery experiment's building blocks: the spectral heat solver, the dictionary
columns, the time-derivative stencil, STLSQ and the exhaustive l0 search, the Cole-Hopf Burgers
data (against an independent pseudo-spectral time stepper), and the pass rule."""
import jax.numpy as jnp
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from numerics.pde_discovery import (
    OMEGA, TERMS, VISCOSITY, burgers_recovery, burgers_snapshots, candidate_terms, central_difference, grid,
    heat_flow, heat_recovery, l0_minimiser, stlsq,
)

HEAT = np.zeros(9)
HEAT[TERMS.index("u_xx")] = 1.0
BURGERS = np.zeros(9)
BURGERS[TERMS.index("u u_x")] = -1.0


def heat_alpha(omega):
    return HEAT * omega**2


def burgers_alpha(eps):
    return BURGERS + eps * HEAT


@settings(max_examples=8, deadline=None)
@given(st.integers(1, 20), st.floats(0.01, 1.0))
def test_heat_flow_decays_each_mode_exactly(mode, diffusivity):
    x = grid(64)
    times = np.array([0.0, 0.1, 0.7])
    u, u_x = heat_flow(jnp.asarray(np.sin(mode * x)), diffusivity, jnp.asarray(times), 64)
    decay = np.exp(-diffusivity * mode**2 * times)[:, None]
    np.testing.assert_allclose(np.asarray(u), decay * np.sin(mode * x), atol=1e-13)
    np.testing.assert_allclose(np.asarray(u_x), decay * mode * np.cos(mode * x), atol=1e-12)


def test_candidate_terms_use_exact_spectral_derivatives():
    x = grid(128)
    u = np.sin(3 * x) + 0.5 * np.cos(x)
    ux, uxx = 3 * np.cos(3 * x) - 0.5 * np.sin(x), -9 * np.sin(3 * x) - 0.5 * np.cos(x)
    want = np.stack([np.ones_like(u), u, u**2, ux, ux**2, u * ux, uxx, uxx**2, u * uxx], axis=-1)
    np.testing.assert_allclose(candidate_terms(u), want, atol=1e-11)


@settings(max_examples=10, deadline=None)
@given(st.lists(st.floats(-2, 2), min_size=5, max_size=5), st.integers(1, 4))
def test_the_stencil_is_exact_for_quartics(coef, stride):
    h0 = 0.01
    times = h0 * np.arange(40)
    poly = np.polynomial.Polynomial(coef)
    snapshots = poly(times)[:, None] * np.ones((1, 3))
    at = np.array([10, 20])
    got = central_difference(snapshots, at, stride, stride * h0)
    np.testing.assert_allclose(got[:, 0], poly.deriv()(times[at]), rtol=1e-8, atol=1e-8)


def test_stlsq_and_l0_recover_a_planted_sparse_law():
    rng = np.random.default_rng(0)
    library = rng.standard_normal((400, 9))
    truth = np.zeros(9)
    truth[[2, 6]] = [1.5, -0.7]
    target = library @ truth + 1e-9 * rng.standard_normal(400)
    coef, active = stlsq(library, target)
    assert list(np.flatnonzero(active)) == [2, 6]
    np.testing.assert_allclose(coef, truth, atol=1e-8)
    support, objective = l0_minimiser(library, target)
    assert support == (2, 6) and 2 <= objective < 2 + 1e-6


def test_the_l0_objective_as_written_keeps_nothing_when_the_data_are_small():
    # unit weight on ||alpha||_0 against the unsquared residual: data with ||u_t||_2 < 1 are best
    # "explained" by alpha = 0, whatever the law
    rng = np.random.default_rng(1)
    library = rng.standard_normal((50, 9))
    target = 0.01 * library[:, 3]
    assert l0_minimiser(library, target)[0] == ()


def _burgers_rhs(u, eps):
    k = np.fft.rfftfreq(u.size, d=1.0 / u.size)
    uh = np.fft.rfft(u)
    ux, uxx = np.fft.irfft(1j * k * uh, u.size), np.fft.irfft(-(k**2) * uh, u.size)
    return -u * ux + eps * uxx


def test_cole_hopf_data_match_a_pseudo_spectral_time_stepper():
    snapshots, targets = burgers_snapshots(3, "small")
    u = snapshots[0].copy()                  # t = 0.1 - 2 * 8 * 0.005 = 0.02
    dt, steps = 2e-4, 400                    # RK4 up to t = 0.1, the first target
    for _ in range(steps):
        k1 = _burgers_rhs(u, VISCOSITY)
        k2 = _burgers_rhs(u + dt / 2 * k1, VISCOSITY)
        k3 = _burgers_rhs(u + dt / 2 * k2, VISCOSITY)
        k4 = _burgers_rhs(u + dt * k3, VISCOSITY)
        u = u + dt / 6 * (k1 + 2 * k2 + 2 * k3 + k4)
    assert targets[0] == 16
    np.testing.assert_allclose(u, snapshots[16], atol=1e-9)


@pytest.mark.parametrize("experiment, alpha", [(heat_recovery, heat_alpha), (burgers_recovery, burgers_alpha)])
def test_the_true_law_passes_and_wrong_ones_fail(experiment, alpha):
    ok = experiment(5, "small", alpha)
    assert ok.passed and abs(ok.measured["fitted order"] - 4) < 0.5
    assert not experiment(5, "small", lambda p: alpha(p) * 1.01).passed        # a coefficient off by 1%
    assert not experiment(5, "small", lambda p: np.roll(alpha(p), 1)).passed   # the weights on the wrong terms


def test_results_repeat_for_a_fixed_seed():
    first = heat_recovery(11, "small", heat_alpha).measured
    again = heat_recovery(11, "small", heat_alpha).measured
    assert first == again
    assert first["coefficients (finest h)"]["u_xx"] == pytest.approx(OMEGA**2, abs=1e-6)


def test_nested_autodiff_derivatives():
    from numerics.pde_discovery import _derivative

    def f(x, t):
        return jnp.sin(2 * x) * jnp.exp(-t)

    x, t = jnp.asarray(0.3), jnp.asarray(0.7)
    assert float(_derivative(f, 0, 3)(x, t)) == pytest.approx(-8 * np.cos(0.6) * np.exp(-0.7), rel=1e-13)
    assert float(_derivative(f, 1, 1)(x, t)) == pytest.approx(-np.sin(0.6) * np.exp(-0.7), rel=1e-13)


def test_the_kdv_soliton_solves_kdv_and_not_its_variants():
    from numerics.pde_discovery import kdv_residual
    assert kdv_residual(2, "small", (6, 1)).passed
    assert not kdv_residual(2, "small", (3, 1)).passed
    assert not kdv_residual(2, "small", (6, -1)).passed
