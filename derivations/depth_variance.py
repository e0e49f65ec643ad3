"""How the second moment of the pre-activations compounds through depth (003 section 1.4, the
figure-1.6 discussion at line 567 and the remark at line 635).

The notes illustrate the exploding / vanishing problem with "a network with 7 layers and 4 hidden
units each": the variances "blow up" for sigma^2 = 1 and decay exponentially for sigma^2 = .001, and
"even when we initialize sigma^2 = 1, we would still see exponential blow up". Unrolling the notes'
own recursion (1.16), E[(f^k)^2] = (1/2) n sigma^2 E[(f^(k-1))^2] (claim he-forward-variance), from the
first layer f^1 = Omega^1 x, E[(f^1_i)^2] = sigma^2 |x|^2, gives

    E[(f^k_i)^2] = sigma^2 |x|^2 (n sigma^2 / 2)^(k - 1),

a geometric sequence with ratio n sigma^2 / 2: for the figure's width n = 4 that is 2 per layer at
sigma^2 = 1 (64 times the first layer by layer 7) and 0.002 per layer at sigma^2 = 0.001 (a factor
6.4e-17 by layer 7); only sigma^2 = 2/n = 1/2 (eq. 1.17) keeps it constant.
"""
from __future__ import annotations

import sympy as sp

from checks import Claim, Computed, Equal, Holds, Mutant, Numeric, Reference, Source
from numerics.depth_variance import depth_second_moments

NOTES = "003_102deae4affe1aa8.txt"
HE = Reference("He, Zhang, Ren, Sun 2015, Delving deep into rectifiers", "section 2.2, eq. (9): the product over layers",
               "https://arxiv.org/abs/1502.01852")

n = sp.Symbol("n", integer=True, positive=True)          # width of every hidden layer
s2 = sp.Symbol("sigma^2", positive=True)                 # variance of every weight
x2 = sp.Symbol("|x|^2", positive=True)                   # squared norm of the fixed input
k = sp.Symbol("k", integer=True, positive=True)          # layer index
DEPTH = 7                                                # the figure's network
WIDTH = 4

RATIO = n * s2 / 2                                       # (1.16): one layer's factor for a ReLU network
FIRST = s2 * x2                                          # E[(f^1_i)^2] = sum_j E[Omega_ij^2] x_j^2


def closed_form(layer, first=FIRST, ratio=RATIO):
    return first * ratio ** (layer - 1)


def unrolled(depth, first=FIRST, ratio=RATIO):
    """E[(f^depth)^2] by applying the one-layer recursion depth - 1 times to the first layer, kept
    unevaluated so that a reader sees the nesting (SymPy evaluates it when checking)."""
    value = first
    for _ in range(depth - 1):
        value = sp.Mul(ratio, value, evaluate=False)
    return value


CLOSED = closed_form(k)


def _induction():
    """closed_form(1) is the first layer, and one more layer of (1.16) maps closed_form(k) to closed_form(k + 1)."""
    base = sp.simplify(closed_form(1) - FIRST) == 0
    step = sp.simplify(RATIO * CLOSED - closed_form(k + 1)) == 0
    return base and step, "base case k = 1 and the step k -> k + 1 both hold"


FIGURE = {n: WIDTH}
SIGMA_ONE, SIGMA_SMALL = {**FIGURE, s2: 1}, {**FIGURE, s2: sp.Rational(1, 1000)}
GROWTH = closed_form(DEPTH) / FIRST                      # layer 7 against layer 1

# Plausible wrong laws (k-th layer's second moment).
NO_HALVING = closed_form(k, ratio=n * s2)                # the linear network's factor: ReLU's 1/2 forgotten
NO_WIDTH = closed_form(k, ratio=s2 / 2)                  # the sum over the n inputs forgotten
FIRST_HALVED = closed_form(k, first=s2 * x2 / 2)         # a ReLU applied to the input as well

k_, n_, s_, x_ = sp.symbols("k n sigma2 x2")


def _hypothesis(law):
    return {"second_moment": sp.lambdify((k_, n_, s_, x_), law.subs({k: k_, n: n_, s2: s_, x2: x_}), "numpy")}


