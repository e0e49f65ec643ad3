"""The gradient-flow identities beyond the claims' fixed instances: the flow's Taylor map and the
Euler step for risks on R^2, Gronwall's variation-of-constants form for concrete slacks, the chain
rule along the flow, and the strong-convexity lower bound's minimum."""
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from derivations.gradient_flow import (BOUND, LOWER, LOWER_MIN, VOC, Y, Y_MIN, _lower_bound_is_minimal, delta_0, grad_sq,
                                       mu, sc_implies_pl, t, u)

small_ints = st.integers(-3, 3)
positive_rationals = st.builds(sp.Rational, st.integers(1, 9), st.integers(1, 5))

g = sp.Symbol("gamma", positive=True)
X1, X2 = sp.symbols("x1 x2", real=True)


def _flow_taylor(risk, xs):
    """theta - gamma grad R + gamma^2/2 Hess R grad R, the flow's map to second order."""
    grad = sp.Matrix([sp.diff(risk, v) for v in xs])
    hess = sp.hessian(risk, xs)
    return sp.Matrix(xs) - g * grad + g**2 / 2 * hess * grad, grad, hess


@settings(max_examples=6, deadline=None)
@given(small_ints, small_ints, small_ints, positive_rationals)
def test_taylor_map_solves_the_flow_and_euler_errs_at_second_order_in_2d(a, b, c, k):
    xs = (X1, X2)
    risk = a * X1**2 + b * X1 * X2 + c * X2**2 + k * (X1**4 + X2**4) / 4
    flow, grad, hess = _flow_taylor(risk, xs)
    at_flow = grad.subs({X1: flow[0], X2: flow[1]}, simultaneous=True)
    residual = (sp.diff(flow, g) + at_flow).applyfunc(sp.expand)
    # d/dgamma of the map + grad R(map) has no term below gamma^2: the map is the flow to O(gamma^3)
    for entry in residual:
        assert all(sp.Poly(entry, g).coeff_monomial(g**j) == 0 for j in (0, 1))
    euler = sp.Matrix(xs) - g * grad
    assert ((flow - euler) - g**2 / 2 * hess * grad).applyfunc(sp.expand).is_zero_matrix


@settings(max_examples=8, deadline=None)
@given(positive_rationals, positive_rationals, positive_rationals)
def test_variation_of_constants_with_an_exponential_slack(m, c, nu):
    """Slack s(u) = c e^{-nu u} >= 0: the form solves Delta' = -mu Delta - s and stays below e^{-mu t} Delta_0."""
    s = sp.Function("s")
    concrete = VOC.subs(mu, m).replace(s, sp.Lambda(u, c * sp.exp(-nu * u))).doit()
    ode = sp.diff(concrete, t) + m * concrete + c * sp.exp(-nu * t)
    assert sp.simplify(ode) == 0
    assert concrete.subs(t, 0) == delta_0
    for tv in (sp.Rational(1, 3), 1, 4):
        gap = (BOUND.subs(mu, m) - concrete).subs({t: tv, delta_0: 1})
        assert sp.N(gap) > 0


def test_the_lower_bounds_minimiser():
    assert _lower_bound_is_minimal()[0]
    grad_at_min = sp.Matrix([sp.diff(LOWER, v) for v in Y]).subs(dict(zip(Y, Y_MIN)), simultaneous=True)
    assert grad_at_min.applyfunc(sp.simplify).is_zero_matrix
    assert sp.simplify(LOWER_MIN - LOWER.subs(dict(zip(Y, Y_MIN)), simultaneous=True)) == 0


@settings(max_examples=10, deadline=None)
@given(positive_rationals, positive_rationals, st.integers(-4, 4), st.integers(-4, 4))
def test_strongly_convex_quadratics_meet_the_pl_bound_with_equality_on_their_slowest_axis(l1, extra, p1, p2):
    """R = 1/2 (l1 x1^2 + (l1 + extra) x2^2), mu = l1: R - R* <= |grad R|^2 / (2 mu), equal on the x1 axis."""
    l2 = l1 + extra
    risk = (l1 * X1**2 + l2 * X2**2) / 2
    grad_sq = sp.diff(risk, X1) ** 2 + sp.diff(risk, X2) ** 2
    point = {X1: p1, X2: p2}
    assert (grad_sq / (2 * l1) - risk).subs(point) >= 0
    assert (grad_sq / (2 * l1) - risk).subs({X1: p1, X2: 0}) == 0


def test_the_claims_statement_is_the_sharp_form():
    # the statement bounds R - R* by ||g||^2 / (2 mu); the notes' PL form (1/mu) ||g||^2 is twice that
    assert sp.simplify(sc_implies_pl.statement.relation.rhs - grad_sq / (2 * mu)) == 0
    last = sc_implies_pl.steps[-1].relation
    assert sp.simplify(last.rhs / last.lhs) == 2
