"""The optimiser identities for other sizes than the claims fix, and the listing harnesses run
exactly on SymPy numbers."""
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from derivations.optimizers import beta, scheme_step, sutskever_step
from numerics.optimizers import (equation_adam, equation_momentum, equation_sgd, listing_adam, listing_momentum,
                                 listing_nesterov, listing_sgd)

R = sp.Rational
fractions = st.fractions(min_value=-3, max_value=3, max_denominator=7).map(lambda f: R(f.numerator, f.denominator))
rates = st.sampled_from([R(1, 3), R(1, 2), R(4, 5), R(9, 10)])


def _unroll(m_start, grads, b):
    m, out = m_start, []
    for g in grads:
        m = b * m + (1 - b) * g
        out.append(m)
    return out


@settings(max_examples=10, deadline=None)
@given(steps=st.integers(min_value=1, max_value=9))
def test_unrolled_momentum_is_the_weighted_sum_for_every_length(steps):
    g = sp.symbols(f"g0:{steps}")
    m0 = sp.Symbol("m0")
    t = steps - 1
    unrolled = _unroll(m0, g, beta)[-1]
    closed = beta ** (t + 1) * m0 + sum(beta ** (t - n) * (1 - beta) * g[n] for n in range(steps))
    assert sp.expand(unrolled - closed) == 0
    # the notes' beta^t m0 (003:209) is off by one step whenever m0 != 0
    assert sp.expand(unrolled - closed + beta ** (t + 1) * m0 - beta**t * m0) != 0


@settings(max_examples=12, deadline=None)
@given(t=st.integers(min_value=0, max_value=12), b=rates)
def test_total_weight_and_the_notes_reindexing(t, b):
    total = sum(b ** (t - n) * (1 - b) for n in range(t + 1))
    assert total == 1 - b ** (t + 1)
    as_written = (1 - b) * sum(b**n for n in range(t))        # 003:412: upper limit t - 1
    assert total - as_written == (1 - b) * b**t                # one term short, never zero for 0 < b < 1


@settings(max_examples=10, deadline=None)
@given(b=rates, a=st.sampled_from([R(1, 10), R(1, 2), R(2)]), x=fractions, phi=fractions, m=fractions)
def test_nesterov_look_ahead_matches_sutskever_on_any_quadratic(b, a, x, phi, m):
    from derivations.optimizers import alpha, m_t, theta
    h = sp.Symbol("h")
    quad = lambda z: h * z + x  # noqa: E731 - gradient of h z^2 / 2 + x z
    lhs = scheme_step(-b, quad).subs({beta: b, alpha: a, theta: phi, m_t: m})
    rhs = sutskever_step(quad).subs({beta: b, alpha: a, theta: phi, m_t: m})
    assert sp.simplify(lhs - rhs) == sp.zeros(2, 1)
    # the notes' theta + alpha m is a different method unless the momentum is zero
    wrong = scheme_step(1, quad).subs({beta: b, alpha: a, theta: phi, m_t: m})
    assert (sp.simplify(wrong - rhs) == sp.zeros(2, 1)) == (m == 0)


def _rows(data, size):
    return tuple(tuple((data[2 * (size * k + j)], data[2 * (size * k + j) + 1]) for j in range(size)) for k in range(2))


@settings(max_examples=12, deadline=None)
@given(size=st.integers(min_value=1, max_value=4), data=st.lists(fractions, min_size=32, max_size=32), w=fractions)
def test_sgd_listing_is_the_box_with_step_alpha_over_n(size, data, w):
    rows = _rows(data, size)
    a = sp.Symbol("alpha", positive=True)
    assert sp.expand(listing_sgd(w, rows, a)[-1] - equation_sgd(w, rows, a / size)[-1]) == 0


@settings(max_examples=10, deadline=None)
@given(data=st.lists(fractions, min_size=4, max_size=4), w=fractions, b=rates)
def test_momentum_listing_starts_from_ones_and_is_1_3_from_zero(data, w, b):
    rows = _rows(data, 1)
    a = R(1, 10)
    assert listing_momentum(w, rows, a, b, m=0)[0] == equation_momentum(w, rows, a, b, m=0)[0]
    # from m = 1 the listing's momentum keeps beta^(t+1) on top of the weighted sum (1.4) of its gradients
    _, ms, gs = listing_momentum(w, rows, a, b)
    assert ms[1] - (b * (1 - b) * gs[0] + (1 - b) * gs[1]) == b**2


@settings(max_examples=8, deadline=None)
@given(data=st.lists(fractions.filter(lambda v: v != 0), min_size=6, max_size=6), b=rates)
def test_nesterov_listing_is_1_5_as_written(data, b):
    rows = _rows(data, 1) + (((data[4], data[5]),),)
    a, w = R(1, 5), data[0]
    listing = listing_nesterov(w, rows, a, b)
    scheme = equation_momentum(w, rows, a, b, m=1, look_ahead=1)[0]
    assert listing == scheme


@settings(max_examples=6, deadline=None)
@given(b=rates, c=st.sampled_from([R(1, 2), R(99, 100)]), x1=st.sampled_from([1, 2, -1]), y1=st.sampled_from([2, -3]))
def test_adam_listing_with_mhat_vhat_is_1_12_with_exponent_t_plus_1(b, c, x1, y1):
    rows = (((x1, y1),), ((2, 1),), ((1, -1),))
    a, e = sp.Symbol("alpha", positive=True), sp.Symbol("e", positive=True)
    fixed = listing_adam(sp.Integer(0), rows, a, b, c, e, sp.sqrt, use_corrected=True)
    eq = equation_adam(sp.Integer(0), rows, a, b, c, e, sp.sqrt, shift=1)
    assert all(sp.simplify(p - q) == 0 for p, q in zip(fixed, eq))
    # as written (no correction) the first step is already different
    raw = listing_adam(sp.Integer(0), rows, a, b, c, e, sp.sqrt)
    assert sp.simplify(raw[0] - eq[0]) != 0
