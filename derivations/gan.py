"""The GAN value function: the optimal discriminator and the Jensen-Shannon form of the
generator's criterion (slides 002_89896ee51b349776.txt, "Gan Loss" to the end, lines 2034-2144,
after Goodfellow et al. 2014, Proposition 1 and Theorem 1).

Setting of the symbolic checks. At one point x the densities are two positive numbers, the
symbols ``p_data`` and ``p_g``, and the discriminator's output is ``D`` in (0, 1). An integral
over the sample space is the operator :class:`Int`: linear, constants come out, and
Int(p_data) = Int(p_g) = 1 (both are densities). Those are the only rules the slides' integral
steps use, so an identity proved with them holds for every pair of densities on which the
integrals exist. Before integrating, each logarithm is split into logarithms of p_data, p_g and
p_data + p_g (valid: all positive), which gives every integral a canonical form.

Where a statement is false, an integral over an abstract space cannot be evaluated at a sample
point, so the counterexample is two concrete densities on the two-point space {0, 1} (the
slides' own sums at line 2089): p_data = (s, 1 - s), p_g = (t, 1 - t).
"""
from __future__ import annotations

import sympy as sp

from checks import Claim, Computed, Equal, Holds, Mutant, Numeric, Reference, Source
from numerics.gan import discriminator_vs_formula, minimum_over_generators, value_vs_jensen_shannon

SLIDES = "002_89896ee51b349776.txt"
GOODFELLOW_2014 = Reference("Goodfellow et al. 2014, Generative Adversarial Nets", "section 4.1: Proposition 1 and Theorem 1",
                            "https://arxiv.org/abs/1406.2661")

P = sp.Symbol("p_data", positive=True)  # p_data(x) at one x
Q = sp.Symbol("p_g", positive=True)     # p_g(x) at the same x
D = sp.Symbol("D", positive=True)       # D(x), in (0, 1)
DENSITIES = (P, Q)
M = (P + Q) / 2                         # the mixture m = (p_data + p_g) / 2
D_STAR = P / (P + Q)                    # slides line 2122
LN2 = sp.log(2)
OPEN_UNIT = [sp.Rational(1, 3), sp.Rational(1, 2), sp.Rational(2, 3)]  # sample values inside (0, 1)


# --- the integral over the sample space -------------------------------------------------------

def _canonical(expr):
    """Logarithms split into logs of p_data, p_g and p_data + p_g, then expanded."""
    expr = expr.replace(lambda e: isinstance(e, sp.log), lambda e: sp.log(sp.factor(e.args[0])))
    return sp.expand(sp.expand_log(expr))


class Int(sp.Function):
    """The integral over the sample space of a function of p_data(x), p_g(x); ``doit`` applies
    linearity and Int(p_data) = Int(p_g) = 1 and leaves the other integrals standing."""

    nargs = 1

    def doit(self, **hints):
        arg = self.args[0].doit(**hints) if hints.get("deep", True) else self.args[0]
        total = sp.Integer(0)
        for term in sp.Add.make_args(_canonical(arg)):
            const, dependent = term.as_independent(*DENSITIES, as_Add=False)
            total += const if dependent in DENSITIES else const * Int(dependent)
        return total

    def _latex(self, printer, exp=None):
        body = r"\int_{\mathcal{X}} %s \, dx" % printer._print(self.args[0])
        return body if exp is None else rf"\left({body}\right)^{{{exp}}}"


s, t = sp.symbols("s t", positive=True)
TWO_POINT_SAMPLE = {s: [sp.Rational(1, 2), sp.Rational(1, 3)], t: [sp.Rational(1, 4), sp.Rational(3, 4)]}


def two_point(integrand):
    """The integral when p_data = (s, 1 - s) and p_g = (t, 1 - t) on {0, 1}: a sum of two terms."""
    return (integrand.subs({P: s, Q: t}, simultaneous=True)
            + integrand.subs({P: 1 - s, Q: 1 - t}, simultaneous=True))


def e_data(f, integral=Int):
    return integral(P * f)


def e_g(f, integral=Int):
    return integral(Q * f)


def value_at_optimum(integral=Int):
    """V(G, D*): the integral of line 2118 with D = D*."""
    return integral(P * sp.log(D_STAR) + Q * sp.log(1 - D_STAR))


