"""Universal approximation (000:90-95): continuous functions on the unit cube are uniform limits
of finite sums sum_j v_j phi(w_j . x + b_j) with phi continuous and discriminatory (Cybenko 1989).

The notes state the theorem without proof, and the general proof (Hahn-Banach and the Riesz
representation theorem) is not a computation SymPy can check. What is checked here is a
constructive proof of the one-dimensional case for Lipschitz targets, with the logistic sigmoid
sigma(z) = 1/(1 + e^{-z}) (continuous and discriminatory):

    G_N(x) = 2 f(0) sigma(0 x + 0) + sum_{j=1}^N (f(x_j) - f(x_{j-1})) sigma(c N (x - t_j)),
    x_j = j/N, t_j = (j - 1/2)/N,

a sum of N + 1 terms of the notes' form, satisfies sup_[0,1] |f - G_N| <= (L/N)(1 + 2/(e^c - 1)) for
every L-Lipschitz f and every c > 0, which tends to 0 as N grows. The proof: the sigmoids are
smoothed steps of the staircase S(x) = f(x_m) (x_m the node nearest x), which is within L/(2N) of
f; each step's smoothing error is |Delta_j| sigma(-c N |x - t_j|) <= (L/N) sigma(-c N |x - t_j|), and
those add up to at most (L/N)(1/2 + 2/(e^c - 1)).
"""
from __future__ import annotations

import sympy as sp

from checks import Claim, Computed, Equal, Holds, Mutant, Numeric, Reference, Source
from numerics.universal_approximation import approximation_error

NOTES = "000_f4da46d2683a41e5.txt"
CYBENKO = Reference("Cybenko 1989, Approximation by superpositions of a sigmoidal function",
                    "Mathematics of Control, Signals and Systems 2, 303-314; Theorem 2 and Lemma 1",
                    "https://doi.org/10.1007/BF02551274")

z = sp.Symbol("z", real=True)
s = sp.Symbol("s", nonnegative=True)
q = sp.Symbol("q", positive=True)
c = sp.Symbol("c", positive=True)
L = sp.Symbol("L", positive=True)
N = sp.Symbol("N", positive=True, integer=True)
n = sp.Symbol("n", positive=True, integer=True)


def sigma(arg):
    """The logistic sigmoid."""
    return 1 / (1 + sp.exp(-arg))


BOUND = (L / N) * (1 + 2 / (sp.exp(c) - 1))
STAIRCASE = L / (2 * N)                                      # |f(x) - f(x_m)| <= L |x - x_m| <= L / (2N)
TAILS = (L / N) * (sp.Rational(1, 2) + 2 / (sp.exp(c) - 1))  # sum of the smoothing errors


def _telescoping(max_units: int = 8):
    """The staircase: f(0) + sum_{j <= m} (f(x_j) - f(x_{j-1})) = f(x_m) for every m <= N, N = 1..max_units."""
    for units in range(1, max_units + 1):
        f = sp.symbols(f"f0:{units + 1}")
        for m in range(units + 1):
            if sp.expand(f[0] + sum(f[j] - f[j - 1] for j in range(1, m + 1)) - f[m]) != 0:
                return False, {"N": units, "m": m}
    return True, f"for N = 1..{max_units} and every m <= N"


def _tail_below_exponential():
    """sigma(-z) <= e^{-z}: the gap e^{-z} - sigma(-z) is e^{-z} sigma(-z) > 0."""
    gap = sp.cancel(sp.exp(-z) - sigma(-z) - sp.exp(-z) * sigma(-z))
    return gap == 0, f"e^(-z) - sigma(-z) - e^(-z) sigma(-z) = {gap}"


def _tail_convex():
    """s -> sigma(-c s) is convex on s >= 0: with q = e^{c s} >= 1 its second derivative is
    c^2 q (q - 1)/(q + 1)^3 >= 0. So the sum of the smoothing errors over the steps, a convex and
    symmetric function of where x sits between two step centres, is largest at a centre."""
    second = sp.factor(sp.cancel(sp.diff(sigma(-c * s), s, 2).subs(sp.exp(c * s), q)))
    expected = c**2 * q * (q - 1) / (q + 1) ** 3
    nonnegative = sp.factor(second.subs(q, 1 + s)).is_nonnegative
    return sp.cancel(second - expected) == 0 and nonnegative is True, f"d^2/ds^2 sigma(-c s) = {second}, q = e^(c s)"


def _geometric_tail():
    """sum_{i=1}^n e^{-c i} = (1 - e^{-c n}) / (e^c - 1): true at n = 1 and the increments agree;
    as n -> infinity it tends to 1 / (e^c - 1)."""
    partial = lambda k: (1 - sp.exp(-c * k)) / (sp.exp(c) - 1)  # noqa: E731
    base = sp.cancel(partial(1) - sp.exp(-c))
    step = sp.cancel(sp.expand(partial(n + 1) - partial(n) - sp.exp(-c * (n + 1))))
    limit = sp.limit(partial(n), n, sp.oo)
    ok = base == 0 and step == 0 and sp.cancel(limit - 1 / (sp.exp(c) - 1)) == 0
    return ok, f"base {base}, increment {step}, limit {limit}"


# The construction on f(x) = x with N = 4 units and c = log(9/4), evaluated at x = 0 where the
# sigmoids' tails all fall on one side: |f(0) - G_4(0)| = (1/4) sum_j 1/(1 + (3/2)^(2j - 1)), a rational.
C_EDGE = sp.log(sp.Rational(9, 4))
EDGE_ERROR = sp.nsimplify(sum(sp.Rational(1, 4) * sigma(-C_EDGE * (j - sp.Rational(1, 2))) for j in range(1, 5)))
EDGE_BOUND = BOUND.subs({L: 1, N: 4, c: C_EDGE})

