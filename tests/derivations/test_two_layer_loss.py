"""The two-layer loss gradient at exact points, the lazy lambdify, the descent identity."""
import numpy as np
import sympy as sp

from derivations.two_layer_loss import (AUTODIFF, FORMULA, LOSS_131, LOSS_AS_WRITTEN, POLY, Lambdified, PARAMS,
                                        _step_descends, concrete, grad_W_formula, grad_w_formula, stacked, x0, x_i)


def _at_random_point(seed):
    rng = np.random.default_rng(seed)
    symbols = sorted(AUTODIFF.free_symbols | FORMULA.free_symbols, key=str)
    return {s: sp.Rational(int(rng.integers(-8, 9)), 4) for s in symbols}


def test_the_formula_equals_sympys_derivative_for_concrete_activations():
    for activation in (sp.tanh, POLY, sp.Lambda(sp.Symbol("t"), sp.exp(sp.Symbol("t")))):
        for seed in range(2):
            at = _at_random_point(seed)
            gap = (concrete(AUTODIFF, activation) - concrete(FORMULA, activation)).subs(at).evalf(30)
            assert max(abs(v) for v in gap) < 1e-25


def test_the_mutant_formulas_differ():
    at = _at_random_point(4)
    wrong = stacked(grad_w_formula(1), grad_W_formula(1))
    assert max(abs(v) for v in (concrete(AUTODIFF, sp.tanh) - concrete(wrong, sp.tanh)).subs(at).evalf(20)) > 1e-3


def test_the_step_descends_and_the_written_loss_ignores_the_data():
    assert _step_descends()[0]
    assert LOSS_AS_WRITTEN.subs({x0: 1}) != LOSS_131.subs({x_i[0]: 1, x_i[1]: 2})
    assert LOSS_AS_WRITTEN.subs(x0, x_i[0]).subs(x_i[0], 2) == LOSS_131.subs({x_i[0]: 2, x_i[1]: 2})


def test_lambdified_is_built_once_on_first_call():
    a = sp.Symbol("a")
    f = Lambdified((a,), a**2 + 1)
    assert f._fn is None and f(3.0) == 10.0 and f._fn is not None
    assert len(PARAMS) == 6
