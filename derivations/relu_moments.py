"""Moments of ReLU and of the Heaviside step of a symmetric random variable (003, Problem 5,
lines 587-603, and Problem 6, lines 673-687), and the mean and variance of ReLU of a centred
Gaussian, which the He-initialisation argument (003 section 1.4) relies on.

The general results are proved for an abstract density ``f_X``: an even function (f_X(-x) =
f_X(x), the symmetry of X) that integrates to 1. SymPy cannot integrate an unknown function, so
integrals against a density are :class:`DensityIntegral` objects whose ``doit`` applies the
standard rules of the notes' argument and nothing else:

- additivity: an integral over the real line is split at 0;
- substitution x -> -x maps the negative half onto the positive one;
- on the positive half the sign of the variable is known, which evaluates ReLU, Theta and |x|
  (the notes' piecewise definitions, 003:595 and 003:681);
- evenness: f_X(-x) = f_X(x), built into ``f_X``;
- for the abstract density, a positive-half integral int_0^oo k(x) f_X(x) dx is written as
  1/2 int_{-oo}^{oo} k(|x|) f_X(x) dx (reflection and evenness again), and int c f_X dx = c
  (linearity, and f_X integrates to 1). For a concrete density SymPy integrates the positive half.

That gives every integral a normal form, so a step holds when both sides have the same normal
form. A false statement about the abstract density cannot be disproved by sampling (there is no
value to substitute for f_X), so each mutant is refuted on a concrete symmetric density.

The notes assume a density (they integrate against f_X). Problem 5 would survive without one (an
atom at 0 adds nothing to E[ReLU(X)^2] or E[X^2]); Problem 6 would not: P(X = 0) > 0 gives
E[Theta(X)^2] = (1 - P(X = 0)) / 2 (tests/derivations/test_relu_moments.py shows both).

ReLU(X) is not centred: for X ~ N(0, sigma^2) its mean is sigma/sqrt(2 pi), so its variance is
less than the second moment sigma^2/2. The notes' forward pass rightly carries the second
moment E[(h_j)^2] (003:622), not a variance; the third claim records the difference.
"""
from __future__ import annotations

import functools

import sympy as sp

from checks import Claim, Computed, Equal, Mutant, Numeric, Reference, Source
from numerics.relu_moments import gaussian_relu_experiment, symmetric_moment_experiment

NOTES = "003_102deae4affe1aa8.txt"
HE_FORWARD = Reference("He, Zhang, Ren, Sun 2015, Delving deep into rectifiers",
                       "section 2.2, forward case: E[x_l^2] = 1/2 Var[y_(l-1)] for y_(l-1) symmetric about zero",
                       "https://arxiv.org/abs/1502.01852")
HE_BACKWARD = Reference("He, Zhang, Ren, Sun 2015, Delving deep into rectifiers",
                        "section 2.2, backward case: f'(y_l) is 0 or 1 with equal probabilities",
                        "https://arxiv.org/abs/1502.01852")
PRINCE = Reference("Prince 2023, Understanding Deep Learning", "section 7.5 (the notes' notation)", "https://udlbook.github.io/udlbook/")

x = sp.Symbol("x", real=True)          # integration variable
X = sp.Symbol("X", real=True)          # the random variable inside E[...]
_t = sp.Symbol("t", positive=True)     # the variable of a positive half-line, after splitting at 0
sigma = sp.Symbol("sigma", positive=True)
b = sp.Symbol("b", positive=True)      # Laplace scale
a = sp.Symbol("a", positive=True)      # uniform half-width
oo = sp.oo


