"""Statistical decision theory and the bias-variance decomposition: 003 chapter 2, sections 2.1-2.2.2
(003:713-901).

Six claims:

- ``least-squares-risk`` (Problem 1, 003:735-758): the squared-error risk of the least-squares
  estimator is sigma^2 tr((X^T X)^-1), by the notes' steps.
- ``constant-estimator-risk`` (003:762-787): R(theta, 3) = (theta - 3)^2; where it beats the MLE;
  the maximum risks (2.2) and the minimax choice between the two.
- ``bernoulli-mle-risk`` (Problem 2, 003:799-805): R(p, p1) = p(1 - p)/n, maximal 1/(4n) at p = 1/2.
- ``bernoulli-shrinkage-risk`` (003:807-831): R(p, p2) = n / (4 (sqrt n + n)^2) for every p.
- ``bernoulli-minimax-bayes`` (003:833-841, with (2.2)-(2.5)): p2 has the smaller maximum risk for
  every n; under a uniform prior p2 has the smaller Bayes risk for n <= 19 and p1 for n >= 20.
- ``bias-variance-decomposition`` ((2.7)-(2.13), 003:857-891): E[(f^ - y)^2] = variance + bias^2 + noise.

Expectations are operators over named random symbols with stated moments (``expectation_operator``):
a polynomial in independent random symbols has as expectation the sum of its coefficients times
the products of the moments. Only the moments a derivation uses are given, so a step that needed
more (a third moment of white noise, say) would raise instead of passing.
"""
from __future__ import annotations

import random
from collections.abc import Callable, Mapping

import sympy as sp

from checks import Claim, Computed, Equal, Holds, Mutant, Numeric, Reference, Source
from numerics.statistics import (bernoulli_extremes_and_bayes, bernoulli_risk_curve, bias_variance_polynomial_fits,
                                 constant_vs_mle_regions, least_squares_risk_mc)

NOTES = "003_102deae4affe1aa8.txt"
WASSERMAN = Reference("Wasserman 2004, All of Statistics", "ch. 12, Statistical Decision Theory (the Bernoulli example)",
                      "https://doi.org/10.1007/978-0-387-21736-9")
HASTIE = Reference("Hastie, Tibshirani, Friedman 2009, The Elements of Statistical Learning", "section 7.3, eq. 7.9",
                   "https://hastie.su.domains/ElemStatLearn/")


# ---------------------------------------------------------------------------------------------
# Expectation over random symbols with given moments
# ---------------------------------------------------------------------------------------------
Moments = Mapping[sp.Symbol, Callable[[int], sp.Expr]]


def moment_expectation(expr, moments: Moments):
    """E[expr] for ``expr`` polynomial in the independent random symbols of ``moments``
    (``moments[x](k)`` is E[x^k], k >= 1)."""
    expr = sp.expand(sp.sympify(expr))
    present = [x for x in moments if expr.has(x)]
    if not present:
        return expr
    total = sp.Integer(0)
    for powers, coeff in sp.Poly(expr, *present).terms():
        term = coeff
        for x, k in zip(present, powers):
            if k:
                term *= moments[x](k)
        total += term
    return total


def expectation_operator(name: str, subscript: str, moments: Moments) -> type[sp.Function]:
    """An unevaluated expectation E_sub[.] whose ``doit`` applies ``moment_expectation``."""

    def doit(self, **hints):
        arg = self.args[0].doit(**hints) if hints.get("deep", True) else self.args[0]
        return moment_expectation(arg, moments)

    def _latex(self, printer, exp=None):
        sub = f"_{{{subscript}}}" if subscript else ""
        body = rf"\mathbb{{E}}{sub}\left[{printer._print(self.args[0])}\right]"
        return body if exp is None else rf"\left({body}\right)^{{{exp}}}"

    def free_symbols(self):
        # the random symbols are bound by the expectation (as a variable of integration is), so a
        # search for a counterexample does not assign them values
        bound = set(moments)
        return (self.args[0].free_symbols - bound) | {s for x in bound for k in (1, 2) for s in _moment_symbols(moments[x], k)}

    return type(name, (sp.Function,), {"nargs": 1, "doit": doit, "_latex": _latex, "free_symbols": property(free_symbols)})


def _moment_symbols(moment, k):
    try:
        return sp.sympify(moment(k)).free_symbols
    except ValueError:
        return set()


def two_moments(variance) -> Callable[[int], sp.Expr]:
    """Mean 0 and the given variance; nothing beyond (white noise is not assumed Gaussian)."""

    def moment(k: int):
        if k == 1:
            return sp.Integer(0)
        if k == 2:
            return variance
        raise ValueError(f"the derivation only assumes two moments, but E[x^{k}] was needed")
    return moment


# ---------------------------------------------------------------------------------------------
# Problem 1: the risk of the least-squares estimator
# ---------------------------------------------------------------------------------------------
sigma = sp.Symbol("sigma", positive=True)
# The design of simple linear regression (intercept and slope) at x = 0, 1, 3: an explicit X whose
# (X^T X)^-1 is a rational matrix, so every step is exact; the tests and a side step repeat the
# identity for random designs of other shapes.
DESIGN = sp.Matrix([[1, 0], [1, 1], [1, 3]])
th = sp.Matrix(sp.symbols("theta_0 theta_1", real=True))
noise = sp.symbols("epsilon_1:4", real=True)
E_eps = expectation_operator("E_epsilon", r"\epsilon", {e: two_moments(sigma**2) for e in noise})
GRAM_INV = (DESIGN.T * DESIGN).inv()
A_LS = GRAM_INV * DESIGN.T                       # theta_hat = A y
y_obs = DESIGN * th + sp.Matrix(noise)           # y = X theta + eps, (2.6)
th_hat = A_LS * y_obs                            # 003:739


def _dot(a, b):
    return (a.T * b)[0]


RISK_LHS = E_eps(_dot(th - th_hat, th - th_hat))
T_INV, T_GRAM, THETA_SQ = sp.symbols("T_inv T_gram theta_sq", nonnegative=True)   # tr (X^T X)^-1, tr X^T X, theta^T theta
RISK = sigma**2 * T_INV                                                           # the claimed risk
RISK_NOISE_ONLY = sigma**2
RISK_GRAM = sigma**2 * T_GRAM
RISK_CROSS_SIGN = sigma**2 * T_INV + 2 * THETA_SQ
INSTANCE = {T_INV: GRAM_INV.trace(), T_GRAM: (DESIGN.T * DESIGN).trace(), THETA_SQ: _dot(th, th)}


