"""The round-off tracking, the models and the four data-augmentation experiments."""
import math
from fractions import Fraction

import jax
import jax.numpy as jnp
import mpmath
import numpy as np
import pytest
import scipy.integrate
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from numerics.data_augmentation import (
    ERR_COS, ERR_ERF, ERR_EXP, GAUSS_A, GENERATOR, NODES, U, Rounded, _rotated_data, box_average,
    box_average_transform, component_sensitivity, contract, cyclic_orbits, gamma, gaussian_transform,
    linear_substitution_transform, orbit_average_invariance, orbit_direction_gradient, orbit_loss, rotation,
    rotation_loss, rotation_loss_gradient, total,
)

k_sym, a_sym = sp.symbols("k a", positive=True)
N_SYM = sp.Symbol("N", positive=True, integer=True)
DET = sp.Symbol("det_g", real=True)


def every_shift(d):
    return tuple(range(d))


def inverse_transpose(g):
    """g^{-T}"""
    return np.linalg.inv(g).T


# ---- Rounded ---------------------------------------------------------------------------------
def test_depth_rules():
    x, y = Rounded.exact(np.ones(3)), Rounded.exact(np.ones(3))
    assert (x + y).depth == 1 and (x * y).depth == 1 and ((x + y) * (x * y)).depth == 3
    assert contract("i,i->", x, y, 3).depth == 3 and total(x * y, 0, 3).depth == 3
    assert Rounded.constant(0.5).depth == 0 and Rounded.constant(3.0).depth == 0 and Rounded.constant(0.1).depth == 1
    assert (x - y).mag.tolist() == [2.0, 2.0, 2.0]     # a subtraction adds magnitudes
    assert gamma(0) == 0 and gamma(10) > 10 * U


def test_rounded_works_on_numpy_and_jax_alike():
    w, orb, ys, mask = np.ones(3) / 3, cyclic_orbits(np.arange(6.0).reshape(2, 3) / 7), np.array([0.5, -1.0]), np.ones(3)
    numpy_loss = orbit_loss(w, orb, ys, mask)
    jax_loss = jax.jit(lambda *args: orbit_loss(*args).value)(*map(jnp.asarray, (w, orb, ys, mask)))
    assert isinstance(numpy_loss.value, np.floating | np.ndarray)
    assert abs(float(jax_loss) - float(numpy_loss.value)) <= 2 * float(numpy_loss.bound())


def _exact_orbit_loss(w, orbits, ys, mask):
    fr = lambda v: Fraction(float(v))  # noqa: E731 - every float64 is an exact rational
    n, d = orbits.shape[0], orbits.shape[-1]
    out = Fraction(0)
    for i in range(n):
        for s in range(d):
            z = sum(fr(orbits[i, s, m]) * fr(w[m]) for m in range(d))
            r = z + z * z / 2 - fr(ys[i])
            out += fr(mask[s]) * r * r
    return out / n


@settings(max_examples=10, deadline=None)
@given(seed=st.integers(0, 2**31 - 1), d=st.integers(2, 6))
def test_loss_bound_holds_against_exact_rational_arithmetic(seed, d):
    rng = np.random.default_rng(seed)
    w, xs, ys = rng.standard_normal(d), rng.standard_normal((2, d)) * 3, rng.standard_normal(2)
    mask = (rng.random(d) < 0.7).astype(float)
    loss = orbit_loss(w, cyclic_orbits(xs), ys, mask)
    exact = _exact_orbit_loss(w, cyclic_orbits(xs), ys, mask)
    assert abs(Fraction(float(loss.value)) - exact) <= Fraction(float(loss.bound()))


def test_cyclic_orbits_are_the_shifts():
    xs = np.arange(8.0).reshape(2, 4)
    orb = cyclic_orbits(xs)
    assert orb.shape == (2, 4, 4)
    assert orb[1, 3].tolist() == np.roll(xs[1], 3).tolist()


# ---- library accuracy -------------------------------------------------------------------------------
def test_library_functions_are_as_accurate_as_assumed():
    """JAX's float64 erf, cos and exp against 40 digits, at the float arguments they are given."""
    mpmath.mp.dps = 40
    xs = np.linspace(-9, 9, 1201)
    phases, exponents = xs * 11, -xs * xs
    erf = np.asarray(jax.scipy.special.erf(jnp.asarray(xs)))
    cos = np.asarray(jnp.cos(jnp.asarray(phases)))
    exp = np.asarray(jnp.exp(jnp.asarray(exponents)))
    for x, p, q, e, c, ex in zip(xs, phases, exponents, erf, cos, exp):
        assert abs(mpmath.erf(mpmath.mpf(x)) - mpmath.mpf(e)) <= ERR_ERF
        assert abs(mpmath.cos(mpmath.mpf(p)) - mpmath.mpf(c)) <= ERR_COS
        assert abs(mpmath.exp(mpmath.mpf(q)) - mpmath.mpf(ex)) <= ERR_EXP * mpmath.exp(mpmath.mpf(q))


