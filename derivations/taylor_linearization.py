"""The Taylor expansion of a network around its initial weights (slides 002:381-393, "Taylor
expansion of neural network"): f(x, w) ~ f(x, w_0) + grad_w f(x, w_0)^T (w - w_0), and why it is
"only accurate when weights remain close to initialization": along w = w_0 + eps d the error of
the linearisation is exactly second order,

    f(x, w_0 + eps d) - [f(x, w_0) + eps grad f(x, w_0)^T d] = (eps^2 / 2) d^T grad^2 f(x, w_0) d + O(eps^3),

so it grows as the square of the distance travelled from w_0.

Shown on the slides' own two-layer network f(w, x) = sum_i v_i sigma(w_i^T x) (002:435) with all
its weights moved, m = 2 units in d = 2 dimensions, the activation unspecified (any smooth sigma):
Taylor's theorem for g(eps) = f(x, w_0 + eps d), then the chain rule for g'(0) and g''(0). The
experiment fits the order of the remainder of tanh networks and measures its eps^2 coefficient.
The first-order model's role in the NTK dynamics is ``ntk-linearized-model`` (000:61).
"""
from __future__ import annotations

import functools

import sympy as sp

from checks import Claim, Computed, Equal, Mutant, Numeric, Source
from derivations._vectors import column
from numerics.taylor_linearization import remainder_order_and_level

SLIDES = "002_89896ee51b349776.txt"

sigma = sp.Function("sigma")        # any smooth activation
eps = sp.Symbol("epsilon", real=True)


def make_network(m: int, d: int, tag: str = ""):
    """Weights theta = (v_1..v_m, w_11..w_md), a direction of the same shape, and an input."""
    v = sp.symbols(f"v{tag}_1:{m + 1}", real=True)
    w = [[sp.Symbol(f"w{tag}_{i}{j}", real=True) for j in range(1, d + 1)] for i in range(1, m + 1)]
    theta = list(v) + [wij for row in w for wij in row]
    direction = list(sp.symbols(f"d{tag}_1:{len(theta) + 1}", real=True))
    x = sp.symbols(f"x{tag}_1:{d + 1}", real=True)
    return theta, direction, x


def network(theta, x, m: int, act=sigma):
    """f(w, x) = sum_i v_i act(w_i^T x) (002:435), theta = (v, w row by row)."""
    d = len(x)
    v = theta[:m]
    return sum(v[i] * act(sum(theta[m + i * d + j] * x[j] for j in range(d))) for i in range(m))


def expansion_terms(theta, direction, x, m: int, act=sigma):
    """f(w_0 + eps d), f(w_0), grad f(w_0)^T d and d^T grad^2 f(w_0) d, by SymPy's calculus."""
    f0 = network(theta, x, m, act)
    moved = f0.subs({p: p + eps * dp for p, dp in zip(theta, direction)}, simultaneous=True)
    grad = column(sp.diff(f0, p) for p in theta)
    slope = (grad.T * column(direction))[0]
    curvature = (column(direction).T * sp.hessian(f0, theta) * column(direction))[0]
    return moved, f0, slope, curvature


def jet(expr, order: int, evaluate: bool = True):
    """(g(0), g'(0), ..., g^(order)(0)) for g(eps) = expr: the Taylor data of expr at eps = 0
    (left as d^k/d eps^k at eps = 0, for display, when ``evaluate`` is false)."""
    if evaluate:
        return column(sp.diff(expr, eps, k).subs(eps, 0) for k in range(order + 1))
    return column([expr.subs(eps, 0)] + [sp.Subs(sp.Derivative(expr, (eps, k)), eps, 0) for k in range(1, order + 1)])


M_UNITS, DIM = 2, 2
THETA, DIRECTION, X = make_network(M_UNITS, DIM)
MOVED, F0, SLOPE, CURVATURE = expansion_terms(THETA, DIRECTION, X, M_UNITS)
JET = jet(MOVED, 2, evaluate=False)                           # g(0), g'(0), g''(0) for g(eps) = f(w_0 + eps d)
LINEAR = F0 + eps * SLOPE                                     # 002:384

# With tanh, one unit in two dimensions: concrete enough for SymPy to sample the mutants.
THETA_T, DIRECTION_T, X_T = make_network(1, DIM, tag="t")
MOVED_T, F0_T, SLOPE_T, CURVATURE_T = expansion_terms(THETA_T, DIRECTION_T, X_T, 1, act=sp.tanh)
JET_T = jet(MOVED_T, 2)
REMAINDER_JET_T = JET_T - column([F0_T, SLOPE_T, 0])          # the Taylor data of f(w_0 + eps d) - linearisation
_AT = dict(zip(THETA_T + DIRECTION_T + list(X_T), [sp.Rational(1, 2), 1, -1, 1, 2, -1, 1, sp.Rational(1, 3)]))
g = sp.Function("g")


@functools.lru_cache(maxsize=None)
def _curvature_not_identically_zero():
    """The eps^2 coefficient at one point, with tanh: nonzero, so the remainder is exactly second
    order (not smaller) there."""
    number = sp.N(CURVATURE_T.subs(_AT), 20)
    return bool(abs(number) > 1e-10), f"d^T grad^2 f d = {sp.N(number, 8)} at {_AT}"