def jensen_shannon(integral=Int):
    """JS(p_data || p_g) = 1/2 E_data ln(p_data / m) + 1/2 E_g ln(p_g / m), natural log."""
    return e_data(sp.log(P / M), integral) / 2 + e_g(sp.log(Q / M), integral) / 2


class JS(sp.Function):
    """JS(p_data || p_g), shown by name; ``doit`` writes out its definition."""

    nargs = 2

    def doit(self, **hints):
        first, second = self.args
        return jensen_shannon().subs({P: first, Q: second}, simultaneous=True).doit(**hints)

    def _latex(self, printer, exp=None):
        body = r"\operatorname{JS}\left(p_{\text{data}} \,\|\, p_g\right)"
        return body if exp is None else rf"{body}^{{{exp}}}"


def jensen_shannon_as_written(integral=Int):
    """Line 2138 as written: the second term has no logarithm."""
    return e_data(sp.log(P / M), integral) / 2 + e_g(Q / M, integral) / 2


# ---------------------------------------------------------------------------------------------
# The optimal discriminator
# ---------------------------------------------------------------------------------------------
INTEGRAND = P * sp.log(D) + Q * sp.log(1 - D)  # of V(G, D) at one x, line 2118
FIRST = sp.diff(INTEGRAND, D)
SECOND = sp.diff(INTEGRAND, D, 2)
CONCAVITY_NUMERATOR = P * (1 - D) ** 2 + Q * D**2

y = sp.Symbol("y", real=True)               # the label: 1 real, 0 generated
y_hat = sp.Symbol("yhat", positive=True)    # the predicted probability, in (0, 1)
BCE = -y * sp.log(y_hat) - (1 - y) * sp.log(1 - y_hat)          # line 2048
BCE_LINE_2077 = -y_hat * sp.log(y_hat) + (1 - y_hat) * sp.log(1 - y_hat)  # as written, read literally


def _negative_log_likelihood(label):
    """-ln P(label | yhat) for a Bernoulli(yhat) label."""
    return -sp.log(y_hat) if label == 1 else -sp.log(1 - y_hat)


def _is_binary_cross_entropy(expr):
    """Whether ``expr`` is -ln P(y | yhat) for both labels y = 1 and y = 0."""
    for label in (1, 0):
        diff = sp.simplify(expr.subs(y, label) - _negative_log_likelihood(label))
        if diff != 0:
            at = sp.Rational(1, 3)
            return False, {"label y": str(label), "yhat": str(at),
                           "formula": sp.sstr(sp.N(expr.subs({y: label, y_hat: at}), 10)),
                           "-ln P(y | yhat)": sp.sstr(sp.N(_negative_log_likelihood(label).subs(y_hat, at), 10))}
    return True, "equals -ln(yhat) for y = 1 and -ln(1 - yhat) for y = 0"


def _unique_maximiser():
    """Solve dV/dD = 0 on (0, 1) and check the sign of the second derivative there."""
    critical = sp.solve(sp.Eq(FIRST, 0), D)
    if len(critical) != 1 or sp.simplify(critical[0] - D_STAR) != 0:
        return False, {"critical points": sp.sstr(critical)}
    inside = D_STAR.is_positive and sp.simplify(1 - D_STAR).is_positive
    concave = CONCAVITY_NUMERATOR.is_positive and sp.simplify(SECOND + CONCAVITY_NUMERATOR / (D**2 * (1 - D) ** 2)) == 0
    if not (inside and concave):
        return False, {"inside (0, 1)": str(inside), "concave": str(concave)}
    return True, f"one critical point {sp.sstr(critical[0])} in (0, 1); second derivative -({sp.sstr(CONCAVITY_NUMERATOR)})/(D^2 (1 - D)^2) < 0"


def _critical_point(candidate):
    """'candidate makes the derivative of the integrand vanish': how a mutant's D* is refuted."""
    return Equal(sp.Subs(FIRST, D, candidate), 0, why="the derivative of the integrand at the proposed D*")


D_MUTANTS = {
    "ratio-of-densities": (P / Q, "D* = p_data / p_g: the likelihood ratio, not the share of p_data (and not in (0, 1))"),
    "swapped-densities": (Q / (P + Q), "D* = p_g / (p_data + p_g): the generator's share, i.e. 1 - D*"),
    "constant-one-half": (sp.Rational(1, 2), "D* = 1/2: the optimum only at p_g = p_data, taken for every generator"),
}