# ---------------------------------------------------------------------------------------------
# The functions and the abstract density
# ---------------------------------------------------------------------------------------------
class ReLU(sp.Function):
    """ReLU(x) = x for x > 0 and 0 else (003:595); evaluated once the sign of x is known."""

    nargs = 1

    @classmethod
    def eval(cls, arg):
        if arg.is_positive:
            return arg
        if arg.is_nonpositive:
            return sp.Integer(0)

    def doit(self, **hints):
        arg = self.args[0].doit(**hints)
        return sp.Piecewise((arg, arg > 0), (0, True))

    def _latex(self, printer, exp=None):
        body = r"\mathrm{ReLU}\left(%s\right)" % printer._print(self.args[0])
        return body if exp is None else f"{body}^{{{exp}}}"


class Theta(sp.Function):
    """The Heaviside step: Theta(x) = 1 for x > 0 and 0 else (003:681)."""

    nargs = 1

    @classmethod
    def eval(cls, arg):
        if arg.is_positive:
            return sp.Integer(1)
        if arg.is_nonpositive:
            return sp.Integer(0)

    def doit(self, **hints):
        arg = self.args[0].doit(**hints)
        return sp.Piecewise((1, arg > 0), (0, True))

    def _latex(self, printer, exp=None):
        body = r"\Theta\left(%s\right)" % printer._print(self.args[0])
        return body if exp is None else f"{body}^{{{exp}}}"


class f_X(sp.Function):  # noqa: N801 - the notes' name for the density
    """The density of a symmetric X: even, so f_X(-x) = f_X(|x|) = f_X(x); integrates to 1.
    ``f_X(-x, evaluate=False)`` keeps the reflected form for display until ``doit``."""

    nargs = 1

    @classmethod
    def eval(cls, arg):
        if isinstance(arg, sp.Abs):
            return cls(arg.args[0])
        if arg.could_extract_minus_sign():
            return cls(-arg)

    def _latex(self, printer, exp=None):
        body = r"f_X\left(%s\right)" % printer._print(self.args[0])
        return body if exp is None else f"{body}^{{{exp}}}"


def _split_and_reflect(integrand, var, lo, hi):
    """int_lo^hi integrand d var as int_0^oo k(t) dt: split at 0, substitute var -> -t on the
    negative half and var -> t on the positive one (t > 0 evaluates ReLU, Theta, |.|)."""
    if (lo, hi) == (-oo, oo):
        halves = (-_t, _t)
    elif (lo, hi) == (0, oo):
        halves = (_t,)
    elif (lo, hi) == (-oo, 0):
        halves = (-_t,)
    else:
        raise ValueError(f"limits ({lo}, {hi}): only the half-lines and the line are supported")
    return sp.Add(*(integrand.subs(var, h) for h in halves)).doit()


@functools.lru_cache(maxsize=256)
def _integrate_positive_half(k):
    """int_0^oo k(t) dt by SymPy, for a concrete integrand (cached: the engine evaluates a side
    several times)."""
    return sp.simplify(sp.integrate(k, (_t, 0, oo), conds="none"))


def _abstract_normal_form(k):
    """int_0^oo k(t) dt with k linear in f_X(t): 1/2 int_{-oo}^{oo} k(|x|) dx by reflection and
    evenness, with constants pulled out and int c f_X = c (normalisation)."""
    full = sp.expand(k.subs(_t, sp.Abs(x)) / 2)
    if full.has(_t):
        raise ValueError(f"cannot bring {k} to the whole line")
    by_shape: dict[sp.Expr, sp.Expr] = {}
    for term in sp.Add.make_args(full):
        coeff, shape = term.as_independent(x, as_Add=False)
        by_shape[shape] = by_shape.get(shape, 0) + coeff
    total = sp.Integer(0)
    for shape, coeff in by_shape.items():
        if shape.count(f_X) != 1 or shape.has(sp.Piecewise):
            raise ValueError(f"the integrand {shape} is not linear in the density")
        shape_without_density = sp.simplify(shape / f_X(x))
        total += coeff * (1 if shape_without_density == 1 else DensityIntegral(shape, (x, -oo, oo)))
    return total