def _risk_for_random_designs(trials: int = 6):
    """The risk sigma^2 tr((X^T X)^-1) for random integer designs with 3..5 rows and 1..3 columns."""
    rng = random.Random(20240601)
    for _ in range(trials):
        rows, cols = rng.randint(3, 5), rng.randint(1, 3)
        while True:
            x = sp.Matrix(rows, cols, lambda i, j: rng.randint(-3, 3))
            if (x.T * x).det() != 0:
                break
        t = sp.Matrix(sp.symbols(f"t_1:{cols + 1}", real=True))
        es = sp.symbols(f"e_1:{rows + 1}", real=True)
        est = (x.T * x).inv() * x.T * (x * t + sp.Matrix(es))
        risk = moment_expectation(_dot(t - est, t - est), {e: two_moments(sigma**2) for e in es})
        want = sigma**2 * (x.T * x).inv().trace()
        if sp.expand(risk - want) != 0:
            return False, {"design": str(x.tolist()), "risk": str(risk), "sigma^2 tr((X^T X)^-1)": str(want)}
    return True, f"holds for {trials} random integer designs"


least_squares_risk = Claim(
    id="least-squares-risk",
    title="The squared-error risk of the least-squares estimator is sigma^2 tr((X^T X)^-1)",
    sources=(
        Source(NOTES, 739, r"\hat{\theta} = (\mathbf{X}^T \mathbf{X})^{-1} \mathbf{X}^T \mathbf{y}"),
        Source(NOTES, 751, r"&= \mathbb{E} \left[\boldsymbol{\theta}^T \boldsymbol{\theta} - 2\boldsymbol{\theta}^T \hat{\boldsymbol{\theta}} + \hat{\boldsymbol{\theta}}^T \hat{\boldsymbol{\theta}} \right]"),
        Source(NOTES, 756, r"\mathbb{E} \left[(\boldsymbol{\theta} - \hat{\boldsymbol{\theta}})^2 \right] = \mathbb{E} \left[\hat{\boldsymbol{\theta}}^T \hat{\boldsymbol{\theta}} \right] - \boldsymbol{\theta}^T \boldsymbol{\theta}"),
        Source(NOTES, 758, "and this is nothing more than just the variance of"),
    ),
    assumptions=(
        "y = X theta + eps (2.6) with X fixed of full column rank; eps white noise: E[eps_i] = 0, "
        "E[eps_i eps_j] = sigma^2 delta_ij (no Gaussianity needed)",
        "squared error loss |theta - theta_hat|^2 summed over the coefficients",
        "shown on the design X = [[1, 0], [1, 1], [1, 3]] (intercept and slope); a side step repeats it for random designs",
    ),
    statement=Equal(RISK_LHS, RISK.xreplace(INSTANCE), why="the risk (2.1) of theta_hat under squared error"),
    steps=(
        Equal(RISK_LHS, E_eps(_dot(th, th) - 2 * _dot(th, th_hat) + _dot(th_hat, th_hat)),
              source=Source(NOTES, 751, r"&= \mathbb{E} \left[\boldsymbol{\theta}^T \boldsymbol{\theta} - 2\boldsymbol{\theta}^T \hat{\boldsymbol{\theta}} + \hat{\boldsymbol{\theta}}^T \hat{\boldsymbol{\theta}} \right]"),
              why="expand the quadratic form (theta - theta_hat)^T (theta - theta_hat)"),
        Equal(E_eps(_dot(th, th) - 2 * _dot(th, th_hat) + _dot(th_hat, th_hat)), E_eps(_dot(th_hat, th_hat)) - _dot(th, th),
              source=Source(NOTES, 756, r"\mathbb{E} \left[(\boldsymbol{\theta} - \hat{\boldsymbol{\theta}})^2 \right] = \mathbb{E} \left[\hat{\boldsymbol{\theta}}^T \hat{\boldsymbol{\theta}} \right] - \boldsymbol{\theta}^T \boldsymbol{\theta}"),
              why="theta_hat is unbiased, so E[theta^T theta_hat] = theta^T theta: theta^T theta - 2 theta^T theta + E[theta_hat^T theta_hat]"),
        Equal(E_eps(_dot(th_hat, th_hat)) - _dot(th, th), sum(E_eps(t**2) - E_eps(t) ** 2 for t in th_hat),
              source=Source(NOTES, 758, "and this is nothing more than just the variance of"),
              why="E[theta_hat^T theta_hat] - E[theta_hat]^T E[theta_hat]: the total variance, the sum of the coefficients' variances"),
        Equal(sum(E_eps(t**2) - E_eps(t) ** 2 for t in th_hat), sigma**2 * (A_LS * A_LS.T).trace(),
              why="theta_hat - theta = A eps with A = (X^T X)^-1 X^T, so Cov(theta_hat) = A (sigma^2 I) A^T"),
        Equal(sigma**2 * (A_LS * A_LS.T).trace(), RISK.xreplace(INSTANCE),
              why="A A^T = (X^T X)^-1 X^T X (X^T X)^-1 = (X^T X)^-1"),
        Computed("the same risk for random integer designs of 3..5 rows and 1..3 columns", _risk_for_random_designs,
                 why="nothing in the argument used this X: redo it for other designs"),
    ),
    forms=(
        Equal(sp.Matrix([E_eps(t) for t in th_hat]), th, source=Source(NOTES, 754, "is an unbiased estimator"),
              why="E[theta_hat] = (X^T X)^-1 X^T X theta + (X^T X)^-1 X^T E[eps] = theta"),
        Equal(DESIGN.T * (y_obs - DESIGN * th_hat), sp.zeros(2, 1),
              source=Source(NOTES, 739, r"\hat{\theta} = (\mathbf{X}^T \mathbf{X})^{-1} \mathbf{X}^T \mathbf{y}"),
              why="theta_hat solves the normal equations X^T (y - X theta) = 0: it minimises the squared error"),
    ),
    numeric=Numeric(least_squares_risk_mc, {"risk": RISK},
                    "Monte Carlo over noise draws with a fixed design: the 99.9% confidence interval of the mean "
                    "|theta_hat - theta|^2 contains the predicted risk"),
    mutants=(
        Mutant("noise-only", Equal(RISK_LHS, RISK_NOISE_ONLY.xreplace(INSTANCE)), {"risk": RISK_NOISE_ONLY},
               "sigma^2: 'the risk boils down to the noise in the data' read as the noise variance itself"),
        Mutant("gram-not-inverted", Equal(RISK_LHS, RISK_GRAM.xreplace(INSTANCE)), {"risk": RISK_GRAM},
               "sigma^2 tr(X^T X): the covariance of theta_hat without the inverse"),
        Mutant("cross-term-sign", Equal(RISK_LHS, RISK_CROSS_SIGN.xreplace(INSTANCE)), {"risk": RISK_CROSS_SIGN},
               "E[theta_hat^T theta_hat] + theta^T theta: the cross term's sign lost"),
    ),
)

