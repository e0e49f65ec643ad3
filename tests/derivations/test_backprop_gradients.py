"""The backprop formulas at exact points and for ReLU, and the shapes they produce."""
import numpy as np
import sympy as sp

from derivations.backprop_gradients import (ACT_FOR_SLOPE, D1, D2, D3, F1, FORMULA, G_OM1, G_OM1_RELU, INDEX_FORMULA,
                                            NO_SLOPE, RELU_FORMULA, _hypothesis, d_, h_, relu, s_, W_)


def _point(seed):
    rng = np.random.default_rng(seed)
    symbols = sorted(G_OM1_RELU.free_symbols | RELU_FORMULA.free_symbols, key=str)
    return {s: sp.Rational(int(rng.integers(-9, 10)), 3) for s in symbols}


def test_shapes_follow_the_layers():
    assert G_OM1.shape == FORMULA.shape == (D2, D1)
    assert F1.shape == (D2, 1) and D3 == 2


def test_the_relu_gradient_matches_the_notes_formulas_at_exact_points():
    for seed in range(4):
        at = _point(seed)
        got = G_OM1_RELU.subs(at)
        assert got == RELU_FORMULA.subs(at) == INDEX_FORMULA.subs(at)


def test_the_general_formula_specialises_to_relu():
    assert (relu(FORMULA) - RELU_FORMULA).applyfunc(sp.simplify).is_zero_matrix


def test_the_wrong_versions_differ_somewhere():
    assert any(G_OM1_RELU.subs(_point(s)) != NO_SLOPE.subs(_point(s)) for s in range(4))
    assert any(G_OM1_RELU.subs(_point(s)) != ACT_FOR_SLOPE.subs(_point(s)) for s in range(4))


def test_the_lambdified_hypotheses_compute_outer_products_and_masked_transposes():
    hyp = _hypothesis(sp.HadamardProduct(s_, W_.T * d_))
    delta, h = np.array([[1.0], [2.0]]), np.array([[3.0], [4.0], [5.0]])
    np.testing.assert_array_equal(hyp["weight_gradient"](delta, h), delta @ h.T)
    om = np.arange(6.0).reshape(2, 3)
    slope = np.array([[1.0], [0.0], [1.0]])
    np.testing.assert_array_equal(hyp["backward"](slope, slope, om, delta), slope * (om.T @ delta))
    assert h_.shape[1] == 1
