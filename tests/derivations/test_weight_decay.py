"""The weight-decay identities in other dimensions and on random instances than the claims' fixed
ones: Cramer's-rule inverse, the eigen-shrinkage formula for random rotations, the Taylor model
for random cubics."""
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from derivations.weight_decay import grad, inverse_times


def rational_rotation(entries, n):
    s = sp.zeros(n, n)
    it = iter(entries)
    for i in range(n):
        for j in range(i + 1, n):
            s[i, j] = next(it)
            s[j, i] = -s[i, j]
    return (sp.eye(n) - s) * (sp.eye(n) + s).inv()


@settings(max_examples=10, deadline=None)
@given(st.integers(2, 3), st.lists(st.integers(-5, 5), min_size=9, max_size=9),
       st.lists(st.integers(-5, 5), min_size=3, max_size=3))
def test_cramers_rule_is_the_inverse(n, entries, rhs):
    m = sp.Matrix(n, n, entries[: n * n]) + 11 * sp.eye(n)   # diagonally dominant: invertible
    v = sp.Matrix(rhs[:n])
    assert inverse_times(m, v) == m.inv() * v


@settings(max_examples=3, deadline=None)
@given(st.lists(st.integers(-2, 2), min_size=3, max_size=3))
def test_regularised_minimum_shrinks_each_eigen_coordinate(entries):
    n = 3
    q = rational_rotation(entries, n)
    lams = sp.symbols(f"l1:{n + 1}")
    alpha = sp.Symbol("alpha")
    w_star = sp.Matrix(sp.symbols(f"w1:{n + 1}"))
    h = q * sp.diag(*lams) * q.T
    w_tilde = inverse_times(h + alpha * sp.eye(n), h * w_star)
    # stationarity of alpha/2 |w|^2 + 1/2 (w - w*)^T H (w - w*) (000:135) ...
    assert (alpha * w_tilde + h * (w_tilde - w_star)).applyfunc(sp.cancel).is_zero_matrix
    # ... and the factor lambda_i / (lambda_i + alpha) on every eigen-coordinate (000:149)
    shrunk = sp.diag(*[li / (li + alpha) for li in lams]) * q.T * w_star
    assert (q.T * w_tilde - shrunk).applyfunc(sp.cancel).is_zero_matrix


@settings(max_examples=6, deadline=None)
@given(st.lists(st.integers(-4, 4), min_size=10, max_size=10), st.lists(st.integers(-3, 3), min_size=4, max_size=4))
def test_second_order_taylor_model_of_random_cubics(coeffs, point):
    x1, x2, t = sp.symbols("x1 x2 t")
    monomials = [x1**i * x2**j for i in range(4) for j in range(4) if i + j <= 3]
    j = sum(c * m for c, m in zip(coeffs, monomials))
    th, v = sp.Matrix(point[:2]), sp.Matrix(point[2:])
    at = {x1: th[0], x2: th[1]}
    moved = j.subs({x1: th[0] + t * v[0], x2: th[1] + t * v[1]}, simultaneous=True)
    model = j.subs(at) + t * (grad(j, (x1, x2)).subs(at).T * v)[0] + t**2 / 2 * (v.T * sp.hessian(j, (x1, x2)).subs(at) * v)[0]
    remainder = sp.expand(moved - model)
    assert all(remainder.coeff(t, k) == 0 for k in range(3))