# ---------------------------------------------------------------------------------------------
# The constant estimator against the MLE (003:762-787)
# ---------------------------------------------------------------------------------------------
theta = sp.Symbol("theta", real=True)
eps1 = sp.Symbol("epsilon", real=True)
u = sp.Symbol("u", real=True)                     # theta in units of sigma around the constant: theta = 3 + sigma u
E_1 = expectation_operator("E_noise", "", {eps1: two_moments(sigma**2)})
CONST = 3
Y_ONE = theta + eps1                              # one observation; the MLE of theta is Y itself
RISK_MLE = E_1((theta - Y_ONE) ** 2)
RISK_CONST = E_1((theta - CONST) ** 2)
lo_s, hi_s = sp.symbols("lo hi")


def _region_where_constant_wins(lo, hi):
    """Whether {theta : (theta - 3)^2 < sigma^2} is the open interval (lo, hi), for every sigma > 0.

    With theta = 3 + sigma u the inequality is sigma^2 (u^2 - 1) < 0, i.e. u in (-1, 1): solved once
    in u, then compared with the interval mapped back to theta."""
    def check():
        in_u = sp.solve_poly_inequality(sp.Poly(u**2 - 1, u), "<")
        if in_u != [sp.Interval.open(-1, 1)]:
            return False, {"solution in u": str(in_u)}
        want_lo, want_hi = CONST - sigma, CONST + sigma
        if sp.simplify(lo - want_lo) == 0 and sp.simplify(hi - want_hi) == 0:
            return True, "the constant beats the MLE exactly for 3 - sigma < theta < 3 + sigma"
        # a concrete point that the proposed interval classifies wrongly
        for s_val in (1, 2, sp.Rational(1, 2)):
            for t_val in (0, 1, 2, 3, 4, 5, 6, -1):
                inside = bool(lo.subs(sigma, s_val) < t_val < hi.subs(sigma, s_val))
                wins = (t_val - CONST) ** 2 < s_val**2
                if inside != wins:
                    return False, {"sigma": str(s_val), "theta": str(t_val), "R(theta, 3)": str((t_val - CONST) ** 2),
                                   "R(theta, MLE)": str(s_val**2), "in the proposed region": str(inside)}
        return False, {"proposed": f"({lo}, {hi})", "true": f"({want_lo}, {want_hi})"}
    return check


def _max_risks():
    """sup_theta of each risk (2.2): sigma^2 for the MLE, unbounded for the constant."""
    const_sup = sp.limit((theta - CONST) ** 2, theta, sp.oo)
    return const_sup is sp.oo, {"sup R(theta, MLE)": "sigma**2", "sup R(theta, 3)": str(const_sup)}


constant_estimator_risk = Claim(
    id="constant-estimator-risk",
    title="The constant estimator 3 beats the MLE only for |theta - 3| < sigma; the MLE is minimax between the two",
    sources=(
        Source(NOTES, 764, r"R(\boldsymbol{\theta}, 3) = \mathbb{E} [(\boldsymbol{\theta} - 3)^2] = (\boldsymbol{\theta} - 3)^2"),
        Source(NOTES, 766, r"For some region between $\pm\sigma$, the risk function for the constant estimator is smaller than the MLE"),
        Source(NOTES, 768, r"R_{\max}(\hat{\boldsymbol{\theta}}) = \sup_{\boldsymbol{\theta}} R(\boldsymbol{\theta}, \hat{\boldsymbol{\theta}}) \quad (2.2)"),
        Source(NOTES, 779, "the maximum risk for the MLE is a constant while the maximum risk for the constant is infinite"),
    ),
    assumptions=(
        "the one-parameter case of Problem 1: one observation Y = theta + eps, E[eps] = 0, Var[eps] = sigma^2, "
        "so the MLE is Y and its risk is the constant sigma^2 (the notes' figure 2.1 compares with +-sigma)",
        "squared error loss; the constant estimator is c = 3 as in 003:764",
    ),
    statement=Computed("R(theta, 3) < R(theta, MLE) exactly for 3 - sigma < theta < 3 + sigma",
                       _region_where_constant_wins(CONST - sigma, CONST + sigma),
                       why="(theta - 3)^2 < sigma^2 is |theta - 3| < sigma",
                       latex_form=r"\{\theta : R(\theta, 3) < R(\theta, \hat\theta)\} = (3 - \sigma, 3 + \sigma)"),
    steps=(
        Equal(RISK_MLE, sigma**2, why="the MLE Y has risk E[eps^2] = sigma^2 for every theta: 'a constant' (003:762)"),
        Equal(RISK_CONST, (theta - CONST) ** 2,
              source=Source(NOTES, 764, r"R(\boldsymbol{\theta}, 3) = \mathbb{E} [(\boldsymbol{\theta} - 3)^2] = (\boldsymbol{\theta} - 3)^2"),
              why="the constant does not depend on the data: its loss is not random"),
        Equal(((theta - CONST) ** 2 - sigma**2).subs(theta, CONST + sigma * u), sigma**2 * (u**2 - 1),
              why="with theta = 3 + sigma u the difference of the risks is sigma^2 (u^2 - 1)"),
    ),
    forms=(
        Computed("R(theta, 3) < R(theta, MLE) exactly for -sigma < theta < sigma", _region_where_constant_wins(-sigma, sigma),
                 source=Source(NOTES, 766, r"For some region between $\pm\sigma$, the risk function for the constant estimator is smaller than the MLE"),
                 why="the region as the notes (and the caption of figure 2.1, 003:773) place it",
                 correction=Computed("R(theta, 3) < R(theta, MLE) exactly for 3 - sigma < theta < 3 + sigma",
                                     _region_where_constant_wins(CONST - sigma, CONST + sigma),
                                     why="the region is centred on the constant 3, not on 0")),
        Computed("sup_theta R(theta, MLE) = sigma^2 while sup_theta R(theta, 3) is infinite", _max_risks,
                 source=Source(NOTES, 779, "the maximum risk for the MLE is a constant while the maximum risk for the constant is infinite"),
                 why="(2.2) for both: the MLE's risk is flat, (theta - 3)^2 grows without bound, so the minimax choice is the MLE"),
        # (2.4) as printed takes the sup over estimators and the inf over theta: on these two
        # estimators its left side is a function of theta, its right side the number sigma^2.
        Equal(sp.Max(sigma**2, (theta - CONST) ** 2), sigma**2,
              source=Source(NOTES, 781, r"\sup_{\hat{\theta}} R(\theta, \hat{\theta}) = \inf_{\theta_{\star}} \sup_{\hat{\theta}} R(\theta, \hat{\theta}) \quad (2.4)"),
              why="(2.4) as written, over the estimators {MLE, 3}: sup over estimators = max(sigma^2, (theta - 3)^2); "
                  "its inf over theta is sigma^2 (at theta = 3)",
              correction=Equal(sigma**2, sp.Min(sigma**2, sp.oo),
                               why="the minimax rule: sup over theta of R(theta, MLE) = sigma^2 equals the inf over the "
                                   "estimators of their maximum risks, min(sigma^2, infinity)")),
    ),
    numeric=Numeric(constant_vs_mle_regions, {"region": (CONST - sigma, CONST + sigma)},
                    "on a grid of theta (sigma = 1.5), the 99.9% simultaneous confidence interval of "
                    "R(theta, MLE) - R(theta, 3) has the sign the predicted region gives at every grid point"),
    mutants=(
        Mutant("region-around-zero", Computed("the constant wins exactly for -sigma < theta < sigma", _region_where_constant_wins(-sigma, sigma)),
               {"region": (-sigma, sigma)}, "the region +-sigma as 003:766 writes it"),
        Mutant("variance-for-width", Computed("the constant wins exactly for 3 - sigma^2 < theta < 3 + sigma^2",
                                              _region_where_constant_wins(CONST - sigma**2, CONST + sigma**2)),
               {"region": (CONST - sigma**2, CONST + sigma**2)}, "half-width sigma^2: the risk compared with a standard deviation"),
    ),
    references=(WASSERMAN,),
)