@functools.lru_cache(maxsize=None)
def _taylor_theorem():
    """Taylor's theorem in one variable, as SymPy expands an unspecified smooth g."""
    low = sp.series(g(eps), eps, 0, 3).removeO()
    model = g(0) + eps * sp.diff(g(eps), eps).subs(eps, 0) + eps**2 / 2 * sp.diff(g(eps), eps, 2).subs(eps, 0)
    gap = sp.simplify((low - model).doit())
    return gap == 0, f"series of g(eps) to O(eps^3) minus g(0) + eps g'(0) + eps^2 g''(0)/2 = {gap}"


f0_, delta_, slope_, curvature_ = sp.symbols("f0 delta slope curvature", real=True)
HYPOTHESIS = {"model": f0_ + delta_ * slope_, "order": 2, "leading": curvature_ / 2}

taylor_linearization = Claim(
    id="taylor-linearization",
    title="Linearising a network around w_0 errs by (eps^2/2) d^T grad^2 f d + O(eps^3): exactly second order in w - w_0",
    sources=(
        Source(SLIDES, 383, "Taylor expansion of neural network with respect to initialization weights  $w_0$"),
        Source(SLIDES, 384, r"f(x, w) \approx f(x, w_0) + \nabla_w f(x, w_0)^T(w - w_0)"),
        Source(SLIDES, 385, "This Taylor expansion is only accurate when weights remain close to initialization"),
        Source(SLIDES, 393, "Taylor expansion is only accurate when the weights don't change much during training"),
    ),
    assumptions=(
        "f(w, x) = sum_i v_i sigma(w_i^T x) (002:435) with sigma smooth (unspecified); w = w_0 + eps d moves every weight "
        "(v and w_i) along a fixed direction d; x fixed",
        "shown for m = 2 units in d = 2 dimensions (6 weights); the mutants with tanh and one unit",
        "the experiment: 16 tanh networks of width 32 on R^4 (v_i ~ N(0, 1/m), w_i ~ N(0, I)), unit directions d, "
        "eps = 2^-3 .. 2^-12",
    ),
    statement=Equal(JET, column([F0, SLOPE, CURVATURE]),
                    why="g(eps) = f(x, w_0 + eps d) has g(0) = f(w_0), g'(0) = grad f^T d, g''(0) = d^T grad^2 f d; by Taylor's "
                        "theorem f(w_0 + eps d) = f(w_0) + eps grad f^T d + (eps^2/2) d^T grad^2 f d + O(eps^3)"),
    steps=(
        Computed("Taylor's theorem in one variable: g(eps) = g(0) + eps g'(0) + (eps^2/2) g''(0) + O(eps^3) for smooth g",
                 _taylor_theorem,
                 why="so the expansion of f(w_0 + eps d) to O(eps^3) is fixed by g(0), g'(0), g''(0): the statement computes them",
                 latex_form=r"g(\epsilon) = g(0) + \epsilon g'(0) + \tfrac{\epsilon^2}{2} g''(0) + O(\epsilon^3)"),
        Equal(JET, column([F0, SLOPE, JET[2]]),
              why="at eps = 0 the weights are w_0; chain rule: g'(0) = sum_k (d f / d w_k)(w_0) d_k = grad_w f(x, w_0)^T d"),
        Equal(column([F0, SLOPE, JET[2]]), column([F0, SLOPE, CURVATURE]),
              why="chain rule again: g''(0) = sum_kl (d^2 f / d w_k d w_l)(w_0) d_k d_l = d^T grad^2 f(x, w_0) d"),
        Computed("the eps^2 coefficient d^T grad^2 f d is not identically zero (tanh, one unit, at a rational point)",
                 _curvature_not_identically_zero,
                 why="so the linearisation's error is of order exactly 2: it grows as |w - w_0|^2, no slower"),
    ),
    forms=(
        Equal(MOVED, LINEAR, up_to=sp.O(eps**2),
              source=Source(SLIDES, 384, r"f(x, w) \approx f(x, w_0) + \nabla_w f(x, w_0)^T(w - w_0)"),
              why="002:384 as written, with w - w_0 = eps d: equality up to O(eps^2), i.e. to first order"),
    ),
    numeric=Numeric(remainder_order_and_level, HYPOTHESIS,
                    "the rms remainder f(w_0 + eps d) - model falls as eps^p with the fitted p within 0.1 of the claimed "
                    "order, and remainder / eps^order tends to the claimed coefficient (within twice the cubic term plus round-off)"),
    mutants=(
        Mutant("first-order-remainder", Equal(REMAINDER_JET_T[:2, 0], column([0, CURVATURE_T / 2])),
               {**HYPOTHESIS, "order": 1},
               "the linearisation's error claimed first order, (eps/2) d^T H d + O(eps^2): as if it were only O(|w - w_0|)"),
        Mutant("gradient-sign", Equal(JET_T[:2, 0], column([F0_T, -SLOPE_T])),
               {**HYPOTHESIS, "model": f0_ - delta_ * slope_},
               "f(w_0) - grad f(w_0)^T (w - w_0): the minus sign of a gradient-descent step carried into the expansion"),
        Mutant("no-half", Equal(REMAINDER_JET_T[2], 2 * CURVATURE_T),
               {**HYPOTHESIS, "leading": curvature_},
               "the remainder eps^2 d^T H d + O(eps^3), i.e. g''(0) = 2 d^T H d: the second-order term without its 1/2"),
    ),
)