gan_optimal_discriminator = Claim(
    id="gan-optimal-discriminator",
    title="For a fixed generator the value V(G, D) is maximised by D*(x) = p_data(x) / (p_data(x) + p_g(x))",
    sources=(
        Source(SLIDES, 2093, r"V(G, D) = E_{x \sim p_{\text{data}}} [\ln(D(x))] + E_{z \sim p_z} [\ln(1 - D(G(z)))]"),
        Source(SLIDES, 2118, r"V(G, D) = \int_{\mathcal{X}} p_{\text{data}}(x) \ln[D(x)] + p_g(x) \ln[1-D(x)]"),
        Source(SLIDES, 2122, r"\frac{p_{\text{data}}(x)}{p_{\text{data}}(x) + p_g(x)}"),
    ),
    assumptions=(
        "p_g is the law of G(z) for z ~ p_z, so E_z ln(1 - D(G(z))) = E_{x~p_g} ln(1 - D(x)) (line 2093 to line 2118)",
        "D ranges over all functions into (0, 1): V(G, D) is the integral of p_data ln D(x) + p_g ln(1 - D(x)), "
        "whose value at x depends on D(x) alone, so maximising it at every x maximises V",
        "p_data(x), p_g(x) > 0 at the x considered (where one of them is 0 the other's term alone is maximised at D = 0 or 1)",
    ),
    statement=Computed(
        "for p_data, p_g > 0, D -> p_data ln D + p_g ln(1 - D) has on (0, 1) a single critical point, "
        "D* = p_data / (p_data + p_g), and is strictly concave, so D* is its maximiser",
        _unique_maximiser,
        why="solve the first-order condition; the second derivative is negative on (0, 1)",
        latex_form=r"\arg\max_{0<D<1} \; p_{\text{data}} \ln D + p_g \ln(1 - D) = \frac{p_{\text{data}}}{p_{\text{data}} + p_g}",
    ),
    steps=(
        Equal(sp.Derivative(INTEGRAND, D), P / D - Q / (1 - D), why="differentiate the integrand of line 2118 in D(x): (ln D)' = 1/D, (ln(1 - D))' = -1/(1 - D)"),
        Equal(sp.Subs(FIRST, D, D_STAR), 0,
              why="at D = p_data/(p_data + p_g): p_data/D = p_data + p_g = p_g/(1 - D), so the derivative vanishes",
              source=Source(SLIDES, 2122, r"\frac{p_{\text{data}}(x)}{p_{\text{data}}(x) + p_g(x)}")),
        Equal(sp.Derivative(INTEGRAND, (D, 2)), -CONCAVITY_NUMERATOR / (D**2 * (1 - D) ** 2),
              why="differentiate again: -p_data/D^2 - p_g/(1 - D)^2, over the common denominator"),
        Holds(sp.Gt(CONCAVITY_NUMERATOR, 0, evaluate=False),
              why="the numerator is positive and D^2 (1 - D)^2 > 0 on (0, 1): the second derivative is negative, "
                  "the integrand strictly concave, so its one critical point is its maximum"),
    ),
    forms=(
        Computed("line 2048: -y log(yhat) - (1 - y) log(1 - yhat) is the binary cross-entropy, -ln P(y | yhat), for y = 1 and y = 0",
                 lambda: _is_binary_cross_entropy(BCE), why="the slides' first statement of the discriminator's loss",
                 source=Source(SLIDES, 2048, r"\mathcal{L}(\mathbf{w}) = \boxed{-y^{(i)} \log (\hat{y}^{(i)})} - (1 - y^{(i)}) \log (1 - \hat{y}^{(i)})")),
        Computed("line 2077: -sum yhat ln yhat + (1 - yhat) ln(1 - yhat) is the binary cross-entropy, -ln P(y | yhat), for y = 1 and y = 0",
                 lambda: _is_binary_cross_entropy(BCE_LINE_2077),
                 why="as written the label y does not appear (yhat stands where y belongs), so it cannot be the loss of both labels",
                 source=Source(SLIDES, 2077, r"\mathcal{L} = -\sum \hat{y} \ln \hat{y} + (1-\hat{y}) \ln (1-\hat{y})"),
                 correction=Computed("-(y ln yhat + (1 - y) ln(1 - yhat)) is -ln P(y | yhat) for y = 1 and y = 0",
                                     lambda: _is_binary_cross_entropy(BCE))),
        Equal(sp.Subs(BCE, (y, y_hat), (1, D)), sp.log(D),
              why="y = 1, yhat = D(x) in the cross-entropy of lines 2048/2077: the slides get ln D(x)",
              source=Source(SLIDES, 2079, r"\hat{y}=D(x) \Rightarrow \mathcal{L} = \ln [D(x)]"),
              correction=Equal(sp.Subs(-BCE, (y, y_hat), (1, D)), sp.log(D),
                               why="ln D(x) is minus the cross-entropy, the log-likelihood; lines 2081-2083 and V use it with that sign"),
              sample={D: OPEN_UNIT}),
    ),
    numeric=Numeric(
        discriminator_vs_formula,
        {"d_star": sp.lambdify((P, Q), D_STAR, "numpy")},
        "logistic discriminator (features 1, x, x^2, x^3, which contain the Gaussian log-odds) trained with the GAN "
        "objective on 20,000 real and 20,000 generated samples (2,000,000 each at scale large): within the "
        "simultaneous 99.9% Scheffe band of the formula at all 61 grid points",
    ),
    mutants=tuple(
        Mutant(name, _critical_point(candidate), {"d_star": sp.lambdify((P, Q), candidate, "numpy")}, text)
        for name, (candidate, text) in D_MUTANTS.items()
    ),
    references=(GOODFELLOW_2014,),
)