# ---------------------------------------------------------------------------------------------
# Problem 2: two estimators of a Bernoulli parameter
# ---------------------------------------------------------------------------------------------
n = sp.Symbol("n", positive=True, integer=True)
p = sp.Symbol("p", nonnegative=True)
i = sp.Symbol("i", positive=True, integer=True)
S = sp.Symbol("S", real=True)                     # S = sum_i X_i, the number of ones
# E[S] = n p and Var[S] = n p (1 - p) (independence); the side step checks them against the pmf.
E_S = expectation_operator("E_p", "p", {S: lambda k: {1: n * p, 2: n * p * (1 - p) + (n * p) ** 2}[k]})
P_SAMPLE = {p: [0, sp.Rational(1, 4), sp.Rational(1, 2), sp.Rational(3, 4), 1]}
N_P_SAMPLE = {**P_SAMPLE, n: [1, 2, 4, 9, 25]}

P1 = S / n                                                   # 003:793
P2 = (S + sp.sqrt(n / 4)) / (2 * sp.sqrt(n / 4) + n)         # 003:793


def Var(x):
    return E_S(x**2) - E_S(x) ** 2


def bias(x):
    return E_S(x) - p


def _binomial_moments(max_n: int = 6):
    """E[S] = n p and E[S^2] = n p (1 - p) + n^2 p^2 from the Binomial(n, p) pmf, n = 1..max_n."""
    for m in range(1, max_n + 1):
        pmf = [sp.binomial(m, k) * p**k * (1 - p) ** (m - k) for k in range(m + 1)]
        m1 = sp.expand(sum(k * w for k, w in enumerate(pmf)))
        m2 = sp.expand(sum(k**2 * w for k, w in enumerate(pmf)))
        if sp.expand(m1 - m * p) != 0 or sp.expand(m2 - m * p * (1 - p) - m**2 * p**2) != 0:
            return False, {"n": m, "E[S]": str(m1), "E[S^2]": str(m2)}
    return True, f"the pmf gives them for n = 1..{max_n}"


MOMENTS_STEP = Computed("S = sum_i X_i has E[S] = n p and E[S^2] = n p (1 - p) + n^2 p^2", _binomial_moments,
                        why="i.i.d. Bernoulli: the mean adds up and, by independence, so does the variance p (1 - p)")

R1 = p * (1 - p) / n
R2 = n / (4 * (sp.sqrt(n) + n) ** 2)
MSE_825 = (n * p * (1 - p) + (p * sp.sqrt(n) - sp.sqrt(n / 4)) ** 2) / (sp.sqrt(n) + n) ** 2
RISK_P1 = E_S((P1 - p) ** 2)
RISK_P2 = E_S((P2 - p) ** 2)