class DensityIntegral(sp.Integral):
    """An integral against a density over the line or a half-line; ``doit`` gives its normal form
    (see the module docstring)."""

    def doit(self, **hints):
        (var, lo, hi), = self.limits
        k = _split_and_reflect(self.function, var, lo, hi)
        if k == 0:
            return sp.Integer(0)
        if k.has(f_X):
            return _abstract_normal_form(k)
        return _integrate_positive_half(k)


def integral(expr, lo=-oo, hi=oo):
    return DensityIntegral(expr, (x, lo, hi))


class Expectation(sp.Function):
    """E[g(X)] = int g(x) density(x) dx (the law of the unconscious statistician), for the density
    of the subclass; ``expectation_operator`` makes one per density."""

    nargs = 1
    density: sp.Lambda = None
    label: str = ""

    def doit(self, **hints):
        return integral(self.args[0].subs(X, x) * self.density(x)).doit()

    @property
    def free_symbols(self):
        # X is bound by the expectation, as an integration variable is by its integral
        return (self.args[0].free_symbols - {X}) | self.density.free_symbols

    def _sympystr(self, printer):
        return f"E{self.label}[{printer._print(self.args[0])}]"

    def _latex(self, printer, exp=None):
        sub = f"_{{{self.label}}}" if self.label else ""
        body = r"\mathbb{E}%s\left[%s\right]" % (sub, printer._print(self.args[0]))
        return body if exp is None else f"{body}^{{{exp}}}"


def expectation_operator(label: str, density: sp.Lambda):
    return type(f"E_{label or 'X'}", (Expectation,), {"density": density, "label": label})


class Variance(sp.Function):
    """Var[g(X)] = E[g(X)^2] - E[g(X)]^2 (003:579), for the expectation operator ``E`` of the
    subclass."""

    nargs = 1
    E: type = None

    def doit(self, **hints):
        arg = self.args[0]
        return self.E(arg**2).doit(**hints) - self.E(arg).doit(**hints) ** 2

    @property
    def free_symbols(self):
        return self.E(self.args[0]).free_symbols

    def _sympystr(self, printer):
        return f"Var{self.E.label}[{printer._print(self.args[0])}]"

    def _latex(self, printer, exp=None):
        sub = f"_{{{self.E.label}}}" if self.E.label else ""
        body = r"\mathrm{Var}%s\left[%s\right]" % (sub, printer._print(self.args[0]))
        return body if exp is None else f"{body}^{{{exp}}}"


E = expectation_operator("", sp.Lambda(x, f_X(x)))  # X symmetric with density f_X
normal_density = sp.exp(-x**2 / (2 * sigma**2)) / (sigma * sp.sqrt(2 * sp.pi))
laplace_density = sp.exp(-sp.Abs(x) / b) / (2 * b)
uniform_density = sp.Piecewise((1 / (2 * a), sp.Abs(x) <= a), (0, True))
E_normal = expectation_operator(r"\mathcal{N}(0,\sigma^2)", sp.Lambda(x, normal_density))
E_laplace = expectation_operator(r"\mathrm{Laplace}(0,b)", sp.Lambda(x, laplace_density))
E_uniform = expectation_operator(r"\mathrm{U}(-a,a)", sp.Lambda(x, uniform_density))
Var_normal = type("Var_normal", (Variance,), {"E": E_normal})
FAMILIES = {"N(0, sigma^2)": E_normal, "Laplace(0, b)": E_laplace, "uniform(-a, a)": E_uniform}


def _family_check(lhs, rhs):
    """``lhs = rhs`` (expressions in X and E) for the normal, Laplace and uniform densities with a
    symbolic scale: each expectation integrated by SymPy over the two halves of the line."""
    results = {}
    for name, E_family in FAMILIES.items():
        left, right = (sp.simplify(side.replace(E, E_family).doit()) for side in (lhs, rhs))
        if sp.simplify(left - right) != 0:
            return False, {"density": name, "lhs": str(left), "rhs": str(right)}
        results[name] = f"{left} = {right}"
    return True, "; ".join(f"{k}: {v}" for k, v in results.items())


