"""The lazy-training identities for other sizes than the claims' fixed instances: the risk's
rate of change for n points and p parameters (and the notes' 1/n failing for n >= 2), the
minimum-norm limit for random integer Jacobians, and the two-layer gradient and NTK formulas for
other widths and dimensions."""
import sympy as sp
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from derivations.lazy_training import dot, gradient, gradient_formula, model_gradient, ntk_formula


@settings(max_examples=6, deadline=None)
@given(st.integers(1, 3), st.integers(1, 4))
def test_risk_rate_for_n_points_and_p_parameters(n, p):
    jac = sp.Matrix(n, p, lambda i, k: sp.Symbol(f"J_{i}{k}"))
    theta, theta_t = sp.Matrix(sp.symbols(f"th_1:{p + 1}")), sp.Matrix(sp.symbols(f"tht_1:{p + 1}"))
    f_t, y = sp.Matrix(sp.symbols(f"f_1:{n + 1}")), sp.Matrix(sp.symbols(f"y_1:{n + 1}"))
    resid = y - f_t - jac * (theta - theta_t)
    grad = gradient(dot(resid, resid) / (2 * n), theta).subs(dict(zip(theta, theta_t)))
    rate = dot(grad, -grad)
    quad = dot(f_t - y, jac * jac.T * (f_t - y))
    assert sp.expand(rate + quad / n**2) == 0
    if n >= 2:
        assert sp.expand(rate + quad / n) != 0


@settings(max_examples=10, deadline=None)
@given(st.integers(2, 3), st.integers(0, 2), st.lists(st.integers(-3, 3), min_size=15, max_size=15))
def test_min_norm_limit_is_the_pseudoinverse_solution(n, extra, entries):
    p = n + extra
    jac = sp.Matrix(n, p, entries[: n * p])
    assume(jac.rank() == n)
    gap = sp.Matrix(sp.symbols(f"r_1:{n + 1}"))             # y - f_0
    step = jac.T * (jac * jac.T).inv() * gap                 # theta_bar_oo - theta_0
    assert (jac * step - gap).applyfunc(sp.expand).is_zero_matrix
    assert (step - jac.pinv() * gap).applyfunc(sp.simplify).is_zero_matrix
    for v in jac.nullspace():                               # orthogonal to every direction that keeps J theta fixed
        assert sp.expand(dot(v, step)) == 0


@settings(max_examples=6, deadline=None)
@given(st.integers(1, 3), st.integers(1, 3))
def test_two_layer_gradient_and_ntk_for_other_sizes(m, d):
    weights = sp.Matrix(m, d, lambda j, k: sp.Symbol(f"w_{j}{k}"))
    outs = sp.symbols(f"a_1:{m + 1}")
    x, xp = sp.Matrix(sp.symbols(f"x_1:{d + 1}")), sp.Matrix(sp.symbols(f"z_1:{d + 1}"))
    grad_x = model_gradient(x, weights=weights, outs=outs)
    assert (grad_x - gradient_formula(x, weights=weights, outs=outs)).applyfunc(sp.expand).is_zero_matrix
    grad_xp = model_gradient(xp, weights=weights, outs=outs)
    kernel = sum(grad_x[j, k] * grad_xp[j, k] for j in range(m) for k in range(d))
    assert sp.expand(kernel - ntk_formula(x, xp, weights=weights, outs=outs)) == 0