bernoulli_mle_risk = Claim(
    id="bernoulli-mle-risk",
    title="The risk of the sample mean of n Bernoulli(p) draws is p(1-p)/n, largest (1/(4n)) at p = 1/2",
    sources=(
        Source(NOTES, 793, r"\hat{p}_1 = \frac{1}{n} \sum_{i=1}^n X_i"),
        Source(NOTES, 801, r"R(p, \hat{p}_1) = \text{Var}[\hat{p}_1] = \frac{1}{n^2} \sum_{i=1}^n \text{Var}[X_i] = \frac{p(1-p)}{n}"),
        Source(NOTES, 805, r"R_{\max}(p, \hat{p}_1) = \frac{1}{4n}"),
    ),
    assumptions=("X_1, ..., X_n i.i.d. Bernoulli(p), 0 <= p <= 1; squared error loss",),
    statement=Equal(RISK_P1, R1, why="the squared-error risk of p1 = (1/n) sum_i X_i"),
    steps=(
        MOMENTS_STEP,
        Equal(RISK_P1, Var(P1), source=Source(NOTES, 801, r"R(p, \hat{p}_1) = \text{Var}[\hat{p}_1]"),
              why="p1 is unbiased, so its MSE is its variance"),
        Equal(Var(P1), sp.Sum(p * (1 - p), (i, 1, n)) / n**2,
              source=Source(NOTES, 801, r"= \frac{1}{n^2} \sum_{i=1}^n \text{Var}[X_i]"),
              why="Var[S/n] = Var[S]/n^2 and the variances of independent X_i add; Var[X_i] = p(1 - p)"),
        Equal(sp.Sum(p * (1 - p), (i, 1, n)) / n**2, R1, source=Source(NOTES, 801, r"= \frac{p(1-p)}{n}"),
              why="n equal terms"),
    ),
    forms=(
        Equal(sp.diff(R1, p).subs(p, sp.Rational(1, 2)), 0, source=Source(NOTES, 803, "the maximum happens at $p = 1/2$"),
              why="the derivative (1 - 2p)/n vanishes at p = 1/2"),
        Holds(sp.Le(R1, R1.subs(p, sp.Rational(1, 2)), evaluate=False), source=Source(NOTES, 805, r"R_{\max}(p, \hat{p}_1) = \frac{1}{4n}"),
              why="1/(4n) - p(1-p)/n = (2p - 1)^2/(4n) >= 0: p = 1/2 is the maximum"),
        Equal(R1.subs(p, sp.Rational(1, 2)), 1 / (4 * n), source=Source(NOTES, 805, r"R_{\max}(p, \hat{p}_1) = \frac{1}{4n}"),
              why="(1/2)(1/2)/n"),
    ),
    numeric=Numeric(bernoulli_risk_curve, {"estimator": "mean", "risk": R1},
                    "Monte Carlo at n = 10 on a grid of p: every 99.9% simultaneous confidence interval of the "
                    "mean squared error contains the predicted risk"),
    mutants=(
        Mutant("one-draw-variance", Equal(RISK_P1, p * (1 - p), sample=N_P_SAMPLE), {"estimator": "mean", "risk": p * (1 - p)},
               "p(1 - p): the variance of a single X_i, the 1/n lost"),
        Mutant("n-squared", Equal(RISK_P1, p * (1 - p) / n**2, sample=N_P_SAMPLE), {"estimator": "mean", "risk": p * (1 - p) / n**2},
               "p(1 - p)/n^2: the 1/n^2 kept but the sum of n variances taken as one"),
    ),
    references=(WASSERMAN,),
)

NUMERATOR = n * p * (1 - p) + (p * sp.sqrt(n) - sp.sqrt(n / 4)) ** 2
RISK_BIAS_PLUS = (n * p * (1 - p) + (p * sp.sqrt(n) + sp.sqrt(n / 4)) ** 2) / (sp.sqrt(n) + n) ** 2
RISK_VARIANCE_ONLY = n * p * (1 - p) / (sp.sqrt(n) + n) ** 2

bernoulli_shrinkage_risk = Claim(
    id="bernoulli-shrinkage-risk",
    title="The estimator (sum X_i + sqrt(n/4)) / (n + sqrt n) has the same risk n / (4 (sqrt n + n)^2) for every p",
    sources=(
        Source(NOTES, 793, r"\hat{p}_2 = \frac{\sum_i X_i + \sqrt{n/4}}{2\sqrt{n/4} + n}"),
        Source(NOTES, 809, r"\text{MSE} = \text{Var}[\hat{p}_2] + \text{bias}^2(\hat{p}_1)"),
        Source(NOTES, 825, r"\text{MSE} = \frac{np(1-p) + \left(p\sqrt{n} - \sqrt{n/4} \right)^2}{(\sqrt{n} + n)^2}"),
        Source(NOTES, 829, r"\cancel{n-2np} + \cancel{2np} - n/2 = 0"),
        Source(NOTES, 831, "reveals that the MSE is monotonically increasing!"),
    ),
    assumptions=("X_1, ..., X_n i.i.d. Bernoulli(p), 0 <= p <= 1; squared error loss",),
    statement=Equal(RISK_P2, R2, why="the squared-error risk of p2"),
    steps=(
        MOMENTS_STEP,
        Equal(RISK_P2, Var(P2) + bias(P1) ** 2, sample=N_P_SAMPLE,
              source=Source(NOTES, 809, r"\text{MSE} = \text{Var}[\hat{p}_2] + \text{bias}^2(\hat{p}_1)"),
              why="the MSE decomposition, as written: with the bias of p1, which is 0",
              correction=Equal(RISK_P2, Var(P2) + bias(P2) ** 2, why="MSE = variance + squared bias of the same estimator, p2")),
        Equal(Var(P2) + bias(P2) ** 2, n * p * (1 - p) / (sp.sqrt(n) + n) ** 2 + bias(P2) ** 2,
              source=Source(NOTES, 813, r"&= \frac{np(1-p)}{(\sqrt{n} + n)^2}"),
              why="Var[(S + c)/d] = Var[S]/d^2 with d = 2 sqrt(n/4) + n = sqrt n + n"),
        Equal(n * p * (1 - p) / (sp.sqrt(n) + n) ** 2 + bias(P2) ** 2,
              n * p * (1 - p) / (sp.sqrt(n) + n) ** 2 + ((p * sp.sqrt(n) - sp.sqrt(n / 4)) / (sp.sqrt(n) + n)) ** 2,
              source=Source(NOTES, 821, r"= \left(\frac{p\sqrt{n} - \sqrt{n/4}}{\sqrt{n} + n} \right)^2"),
              why="p - E[p2] = (p sqrt n + n p - n p - sqrt(n/4)) / (sqrt n + n), squared"),
        Equal(n * p * (1 - p) / (sp.sqrt(n) + n) ** 2 + ((p * sp.sqrt(n) - sp.sqrt(n / 4)) / (sp.sqrt(n) + n)) ** 2, MSE_825,
              source=Source(NOTES, 825, r"\text{MSE} = \frac{np(1-p) + \left(p\sqrt{n} - \sqrt{n/4} \right)^2}{(\sqrt{n} + n)^2}"),
              why="over the common denominator"),
        Equal(MSE_825, R2, why="the numerator n p - n p^2 + n p^2 - n p + n/4 is n/4 for every p"),
    ),
    forms=(
        Equal(Var(P2), sp.Sum(p * (1 - p), (i, 1, n)) / (2 * sp.sqrt(n / 4) + n) ** 2,
              source=Source(NOTES, 813, r"&= \frac{1}{(2\sqrt{n/4} + n)^2} \sum_{i=1}^n \text{Var}[X_i]"),
              why="the shift sqrt(n/4) does not change the variance; independent variances add"),
        Equal(E_S(P2), (n * p + sp.sqrt(n / 4)) / (2 * sp.sqrt(n / 4) + n),
              source=Source(NOTES, 817, r"= \frac{np + \sqrt{n/4}}{2\sqrt{n/4} + n}"), why="E[S] = n p"),
        Equal(sp.diff(NUMERATOR, p), sp.Add(n, -2 * n * p, 2 * n * p, -n / 2, evaluate=False), sample=N_P_SAMPLE,
              source=Source(NOTES, 829, r"\cancel{n-2np} + \cancel{2np} - n/2 = 0"),
              why="the derivative of the numerator of the MSE as written: its last term is -n/2",
              correction=Equal(sp.diff(NUMERATOR, p), sp.Add(n, -2 * n * p, 2 * n * p, -n, evaluate=False),
                               why="d/dp (p sqrt n - sqrt n / 2)^2 = 2 sqrt n (p sqrt n - sqrt n / 2) = 2 n p - n: the derivative is 0")),
        Holds(sp.Gt(sp.diff(MSE_825, p), 0, evaluate=False), sample=N_P_SAMPLE,
              source=Source(NOTES, 831, "reveals that the MSE is monotonically increasing!"),
              why="as written: the MSE increases with p (so its maximum is at p = 1)",
              correction=Equal(sp.diff(MSE_825, p), 0,
                               why="the MSE does not depend on p at all: p2 is an equaliser rule, and its maximum risk "
                                   "n / (4 (sqrt n + n)^2) is attained at every p, p = 1 included")),
    ),
    numeric=Numeric(bernoulli_risk_curve, {"estimator": "shrunk", "risk": R2},
                    "Monte Carlo at n = 10 on a grid of p: every 99.9% simultaneous confidence interval of the "
                    "mean squared error contains the predicted risk"),
    mutants=(
        Mutant("variance-only", Equal(RISK_P2, RISK_VARIANCE_ONLY, sample=N_P_SAMPLE),
               {"estimator": "shrunk", "risk": RISK_VARIANCE_ONLY}, "Var[p2] + bias^2(p1) as 003:809 writes it: the bias dropped"),
        Mutant("bias-sign", Equal(RISK_P2, RISK_BIAS_PLUS, sample=N_P_SAMPLE), {"estimator": "shrunk", "risk": RISK_BIAS_PLUS},
               "(p sqrt n + sqrt(n/4))^2 in the numerator: an MSE that does increase with p"),
        Mutant("same-as-mle", Equal(RISK_P2, R1, sample=N_P_SAMPLE), {"estimator": "shrunk", "risk": R1},
               "p(1 - p)/n: the shrinkage taken to change nothing"),
    ),
    references=(WASSERMAN,),
)