# ---------------------------------------------------------------------------------------------
# V(G, D*) and the Jensen-Shannon divergence
# ---------------------------------------------------------------------------------------------
J = sp.Symbol("J")  # the value of JS(p_data || p_g), for the numeric hypotheses


def _criterion(factor, constant):
    """V(G, D*) = factor * JS + constant: symbolically, and as a function of JS for the experiment."""
    return factor * JS(P, Q) + constant, sp.lambdify(J, factor * J + constant, "numpy")


CRITERION, CRITERION_OF_JS = _criterion(2, -2 * LN2)
V_STAR = value_at_optimum()

JS_MUTANTS = {
    "js-not-doubled": (1, -LN2, "V(G, D*) = JS - ln 2: the factor 2 dropped throughout"),
    "one-ln-2": (2, -LN2, "V(G, D*) = 2 JS - ln 2: only one of the two ln 2 terms kept"),
    "constant-in-bits": (2, -2, "V(G, D*) = 2 JS - 2: the constant 2 log_2 2 in bits with the rest in nats"),
}


def _js_mutant(factor, constant):
    """The mutant on two concrete densities (where every integral is a finite sum)."""
    return Equal(value_at_optimum(two_point), factor * jensen_shannon(two_point) + constant,
                 why="on p_data = (s, 1 - s), p_g = (t, 1 - t)", sample=TWO_POINT_SAMPLE)