# ---------------------------------------------------------------------------------------------
# Problem 5: E[ReLU(X)^2] = E[X^2] / 2 for symmetric X
# ---------------------------------------------------------------------------------------------
second_moment = sp.Symbol("E[X^2]", positive=True)  # the prediction's variable in the experiment
relu_statement = Equal(E(ReLU(X) ** 2), E(X**2) / 2, why="Problem 5: half the second moment survives the ReLU")
laplace_relu2, laplace_x2 = E_laplace(ReLU(X) ** 2), E_laplace(X**2)

relu_second_moment_symmetric = Claim(
    id="relu-second-moment-symmetric",
    title="For symmetric X, ReLU keeps half the second moment: E[ReLU(X)^2] = E[X^2] / 2",
    sources=(
        Source(NOTES, 589, r"Suppose that we have X be a symmetric random variable. Find the second moment of $\text{ReLU}(X)$."),
        Source(NOTES, 600, r"\mathbb{E} [\text{ReLU}(X)^2] &= \int_{-\infty}^{\infty} \text{ReLU}(x)^2 f_X(x) dx"),
        Source(NOTES, 602, r"&= \frac{1}{2} \mathbb{E} [X^2]"),
        Source(NOTES, 627, "the second moment of a symmetric random variable being passed through the ReLU function is just half the second moment of the untransformed random variable"),
    ),
    assumptions=(
        "X has a density f_X that is even: f_X(-x) = f_X(x) (X symmetric)",
        "E[X^2] is finite",
        "ReLU(x) = x for x > 0, 0 else (003:595)",
    ),
    statement=relu_statement,
    steps=(
        Equal(E(ReLU(X) ** 2), integral(ReLU(x) ** 2 * f_X(x)),
              why="the expectation of a function of X integrates it against the density",
              source=Source(NOTES, 600, r"\mathbb{E} [\text{ReLU}(X)^2] &= \int_{-\infty}^{\infty} \text{ReLU}(x)^2 f_X(x) dx")),
        Equal(integral(ReLU(x) ** 2 * f_X(x)), integral(ReLU(x) ** 2 * f_X(x), -oo, 0) + integral(ReLU(x) ** 2 * f_X(x), 0, oo),
              why="split the line at 0"),
        Equal(integral(ReLU(x) ** 2 * f_X(x), -oo, 0) + integral(ReLU(x) ** 2 * f_X(x), 0, oo), integral(x**2 * f_X(x), 0, oo),
              why="ReLU(x) = 0 for x < 0 removes the negative half; ReLU(x) = x on the positive half",
              source=Source(NOTES, 601, r"&= \int_0^{\infty} x^2 f_X(x) dx \quad (\text{only positive values survive})")),
        Equal(integral(x**2 * f_X(x), 0, oo),
              integral(x**2 * f_X(x), 0, oo) / 2 + integral(x**2 * f_X(-x, evaluate=False), -oo, 0) / 2,
              why="write it as two halves and substitute x -> -x in the second (dx -> -dx flips the limits back)"),
        Equal(integral(x**2 * f_X(x), 0, oo) / 2 + integral(x**2 * f_X(-x, evaluate=False), -oo, 0) / 2,
              integral(x**2 * f_X(x), 0, oo) / 2 + integral(x**2 * f_X(x), -oo, 0) / 2,
              why="X is symmetric: f_X(-x) = f_X(x)"),
        Equal(integral(x**2 * f_X(x), 0, oo) / 2 + integral(x**2 * f_X(x), -oo, 0) / 2, integral(x**2 * f_X(x)) / 2,
              why="the two halves make the whole line"),
        Equal(integral(x**2 * f_X(x)) / 2, E(X**2) / 2, why="int x^2 f_X(x) dx is E[X^2]",
              source=Source(NOTES, 602, r"&= \frac{1}{2} \mathbb{E} [X^2]")),
        Computed("for the Laplace(0, b), uniform(-a, a) and N(0, sigma^2) densities, SymPy integration gives "
                 "E[ReLU(X)^2] = E[X^2] / 2 for every scale",
                 lambda: _family_check(relu_statement.lhs, relu_statement.rhs),
                 why="the general result, checked on concrete symmetric families by direct integration"),
    ),
    numeric=Numeric(
        functools.partial(symmetric_moment_experiment, transform="relu_squared", second_moment=second_moment,
                          quantity="ReLU(X)^2"),
        {"prediction": relu_statement.rhs.subs(E(X**2), second_moment)},
        "normal, Laplace and uniform X at scales 0.5, 1, 2: in every cell the mean of ReLU(X_i)^2 - E[X^2]-prediction "
        "(with X_i^2 for E[X^2]) is within the 99.9% family-wise (Bonferroni) z-interval of 0",
    ),
    mutants=(
        Mutant("dropped-half", Equal(laplace_relu2, laplace_x2),
               {"prediction": second_moment},
               "E[ReLU(X)^2] = E[X^2]: as if ReLU passed the whole second moment (refuted on a Laplace(0, b) density)"),
        Mutant("half-squared", Equal(laplace_relu2, laplace_x2 / 4),
               {"prediction": second_moment / 4},
               "E[ReLU(X)^2] = E[X^2] / 4: squaring the factor 1/2 (refuted on a Laplace(0, b) density)"),
    ),
    references=(HE_FORWARD, PRINCE),
)