# Which of the two is minimax, which is Bayes under the uniform prior
RMAX1 = 1 / (4 * n)
BAYES1 = sp.Integral(R1, (p, 0, 1))
INTEGRAND_839 = (n * p * (1 - p) + n * (p + sp.sqrt(sp.Rational(1, 4))) ** 2) / (sp.sqrt(n) + n) ** 2
m_root = sp.Symbol("m", positive=True)          # m = sqrt(n)


def _bayes_preference():
    """The n for which p1 has the smaller Bayes risk: 1/(6n) < 1/(4 (1 + sqrt n)^2), i.e. with m = sqrt n,
    3 m^2 > 2 (1 + m)^2: m > 2 + sqrt 6, n > 10 + 4 sqrt 6 = 19.8."""
    sets = sp.solve_poly_inequality(sp.Poly(3 * m_root**2 - 2 * (1 + m_root) ** 2, m_root), ">")
    threshold = [iv.start for iv in sets if iv.end is sp.oo and iv.start.is_positive]
    if len(threshold) != 1:
        return False, {"solution": str(sets)}
    n_star = sp.ceiling(threshold[0] ** 2)
    # cross-check at exact integers on both sides
    b1 = sp.Lambda(n, 1 / (6 * n))
    b2 = sp.Lambda(n, R2)
    ok = n_star == 20 and all((b1(k) < b2(k)) == (k >= n_star) for k in (1, 5, 19, 20, 21, 100))
    return ok, {"p1 has the smaller Bayes risk for": f"n >= {n_star}", "p2 for": f"n <= {n_star - 1}",
                "threshold sqrt n >": str(threshold[0])}