gan_value_jensen_shannon = Claim(
    id="gan-value-jensen-shannon",
    title="At the optimal discriminator, V(G, D*) = 2 JS(p_data || p_g) - 2 ln 2",
    sources=(
        Source(SLIDES, 2130, r"\min_G V = E_{x \sim p_{\text{data}}} \ln \left( \frac{p_{\text{data}}(x)}{p_{\text{data}}(x) + p_g(x)} \right)"),
        Source(SLIDES, 2138, r"\text{JS}(p_1 || p_2) = \frac{1}{2} \mathbb{E}_{x \sim p_1} \ln \left( \frac{p_1}{\frac{p_1 + p_2}{2}} \right)"),
        Source(SLIDES, 2142, r"\min_G V = 2 \text{JS}(p_{\text{data}} || p_g) - 2 \ln 2"),
    ),
    assumptions=(
        "p_data and p_g are densities (nonnegative, integral 1) and the integrals below exist",
        "logarithms are natural, as in the slides; JS(p1 || p2) = 1/2 KL(p1 || m) + 1/2 KL(p2 || m), m = (p1 + p2)/2",
        "the slides call the left side 'min_G V'; it is max_D V(G, D) = V(G, D*), a function of G "
        "(the minimum over G is claim gan-generator-minimum)",
    ),
    statement=Equal(V_STAR, CRITERION, why="V(G, D*) as twice the Jensen-Shannon divergence minus 2 ln 2"),
    steps=(
        Equal(V_STAR, e_data(sp.log(D_STAR)) + e_g(sp.log(1 - D_STAR)),
              why="V(G, D) of line 2118 with D = D* = p_data/(p_data + p_g), split into the two expectations (linearity)",
              source=Source(SLIDES, 2130, r"E_{x \sim p_{\text{data}}} \ln \left( \frac{p_{\text{data}}(x)}{p_{\text{data}}(x) + p_g(x)} \right) + E_{x \sim p_g} \ln \left( 1 - \frac{p_{\text{data}}(x)}{p_{\text{data}}(x) + p_g(x)} \right)")),
        Equal(e_data(sp.log(D_STAR)) + e_g(sp.log(1 - D_STAR)), e_data(sp.log(P / (P + Q))) + e_g(sp.log(Q / (P + Q))),
              why="1 - p_data/(p_data + p_g) = p_g/(p_data + p_g)",
              source=Source(SLIDES, 2132, r"E_{x \sim p_g} \ln \left( \frac{p_g(x)}{p_{\text{data}}(x) + p_g(x)} \right)")),
        Equal(e_data(sp.log(P / (P + Q))) + e_g(sp.log(Q / (P + Q))), e_data(sp.log(P / M)) + e_g(sp.log(Q / M)) - 2 * LN2,
              why="p/(p_data + p_g) = (p/m)/2, so each logarithm loses ln 2, and E_data[ln 2] = E_g[ln 2] = ln 2 (densities integrate to 1)",
              source=Source(SLIDES, 2140, r"E_{x \sim p_g} \ln \left( \frac{p_g(x)}{\frac{p_{\text{data}}(x) + p_g(x)}{2}} \right) - 2 \ln 2")),
        Equal(e_data(sp.log(P / M)) + e_g(sp.log(Q / M)) - 2 * LN2, CRITERION,
              why="the two expectations are 2 JS(p_data || p_g): JS(p1 || p2) = 1/2 E_p1 ln(p1/m) + 1/2 E_p2 ln(p2/m), "
                  "line 2138 with the logarithm in both terms",
              source=Source(SLIDES, 2142, r"2 \text{JS}(p_{\text{data}} || p_g) - 2 \ln 2")),
        Holds(sp.Eq(P * sp.log(P / (P + Q)) + Q * sp.log(Q / (P + Q)),
                    P * sp.log(P / M) + Q * sp.log(Q / M) - (P + Q) * LN2, evaluate=False),
              why="the pointwise integrand identity behind step 3; integrating p_data + p_g turns (p_data + p_g) ln 2 into 2 ln 2"),
    ),
    forms=(
        Equal(2 * jensen_shannon_as_written(two_point) - 2 * LN2, value_at_optimum(two_point),
              why="line 2142 with JS as line 2138 defines it, on p_data = (s, 1 - s), p_g = (t, 1 - t): its second term "
                  "1/2 E_{p2}[p2/m] has lost its ln (it is 1/2, not 0, when p1 = p2)",
              source=Source(SLIDES, 2138, r"\frac{1}{2} \mathbb{E}_{x \sim p_2} \left( \frac{p_2}{\frac{p_1 + p_2}{2}} \right)"),
              correction=Equal(2 * JS(P, Q) - 2 * LN2, V_STAR,
                               why="JS(p1 || p2) = 1/2 E_{p1} ln(p1/m) + 1/2 E_{p2} ln(p2/m)"),
              sample=TWO_POINT_SAMPLE),
    ),
    numeric=Numeric(
        value_vs_jensen_shannon,
        {"criterion": CRITERION_OF_JS},
        "for 50 Gaussian generators against p_data = N(0, 1): V(G, D*) by the trapezoid rule equals the hypothesis "
        "as a function of JS = H(m) - (H(p_data) + H(p_g))/2 within the quadrature error bound",
    ),
    mutants=tuple(
        Mutant(name, _js_mutant(factor, constant), {"criterion": sp.lambdify(J, factor * J + constant, "numpy")}, text)
        for name, (factor, constant, text) in JS_MUTANTS.items()
    ),
    references=(GOODFELLOW_2014,),
)


# ---------------------------------------------------------------------------------------------
# The generator's minimum
# ---------------------------------------------------------------------------------------------
u = sp.Symbol("u", positive=True)
GIBBS = u - 1 - sp.log(u)  # >= 0 on u > 0, zero only at u = 1: ln u <= u - 1
V_AT_DATA = sp.Subs(V_STAR, Q, P)  # V(G, D*) at p_g = p_data, kept unevaluated for display
MINIMUM = -sp.log(4)

