"""The early-stopping identities beyond the claims' fixed 2x2 instances: 3x3 Hessians with random
rational rotations, gradient descent unrolled for several step counts, and the series of the
matching step count at random (eps, alpha)."""
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from derivations.early_stopping import ALPHA_MATCH, TAU_MATCH, alpha, eps, lam, steps


def rational_rotation(entries, n):
    """Cayley transform of a skew-symmetric integer matrix: an exactly orthogonal rational matrix."""
    s = sp.zeros(n, n)
    it = iter(entries)
    for i in range(n):
        for j in range(i + 1, n):
            s[i, j] = next(it)
            s[j, i] = -s[i, j]
    return (sp.eye(n) - s) * (sp.eye(n) + s).inv()


rotations = st.lists(st.integers(-3, 3), min_size=3, max_size=3)
positive_rationals = st.builds(sp.Rational, st.integers(1, 9), st.integers(1, 9))


@settings(max_examples=4, deadline=None)
@given(rotations)
def test_gradient_step_decouples_in_the_eigenbasis_3x3(entries):
    n = 3
    q = rational_rotation(entries, n)
    lams = sp.symbols(f"l1:{n + 1}")
    e = sp.Symbol("e")
    w, w_star = sp.Matrix(sp.symbols(f"w1:{n + 1}")), sp.Matrix(sp.symbols(f"v1:{n + 1}"))
    h = q * sp.diag(*lams) * q.T
    j_hat = ((w - w_star).T * h * (w - w_star))[0] / 2
    grad = sp.Matrix([sp.diff(j_hat, wi) for wi in w])
    assert (grad - h * (w - w_star)).applyfunc(sp.expand).is_zero_matrix          # 000:343
    step = w - e * grad
    lhs = q.T * (step - w_star)
    rhs = (sp.eye(n) - e * sp.diag(*lams)) * q.T * (w - w_star)                    # 000:357
    assert (lhs - rhs).applyfunc(sp.expand).is_zero_matrix


@settings(max_examples=6, deadline=None)
@given(rotations, st.integers(0, 5), st.lists(positive_rationals, min_size=4, max_size=4))
def test_unrolled_descent_matches_the_closed_form_3x3(entries, tau, numbers):
    n = 3
    q = rational_rotation(entries, n)
    e, *lams = numbers
    w_star = sp.Matrix([1, -2, 3])
    h = q * sp.diag(*lams) * q.T
    w = sp.zeros(n, 1)
    for _ in range(tau):
        w = w - e * h * (w - w_star)
    closed = (sp.eye(n) - sp.diag(*[(1 - e * li) ** tau for li in lams])) * q.T * w_star   # 000:363
    assert q.T * w == closed


@settings(max_examples=4, deadline=None)
@given(rotations, st.lists(positive_rationals, min_size=4, max_size=4))
def test_l2_solution_in_the_eigenbasis_3x3(entries, numbers):
    n = 3
    q = rational_rotation(entries, n)
    a, *lams = numbers
    w_star = sp.Matrix([2, -1, 1])
    h = q * sp.diag(*lams) * q.T
    w_tilde = (h + a * sp.eye(n)).solve(h * w_star)
    residual = sp.diag(*[a / (li + a) for li in lams])                          # (Lambda + alpha I)^{-1} alpha
    assert q.T * w_tilde == (sp.eye(n) - residual) * q.T * w_star               # 000:369


@settings(max_examples=6, deadline=None)
@given(positive_rationals, positive_rationals)
def test_matching_step_count_series_at_fixed_eps_alpha(e, a):
    at = {eps: e, alpha: a}
    series = sp.series(TAU_MATCH.subs(at), lam, 0, 2).removeO()
    # 1/(eps alpha) [1 - (eps lambda + lambda/alpha)/2]: the leading term of 000:379 and its correction
    assert sp.expand(series - (1 - (e * lam + lam / a) / 2) / (e * a)) == 0


@settings(max_examples=6, deadline=None)
@given(positive_rationals, positive_rationals)
def test_matching_alpha_series_at_fixed_eps_tau(e, t):
    series = sp.series(ALPHA_MATCH.subs({eps: e, steps: t}), lam, 0, 1).removeO()
    assert sp.expand(series - 1 / (t * e)) == 0                                    # 000:380
