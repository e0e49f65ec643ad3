"""The integrators, transforms, groups and losses behind the data-augmentation claims."""
import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from derivations.data_augmentation import (
    BOX_HAT, C3, D3, F_HAT, IND_HAT, INV_ADJOINT, INV_LHS, INV_NO_1_OVER_N, INV_RHS, J4, L_ROT, MULTIPLIER,
    P3, W3, W4, X3, Y3, FourierTransform, Indicator, change_of_variables_symbolic, circle_integral,
    cyclic, dihedral, euler, group_closure, integrate_exponential, invariance_for_any_loss,
    invariance_for_every_angle, multiplier_for_other_profiles, one_dimensional_scaling, orbit_average,
    rotation4, shift_matrix, sinc_as_written_001, statement_for_every_matrix,
)

x, t = sp.symbols("x t", real=True)
k, a, s = sp.symbols("k a s", positive=True)


# ---- integrals -------------------------------------------------------------------------------
@pytest.mark.parametrize("expr", [sp.exp(-x**2 / 2), sp.exp(-2 * x**2 + 3 * x - 1), sp.exp(-x**2 / 2 + sp.I * k * x),
                                  3 * sp.exp(-(x - t) ** 2 / (2 * s**2))])
def test_gaussian_integrals_match_sympy(expr):
    ours = integrate_exponential(expr, x, -sp.oo, sp.oo)
    theirs = sp.integrate(expr, (x, -sp.oo, sp.oo), conds="none")
    assert sp.simplify((ours - theirs).rewrite(sp.erf)) == 0     # SymPy leaves erf + erfc standing


@pytest.mark.parametrize("expr", [sp.exp(sp.I * k * x), sp.Integer(5), sp.exp(2 * x + 1) + x**0 * 3])
def test_interval_integrals_match_sympy(expr):
    ours = integrate_exponential(expr, x, -a, a)
    theirs = sp.integrate(expr, (x, -a, a))
    assert sp.simplify(euler(ours) - euler(theirs)) == 0


@pytest.mark.parametrize("expr, lo, hi", [(sp.exp(x**3), -sp.oo, sp.oo), (sp.exp(x**2), -sp.oo, sp.oo),
                                          (sp.exp(-x**2), -a, a), (x * sp.exp(-x**2), -sp.oo, sp.oo)])
def test_integrals_outside_the_rules_are_refused(expr, lo, hi):
    with pytest.raises(NotImplementedError):
        integrate_exponential(expr, x, lo, hi)


def test_euler_rewrites_only_complex_exponentials():
    assert euler(sp.exp(sp.I * k * t)) == sp.cos(k * t) + sp.I * sp.sin(k * t)
    assert euler(sp.exp(-k**2)) == sp.exp(-k**2)
    assert sp.expand(euler(sp.exp(-k**2 / 2 + sp.I * a * k)) - sp.exp(-k**2 / 2) * (sp.cos(a * k) + sp.I * sp.sin(a * k))) == 0


# ---- Fourier transforms -----------------------------------------------------------------------
def test_transform_of_a_gaussian_and_of_the_indicator():
    assert sp.simplify(F_HAT.doit() - sp.sqrt(2 * sp.pi) * sp.exp(-k**2 / 2)) == 0
    assert sp.simplify(IND_HAT.doit() - 2 * sp.sin(k * a) / k) == 0


def test_box_average_transform_is_the_multiplier_times_f_hat():
    assert sp.expand(BOX_HAT.doit() - MULTIPLIER * F_HAT.doit()) == 0
    assert multiplier_for_other_profiles()[0]


def test_shift_property_in_the_notes_convention():
    w = sp.Symbol("w", real=True)
    shifted = FourierTransform(sp.exp(-(w - t) ** 2 / 2), w, k).doit()
    assert sp.expand(shifted - sp.exp(sp.I * k * t) * F_HAT.doit()) == 0


def test_the_multiplier_tends_to_2a_and_is_bounded_by_it():
    assert sp.limit(MULTIPLIER, k, 0) == 2 * a
    assert all(abs(float(MULTIPLIER.subs({k: kk, a: 1}))) <= 2 for kk in (0.1, 1, 2.5, 7))


def test_neither_sinc_convention_makes_001_307_true():
    ok, detail = sinc_as_written_001()
    assert not ok and "sin(pi x)/(pi x)" in " ".join(detail)