# ---------------------------------------------------------------------------------------------
# Problem 6: E[Theta(X)^2] = 1/2 for symmetric X
# ---------------------------------------------------------------------------------------------
theta_statement = Equal(E(Theta(X) ** 2), sp.Rational(1, 2), why="Problem 6: the step is on half the time")

heaviside_second_moment = Claim(
    id="heaviside-second-moment",
    title="For symmetric X with a density, E[Theta(X)^2] = 1/2",
    sources=(
        Source(NOTES, 675, r"Let X be a centered, symmetric random variable. Find the second moment of $\Theta(X)$."),
        Source(NOTES, 685, r"\mathbb{E} [\Theta(X)^2] = \int_{-\infty}^{\infty} \Theta(x)^2 f_X(x) dx"),
        Source(NOTES, 687, r"where we have used the fact that $\Theta(x)^2 = \Theta(x)$."),
    ),
    assumptions=(
        "X has a density f_X that is even: f_X(-x) = f_X(x) (X symmetric)",
        "f_X integrates to 1; having a density, X = 0 has probability 0 (an atom at 0 would lower the result)",
        "Theta(x) = 1 for x > 0, 0 else (003:681)",
    ),
    statement=theta_statement,
    steps=(
        Equal(E(Theta(X) ** 2), integral(Theta(x) ** 2 * f_X(x)),
              why="the expectation of a function of X integrates it against the density",
              source=Source(NOTES, 685, r"\mathbb{E} [\Theta(X)^2] = \int_{-\infty}^{\infty} \Theta(x)^2 f_X(x) dx")),
        Equal(integral(Theta(x) ** 2 * f_X(x)), integral(Theta(x) * f_X(x)),
              why="Theta(x)^2 = Theta(x): Theta only takes the values 0 and 1 (003:687)",
              source=Source(NOTES, 685, r"= \int_{-\infty}^{\infty} \Theta(x) f_X(x) dx")),
        Equal(integral(Theta(x) * f_X(x)), integral(f_X(x), 0, oo),
              why="Theta vanishes on the negative half and is 1 on the positive one: truncate the domain",
              source=Source(NOTES, 685, r"= \int_0^{\infty} f_X(x) dx")),
        Equal(integral(f_X(x), 0, oo), integral(f_X(x), 0, oo) / 2 + integral(f_X(-x, evaluate=False), -oo, 0) / 2,
              why="write it as two halves and substitute x -> -x in the second"),
        Equal(integral(f_X(x), 0, oo) / 2 + integral(f_X(-x, evaluate=False), -oo, 0) / 2,
              integral(f_X(x), 0, oo) / 2 + integral(f_X(x), -oo, 0) / 2,
              why="X is symmetric: f_X(-x) = f_X(x)"),
        Equal(integral(f_X(x), 0, oo) / 2 + integral(f_X(x), -oo, 0) / 2, integral(f_X(x)) / 2,
              why="the two halves make the whole line"),
        Equal(integral(f_X(x)) / 2, sp.Rational(1, 2), why="a density integrates to 1",
              source=Source(NOTES, 685, r"\int_0^{\infty} f_X(x) dx = \frac{1}{2}")),
        Computed("for the Laplace(0, b), uniform(-a, a) and N(0, sigma^2) densities, SymPy integration gives "
                 "E[Theta(X)^2] = 1/2 for every scale",
                 lambda: _family_check(theta_statement.lhs, theta_statement.rhs),
                 why="the general result, checked on concrete symmetric families by direct integration"),
    ),
    numeric=Numeric(
        functools.partial(symmetric_moment_experiment, transform="theta_squared", second_moment=second_moment,
                          quantity="Theta(X)^2"),
        {"prediction": theta_statement.rhs},
        "normal, Laplace and uniform X at scales 0.5, 1, 2: in every cell the mean of Theta(X_i)^2 - prediction is "
        "within the 99.9% family-wise (Bonferroni) z-interval of 0",
    ),
    mutants=(
        Mutant("squared-probability", Equal(E_laplace(Theta(X) ** 2), sp.Rational(1, 4)),
               {"prediction": sp.Rational(1, 4)},
               "E[Theta(X)^2] = 1/4 = P(X > 0)^2: squaring the probability instead of the indicator (refuted on Laplace(0, b))"),
        Mutant("copied-relu-result", Equal(E_laplace(Theta(X) ** 2), E_laplace(X**2) / 2),
               {"prediction": second_moment / 2},
               "E[Theta(X)^2] = E[X^2] / 2: Problem 5's answer carried over to the derivative (refuted on Laplace(0, b))"),
    ),
    references=(HE_BACKWARD, PRINCE),
)


