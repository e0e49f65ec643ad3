"""Groups, the network's gradient and Hessian, the round-off bounds, and the two experiments."""
from fractions import Fraction

import jax
import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from numerics.learned_symmetry import (
    DESCENT_STEPS, DIM, HIDDEN, _descent_runs, _padded, augmented_samples, conjugated_dihedral_group,
    cyclic_group, dihedral_group, fixed_point, flip, gradient_equivariance, is_permutation, loss_gradient,
    loss_hessian, loss_value, reversal_group, shift, symmetric_descent,
)


def act_on_rows(g, grad):
    return grad @ np.swapaxes(g, -1, -2)


def every_element(n):
    return tuple(range(n))


def _closed(group):
    keys = {tuple(np.round(g, 12).ravel()) for g in group}
    return all(tuple(np.round(a @ b, 12).ravel()) in keys for a in group for b in group)


def test_groups_are_closed_and_the_right_ones_orthogonal():
    for group in (cyclic_group(DIM), reversal_group(DIM), dihedral_group(DIM), conjugated_dihedral_group(DIM)):
        assert _closed(group)
    assert len(dihedral_group(DIM)) == 2 * DIM
    assert all(is_permutation(g) for g in dihedral_group(DIM))
    assert not any(np.allclose(g.T @ g, np.eye(DIM)) for g in conjugated_dihedral_group(DIM)[1:])
    assert np.array_equal(shift(DIM) @ np.arange(DIM), np.roll(np.arange(DIM), -1))
    assert np.array_equal(flip(DIM) @ np.arange(DIM), np.arange(DIM)[::-1])


@settings(max_examples=10, deadline=None)
@given(seed=st.integers(0, 2**31 - 1), which=st.sampled_from(["cyclic", "flip"]))
def test_fixed_point_is_exactly_fixed(seed, which):
    group = cyclic_group(DIM) if which == "cyclic" else reversal_group(DIM)
    padded, members = _padded(group)
    w = fixed_point(padded, members, np.random.default_rng(seed).standard_normal((HIDDEN, DIM)))
    for g in group:
        assert np.array_equal(w @ g.T, w)


def _instance(seed, n_points=3):
    rng = np.random.default_rng(seed)
    group = dihedral_group(DIM)
    mask = (rng.random(len(group)) < 0.6).astype(float)
    mask[0] = 1.0
    samples, labels, weights = augmented_samples(rng.standard_normal((n_points, DIM)), rng.standard_normal(n_points), group, mask)
    return rng.standard_normal((HIDDEN, DIM)) / 3, rng.standard_normal(HIDDEN), samples, labels, weights


def test_gradient_and_hessian_match_autodiff():
    w, v, x, y, m = _instance(0)
    np.testing.assert_allclose(np.asarray(jax.grad(loss_value)(w, v, x, y, m)), loss_gradient(w, v, x, y, m).value, atol=1e-13)
    hess = np.asarray(jax.hessian(loss_value)(w, v, x, y, m)).reshape(HIDDEN * DIM, HIDDEN * DIM)
    np.testing.assert_allclose(hess, loss_hessian(w, v, x, y, m), atol=1e-12)


@settings(max_examples=5, deadline=None)
@given(seed=st.integers(0, 2**31 - 1))
def test_gradient_bound_holds_against_exact_rational_arithmetic(seed):
    w, v, x, y, m = _instance(seed, n_points=1)
    grad = loss_gradient(w, v, x, y, m)
    fr = np.vectorize(lambda t: Fraction(float(t)), otypes=[object])
    W, V, X, Y, M = map(fr, (w, v, x, y, m))
    z = X @ W.T
    f = (z + z * z / 2) @ V
    coeff = ((f - Y) * M)[:, None] * (V[None, :] * (1 + z))
    exact = coeff.T @ X / sum(M)
    gap = np.abs(fr(grad.value) - exact)
    assert np.all(gap <= fr(grad.bound()))


def test_equivariance_experiment_passes_fails_and_repeats():
    good = gradient_equivariance(1, "small", act_on_rows, every_element, "dihedral")
    assert good.passed
    assert good.measured == gradient_equivariance(1, "small", act_on_rows, every_element, "dihedral").measured
    assert not gradient_equivariance(1, "small", lambda g, grad: grad, every_element, "dihedral").passed
    assert not gradient_equivariance(1, "small", act_on_rows, lambda n: (0, 1), "dihedral").passed
    assert not gradient_equivariance(1, "small", act_on_rows, every_element, "conjugated dihedral").passed


def test_descent_stays_symmetric_only_with_full_orbits_and_symmetric_init():
    runs = _descent_runs(2, "small")
    for (name, aug, sym), (dist, thr) in runs.items():
        assert dist.shape == thr.shape == (DESCENT_STEPS,)
        if aug == "full" and sym:
            assert np.all(dist <= thr)           # at every step, not only at the end
        else:
            assert dist[-1] > 1e6 * thr[-1]
    good = symmetric_descent(2, "small", lambda full, sym: full and sym)
    assert good.passed and good.figure["kind"] == "semilogy"
    assert not symmetric_descent(2, "small", lambda full, sym: sym).passed
    assert not symmetric_descent(2, "small", lambda full, sym: full).passed
