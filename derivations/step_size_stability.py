"""Gradient descent near a local minimum: it stays only if the step is small enough (003 chapter 1,
Problem 1, lines 173-179).

The notes ask to "show that regular gradient descent CANNOT escape a local minimum" and answer
that for small alpha the iterate cannot move and for large alpha it would "oscillate back and
forth around the minimum". Linearising one step settles it. Near a strict local minimum theta*
with curvature lambda = f''(theta*) > 0, write f'(theta* + e) = lambda e + a2 e^2 + a3 e^3 + ...;
a gradient step maps the error e to

    e' = e - alpha f'(theta* + e) = (1 - alpha lambda) e + O(e^2).

So the minimum attracts the iterates exactly when |1 - alpha lambda| < 1, i.e. 0 < alpha < 2/lambda.
For 1/lambda < alpha < 2/lambda the error alternates in sign and shrinks: the notes' oscillation,
which converges. For alpha > 2/lambda it alternates and grows: the minimum repels, and gradient
descent leaves it. The problem's statement is therefore false for large steps; a concrete escape is
encoded: on f'(theta) = theta (theta - 2)(theta - 3)/2 (minima at 0 with curvature 3 and at 3 with
curvature 3/2, a maximum at 2), alpha = 6/5 and theta_0 = 1/1000, eight exact steps carry the iterate
over the maximum at 2, and it then settles in the flatter minimum at 3 (where alpha < 2/(3/2)).
Sharp minima are unstable under large steps; flat ones keep the iterates.
"""
from __future__ import annotations

import functools
from fractions import Fraction

import sympy as sp

from checks import Claim, Computed, Equal, Mutant, Numeric, Reference, Source
from numerics.step_size_stability import step_size_experiment

NOTES = "003_102deae4affe1aa8.txt"
WU = Reference("Wu, Ma, E 2018, How SGD selects the global minima in over-parameterized learning: a dynamical "
               "stability perspective", "NeurIPS 2018; for full-batch GD a minimum is linearly stable when its sharpness is "
               "at most 2/eta", "http://nips.cc/virtual/2018/poster/11792")

e = sp.Symbol("e", real=True)                         # theta - theta*
a2, a3 = sp.symbols("a_2 a_3", real=True)             # higher Taylor coefficients of f' at theta*
alpha, lam = sp.symbols("alpha lambda", positive=True)
SLOPE = lam * e + a2 * e**2 + a3 * e**3                 # f'(theta* + e): zero at e = 0, slope lambda
E_NEXT = e - alpha * SLOPE                              # the error after one gradient step
FACTOR = 1 - alpha * lam


X = sp.Symbol("x", positive=True)                       # alpha lambda


def _factor_between(low, high, domain):
    """{x in domain : low < 1 - x < high}: 1 - x is strictly decreasing in x (its derivative is -1),
    so the set is the open interval between the points where it equals high and low."""
    assert sp.diff(1 - X, X) == -1
    y = sp.Symbol("y")                                       # unrestricted, so that x = 0 can be an end
    ends = [sp.solve(sp.Eq(1 - y, level), y)[0] if level.is_finite else -level for level in (sp.sympify(high), sp.sympify(low))]
    return sp.Interval.open(*ends).intersect(domain)


@functools.lru_cache(maxsize=8)
def _stable_step_sizes(threshold):
    """Whether {alpha > 0 : |1 - alpha lambda| < 1} is the interval (0, threshold), solved in the
    variable x = alpha lambda > 0 (the region is then a plain interval SymPy can compare)."""
    region = _factor_between(-1, 1, sp.Interval.open(0, sp.oo))
    want = sp.Interval.open(0, sp.simplify(threshold * lam))
    return region == want, f"|1 - alpha lambda| < 1 exactly for alpha lambda in {region}"


def _oscillation_ranges():
    """The factor 1 - alpha lambda on the two ranges of 'large' alpha: in (-1, 0) exactly for
    1 < alpha lambda < 2 (alternating, shrinking), below -1 exactly for alpha lambda > 2 (alternating,
    growing)."""
    shrinks = _factor_between(-1, 0, sp.Interval.open(1, sp.oo)) == sp.Interval.open(1, 2)
    grows = _factor_between(-sp.oo, -1, sp.Interval.open(1, sp.oo)) == sp.Interval.open(2, sp.oo)
    return shrinks and grows, "-1 < 1 - alpha lambda < 0 exactly for 1 < alpha lambda < 2; 1 - alpha lambda < -1 exactly for alpha lambda > 2"


