"""The gradients, the slides' sums and the groups behind Theorem 1 and Corollary 1."""
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from derivations.data_augmentation import dihedral
from derivations.learned_symmetry import (
    A_CONJ, C3, DATA, FIRST_ROW, GD_ITERATES, GRAD_W, GRADS_ALONG, LABELS, LR, ROW_BY_CHAIN_RULE, SETTINGS,
    SLIDES_VECTOR, W, W_SYM, GradLa, P, closure_check, gradient_at, gradient_polynomials, hidden_layer_gradient,
    slides_gradient, symmetric_for_several_steps, theorem_for_two_units_and_flips, theorem_with_symbolic_data, v,
)


def _loss_by_expressions(group, data):
    """L_a(w) built directly as an expression (no polynomial rings), for comparison."""
    q = len(group) * len(data)
    return sum(((v * (z + z**2 / 2)) - y) ** 2 / 2 for x, y in zip(data, LABELS) for g in group
               for z in [(W.T * g * x)[0]]) / q


def test_gradient_polynomials_match_differentiating_the_loss():
    direct = _loss_by_expressions(C3, DATA)
    for m, wi in enumerate(W):
        assert sp.expand(sp.diff(direct, wi) - gradient_polynomials("X")[m]) == 0


def test_lazy_gradient_evaluates_at_its_point_and_prints_readably():
    point = sp.Matrix([1, sp.Rational(1, 2), -1])
    evaluated = gradient_at(point).applyfunc(lambda e: e.doit())
    assert evaluated == GRAD_W.applyfunc(lambda e: e.doit()).subs(dict(zip(W, point)))
    assert sp.sstr(GradLa(sp.Tuple(*W), 0, sp.core.symbol.Str("X"))) == "dL_a[X]/dw_1(w_1, w_2, w_3)"


def test_the_slides_sum_is_the_gradient_for_one_unit():
    gap = (slides_gradient(W) - GRAD_W).applyfunc(lambda e: sp.expand(e.doit()))
    assert gap == sp.zeros(3, 1)


def test_theorem_steps_beyond_the_chain():
    assert closure_check()[0]
    assert theorem_for_two_units_and_flips()[0]
    assert theorem_with_symbolic_data()[0]


@settings(max_examples=12, deadline=None)
@given(ws=st.lists(st.integers(-3, 3), min_size=3, max_size=3), g=st.sampled_from(range(6)), vv=st.integers(-2, 2))
def test_equivariance_at_rational_points_for_every_element_of_d3(ws, g, vv):
    """Full D3 orbits: grad L(g w) = g grad L(w) at random rational points (hidden_layer_gradient, one unit)."""
    group = dihedral(3)
    grad = hidden_layer_gradient(W.T, sp.Matrix([v]), group, DATA, LABELS).T
    point = sp.Matrix(ws) / 2
    at = lambda p: grad.xreplace(dict(zip(W, p)) | {v: vv})  # noqa: E731
    assert at(group[g] * point) == group[g] * at(point)


def test_partial_orbits_and_non_orthogonal_groups_break_equivariance():
    point = {W[0]: 1, W[1]: -1, W[2]: sp.Rational(1, 2), v: 1}
    for setting, g in (("{I,P}", P), ("A", A_CONJ)):
        lhs = gradient_at(g * W, setting).applyfunc(lambda e: e.doit().xreplace(point))
        rhs = (g * gradient_at(W, setting)).applyfunc(lambda e: e.doit().xreplace(point))
        assert lhs != rhs
    assert A_CONJ**3 == sp.eye(3) and A_CONJ.T * A_CONJ != sp.eye(3)
    assert len(SETTINGS["A"][0]) == 3


def test_two_units_the_slides_vector_mixes_the_rows():
    assert FIRST_ROW == ROW_BY_CHAIN_RULE
    assert FIRST_ROW != SLIDES_VECTOR


def test_with_one_unit_the_slides_formula_is_the_gradient():
    """K = 1: v^T sigma' is v sigma', and 002:1513 is exact."""
    w1 = sp.Matrix(1, 3, W)
    grad = hidden_layer_gradient(w1, sp.Matrix([v]), C3, DATA, LABELS)
    assert (grad.T - GRAD_W.applyfunc(lambda e: e.doit())).applyfunc(sp.expand) == sp.zeros(3, 1)


def test_symmetric_weights_get_symmetric_gradients_and_generic_ones_do_not():
    at_sym = gradient_at(W_SYM).applyfunc(lambda e: sp.expand(e.doit()))
    assert P * at_sym == at_sym
    generic = gradient_at(W).applyfunc(lambda e: e.doit().xreplace({W[0]: 1, W[1]: 0, W[2]: -1, v: 1}))
    assert P * generic != generic
    assert symmetric_for_several_steps()[0]


def test_unrolled_descent_sums_from_zero_to_t_minus_one():
    assert GD_ITERATES[1] == GD_ITERATES[0] - LR * GRADS_ALONG[0]
    assert GD_ITERATES[2] == GD_ITERATES[0] - LR * (GRADS_ALONG[0] + GRADS_ALONG[1])
    assert GD_ITERATES[2] != GD_ITERATES[0] - LR * (GRADS_ALONG[1] + GRADS_ALONG[2])
