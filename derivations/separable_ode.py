"""The slides' example of solving a differential equation by a good change of variables (002,
"How humans solve problems?", lines 1785-1794).

dy/dx = y/x + y^2/x^3 is not separable as given, but in the variables r = y/x, s = -1/x it becomes
ds/dr = 1/r^2, so s = -1/r + C; back in x and y that is y = x^2 / (1 + C x). The claim encodes the
slides' chain of substitutions as steps, checks the family by substitution, against SymPy's own
``dsolve`` and with ``checkodesol``, and integrates the ODE numerically with SciPy.
"""
from __future__ import annotations

import functools

import sympy as sp

from checks import Claim, Computed, Equal, Mutant, Numeric, Source
from numerics.separable_ode import ode_vs_closed_form

SLIDES = "002_89896ee51b349776.txt"

x = sp.Symbol("x", positive=True)      # the slides divide by x: work on x > 0
y = sp.Symbol("y", real=True)
C = sp.Symbol("C", real=True)
r = sp.Symbol("r", real=True)

SLOPE = y / x + y**2 / x**3            # dy/dx, 002:1787
R, S = y / x, -1 / x                   # the slides' new variables, 002:1794


def total_derivative(expr):
    """d/dx of expr(x, y) along a solution: d_x expr + d_y expr dy/dx."""
    return sp.diff(expr, x) + sp.diff(expr, y) * SLOPE


def slope_of(curve):
    """dy/dx - (y/x + y^2/x^3) on the curve y = curve(x): zero when the curve solves the ODE."""
    return sp.diff(curve, x) - SLOPE.subs(y, curve)


Y = x**2 / (1 + C * x)                  # the family the substitution gives
FIRST_INTEGRAL = x / y - 1 / x          # C = s + 1/r, constant along solutions

# Wrong families, each with its own first integral (what the experiment uses to fit C).
Y_SIGN = -x**2 / (1 + C * x)            # from ds/dr = -1/r^2, i.e. s = 1/r + C
FIRST_INTEGRAL_SIGN = -1 / x - x / y
Y_NO_BACKSUB = x / (1 + C * x)          # r = x / (1 + C x) taken for y: the factor x of y = x r dropped
FIRST_INTEGRAL_NO_BACKSUB = 1 / y - 1 / x


def _back_substitution():
    """Solving -1/x = -x/y + C (s = -1/r + C in x and y) for y gives the family Y."""
    roots = sp.solve(sp.Eq(S, -1 / R + C), y)
    ok = len(roots) == 1 and sp.cancel(roots[0] - Y) == 0
    return ok, f"y = {roots}"


@functools.lru_cache(maxsize=1)
def _dsolve_and_checkodesol():
    """SymPy's Bernoulli solver returns the same one-parameter family, and checkodesol confirms Y."""
    f = sp.Function("y")
    ode = sp.Eq(f(x).diff(x), f(x) / x + f(x) ** 2 / x**3)
    general = sp.dsolve(ode, hint="Bernoulli")
    (c1,) = general.free_symbols - {x}
    same = sp.cancel(general.rhs.subs(c1, C) - Y) == 0
    verified, residual = sp.checkodesol(ode, sp.Eq(f(x), Y))
    return same and verified, {"dsolve": str(general), "checkodesol": f"({verified}, {residual})"}


def _not_separable():
    """y/x + y^2/x^3 is not g(x) h(y): a product has d_x d_y log(g h) = 0, and here it is -2x/(x^2 + y)^2."""
    mixed = sp.factor(sp.cancel(sp.diff(sp.diff(SLOPE, y) / SLOPE, x)))   # d_x d_y log F = d_x (F_y / F)
    value = mixed.subs({x: 1, y: 1})
    return value != 0, f"d_x d_y log(dy/dx) = {mixed}, {value} at x = y = 1"


xs, cs, ys = sp.symbols("x C y")   # plain symbols for the lambdified hypotheses


class _Lambdified:
    """A SymPy expression as a NumPy function of ``args``, lambdified on first use (keeps the
    import cheap)."""

    def __init__(self, args, expr):
        self.args, self.expr, self._fn = args, expr, None

    def __call__(self, *values):
        if self._fn is None:
            self._fn = sp.lambdify(self.args, self.expr, "numpy")
        return self._fn(*values)

    def __repr__(self):
        return sp.sstr(self.expr)