relu_variance_compounds_with_depth = Claim(
    id="relu-variance-compounds-with-depth",
    title="Through k ReLU layers of width n, E[f^2] = sigma^2 |x|^2 (n sigma^2 / 2)^(k-1): at width 4, x2 per layer "
          "for sigma^2 = 1, x0.002 for sigma^2 = 0.001",
    sources=(
        Source(NOTES, 567, "going through a network with 7 layers and 4 hidden units each has the variances of the "
                           "activations blow up for certain values of the variance ($\\sigma^2 = 1$)"),
        Source(NOTES, 635, "even when we initialize $\\sigma^2 = 1$, we would still see exponential blow up"),
    ),
    assumptions=(
        "bias-free ReLU network, every weight N(0, sigma^2) independent; a fixed input x; every hidden layer of width "
        "n (the figure: n = 4, 7 layers)",
        "the one-layer law E[(f^k)^2] = (1/2) n sigma^2 E[(f^(k-1))^2] of (1.16), proved in claim he-forward-variance",
        "the first layer sees x itself, not a ReLU of it: E[(f^1_i)^2] = sigma^2 |x|^2",
    ),
    statement=Equal(unrolled(DEPTH), closed_form(DEPTH),
                    why="the second moment after the figure's 7 layers, from the one-layer recursion"),
    steps=(
        Equal(unrolled(DEPTH), sp.Mul(sp.Pow(RATIO, DEPTH - 1, evaluate=False), FIRST, evaluate=False),
              why="apply E[(f^k)^2] = (n sigma^2 / 2) E[(f^(k-1))^2] six times, from layer 1 to layer 7"),
        Equal(sp.Mul(sp.Pow(RATIO, DEPTH - 1, evaluate=False), FIRST, evaluate=False), closed_form(DEPTH),
              why="the first layer is linear in x: E[(f^1_i)^2] = sum_j E[Omega_ij^2] x_j^2 = sigma^2 |x|^2"),
        Computed("for every depth k >= 1: E[(f^k)^2] = sigma^2 |x|^2 (n sigma^2 / 2)^(k - 1)", _induction,
                 why="induction on k: the same recursion at every layer", latex_form=r"\forall k\ge 1:\ "
                 r"\mathbb{E}[(f^k)^2] = \sigma^2 |x|^2 (n\sigma^2/2)^{k-1}"),
    ),
    forms=(
        Equal(sp.Pow(RATIO.subs(SIGMA_ONE), DEPTH - 1, evaluate=False), 64,
              why="the figure's blow-up: width 4, sigma^2 = 1 doubles the second moment at every layer, 2^6 = 64 by layer 7",
              source=Source(NOTES, 567, "blow up for certain values of the variance ($\\sigma^2 = 1$)")),
        Equal(sp.Pow(RATIO.subs(SIGMA_SMALL), DEPTH - 1, evaluate=False), sp.Mul(64, sp.Pow(10, -18, evaluate=False), evaluate=False),
              why="the figure's decay: sigma^2 = 0.001 multiplies it by 0.002 per layer, 6.4e-17 by layer 7",
              source=Source(NOTES, 567, "decaying exponentially ($\\sigma^2 = .001$)")),
        Holds(sp.Gt(RATIO.subs(SIGMA_ONE), 1, evaluate=False),
              why="'regular sized' sigma^2 = 1 still grows: the ratio n sigma^2 / 2 = 2 > 1 at the figure's width",
              source=Source(NOTES, 635, "even when we initialize $\\sigma^2 = 1$, we would still see exponential blow up")),
        Equal(RATIO.subs(s2, 2 / n), 1,
              why="(1.17): sigma^2 = 2/n makes the ratio 1, for the figure's network sigma^2 = 1/2",
              source=Source(NOTES, 637, r"(\sigma^2)^k = \frac{2}{n} \tag{1.17}")),
    ),
    numeric=Numeric(
        depth_second_moments, _hypothesis(CLOSED),
        "200,000 independent width-4, 7-layer bias-free ReLU networks on a fixed input, sigma^2 in {1, 1/2, 0.001}: at "
        "every layer the mean of (f^k)^2 is within z SE of second_moment(k, 4, sigma^2, |x|^2), z for a two-sided "
        "99.9% family-wise level (Bonferroni over 21 tests)",
    ),
    mutants=(
        Mutant("no-relu-halving", Equal(unrolled(DEPTH), closed_form(DEPTH, ratio=n * s2)), _hypothesis(NO_HALVING),
               "ratio n sigma^2 per layer, as for a linear network (ReLU's 1/2 forgotten)"),
        Mutant("no-width-factor", Equal(unrolled(DEPTH), closed_form(DEPTH, ratio=s2 / 2)), _hypothesis(NO_WIDTH),
               "ratio sigma^2 / 2, the sum over the n incoming units forgotten"),
        Mutant("relu-on-input", Equal(unrolled(DEPTH), closed_form(DEPTH, first=s2 * x2 / 2)), _hypothesis(FIRST_HALVED),
               "the first layer halved as if the input went through a ReLU too"),
    ),
    references=(HE,),
)
