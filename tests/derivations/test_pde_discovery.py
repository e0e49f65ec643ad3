"""The dictionary helpers behind the PDE-discovery claims: the candidate terms, D alpha, the heat
operator, the repeated entries of the notes' dictionary, and the Cole-Hopf identity."""
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from derivations.pde_discovery import (
    ALPHA_BURGERS, ALPHA_HEAT, NOTES_TERMS, U_BURGERS, _cole_hopf, _decay, _distinct_terms_independent,
    _every_mode, _notes_alpha_is_unique, _oscillation, _repeated_entries, burgers_residual, coefficients,
    combination, dictionary, heat_operator, heat_solution, k, omega, t, x,
)
from numerics.pde_discovery import TERMS


def test_the_dictionary_has_the_notes_terms_in_order():
    u = sp.Function("u")(x, t)
    row = dictionary(u)
    assert len(row) == len(TERMS) == 9
    assert row[5] == u * sp.diff(u, x) and row[6] == sp.diff(u, x, 2) and row[8] == u * sp.diff(u, x, 2)
    assert len(dictionary(u, len(NOTES_TERMS))) == 11


def test_the_notes_dictionary_repeats_u_x_and_u_xx():
    assert _repeated_entries() == [(4, 10), (7, 11)]
    holds, detail = _notes_alpha_is_unique()
    assert holds is False and "e_7" in detail["two minimisers"] and "e_11" in detail["two minimisers"]


def test_the_nine_distinct_terms_are_independent():
    holds, detail = _distinct_terms_independent()
    assert holds, detail


@settings(max_examples=15, deadline=None)
@given(st.integers(-4, 4), st.integers(-4, 4), st.integers(0, 8), st.integers(0, 8))
def test_a_combination_is_linear_in_alpha(p, r, i, j):
    u = sp.sin(x) * sp.exp(-t) + x**3
    first, second = coefficients({i: 1}), coefficients({j: 1})
    mixed = combination(u, p * first + r * second)
    assert sp.expand(mixed - p * combination(u, first) - r * combination(u, second)) == 0


@settings(max_examples=6, deadline=None)
@given(st.integers(1, 4))
def test_heat_solutions_satisfy_the_operator_and_the_one_term_law(modes):
    u = heat_solution(modes)
    assert sp.expand(heat_operator(u)) == 0
    assert sp.expand(sp.diff(u, t) - combination(u, ALPHA_HEAT)) == 0


def test_modes_decay_and_do_not_oscillate():
    assert heat_operator(_decay()).doit() == 0
    residual = heat_operator(_oscillation()).doit()
    assert residual.subs({k: 1, omega: sp.Rational(1, 2), t: 1, x: 1}).evalf() != 0
    assert _every_mode()[0]


def test_the_burgers_witness_and_cole_hopf():
    assert sp.cancel(burgers_residual(U_BURGERS)) == 0
    assert sp.cancel(sp.diff(U_BURGERS, t) - combination(U_BURGERS, ALPHA_BURGERS)) == 0
    assert _cole_hopf()[0]
    # a non-solution of the heat equation does not give a Burgers solution
    eps = sp.Symbol("epsilon", positive=True)
    phi = 2 + sp.cos(x) + t
    u = -2 * eps * sp.diff(phi, x) / phi
    assert sp.cancel(burgers_residual(u)) != 0


@settings(max_examples=10, deadline=None)
@given(st.lists(st.integers(-3, 3), min_size=1, max_size=5), st.integers(1, 3))
def test_d_xi_is_the_chain_rule_through_tanh(coefs, times):
    from derivations.pde_discovery import T, d_xi, kappa
    xi = sp.Symbol("xi", real=True)
    p = sum(c * T**i for i, c in enumerate(coefs))
    direct = sp.diff(p.subs(T, sp.tanh(kappa * xi)), xi, times)
    via_poly = d_xi(p, times=times).subs(T, sp.tanh(kappa * xi))
    point = {kappa: sp.Rational(3, 5), xi: sp.Rational(7, 10)}
    assert abs(sp.N((direct - via_poly).subs(point), 30)) < 1e-25


def test_the_table_rows():
    from derivations.pde_discovery import _ks_travelling_wave, kdv_polynomial_residual
    assert sp.expand(kdv_polynomial_residual()) == 0
    assert sp.expand(kdv_polynomial_residual(a=3)) != 0 and sp.expand(kdv_polynomial_residual(b=-1)) != 0
    assert _ks_travelling_wave()[0]