MIN_MUTANTS = {
    "minus-ln-2": (-LN2, "min = -ln 2: half the constant"),
    "minus-2": (sp.Integer(-2), "min = -2: -2 log_2 2, the constant in bits"),
    "zero": (sp.Integer(0), "min = 0: the minimum of JS taken for that of V"),
}

gan_generator_minimum = Claim(
    id="gan-generator-minimum",
    title="The generator's criterion V(G, D*) is at least -ln 4, with equality exactly when p_g = p_data",
    sources=(
        Source(SLIDES, 2142, r"\min_G V = 2 \text{JS}(p_{\text{data}} || p_g) - 2 \ln 2"),
        Source(SLIDES, 2144, "The optimization tries to match the training data"),
    ),
    assumptions=(
        "p_data and p_g are densities and the integrals exist; the discriminator is optimal, D = D* (claim gan-optimal-discriminator)",
        "V(G, D*) = 2 JS(p_data || p_g) - 2 ln 2 (claim gan-value-jensen-shannon; rechecked below)",
        "'equality only when p_g = p_data' is up to sets of measure zero",
    ),
    statement=Equal(V_AT_DATA, MINIMUM, why="the criterion at p_g = p_data"),
    steps=(
        Equal(V_AT_DATA, e_data(sp.log(sp.Rational(1, 2))) + e_data(sp.log(1 - sp.Rational(1, 2))),
              why="p_g = p_data makes D* = 1/2 and 1 - D* = 1/2 everywhere"),
        Equal(e_data(sp.log(sp.Rational(1, 2))) + e_data(sp.log(1 - sp.Rational(1, 2))), -2 * LN2,
              why="E_data[ln 1/2] = -ln 2 since p_data integrates to 1"),
        Equal(-2 * LN2, MINIMUM, why="2 ln 2 = ln 4"),
        Holds(sp.Eq(V_STAR, CRITERION, evaluate=False),
              why="V(G, D*) = 2 JS - 2 ln 2 for every generator, so V(G, D*) >= -ln 4 iff JS >= 0"),
        Holds(sp.Eq(JS(P, Q), e_data(GIBBS.subs(u, M / P)) / 2 + e_g(GIBBS.subs(u, M / Q)) / 2, evaluate=False),
              why="add 1/2 E_data[m/p_data - 1] + 1/2 E_g[m/p_g - 1] = 0 (each is integral(m) - 1 = 0): JS integrates "
                  "p (u - 1 - ln u) with u = m/p"),
        Holds(sp.Eq(sp.Subs(GIBBS, u, 1), 0, evaluate=False), why="u - 1 - ln u vanishes at u = 1"),
        Holds(sp.Eq(sp.Subs(sp.diff(GIBBS, u), u, 1), 0, evaluate=False), why="and so does its derivative 1 - 1/u"),
        Holds(sp.Gt(sp.diff(GIBBS, u, 2), 0, evaluate=False),
              why="its second derivative 1/u^2 is positive: it is strictly convex, so u - 1 - ln u >= 0 with equality only at u = 1; "
                  "hence JS >= 0, with equality only when m = p_data, i.e. p_g = p_data"),
    ),
    forms=(
        Equal(value_at_optimum(two_point).subs(t, s), 2 * jensen_shannon(two_point) - 2 * LN2,
              why="line 2142 read as written: min_G V, the value at p_g = p_data (here p_data = (s, 1 - s)), against "
                  "2 JS(p_data || p_g) - 2 ln 2 for a p_g = (t, 1 - t) that differs; the same label 'min_G V' is on lines 2130 and 2140",
              source=Source(SLIDES, 2142, r"\min_G V = 2 \text{JS}(p_{\text{data}} || p_g) - 2 \ln 2"),
              correction=Equal(V_STAR, CRITERION,
                               why="the right side is max_D V(G, D) = V(G, D*), the criterion the generator minimises; its minimum is -ln 4"),
              sample=TWO_POINT_SAMPLE),
    ),
    numeric=Numeric(
        minimum_over_generators,
        {"minimum": MINIMUM},
        "over 50 Gaussian generators against p_data = N(0, 1), V(G, D*) by the trapezoid rule is smallest at "
        "p_g = p_data, equal there to the hypothesis within the quadrature error bound, and nowhere below it",
    ),
    mutants=tuple(
        Mutant(name, Equal(V_AT_DATA, value, why="the criterion at p_g = p_data"), {"minimum": value}, text)
        for name, (value, text) in MIN_MUTANTS.items()
    ),
    references=(GOODFELLOW_2014,),
)