v = sp.symbols("v1:4", real=True)
w = sp.symbols("omega1:4", real=True)
b = sp.symbols("b1:4", real=True)
xx = sp.Symbol("x", real=True)
zz = sp.Symbol("z")
n_, l_, c_ = sp.symbols("N L c")


def _bound_fn(expr):
    return sp.lambdify((n_, l_, c_), expr.subs({N: n_, L: l_, c: c_}), "numpy")


universal_approximation_1d = Claim(
    id="universal-approximation-sigmoid-sum",
    title="Universal approximation in one dimension: N + 1 sigmoids approximate an L-Lipschitz f on [0, 1] "
          "within (L/N)(1 + 2/(e^c - 1)) -> 0",
    sources=(
        Source(NOTES, 92, r"Any continuous function defined in a n-dimensional unit hypercube may be approximated by a finite sum of the type:"),
        Source(NOTES, 93, r"\sum_{j=1}^N v_j \varphi\left(\vec{\omega}^{(j)} \cdot \vec{x}+b_j\right)"),
        Source(NOTES, 94, r"wherein `$v_j, b_j \in \mathbb{R}, \vec{\omega}^{(j)} \in \mathbb{R}^n$` and `$\phi$` is continuoi discriminatory function."),
    ),
    assumptions=(
        "n = 1: the unit interval [0, 1]; the notes' n-dimensional statement (Cybenko's theorem) is not proved here",
        "f L-Lipschitz (for a merely continuous f the same construction gives the bound with L/N replaced by the "
        "modulus of continuity at 1/N, which also tends to 0)",
        "phi = sigma, the logistic sigmoid, which is continuous and discriminatory (Cybenko's Lemma 1); c > 0 the "
        "units' slope per unit of N, N >= 1 the number of steps (N + 1 terms, the constant one with omega = b = 0)",
    ),
    statement=Equal(sp.Limit(BOUND, N, sp.oo), 0,
                    why="sup_[0,1] |f - G_N| <= (L/N)(1 + 2/(e^c - 1)) (the steps), and the bound tends to 0"),
    steps=(
        Equal(2 * sigma(0), 1, why="the constant term 2 f(0) sigma(0 x + 0) is f(0)"),
        Computed("the staircase f(0) + sum_{j <= m} (f(x_j) - f(x_{j-1})) is f(x_m): for x nearest the node x_m, "
                 "S(x) = f(0) + sum_j Delta_j H(x - t_j) = f(x_m), within L/(2N) of f(x)", _telescoping,
                 why="a telescoping sum; |x - x_m| <= 1/(2N) and f is L-Lipschitz"),
        Equal(1 - sigma(z), sigma(-z), why="a sigmoid step misses the unit step by sigma(-|z|) on either side: "
                                           "|H(z) - sigma(z)| = sigma(-|z|)"),
        Computed("sigma(-z) <= e^{-z} for z >= 0", _tail_below_exponential,
                 why="e^{-z} - sigma(-z) = e^{-z} sigma(-z) >= 0"),
        Computed("s -> sigma(-c s) is convex on s >= 0", _tail_convex,
                 why="x at distance theta/N past a centre t_m sees the centres at (theta + i)/N and (1 - theta + i)/N, "
                     "i >= 0: the error sum is convex and symmetric in theta on [0, 1], largest at theta = 0, where it is "
                     "sigma(0) + 2 sum_{i >= 1} sigma(-c i)"),
        Computed("sum_{i >= 1} e^{-c i} = 1/(e^c - 1)", _geometric_tail,
                 why="so the smoothing errors add up to at most (L/N)(1/2 + 2/(e^c - 1)), since |Delta_j| <= L/N"),
        Equal(STAIRCASE + TAILS, BOUND, why="staircase error plus smoothing errors"),
        Holds(sp.Le(EDGE_ERROR, EDGE_BOUND, evaluate=False),
              why="a check of the bound on f(x) = x, N = 4, c = log(9/4) at x = 0: (1/4) sum_j 1/(1 + (3/2)^(2j-1)) = 0.20 <= 0.65"),
    ),
    numeric=Numeric(approximation_error, {"activation": sigma(zz), "bound": _bound_fn(BOUND)},
                    "the construction in JAX float64 for four Lipschitz targets and N = 4..256 units (c = log(9/4)): the "
                    "grid sup of |f - G_N| never exceeds the proven bound 2.6 L / N"),
    mutants=(
        Mutant("polynomial-activation",
               Equal(sp.diff(sum(vi * (wi * xx + bi) ** 2 for vi, wi, bi in zip(v, w, b)), xx, 3), 6),
               {"activation": zz**2, "bound": _bound_fn(BOUND)},
               "phi(z) = z^2, not discriminatory: every sum of its units is a quadratic polynomial (third derivative "
               "0), so it cannot approach x^3, whose third derivative is 6"),
        Mutant("staircase-error-only", Holds(sp.Le(EDGE_ERROR, STAIRCASE.subs({L: 1, N: 4}), evaluate=False)),
               {"activation": sigma(zz), "bound": _bound_fn(STAIRCASE)},
               "the bound L/(2N) of the staircase alone, forgetting the sigmoids' tails"),
        Mutant("order-one-over-n-squared", Holds(sp.Le(EDGE_ERROR, (BOUND / N).subs({L: 1, N: 4, c: C_EDGE}), evaluate=False)),
               {"activation": sigma(zz), "bound": _bound_fn(BOUND / N)},
               "an error falling as 1/N^2: the sigmoids' smoothing error at the edge of [0, 1] is of order L/N"),
    ),
    references=(CYBENKO,),
)