bernoulli_minimax_bayes = Claim(
    id="bernoulli-minimax-bayes",
    title="p2 has the smaller maximum risk for every n; under a uniform prior it is the Bayes choice only for n <= 19",
    sources=(
        Source(NOTES, 777, r"R_{\text{Bayes}}(f, \hat{\theta}) = \int R(\theta, \hat{\theta}) f(\theta) d\theta \quad (2.3)"),
        Source(NOTES, 833, r"R_{\max}(\hat{p}_1) = \frac{n}{4(\sqrt{n} + n)^2}"),
        Source(NOTES, 835, r"This function is always smaller than the maximum risk of \hat{p}_1 for all values of n"),
        Source(NOTES, 837, r"R_{\text{Bayes}}(1, \hat{p}_1) = \int_0^1 \frac{p(1-p)}{n} dp = \frac{1}{6n}"),
        Source(NOTES, 839, r"R_{\text{Bayes}}(1, \hat{p}_2) = \int_0^1 \frac{np(1-p) + n \left(p + \sqrt{1/4} \right)^2}{(\sqrt{n} + n)^2} dp = \frac{n}{4(\sqrt{n} + n)^2}"),
        Source(NOTES, 841, r"For small values of n , the Bayes risk says that we should choose \hat{p}_2 but when n becomes sufficiently large, \hat{p}_1 is the better estimator."),
    ),
    assumptions=(
        "R(p, p1) = p(1 - p)/n and R(p, p2) = n / (4 (sqrt n + n)^2), the claims bernoulli-mle-risk and bernoulli-shrinkage-risk",
        "the minimax (2.4) and Bayes (2.5) rules are taken among the two estimators only; (2.4) as printed has "
        "its sup and inf on the wrong variables (checked as written in constant-estimator-risk)",
    ),
    statement=Holds(sp.Lt(R2, RMAX1, evaluate=False),
                    source=Source(NOTES, 835, r"This function is always smaller than the maximum risk of \hat{p}_1 for all values of n"),
                    why="n / (4 (sqrt n + n)^2) < 1/(4n) since n^2 < (sqrt n + n)^2: p2 is minimax among the two"),
    steps=(
        Equal(R1.subs(p, sp.Rational(1, 2)), RMAX1, why="the maximum risk of p1, at p = 1/2 (bernoulli-mle-risk)"),
        Equal(R2.subs(p, 1), R2, why="the risk of p2 is flat, so its maximum risk is its value anywhere"),
    ),
    forms=(
        Equal(RMAX1, R2, sample=N_P_SAMPLE, source=Source(NOTES, 833, r"R_{\max}(\hat{p}_1) = \frac{n}{4(\sqrt{n} + n)^2}"),
              why="as written, the maximum risk of p1",
              correction=Equal(R2.subs(p, 1), R2, why="this is the maximum risk of p2 (the MSE at p = 1); that of p1 is 1/(4n)")),
        Equal(BAYES1, 1 / (6 * n), source=Source(NOTES, 837, r"R_{\text{Bayes}}(1, \hat{p}_1) = \int_0^1 \frac{p(1-p)}{n} dp = \frac{1}{6n}"),
              why="(2.3) with f = 1 on [0, 1]: int_0^1 p(1 - p) dp = 1/6"),
        Equal(sp.Integral(INTEGRAND_839, (p, 0, 1)), R2, sample=N_P_SAMPLE,
              source=Source(NOTES, 839, r"R_{\text{Bayes}}(1, \hat{p}_2) = \int_0^1 \frac{np(1-p) + n \left(p + \sqrt{1/4} \right)^2}{(\sqrt{n} + n)^2} dp = \frac{n}{4(\sqrt{n} + n)^2}"),
              why="as written: the integrand has n (p + 1/2)^2 where the MSE (003:825) has (p sqrt n - sqrt(n/4))^2 = n (p - 1/2)^2",
              correction=Equal(sp.Integral(MSE_825, (p, 0, 1)), R2,
                               why="with the MSE of 003:825 as integrand the value n / (4 (sqrt n + n)^2) is right "
                                   "(the integrand is that constant)")),
        Computed("under the uniform prior p2 has the smaller Bayes risk for n <= 19 and p1 for n >= 20", _bayes_preference,
                 source=Source(NOTES, 841, r"For small values of n , the Bayes risk says that we should choose \hat{p}_2 but when n becomes sufficiently large, \hat{p}_1 is the better estimator."),
                 why="compare 1/(6n) with n / (4 (sqrt n + n)^2) = 1 / (4 (1 + sqrt n)^2): the Bayes rule (2.5) among the two"),
    ),
    numeric=Numeric(bernoulli_extremes_and_bayes,
                    {"max_1": RMAX1, "max_2": R2, "bayes_1": 1 / (6 * n), "bayes_2": R2},
                    "Monte Carlo at n = 4 and n = 100: the maximum over a p grid (containing p = 1/2) of the "
                    "risk curves lies within the simultaneous 99.9% bounds, and the Bayes risks (p drawn "
                    "uniformly) are within their simultaneous 99.9% confidence intervals"),
    mutants=(
        Mutant("max-risk-of-p1-as-labelled", Equal(RMAX1, R2, sample=N_P_SAMPLE),
               {"max_1": R2, "max_2": R2, "bayes_1": 1 / (6 * n), "bayes_2": R2},
               "R_max(p1) = n / (4 (sqrt n + n)^2), the label of 003:833"),
        Mutant("bayes-integrand-as-written", Equal(sp.Integral(MSE_825, (p, 0, 1)), 5 * R2, sample=N_P_SAMPLE),
               {"max_1": RMAX1, "max_2": R2, "bayes_1": 1 / (6 * n), "bayes_2": 5 * R2},
               "5n / (4 (sqrt n + n)^2): the integral of the integrand printed in 003:839"),
        Mutant("bayes-equals-max", Equal(BAYES1, RMAX1, sample=N_P_SAMPLE),
               {"max_1": RMAX1, "max_2": R2, "bayes_1": RMAX1, "bayes_2": R2},
               "the Bayes risk of p1 taken as its maximum 1/(4n): then p2 would win under both summaries"),
    ),
    references=(WASSERMAN,),
)

# ---------------------------------------------------------------------------------------------
# The bias-variance decomposition (2.7)-(2.13)
# ---------------------------------------------------------------------------------------------
f_true, mu = sp.symbols("f mu", real=True)                    # f(x) and mu(x) = E_D[f^(x)] at the point x
var_D = sp.Symbol("v", positive=True)                          # v(x): the variance of f^(x) over data sets
delta, eps_y = sp.symbols("delta epsilon_y", real=True)        # f^ - mu and y - f
kappa = sp.Symbol("kappa", real=True)                          # how much f^(x) follows the noise of y(x)
E_y = expectation_operator("E_y", "y", {eps_y: two_moments(sigma**2)})
E_D = expectation_operator("E_D", r"\mathcal{D}", {delta: two_moments(var_D)})
f_hat = mu + delta
y_x = f_true + eps_y
b_sym = sp.Symbol("b", real=True)                              # the bias mu - f, for the experiment

EXPECTED_LOSS = E_D(E_y((f_hat - y_x) ** 2))
DECOMPOSITION = var_D + (mu - f_true) ** 2 + sigma**2
PREDICTED = DECOMPOSITION.subs(mu, f_true + b_sym)             # v + b^2 + sigma^2
NO_NOISE = var_D + b_sym**2
BIAS_UNSQUARED = var_D + sp.Abs(b_sym) + sigma**2

# (2.8) on [0, 1] for a model linear in x with independent random coefficients around mu(x)
x_sym = sp.Symbol("x", real=True)
d0, d1 = sp.symbols("delta_0 delta_1", real=True)
v0, v1 = sp.symbols("v_0 v_1", positive=True)
m0, m1, c0, c1, c2 = sp.symbols("m_0 m_1 c_0 c_1 c_2", real=True)
E_D2 = expectation_operator("E_D2", r"\mathcal{D}", {d0: two_moments(v0), d1: two_moments(v1)})
f_hat_x = m0 + m1 * x_sym + d0 + d1 * x_sym
f_x = c0 + c1 * x_sym + c2 * x_sym**2
b_x = E_D2(f_hat_x) - f_x
v_x = E_D2((f_hat_x - E_D2(f_hat_x).doit()) ** 2)