def _hypothesis(family, integral):
    return {"solution": _Lambdified((xs, cs), family.subs({x: xs, C: cs})),
            "constant": _Lambdified((xs, ys), integral.subs({x: xs, y: ys}))}


separable_ode_substitution = Claim(
    id="separable-ode-substitution",
    title="dy/dx = y/x + y^2/x^3: with r = y/x, s = -1/x it becomes ds/dr = 1/r^2, so y = x^2 / (1 + C x)",
    sources=(
        Source(SLIDES, 1787, r"$$\frac{dy}{dx} = \frac{y}{x} + \frac{y^2}{x^3}$$"),
        Source(SLIDES, 1794, r"$$r = \frac{y}{x}, \quad s = -\frac{1}{x} \quad \Rightarrow \quad \frac{ds}{dr} = \frac{1}{r^2} \quad \Rightarrow \quad \int ds = \int \frac{dr}{r^2}$$"),
    ),
    assumptions=(
        "x > 0 (the equation and the substitution divide by x), y real, C a real constant of integration",
        "the family y = x^2 / (1 + C x) on an interval where 1 + C x != 0; y = 0 (r = 0, where ds/dr is "
        "undefined) is the solution lost by the substitution, the limit C -> infinity",
        "002:1785 calls the example a separable equation: it is not separable in (x, y) as given (a step shows it); "
        "it becomes separable, indeed directly integrable, in (r, s)",
    ),
    statement=Equal(slope_of(Y), 0, source=Source(SLIDES, 1787, r"$$\frac{dy}{dx} = \frac{y}{x} + \frac{y^2}{x^3}$$"),
                    why="y = x^2 / (1 + C x) solves the slides' equation for every C"),
    steps=(
        Computed("y/x + y^2/x^3 is not of the form g(x) h(y): the equation is not separable in x and y", _not_separable,
                 why="hence the search for new variables in which it is"),
        Equal(total_derivative(R), R**2 / x**2,
              why="dr/dx = y'/x - y/x^2 = (y/x + y^2/x^3)/x - y/x^2 = y^2/x^4 = r^2/x^2 along a solution"),
        Equal(total_derivative(S), 1 / x**2, why="ds/dx = 1/x^2"),
        Equal(total_derivative(S) / total_derivative(R), 1 / R**2,
              source=Source(SLIDES, 1794, r"\frac{ds}{dr} = \frac{1}{r^2}"),
              why="ds/dr = (ds/dx) / (dr/dx) = (1/x^2) / (r^2/x^2) = 1/r^2: x has dropped out"),
        Equal(sp.Derivative(-1 / r + C, r), 1 / r**2,
              source=Source(SLIDES, 1794, r"\int ds = \int \frac{dr}{r^2}"),
              why="integrating, s = -1/r + C"),
        Computed("-1/x = -x/y + C (s = -1/r + C with r = y/x, s = -1/x) solved for y is y = x^2 / (1 + C x)",
                 _back_substitution, why="back in the original variables"),
        Computed("SymPy's dsolve (Bernoulli) gives the same family, and checkodesol confirms y = x^2 / (1 + C x)",
                 _dsolve_and_checkodesol, why="an independent solver agrees"),
    ),
    numeric=Numeric(ode_vs_closed_form, _hypothesis(Y, FIRST_INTEGRAL),
                    "solve_ivp (DOP853) from y(1) = y0 for several y0, against y = x^2/(1 + C x) with C = x/y - 1/x at x = 1: "
                    "on [1, 4] the closed form is within 1.5 times the integrator's error estimate (the rtol = 1e-8 run "
                    "against a 1000 times tighter one) plus 1000 eps"),
    mutants=(
        Mutant("sign-of-ds-dr", Equal(slope_of(Y_SIGN), 0), _hypothesis(Y_SIGN, FIRST_INTEGRAL_SIGN),
               "ds/dr = -1/r^2, so s = 1/r + C and y = -x^2 / (1 + C x)"),
        Mutant("no-back-substitution", Equal(slope_of(Y_NO_BACKSUB), 0), _hypothesis(Y_NO_BACKSUB, FIRST_INTEGRAL_NO_BACKSUB),
               "r = x / (1 + C x) taken for y: the factor x of y = x r dropped, y = x / (1 + C x)"),
    ),
)