# ---- the box average --------------------------------------------------------------------------------
@pytest.mark.parametrize("w, a", [(0.0, 1.0), (1.3, 0.5), (-2.2, 2.0)])
def test_box_average_closed_form_matches_quadrature(w, a):
    quad, _ = scipy.integrate.quad(lambda t: math.exp(-(w - t) ** 2 / 2), -a, a, epsabs=1e-14)
    assert abs(float(box_average(jnp.asarray(w), a)) - quad) <= 1e-13


def test_box_experiment_accepts_the_multiplier_and_rejects_the_slides():
    good = box_average_transform(0, "small", 2 * sp.sin(k_sym * a_sym) / k_sym)
    assert good.passed and good.figure["kind"] == "line"
    assert not box_average_transform(0, "small", 2 * a_sym * sp.sinc(2 * sp.pi * k_sym * a_sym)).passed
    # a multiplier off by one part in 1e9 is caught too
    assert not box_average_transform(0, "small", 2 * sp.sin(k_sym * a_sym) / k_sym * (1 + sp.Rational(1, 10**9))).passed


# ---- the orbit-averaged loss ------------------------------------------------------------------------
def test_invariance_experiment_passes_fails_and_repeats():
    good = orbit_average_invariance(4, "small", every_shift, sp.Integer(1))
    assert good.passed
    assert good.measured == orbit_average_invariance(4, "small", every_shift, sp.Integer(1)).measured
    assert not orbit_average_invariance(4, "small", lambda d: (0, 1, 2), sp.Integer(1)).passed
    assert not orbit_average_invariance(4, "small", every_shift, N_SYM).passed


# ---- the rotation-averaged loss -------------------------------------------------------------------
def _setup(seed=0):
    rng = np.random.default_rng(seed)
    xs, ys, w = rng.standard_normal((3, 4)), rng.standard_normal(3), rng.standard_normal(4)
    return _rotated_data(xs), ys, w, xs


def test_rotation_gradient_and_sensitivity_match_autodiff():
    data, ys, w, _ = _setup()
    auto = jax.grad(lambda v: rotation_loss(v, jnp.asarray(data), jnp.asarray(ys)).value)(jnp.asarray(w))
    np.testing.assert_allclose(np.asarray(auto), rotation_loss_gradient(w, data, ys).value, atol=1e-13)
    dw = GENERATOR @ w
    sens = jax.grad(lambda d: jnp.dot(rotation_loss_gradient(jnp.asarray(w), d, jnp.asarray(ys)).value, jnp.asarray(dw)))(jnp.asarray(data))
    np.testing.assert_allclose(np.asarray(sens), component_sensitivity(w, data, ys, dw), atol=1e-12)


def test_eight_rotations_give_the_exact_orbit_average():
    """The integrand has trigonometric degree 4 < 8: 8 nodes and 24 nodes give the same loss."""
    _, ys, w, xs = _setup(1)
    fine = np.stack([np.einsum("ab,ib->ia", rotation(2 * math.pi * m / 24), xs) for m in range(24)], axis=1)
    coarse = rotation_loss(w, _rotated_data(xs), ys)
    assert abs(float(coarse.value) - float(rotation_loss(w, fine, ys).value)) <= 1e-12 * abs(float(coarse.value))
    assert NODES == 8


def test_the_rotated_loss_is_invariant_under_every_rotation():
    data, ys, w, _ = _setup(2)
    base = float(rotation_loss(w, data, ys).value)
    for angle in (0.3, 1.0, 2.9):
        assert abs(float(rotation_loss(rotation(angle) @ w, data, ys).value) - base) <= 1e-12 * abs(base)


def test_orbit_direction_experiment():
    good = orbit_direction_gradient(5, "small", sp.Matrix(GENERATOR.astype(int)))
    assert good.passed and good.figure["kind"] == "semilogy"
    assert good.measured == orbit_direction_gradient(5, "small", sp.Matrix(GENERATOR.astype(int))).measured
    assert not orbit_direction_gradient(5, "small", sp.eye(4)).passed
    assert not orbit_direction_gradient(5, "small", sp.diag(sp.Matrix([[0, -1], [1, 0]]), sp.zeros(2, 2))).passed


# ---- the linear substitution -----------------------------------------------------------------------
def test_gaussian_transform_matches_a_direct_sum():
    h, n = 1 / 16, 320
    grid = np.arange(-n, n + 1) * h
    w1, w2 = np.meshgrid(grid, grid, indexing="ij")
    f = np.exp(-0.5 * (GAUSS_A[0, 0] * w1**2 + 2 * GAUSS_A[0, 1] * w1 * w2 + GAUSS_A[1, 1] * w2**2))
    for kk in (np.array([0.0, 0.0]), np.array([1.0, -0.5]), np.array([-2.0, 1.5])):
        direct = h * h * np.sum(f * np.cos(kk[0] * w1 + kk[1] * w2))
        assert abs(direct - gaussian_transform(kk)) <= 1e-12


def test_substitution_experiment():
    good = linear_substitution_transform(2, "small", inverse_transpose, 1 / sp.Abs(DET))
    assert good.passed
    assert not linear_substitution_transform(2, "small", np.linalg.inv, 1 / sp.Abs(DET)).passed
    assert not linear_substitution_transform(2, "small", inverse_transpose, 1 / DET).passed    # the sign of det matters