bias_variance_decomposition = Claim(
    id="bias-variance-decomposition",
    title="Expected squared error = variance + squared bias + noise: E[(f^(x) - y)^2] = v(x) + (mu(x) - f(x))^2 + sigma^2",
    sources=(
        Source(NOTES, 863, r"R(f, \hat{f}) = \int b^2(x) dx + \int v(x) dx \quad (2.8)"),
        Source(NOTES, 877, r"&= \left(\left(\hat{f}(x) - f(x) \right) + (f(x) - y(x)) \right)^2 \quad \text{introduce 0 term } \pm f(x)"),
        Source(NOTES, 883, r"= \left(\hat{f}(x, \theta) - f(x) \right)^2 + \sigma^2 \quad (2.11)"),
        Source(NOTES, 891, r"\underbrace{\mathbb{E}_{\mathcal{D}} \left[\left(\hat{f}(x, \theta[\mathcal{D}]) - \mu(x) \right)^2 \right]}_{\text{variance}}"),
    ),
    assumptions=(
        "at a fixed x: y(x) = f(x) + eps_y with E[eps_y] = 0, E[eps_y^2] = sigma^2",
        "f^(x) = mu(x) + delta over data sets D, E_D[delta] = 0, E_D[delta^2] = v(x) (2.12)",
        "the observation y(x) the model is scored on is independent of the data the model was fitted to "
        "(a fresh observation: the cross term vanishes only then, see form 2)",
    ),
    statement=Equal(EXPECTED_LOSS, DECOMPOSITION, why="(2.13) with the variance written v(x)"),
    steps=(
        Equal(EXPECTED_LOSS, E_D(E_y(((f_hat - f_true) + (f_true - y_x)) ** 2)),
              source=Source(NOTES, 877, r"&= \left(\left(\hat{f}(x) - f(x) \right) + (f(x) - y(x)) \right)^2 \quad \text{introduce 0 term } \pm f(x)"),
              why="add and subtract f(x)"),
        Equal(E_D(E_y(((f_hat - f_true) + (f_true - y_x)) ** 2)),
              E_D(E_y((f_hat - f_true) ** 2 + 2 * (f_hat - f_true) * (f_true - y_x) + (f_true - y_x) ** 2)),
              source=Source(NOTES, 877, r"&= \left(\hat{f}(x) - f(x) \right)^2 + 2(\hat{f}(x) - f(x))(f(x) - y(x)) + (f(x) - y(x))^2 \quad \text{expand}"),
              why="expand the square"),
        Equal(E_D(E_y((f_hat - f_true) ** 2 + 2 * (f_hat - f_true) * (f_true - y_x) + (f_true - y_x) ** 2)),
              E_D((f_hat - f_true) ** 2 + sigma**2),
              source=Source(NOTES, 883, r"= \left(\hat{f}(x, \theta) - f(x) \right)^2 + \sigma^2 \quad (2.11)"),
              why="(2.11): E_y[f - y] = 0 kills the cross term, E_y[(f - y)^2] = sigma^2"),
        Equal(E_D((f_hat - f_true) ** 2 + sigma**2), E_D((f_hat - mu) ** 2) + (mu - f_true) ** 2 + sigma**2,
              source=Source(NOTES, 891, r"\underbrace{\mathbb{E}_{\mathcal{D}} \left[\left(\hat{f}(x, \theta[\mathcal{D}]) - \mu(x) \right)^2 \right]}_{\text{variance}} + \underbrace{(\mu(x) - f(x))^2}_{\text{bias}} + \underbrace{\sigma^2}_{\text{noise}}"),
              why="(2.13): the same add-and-subtract with mu(x) = E_D[f^(x)]; the cross term has E_D[f^ - mu] = 0"),
        Equal(E_D((f_hat - mu) ** 2) + (mu - f_true) ** 2 + sigma**2, DECOMPOSITION, why="v(x) = E_D[(f^ - mu)^2] (2.9)"),
    ),
    forms=(
        Equal(E_D2(sp.Integral((f_hat_x - f_x) ** 2, (x_sym, 0, 1))),
              sp.Integral(b_x**2, (x_sym, 0, 1)) + sp.Integral(v_x, (x_sym, 0, 1)),
              source=Source(NOTES, 863, r"R(f, \hat{f}) = \int b^2(x) dx + \int v(x) dx \quad (2.8)"),
              why="(2.8)-(2.9) for the integrated squared error on [0, 1] of a model m_0 + m_1 x plus independent "
                  "random coefficients delta_0 + delta_1 x, against a quadratic f"),
        Equal(E_y(2 * ((mu + kappa * eps_y) - f_true) * (f_true - y_x)),
              2 * ((mu + kappa * eps_y) - f_true) * E_y(f_true - y_x),
              sample={kappa: [1, sp.Rational(1, 2)]},
              source=Source(NOTES, 881, r"2(\hat{f}(x) - f(x)) \underbrace{\mathbb{E}_y [(f(x) - y(x))]}"),
              why="as written, f^ is taken out of E_y although 003:879 says the model depends on y(x); "
                  "here f^ = mu + kappa eps_y follows the noise with weight kappa",
              correction=Equal(E_y(2 * ((mu + kappa * eps_y) - f_true) * (f_true - y_x)), -2 * kappa * sigma**2,
                               why="the cross term is -2 Cov(f^, y) = -2 kappa sigma^2: it vanishes only when the "
                                   "model does not depend on the observation it is scored on (kappa = 0)")),
    ),
    numeric=Numeric(bias_variance_polynomial_fits, {"risk": PREDICTED},
                    "polynomial least-squares fits of degree 1, 4, 10 to noisy 4 sin x (figure 2.2): at every "
                    "degree and test point the 99.9% simultaneous confidence interval of the Monte Carlo mean of "
                    "(f^(x0) - y0)^2 contains v + b^2 + sigma^2 computed exactly from the hat matrix"),
    mutants=(
        Mutant("noise-dropped", Equal(EXPECTED_LOSS, var_D + (mu - f_true) ** 2), {"risk": NO_NOISE},
               "v + b^2: the decomposition of E[(f^ - f)^2] used for the error against y"),
        Mutant("bias-not-squared", Equal(EXPECTED_LOSS, var_D + sp.Abs(mu - f_true) + sigma**2), {"risk": BIAS_UNSQUARED},
               "v + |b| + sigma^2: the bias term not squared"),
    ),
    references=(HASTIE,),
)