def _escape_on_double_well(step=Fraction(6, 5), start=Fraction(1, 1000), barrier=2, max_steps=20):
    """Exact rational gradient descent on f'(theta) = theta (theta - 2)(theta - 3)/2 from near the
    minimum at 0: the first step that carries the iterate over the maximum at theta = 2."""
    theta = start
    signs = []
    for t in range(1, max_steps + 1):
        theta = theta - step * theta * (theta - 2) * (theta - 3) / 2
        signs.append("+" if theta > 0 else "-")
        if theta > barrier:
            return t, theta, "".join(signs)
    return None, theta, "".join(signs)


def _cannot_escape_as_written():
    """The notes' claim: gradient descent started near a local minimum never leaves it."""
    t, theta, signs = _escape_on_double_well()
    if t is None:
        return True, "no escape found in 20 steps"
    return False, {"f'(theta)": "theta (theta - 2)(theta - 3)/2 (curvature 3 at the minimum 0, maximum at 2)",
                   "alpha": "6/5 (alpha lambda = 18/5 > 2)", "theta_0": "1/1000",
                   "exact iterates": f"signs {signs}: alternating, growing", f"theta_{t}": f"{float(theta):.6f} > 2",
                   "then": "the iterate settles in the minimum at 3 (alpha < 2/(3/2)), see the experiment"}


def _contracts_near_sharp_minimum(step, radius=sp.Rational(1, 10)):
    """max |d/dtheta (theta - step f'(theta))| over |theta| <= radius on the double well: below 1 means
    the step maps [-radius, radius] into itself (it fixes 0) and every iterate from there converges to 0.
    The derivative is a quadratic in theta: its extremes lie at the ends or at the vertex."""
    th = sp.Symbol("theta", real=True)
    slope_of_map = sp.expand(sp.diff(th - step * th * (th - 2) * (th - 3) / 2, th))
    vertex = sp.solve(sp.diff(slope_of_map, th), th)
    points = [-radius, radius] + [v for v in vertex if -radius <= v <= radius]
    return max(abs(slope_of_map.subs(th, q)) for q in points)


def _stays_only_for_small_steps():
    ok, detail = _stable_step_sizes(2 / lam)
    t, _, _ = _escape_on_double_well()
    small = _contracts_near_sharp_minimum(sp.Rational(1, 2))      # alpha lambda = 3/2 < 2
    return ok and t is not None and small < 1, (f"{detail}; on the double well alpha = 6/5 escapes at step {t}, while "
                                                  f"alpha = 1/2 maps |theta| <= 1/10 into itself with slope <= {small} < 1")


def _large_step_oscillates_as_written():
    """'If alpha is large, [GD] would oscillate back and forth around the minimum', read as: for every
    alpha > 1/lambda the error alternates in sign and does not grow (the iterate stays near theta*)."""
    bad = _factor_between(-sp.oo, -1, sp.Interval.open(1, sp.oo))
    if bad.is_empty:
        return True, "no alpha > 1/lambda makes the error grow"
    return False, {"alpha lambda in": str(bad), "alpha lambda": "3", "factor 1 - alpha lambda": "-2",
                   "so": "|e| doubles every step: the iterate oscillates away from the minimum, it does not stay around it"}


e0, a_, l_ = sp.symbols("e_0 alpha lambda")