# ---------------------------------------------------------------------------------------------
# ReLU of a centred Gaussian: the mean is not 0, so the second moment is not the variance
# ---------------------------------------------------------------------------------------------
gaussian_mean = sigma / sp.sqrt(2 * sp.pi)
gaussian_variance = sigma**2 * (sp.Rational(1, 2) - 1 / (2 * sp.pi))
relu_mean_half = integral(x * normal_density, 0, oo)
mean_and_variance = sp.Matrix([E_normal(ReLU(X)), Var_normal(ReLU(X))])


def _gaussian_mutant(mean, variance):
    return Equal(mean_and_variance, sp.Matrix([mean, variance]))


gaussian_statement = Equal(mean_and_variance, sp.Matrix([gaussian_mean, gaussian_variance]),
                           why="mean and variance of ReLU(X) for X ~ N(0, sigma^2)")

relu_gaussian_mean_variance = Claim(
    id="relu-gaussian-mean-variance",
    title="ReLU of X ~ N(0, sigma^2): mean sigma/sqrt(2 pi), variance sigma^2 (1/2 - 1/(2 pi))",
    sources=(
        Source(NOTES, 567, r"is initialized as a centered normal random variable with variance σ^2"),
        Source(NOTES, 579, r"\text{Var}[X] = \mathbb{E}[X^2] - \mathbb{E}[X]^2 \quad (1.15)"),
        Source(NOTES, 602, r"&= \frac{1}{2} \mathbb{E} [X^2]"),
    ),
    assumptions=(
        "X ~ N(0, sigma^2), sigma > 0 (a pre-activation with centred Gaussian weights, 003:567)",
        "ReLU(x) = x for x > 0, 0 else (003:595)",
    ),
    statement=gaussian_statement,
    steps=(
        Equal(mean_and_variance, sp.Matrix([E_normal(ReLU(X)), E_normal(ReLU(X) ** 2) - E_normal(ReLU(X)) ** 2]),
              why="Var[Y] = E[Y^2] - E[Y]^2 with Y = ReLU(X)",
              source=Source(NOTES, 579, r"\text{Var}[X] = \mathbb{E}[X^2] - \mathbb{E}[X]^2 \quad (1.15)")),
        Equal(sp.Matrix([E_normal(ReLU(X)), E_normal(ReLU(X) ** 2) - E_normal(ReLU(X)) ** 2]),
              sp.Matrix([E_normal(ReLU(X)), E_normal(X**2) / 2 - E_normal(ReLU(X)) ** 2]),
              why="Problem 5 (003:602): N(0, sigma^2) is symmetric, so E[ReLU(X)^2] = E[X^2] / 2"),
        Equal(sp.Matrix([E_normal(ReLU(X)), E_normal(X**2) / 2 - E_normal(ReLU(X)) ** 2]),
              sp.Matrix([relu_mean_half, sigma**2 / 2 - relu_mean_half**2]),
              why="E[X^2] = sigma^2; ReLU vanishes on the negative half, so E[ReLU(X)] = int_0^oo x phi_sigma(x) dx"),
        Equal(sp.Matrix([relu_mean_half, sigma**2 / 2 - relu_mean_half**2]),
              sp.Matrix([sigma / sp.sqrt(2 * sp.pi), sigma**2 / 2 - sigma**2 / (2 * sp.pi)]),
              why="int_0^oo x exp(-x^2/(2 sigma^2)) dx = sigma^2 (antiderivative -sigma^2 exp(-x^2/(2 sigma^2)))"),
        Equal(sp.Matrix([sigma / sp.sqrt(2 * sp.pi), sigma**2 / 2 - sigma**2 / (2 * sp.pi)]),
              sp.Matrix([gaussian_mean, gaussian_variance]), why="factor sigma^2"),
    ),
    numeric=Numeric(
        functools.partial(gaussian_relu_experiment, sigma=sigma),
        {"mean": gaussian_statement.rhs[0], "variance": gaussian_statement.rhs[1]},
        "X ~ N(0, sigma^2) for sigma = 0.5, 1, 2: sample mean and sample variance of ReLU(X) each within the "
        "99.9% family-wise (Bonferroni over 6 tests) z-interval of the prediction",
    ),
    mutants=(
        Mutant("mean-over-sqrt-pi", _gaussian_mutant(sigma / sp.sqrt(sp.pi), sigma**2 * (sp.Rational(1, 2) - 1 / sp.pi)),
               {"mean": sigma / sp.sqrt(sp.pi), "variance": sigma**2 * (sp.Rational(1, 2) - 1 / sp.pi)},
               "E[ReLU(X)] = sigma/sqrt(pi), the half-normal's mean sigma sqrt(2/pi) halved wrongly; variance to match"),
        Mutant("variance-forgot-mean", _gaussian_mutant(gaussian_mean, sigma**2 / 2),
               {"mean": gaussian_mean, "variance": sigma**2 / 2},
               "Var[ReLU(X)] = sigma^2 / 2: the second moment of Problem 5 taken for the variance"),
        Mutant("relu-centred", _gaussian_mutant(sp.Integer(0), sigma**2 / 2),
               {"mean": sp.Integer(0), "variance": sigma**2 / 2},
               "E[ReLU(X)] = 0 and Var = sigma^2 / 2: as if ReLU kept X centred"),
    ),
    references=(HE_FORWARD, PRINCE),
)