def test_the_transform_prints_as_script_f():
    assert sp.latex(IND_HAT).startswith(r"\mathcal{F}")
    assert r"\operatorname{Ind}" in sp.latex(Indicator(t, a))


# ---- groups and the orbit-averaged loss ----------------------------------------------------------
@settings(max_examples=10, deadline=None)
@given(d=st.integers(2, 7), s1=st.integers(0, 6), s2=st.integers(0, 6))
def test_shifts_are_orthogonal_and_compose(d, s1, s2):
    p1, p2 = shift_matrix(d, s1), shift_matrix(d, s2)
    assert p1.T * p1 == sp.eye(d)
    assert p1 * p2 == shift_matrix(d, (s1 + s2) % d)


def test_group_sizes_and_closure():
    assert len(cyclic(4)) == 4 and len({tuple(g) for g in dihedral(3)}) == 6
    assert group_closure()[0]
    assert not group_closure({"{I, P}": [sp.eye(3), P3]})[0]      # not a group: closure fails


def test_orbit_sum_evaluates_the_orbit_average():
    assert sp.expand(INV_RHS.doit() - orbit_average(W3, X3, Y3, C3)) == 0
    assert sp.expand(INV_LHS.doit() - orbit_average(P3 * W3, X3, Y3, C3)) == 0
    assert sp.expand(INV_ADJOINT.doit() - orbit_average(W3, X3, Y3, C3, adjoint=P3.T)) == 0
    assert sp.expand(INV_NO_1_OVER_N.doit() - 2 * INV_RHS.doit()) == 0
    assert "sum_i" in sp.sstr(INV_LHS) and r"\sum" in sp.latex(INV_LHS)


@settings(max_examples=15, deadline=None)
@given(ws=st.lists(st.integers(-4, 4), min_size=3, max_size=3), g=st.sampled_from(range(6)))
def test_orbit_average_is_invariant_under_every_element_of_d3(ws, g):
    group = dihedral(D3)
    w = sp.Matrix(ws) / 3
    assert orbit_average(group[g] * w, X3, Y3, group) == orbit_average(w, X3, Y3, group)


def test_partial_orbit_average_is_not_invariant():
    w = sp.Matrix([1, 0, -1])
    assert orbit_average(P3 * w, X3, Y3, C3[:2]) != orbit_average(w, X3, Y3, C3[:2])


def test_invariance_for_undefined_loss_and_activation():
    assert invariance_for_any_loss()[0]


# ---- the rotation-averaged loss ------------------------------------------------------------------
@settings(max_examples=12, deadline=None)
@given(p=st.integers(0, 4), q=st.integers(0, 4))
def test_circle_integral_matches_sympy(p, q):
    c, s_ = sp.symbols("c s")
    th = sp.Symbol("theta", real=True)
    assert sp.simplify(circle_integral(c**p * s_**q) - sp.integrate(sp.cos(th) ** p * sp.sin(th) ** q, (th, 0, 2 * sp.pi))) == 0


@settings(max_examples=8, deadline=None)
@given(m=st.integers(1, 5), n=st.integers(1, 5))
def test_rotation_averaged_loss_is_invariant_under_rational_rotations(m, n):
    """Pythagorean rotations cos = (m^2 - n^2)/(m^2 + n^2), sin = 2mn/(m^2 + n^2)."""
    c, s_ = sp.Rational(m * m - n * n, m * m + n * n), sp.Rational(2 * m * n, m * m + n * n)
    moved = L_ROT.xreplace(dict(zip(W4, rotation4(c, s_) * W4)))
    assert sp.expand(moved - L_ROT) == 0


def test_generator_is_antisymmetric_and_invariance_step_holds():
    assert J4.T == -J4 and J4 * J4 == -sp.eye(4)
    assert invariance_for_every_angle()[0]


def test_loss_is_not_invariant_under_a_rotation_of_one_plane_only():
    one_plane = sp.diag(sp.Matrix([[0, -1], [1, 0]]), sp.eye(2))
    assert sp.expand(L_ROT.xreplace(dict(zip(W4, one_plane * W4))) - L_ROT) != 0


# ---- the linear substitution ----------------------------------------------------------------------
def test_substitution_facts():
    assert change_of_variables_symbolic()[0]
    assert statement_for_every_matrix()[0]
    assert one_dimensional_scaling()[0]