gd_step_size_local_minimum = Claim(
    id="gd-step-size-local-minimum",
    title="Near a minimum with curvature lambda a gradient step scales the error by 1 - alpha lambda: GD stays only "
          "if alpha < 2/lambda, and escapes otherwise",
    sources=(
        Source(NOTES, 175, "Show that regular gradient descent CANNOT escape a local minimum"),
        Source(NOTES, 179, "If α is large, then the algorithm would force the θ_i to oscillate back and forth around the minimum."),
    ),
    assumptions=(
        "f smooth near a strict local minimum theta*, f''(theta*) = lambda > 0; f'(theta* + e) = lambda e + a2 e^2 + "
        "a3 e^3 (a cubic f' shows every term the argument needs; higher terms are O(e^2) as well)",
        "gradient descent theta <- theta - alpha f'(theta) with a constant alpha > 0, one coordinate (in several, "
        "the same holds along each eigenvector of the Hessian, with its eigenvalue)",
        "'stays' means the minimum attracts every start close enough to it (linear stability)",
    ),
    statement=Equal(E_NEXT, FACTOR * e, up_to=sp.O(e**2),
                    why="one gradient step near theta* multiplies the error by 1 - alpha lambda, to first order"),
    steps=(
        Equal(E_NEXT, FACTOR * e - alpha * (a2 * e**2 + a3 * e**3),
              why="e' = e - alpha f'(theta* + e): collect the term linear in e"),
        Equal(FACTOR * e - alpha * (a2 * e**2 + a3 * e**3), FACTOR * e, up_to=sp.O(e**2),
              why="the rest is O(e^2): close to theta* the linear term decides"),
        Computed("|1 - alpha lambda| < 1, the condition for the error to shrink, holds exactly for 0 < alpha < 2/lambda",
                 lambda: _stable_step_sizes(2 / lam),
                 why="solve the inequality in alpha: -1 < 1 - alpha lambda < 1",
                 latex_form=r"|1-\alpha\lambda|<1 \iff 0<\alpha<2/\lambda"),
        Computed("for 1/lambda < alpha < 2/lambda the error alternates in sign and shrinks; for alpha > 2/lambda it "
                 "alternates and grows", _oscillation_ranges,
                 why="the sign and size of 1 - alpha lambda on the two ranges of large steps"),
    ),
    forms=(
        Computed("gradient descent started near a strict local minimum stays there, whatever the step size",
                 _cannot_escape_as_written,
                 why="the problem's statement, as posed",
                 source=Source(NOTES, 175, "Show that regular gradient descent CANNOT escape a local minimum"),
                 correction=Computed("gradient descent stays near a strict local minimum only for alpha < 2/lambda; "
                                     "for alpha > 2/lambda the minimum repels the iterates",
                                     _stays_only_for_small_steps)),
        Computed("for every large alpha (alpha lambda > 1) the iterate oscillates around the minimum and stays there",
                 _large_step_oscillates_as_written,
                 why="the solution's account of large steps, as written",
                 source=Source(NOTES, 179, "If α is large, then the algorithm would force the θ_i to oscillate back and forth around the minimum."),
                 correction=Computed("for 1 < alpha lambda < 2 the iterate oscillates around the minimum and converges to "
                                     "it; for alpha lambda > 2 the oscillation grows and the iterate leaves",
                                     _oscillation_ranges)),
    ),
    numeric=Numeric(
        step_size_experiment,
        {"factor": sp.lambdify((a_, l_), 1 - a_ * l_, "numpy"), "threshold": sp.lambdify(l_, 2 / l_, "numpy")},
        "random cubic f' with curvature lambda in [0.5, 4], alpha lambda in {0.5, 1.5, 1.9, 2.1, 2.5, 3}: the one-step "
        "ratio e_1/e_0 from e_0 = 1e-7 equals factor(alpha, lambda) - alpha (a2 e_0 + a3 e_0^2) (the instance's own "
        "higher-order terms) within 16u(1 + alpha lambda), and after 400 steps from e_0 = 1e-4 converged (|e| < 1e-9) "
        "exactly when alpha < threshold(lambda); "
        "on the double well the iterate from 1e-3 stays at 0 exactly when alpha < threshold(3)",
    ),
    mutants=(
        Mutant("oscillation-is-instability", Computed("|1 - alpha lambda| < 1 exactly for 0 < alpha < 1/lambda",
                                                      lambda: _stable_step_sizes(1 / lam)),
               {"factor": sp.lambdify((a_, l_), 1 - a_ * l_, "numpy"), "threshold": sp.lambdify(l_, 1 / l_, "numpy")},
               "alpha < 1/lambda, the onset of the oscillation, taken for the edge of stability"),
        Mutant("cannot-escape", Computed("|1 - alpha lambda| < 1 for every alpha > 0",
                                         lambda: _stable_step_sizes(sp.oo)),
               {"factor": sp.lambdify((a_, l_), 1 - a_ * l_, "numpy"), "threshold": sp.lambdify(l_, sp.oo, "numpy")},
               "the notes' claim: no step size makes gradient descent leave a local minimum"),
        Mutant("half-curvature", Equal(E_NEXT, (1 - alpha * lam / 2) * e, up_to=sp.O(e**2)),
               {"factor": sp.lambdify((a_, l_), 1 - a_ * l_ / 2, "numpy"), "threshold": sp.lambdify(l_, 4 / l_, "numpy")},
               "the factor taken as 1 - alpha lambda/2 (the curvature halved, as if the gradient of (lambda/2) e^2 were "
               "(lambda/2) e): stable up to 4/lambda"),
    ),
    references=(WU,),
)
