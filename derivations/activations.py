"""Activation functions, softmax and cross-entropy (slides 002:83-146), and the binary
cross-entropy reading of the GAN value function (002:2075-2093).

Claims:

- ``sigmoid-derivative``: sigma(x) = 1/(1 + e^{-x}) (002:88) has sigma' = sigma (1 - sigma).
- ``tanh-rescaled-sigmoid``: tanh(x) (002:95) is 2 sigma(2x) - 1, so tanh' = 1 - tanh^2.
- ``leaky-relu-maxout-piecewise``: max(0.1x, x) (002:108) is 0.1x + 0.9 max(0, x); the maxout unit
  of 002:116 contains ReLU (002:102) and leaky ReLU, and is an affine piece plus a ReLU.
- ``elu-derivative``: the ELU of 002:120 has ELU'(x) = ELU(x) + alpha for x < 0 and is continuous.
- ``softmax-probability-vector``: e^{z_i} / sum_l e^{z_l} (002:141, 002:145) is a probability vector.
- ``softmax-worked-example``: the slides' numbers for z = (1.1, 2.2, 0.2, -1.7) (002:145).
- ``binary-cross-entropy-logit-gradient``: the loss of 002:143 with sigmoid outputs has gradient
  (sigma(s_i) - y_i)/n with respect to the logits.
- ``gan-value-expected-log-likelihood``: V(G, D) is minus the expected binary cross-entropy of the
  discriminator, real samples labelled 1 and generated ones 0 (002:2075-2093).

The slides state each activation as a formula only: no derivative, range or identity is written
for them, so the derivatives and identities here are the facts a student derives from the
written definitions, checked against JAX's own implementations.
"""
from __future__ import annotations

import sympy as sp

from checks import Claim, Computed, Equal, Holds, Mutant, Numeric, Source
from numerics.activations import (
    cross_entropy_gradient_gap,
    elu_derivative_gap,
    gan_value_as_cross_entropy,
    leaky_relu_gap,
    sigmoid_derivative_gap,
    softmax_definition_gap,
    softmax_example_gap,
    tanh_form_gap,
)

SLIDES = "002_89896ee51b349776.txt"

x = sp.Symbol("x", real=True)
x_pos = sp.Symbol("x", positive=True)   # the case x > 0, same name
x_neg = sp.Symbol("x", negative=True)   # the case x < 0
alpha = sp.Symbol("alpha", positive=True)


def sigmoid(t):
    """The logistic sigmoid as 002:88 writes it."""
    return 1 / (1 + sp.exp(-t))


SIGMA = sigmoid(x)


def by_cases(lhs, rhs, var=x):
    """Whether ``lhs = rhs`` for every real ``var``, by the three cases var > 0, var < 0, var = 0
    (in each one Max and Abs evaluate, and the difference must vanish); if not, a point where the
    sides differ."""
    cases = ((sp.Symbol(var.name, positive=True), sp.Rational(3, 2)), (sp.Symbol(var.name, negative=True), sp.Rational(-3, 2)),
             (sp.Integer(0), sp.Integer(0)))
    for value, witness in cases:
        diff = sp.simplify((lhs - rhs).subs(var, value))
        if diff != 0:
            point = {var: witness} | {s: sp.Rational(1, 3) for s in (lhs - rhs).free_symbols if s != var}
            return False, {str(var): str(witness), "lhs": str(sp.N(lhs.subs(point), 8)), "rhs": str(sp.N(rhs.subs(point), 8))}
    return True, f"equal for {var.name} > 0, {var.name} < 0 and {var.name} = 0"


# ---------------------------------------------------------------------------------------------
# The sigmoid
# ---------------------------------------------------------------------------------------------
def _derivative_is_at_most_a_quarter():
    """1/4 - sigma (1 - sigma) = (sigma - 1/2)^2 >= 0, zero at x = 0."""
    square = sp.simplify(sp.Rational(1, 4) - SIGMA * (1 - SIGMA) - (SIGMA - sp.Rational(1, 2)) ** 2) == 0
    at_zero = (SIGMA * (1 - SIGMA)).subs(x, 0) == sp.Rational(1, 4)
    return square and at_zero, "1/4 - sigma (1 - sigma) = (sigma - 1/2)^2, and sigma'(0) = 1/4"


def _sigmoid_mutant(name, wrong, text):
    return Mutant(name, Equal(sp.Derivative(SIGMA, x), wrong), {"derivative": wrong}, text)


sigmoid_derivative = Claim(
    id="sigmoid-derivative",
    title="The logistic sigmoid 1/(1 + e^{-x}) has derivative sigma (1 - sigma)",
    sources=(Source(SLIDES, 88, r"\sigma(x) = \frac{1}{1+e^{-x}}"),),
    assumptions=("x real; sigma as 002:88 defines it (the slides state no derivative: this is the one backpropagation uses)",),
    statement=Equal(sp.Derivative(SIGMA, x), SIGMA * (1 - SIGMA), why="the derivative written with the function's own value"),
    steps=(
        Equal(sp.Derivative(SIGMA, x), sp.exp(-x) / (1 + sp.exp(-x)) ** 2,
              why="chain rule: d/dx (1 + e^{-x})^{-1} = -(1 + e^{-x})^{-2} (-e^{-x})"),
        Equal(sp.exp(-x) / (1 + sp.exp(-x)) ** 2, sigmoid(x) * sigmoid(-x),
              why="split into 1/(1 + e^{-x}) times e^{-x}/(1 + e^{-x}) = 1/(e^{x} + 1) = sigma(-x)"),
        Equal(sigmoid(x) * sigmoid(-x), SIGMA * (1 - SIGMA),
              why="sigma(-x) = 1 - sigma(x): 1/(1 + e^{-x}) and e^{-x}/(1 + e^{-x}) add up to 1"),
        Holds(sp.Gt(sigmoid(x) * sigmoid(-x), 0, evaluate=False), why="both factors are positive: the sigmoid is increasing"),
        Computed("sigma'(x) <= 1/4, with equality at x = 0", _derivative_is_at_most_a_quarter,
                 why="1/4 - sigma (1 - sigma) = (sigma - 1/2)^2: a gradient through a sigmoid shrinks by at least 4"),
    ),
    numeric=Numeric(sigmoid_derivative_gap, {"derivative": SIGMA * (1 - SIGMA)},
                    "JAX autodiff of jax.nn.sigmoid on 4,000 points of [-30, 30] agrees with the formula to 32 u (float64 round-off)"),
    mutants=(
        _sigmoid_mutant("one-plus-sigma", SIGMA * (1 + SIGMA), "sigma (1 + sigma): the sign inside flipped"),
        _sigmoid_mutant("sigma-squared", SIGMA**2, "sigma^2: the second factor taken as sigma instead of 1 - sigma"),
        _sigmoid_mutant("one-minus-sigma", 1 - SIGMA, "1 - sigma = sigma(-x): one factor only"),
    ),
)


# ---------------------------------------------------------------------------------------------
# tanh
# ---------------------------------------------------------------------------------------------
TANH = (sp.exp(x) - sp.exp(-x)) / (sp.exp(x) + sp.exp(-x))   # the definition of tanh
TANH_VIA_SIGMOID = 2 * sigmoid(2 * x) - 1


def _tanh_is_sympys():
    return sp.simplify(sp.tanh(x).rewrite(sp.exp) - TANH) == 0, "tanh(x).rewrite(exp) is (e^x - e^{-x})/(e^x + e^{-x})"


def _tanh_derivative():
    """tanh' = 4 sigma'(2x) = 4 sigma(2x)(1 - sigma(2x)) = 1 - tanh^2."""
    s2 = sigmoid(2 * x)
    chain = sp.simplify(sp.diff(TANH_VIA_SIGMOID, x) - 4 * s2 * (1 - s2)) == 0
    square = sp.simplify(4 * s2 * (1 - s2) - (1 - TANH_VIA_SIGMOID**2)) == 0
    return chain and square, "d/dx [2 sigma(2x) - 1] = 4 sigma(2x)(1 - sigma(2x)) = 1 - (2 sigma(2x) - 1)^2"


def _tanh_mutant(name, wrong, text):
    return Mutant(name, Equal(TANH, wrong), {"tanh_form": wrong}, text)


tanh_rescaled_sigmoid = Claim(
    id="tanh-rescaled-sigmoid",
    title="tanh is a rescaled sigmoid: tanh(x) = 2 sigma(2x) - 1, hence tanh' = 1 - tanh^2",
    sources=(Source(SLIDES, 95, r"\tanh(x)"), Source(SLIDES, 88, r"\sigma(x) = \frac{1}{1+e^{-x}}")),
    assumptions=("x real; the slides name tanh without a formula (002:95): its definition (e^x - e^{-x})/(e^x + e^{-x})",),
    statement=Equal(TANH, TANH_VIA_SIGMOID, why="tanh is the sigmoid stretched to (-1, 1) and compressed by 2 in x"),
    steps=(
        Computed("tanh(x) = (e^x - e^{-x})/(e^x + e^{-x})", _tanh_is_sympys, why="the definition of the hyperbolic tangent"),
        Equal(TANH, (1 - sp.exp(-2 * x)) / (1 + sp.exp(-2 * x)), why="divide numerator and denominator by e^x"),
        Equal((1 - sp.exp(-2 * x)) / (1 + sp.exp(-2 * x)), 2 / (1 + sp.exp(-2 * x)) - 1,
              why="(1 - u)/(1 + u) = 2/(1 + u) - 1 with u = e^{-2x}"),
        Equal(2 / (1 + sp.exp(-2 * x)) - 1, TANH_VIA_SIGMOID, why="1/(1 + e^{-2x}) is the sigmoid of 002:88 at 2x"),
        Computed("tanh'(x) = 1 - tanh(x)^2", _tanh_derivative,
                 why="differentiate 2 sigma(2x) - 1 with sigma' = sigma (1 - sigma) (claim sigmoid-derivative)"),
    ),
    numeric=Numeric(tanh_form_gap, {"tanh_form": TANH_VIA_SIGMOID},
                    "jnp.tanh and its JAX autodiff derivative on 4,000 points of [-30, 30] agree with 2 sigma(2x) - 1 and its "
                    "SymPy derivative to 32 u (float64 round-off)"),
    mutants=(
        _tanh_mutant("argument-not-doubled", 2 * sigmoid(x) - 1, "2 sigma(x) - 1, which is tanh(x/2)"),
        _tanh_mutant("not-shifted", 2 * sigmoid(2 * x), "2 sigma(2x): the range (0, 2), not (-1, 1)"),
        _tanh_mutant("not-stretched", sigmoid(2 * x) - sp.Rational(1, 2), "sigma(2x) - 1/2 = tanh(x)/2: the factor 2 dropped"),
    ),
)


# ---------------------------------------------------------------------------------------------
# ReLU, leaky ReLU, maxout
# ---------------------------------------------------------------------------------------------
TENTH = sp.Rational(1, 10)
RELU = sp.Max(0, x)                         # 002:102
LEAKY = sp.Max(TENTH * x, x)                # 002:108 as written
LEAKY_SPLIT = TENTH * x + (1 - TENTH) * RELU
u_piece, v_piece = sp.symbols("u v", real=True)   # the two affine pieces w_1^T x + b_1, w_2^T x + b_2 of 002:116
w1, b1, w2, b2 = sp.symbols("w_1 b_1 w_2 b_2", real=True)


def maxout(weight1, bias1, weight2, bias2, t=x):
    """The maxout unit of 002:116 with a scalar input."""
    return sp.Max(weight1 * t + bias1, weight2 * t + bias2)


def _maxout_is_affine_plus_relu():
    """max(u, v) = u + max(0, v - u): by cases in the difference v - u."""
    d = sp.Symbol("d", real=True)
    return by_cases(sp.Max(u_piece, u_piece + d), u_piece + sp.Max(0, d), d)


def _leaky_slopes():
    slope = sp.diff(LEAKY_SPLIT, x)
    ok = slope.subs(x, x_pos) == 1 and slope.subs(x, x_neg) == TENTH
    return ok, f"d/dx [0.1x + 0.9 max(0, x)] = {sp.sstr(slope)}: 1 for x > 0, 1/10 for x < 0"


def _leaky_mutant(name, wrong, text):
    return Mutant(name, Computed(f"max(0.1x, x) = {sp.sstr(wrong)} for every real x", lambda: by_cases(LEAKY, wrong)),
                  {"leaky": wrong}, text)


leaky_relu_maxout_piecewise = Claim(
    id="leaky-relu-maxout-piecewise",
    title="Leaky ReLU max(0.1x, x) is x for x >= 0 and 0.1x for x < 0, i.e. 0.1x + 0.9 ReLU(x); maxout contains both",
    sources=(
        Source(SLIDES, 102, r"\max(0, x)"),
        Source(SLIDES, 108, r"\max(0.1x, x)"),
        Source(SLIDES, 116, r"\max(w_1^T x + b_1, w_2^T x + b_2)"),
    ),
    assumptions=("x real; the leak 0.1 < 1 is what makes max(0.1x, x) pick x for x >= 0 (with a slope above 1 the roles swap)",
                 "maxout with a scalar input for the reductions to ReLU and leaky ReLU"),
    statement=Computed("for every real x, max(0.1x, x) = 0.1x + 0.9 max(0, x)", lambda: by_cases(LEAKY, LEAKY_SPLIT),
                       why="both are x for x >= 0 and 0.1x for x < 0",
                       latex_form=r"\max(0.1x, x) = 0.1x + 0.9\max(0, x) \quad \forall x \in \mathbb{R}"),
    steps=(
        Equal(sp.Max(TENTH * x_pos, x_pos, evaluate=False), x_pos, why="x > 0: 0.1x < x, so the max is x"),
        Equal(sp.Max(TENTH * x_neg, x_neg, evaluate=False), TENTH * x_neg, why="x < 0: 0.1x > x, so the max is 0.1x"),
        Equal(sp.Max(0, x_pos, evaluate=False), x_pos, why="ReLU: x for x > 0"),
        Equal(sp.Max(0, x_neg, evaluate=False), 0, why="ReLU: 0 for x < 0"),
        Computed("the slopes of leaky ReLU are 1 (x > 0) and 0.1 (x < 0)", _leaky_slopes,
                 why="differentiate 0.1x + 0.9 max(0, x): the gradient never vanishes, unlike ReLU's for x < 0"),
    ),
    forms=(
        Equal(maxout(0, 0, 1, 0), RELU, source=Source(SLIDES, 102, r"\max(0, x)"),
              why="maxout (002:116) with w_1 = 0, b_1 = 0, w_2 = 1, b_2 = 0 is the ReLU"),
        Equal(maxout(TENTH, 0, 1, 0), LEAKY, source=Source(SLIDES, 108, r"\max(0.1x, x)"),
              why="maxout with w_1 = 0.1, b_1 = 0, w_2 = 1, b_2 = 0 is the leaky ReLU"),
        Computed("max(w_1^T x + b_1, w_2^T x + b_2) = (w_1^T x + b_1) + max(0, (w_2 - w_1)^T x + b_2 - b_1)",
                 _maxout_is_affine_plus_relu, source=Source(SLIDES, 116, r"\max(w_1^T x + b_1, w_2^T x + b_2)"),
                 why="max(u, v) = u + max(0, v - u): a two-piece maxout is an affine unit plus a ReLU of the difference"),
    ),
    numeric=Numeric(leaky_relu_gap, {"leaky": LEAKY_SPLIT},
                    "jax.nn.leaky_relu(x, 0.1) and its JAX autodiff derivative on 4,000 points of [-30, 30] (x = 0 excluded) "
                    "agree with the formula and its SymPy derivative to 32 u (float64 round-off)"),
    mutants=(
        _leaky_mutant("weights-swapped", (1 - TENTH) * x + TENTH * RELU, "0.9x + 0.1 max(0, x): slope 0.9 for x < 0"),
        _leaky_mutant("leak-dropped", RELU, "max(0, x): the leak forgotten, zero for x < 0"),
    ),
)


# ---------------------------------------------------------------------------------------------
# ELU
# ---------------------------------------------------------------------------------------------
ELU_NEG = alpha * (sp.exp(x_neg) - 1)   # the x < 0 branch of 002:120


def _elu_at_zero():
    """Continuous at 0; one-sided derivatives alpha (left) and 1 (right): smooth only for alpha = 1."""
    left_value = sp.limit(alpha * (sp.exp(x) - 1), x, 0, "-")
    left_slope = sp.limit(sp.diff(alpha * (sp.exp(x) - 1), x), x, 0, "-")
    smooth_only_at = sp.solve(sp.Eq(left_slope, 1), alpha)
    ok = left_value == 0 and left_slope == alpha and smooth_only_at == [1]
    return ok, f"left limit {left_value} = ELU(0) = 0; slopes at 0: {left_slope} (left) and 1 (right), equal iff alpha = {smooth_only_at}"


def _elu_mutant(name, wrong, text):
    return Mutant(name, Equal(sp.Derivative(ELU_NEG, x_neg), wrong), {"negative_side": wrong}, text)


elu_derivative = Claim(
    id="elu-derivative",
    title="ELU: for x < 0 its derivative is ELU(x) + alpha; it is continuous at 0 and saturates at -alpha",
    sources=(Source(SLIDES, 120, r"\begin{cases} x & x \geq 0 \\ \alpha(e^x - 1) & x < 0 \end{cases}"),),
    assumptions=("alpha > 0; x < 0 for the derivative identity (for x > 0 the derivative is 1)",),
    statement=Equal(sp.Derivative(ELU_NEG, x_neg), ELU_NEG + alpha,
                    why="the gradient on the negative side is the output shifted by alpha: no extra exponential needed"),
    steps=(
        Equal(sp.Derivative(ELU_NEG, x_neg), alpha * sp.exp(x_neg), why="(e^x)' = e^x"),
        Equal(alpha * sp.exp(x_neg), ELU_NEG + alpha, why="alpha e^x = alpha (e^x - 1) + alpha"),
        Holds(sp.Gt(ELU_NEG, -alpha, evaluate=False), why="alpha (e^x - 1) + alpha = alpha e^x > 0: bounded below by -alpha"),
        Computed("ELU is continuous at 0, with slopes alpha from the left and 1 from the right", _elu_at_zero,
                 why="both branches give 0 at x = 0; the derivative jumps unless alpha = 1"),
    ),
    forms=(
        Equal(sp.Limit(alpha * (sp.exp(x) - 1), x, 0, "-"), 0,
              source=Source(SLIDES, 120, r"\begin{cases} x & x \geq 0 \\ \alpha(e^x - 1) & x < 0 \end{cases}"),
              why="the x < 0 branch tends to 0, the value of the x >= 0 branch at 0: the two cases join"),
    ),
    numeric=Numeric(elu_derivative_gap, {"negative_side": ELU_NEG + alpha},
                    "JAX autodiff of jax.nn.elu(x, alpha = 1.7) on 4,000 points of [-30, 30] agrees with the formula for x < 0 "
                    "and with 1 for x > 0 to 32 u (float64 round-off)"),
    mutants=(
        _elu_mutant("alpha-dropped", sp.exp(x_neg), "e^x: the derivative for alpha = 1 used for every alpha"),
        _elu_mutant("output-for-derivative", ELU_NEG, "alpha (e^x - 1): the output taken for its derivative (the + alpha lost)"),
    ),
)


# ---------------------------------------------------------------------------------------------
# Softmax
# ---------------------------------------------------------------------------------------------
def softmax_entries(zs, base=sp.E):
    """e^{z_i} / sum_l e^{z_l} (002:141, 002:145); another base for the mutants."""
    powers = [base**z for z in zs]
    total = sum(powers)
    return [p / total for p in powers]


def unnormalised_entries(zs):
    return [sp.exp(z) for z in zs]


def linear_entries(zs):
    return [z / sum(zs) for z in zs]


def _logits(n):
    return sp.symbols(f"z1:{n + 1}", real=True)


def _probability_vector(entries_of, sizes=range(1, 7)):
    """Whether the map gives positive entries summing to 1 for every number of logits in
    ``sizes``; if not, the size and a point where it fails."""
    witness = [sp.Rational(1, 2), sp.Rational(-3, 2), 2, sp.Rational(-1, 3), 1, 3]
    for n in sizes:
        zs = _logits(n)
        entries = entries_of(zs)
        point = dict(zip(zs, witness))
        if sp.cancel(sp.together(sum(entries)) - 1) != 0:
            return False, {"logits": n, "z": str(witness[:n]), "sum": str(sp.N(sum(entries).subs(point), 8))}
        for i, e in enumerate(entries):
            if e.is_positive is not True:
                value = sp.N(e.subs(point), 8)
                if value <= 0 or not value.is_real:
                    return False, {"logits": n, "z": str(witness[:n]), f"entry {i + 1}": str(value)}
                return None, f"could not decide the sign of entry {i + 1} with {n} logits"
    return True, f"entries positive and summing to 1 for n = {sizes.start}..{sizes.stop - 1} logits"


def _shift_invariance(sizes=range(1, 7)):
    c = sp.Symbol("c", real=True)
    for n in sizes:
        zs = _logits(n)
        shifted = softmax_entries([z + c for z in zs])
        for a, b in zip(shifted, softmax_entries(zs)):
            if sp.cancel(sp.expand(a - b, power_exp=True)) != 0:
                return False, {"logits": n}
    return True, f"e^{{z_i + c}} / sum_l e^{{z_l + c}} = e^{{z_i}} / sum_l e^{{z_l}} for n = {sizes.start}..{sizes.stop - 1}"


Z3 = _logits(3)
S3 = softmax_entries(Z3)
Z4 = _logits(4)

softmax_probability_vector = Claim(
    id="softmax-probability-vector",
    title="Softmax e^{z_i} / sum_l e^{z_l} maps any logits to a probability vector",
    sources=(
        Source(SLIDES, 141, r"\hat{y}_i = \frac{e^{s_i}}{\sum_j e^{s_j}}"),
        Source(SLIDES, 145, r"s_i = \frac{e^{z_i}}{\sum_l e^{z_l}}"),
    ),
    assumptions=("real logits, any number of them: shown with 3 symbolically and for 1..6 by a computation",
                 "002:141 (logits s, outputs y^) and 002:145 (logits z, outputs s) write the same map"),
    statement=Computed("for n = 1..6 logits, the softmax entries are positive and sum to 1", lambda: _probability_vector(softmax_entries),
                       why="what lets 002:143 take log y^_i and 002:145 read the outputs as class probabilities",
                       latex_form=r"\frac{e^{z_i}}{\sum_l e^{z_l}} > 0, \quad \sum_i \frac{e^{z_i}}{\sum_l e^{z_l}} = 1"),
    steps=(
        Equal(sum(S3), sum(sp.exp(z) for z in Z3) * sp.Pow(sum(sp.exp(z) for z in Z3), -1, evaluate=False),
              why="the entries share the denominator sum_l e^{z_l}"),
        Equal(sum(sp.exp(z) for z in Z3) * sp.Pow(sum(sp.exp(z) for z in Z3), -1, evaluate=False), 1,
              why="numerator and denominator are the same sum"),
        Holds(sp.Gt(S3[0], 0, evaluate=False), why="exponentials are positive, so every entry is"),
        Computed("softmax(z + c 1) = softmax(z) for every real c", _shift_invariance,
                 why="e^{z_i + c} = e^c e^{z_i} and e^c cancels: why an implementation may subtract max_l z_l first"),
    ),
    numeric=Numeric(softmax_definition_gap, {"softmax": softmax_entries(Z4)},
                    "on 512 random logit vectors of length 4 (N(0, 64) entries) the formula matches jax.nn.softmax and sums "
                    "to 1 within 4 (n + max|z| + 2) u, with no negative entry"),
    mutants=(
        Mutant("unnormalised", Computed("e^{z_i} alone is a probability vector", lambda: _probability_vector(unnormalised_entries)),
               {"softmax": unnormalised_entries(Z4)}, "the normalisation by sum_l e^{z_l} dropped"),
        Mutant("linear-normalisation", Computed("z_i / sum_l z_l is a probability vector", lambda: _probability_vector(linear_entries)),
               {"softmax": linear_entries(Z4)}, "normalising the logits themselves: sums to 1 but goes negative"),
    ),
)


# ---------------------------------------------------------------------------------------------
# The softmax worked example
# ---------------------------------------------------------------------------------------------
SLIDE_Z = (sp.Rational(11, 10), sp.Rational(11, 5), sp.Rational(1, 5), sp.Rational(-17, 10))   # 002:145
AS_WRITTEN = ("0.224", "0.672", "0.091", "0.013")
HALF_UNIT = sp.Rational(1, 2000)   # a three-decimal value is within this of the number it rounds


def three_decimals(values) -> tuple[float, ...]:
    """Each value rounded to three decimals (evaluated at 30 digits first)."""
    return tuple(int(sp.floor(sp.N(v, 30) * 1000 + sp.Rational(1, 2))) / 1000 for v in values)


EXAMPLE = softmax_entries(SLIDE_Z)
CORRECT = ("0.224", "0.672", "0.091", "0.014")   # what the exact values round to (the statement checks it)


def _rounds_to(values, given, first=1):
    """Whether each value is within half a unit of the third decimal of the given number
    (entries numbered from ``first``)."""
    for i, (v, g) in enumerate(zip(values, given), start=first - 1):
        exact = sp.N(v, 30)
        if not abs(exact - sp.Rational(str(g))) < HALF_UNIT:
            return False, {"entry": str(i + 1), "value": str(sp.N(v, 8)), "given": str(g),
                           "|value - given|": str(sp.N(abs(exact - sp.Rational(str(g))), 3)), "half a unit": "0.0005"}
    return True, f"{[str(sp.N(v, 5)) for v in values]} rounds to {list(given)}"


def _written(i, quote, correct=None):
    """The slides' i-th value as written; ``correct`` is the right three-decimal value where it differs."""
    def check(given):
        return lambda: _rounds_to([EXAMPLE[i]], [given], i + 1)
    statement = f"softmax(z)_{i + 1} = {{}} to three decimals"
    if correct is None:
        return Computed(statement.format(AS_WRITTEN[i]), check(AS_WRITTEN[i]), source=Source(SLIDES, 145, quote),
                        why=f"the slides' value of s_{i + 1}")
    return Computed(statement.format(AS_WRITTEN[i]), check(AS_WRITTEN[i]), source=Source(SLIDES, 145, quote),
                    why=f"e^{{-1.7}} / sum_l e^{{z_l}} = {sp.N(EXAMPLE[i], 5)}, which rounds to {correct}; the four values as written "
                        "sum to exactly 1, correctly rounded ones to 1.001",
                    correction=Computed(statement.format(correct), check(correct)))


SOFTMAX_VARIANTS = {
    "unnormalised": (unnormalised_entries(SLIDE_Z), "e^{z_i} without the division by sum_l e^{z_l}"),
    "negated-logits": (softmax_entries([-z for z in SLIDE_Z]), "e^{-z_i} / sum_l e^{-z_l}: the sign of the exponent flipped"),
    "base-two": (softmax_entries(SLIDE_Z, base=2), "2^{z_i} / sum_l 2^{z_l}: base 2 for e, as if log were log_2"),
}

softmax_worked_example = Claim(
    id="softmax-worked-example",
    title="The slides' softmax example: z = (1.1, 2.2, 0.2, -1.7) gives (0.224, 0.672, 0.091, 0.014) to three decimals",
    sources=(Source(SLIDES, 145, r"1.1 \rightarrow \\ 2.2 \rightarrow \\ 0.2 \rightarrow \\ -1.7 \rightarrow"),),
    assumptions=("the values are read as rounded to three decimals: each must be within 0.0005 of the exact softmax",),
    statement=Computed(f"softmax(1.1, 2.2, 0.2, -1.7) rounds to ({', '.join(CORRECT)})", lambda: _rounds_to(EXAMPLE, CORRECT),
                       why="evaluate e^{z_i} / sum_l e^{z_l} at 30 digits and round"),
    steps=(
        Equal(sum(EXAMPLE), 1, why="the four values are a probability vector (claim softmax-probability-vector)"),
    ),
    forms=(
        _written(0, r"s_i = \frac{e^{z_i}}{\sum_l e^{z_l}} \rightarrow 0.224"),
        _written(1, r"\rightarrow 0.672"),
        _written(2, r"\rightarrow 0.091"),
        _written(3, r"\rightarrow 0.013", correct="0.014"),
    ),
    numeric=Numeric(softmax_example_gap, {"rounded": tuple(float(v) for v in CORRECT)},
                    "jax.nn.softmax of the slides' logits in float64 is within 5e-4 (half a unit in the third decimal) + 8 u of each value"),
    mutants=tuple(
        Mutant(name, Computed(f"softmax(z) rounds to {three_decimals(values)}", lambda values=values: _rounds_to(EXAMPLE, three_decimals(values))),
               {"rounded": three_decimals(values)}, text)
        for name, (values, text) in SOFTMAX_VARIANTS.items()
    ),
)


# ---------------------------------------------------------------------------------------------
# Cross-entropy and its gradient with respect to the logits
# ---------------------------------------------------------------------------------------------
N_OUT = 2
S_LOGITS = sp.symbols(f"s1:{N_OUT + 1}", real=True)
Y_TARGETS = sp.symbols(f"y1:{N_OUT + 1}", real=True)


def cross_entropy(y_hat, y, n):
    """002:143: -1/n sum_i [y_i log y^_i + (1 - y_i) log(1 - y^_i)] (the bracket the sum needs)."""
    return -sum(yi * sp.log(p) + (1 - yi) * sp.log(1 - p) for yi, p in zip(y, y_hat)) / n


CE = cross_entropy([sigmoid(s) for s in S_LOGITS], Y_TARGETS, N_OUT)
SIG1, Y1 = sigmoid(S_LOGITS[0]), Y_TARGETS[0]
s_sym, y_sym, n_sym = sp.symbols("s y n")   # one output, for the experiment's hypothesis


def _every_output(sizes=range(1, 5)):
    """dL/ds_k - (sigma(s_k) - y_k)/n, written in t = e^{-s_k}, is a rational function of t:
    cancel decides whether it is 0."""
    t = sp.Symbol("t", positive=True)
    for n in sizes:
        ss, ys = sp.symbols(f"s1:{n + 1}", real=True), sp.symbols(f"y1:{n + 1}", real=True)
        loss = cross_entropy([sigmoid(s) for s in ss], ys, n)
        for s, yk in zip(ss, ys):
            gap = (sp.diff(loss, s) - (sigmoid(s) - yk) / n).subs(sp.exp(-s), t)
            if sp.cancel(gap) != 0:
                return False, {"outputs": n, "logit": str(s), "difference": sp.sstr(sp.cancel(gap))}
    return True, f"dL/ds_k = (sigma(s_k) - y_k)/n for every k and n = {sizes.start}..{sizes.stop - 1}"


def _minimised_at_target():
    """In y^ (one output): dL/dy^ = (y^ - y)/(n y^ (1 - y^)), which vanishes at y^ = y only; the
    second derivative is (y/y^2 + (1 - y)/(1 - y^)^2)/n, positive for y in [0, 1]."""
    p, y, n = sp.Symbol("p", positive=True), sp.Symbol("y", real=True), sp.Symbol("n", positive=True)
    loss = -(y * sp.log(p) + (1 - y) * sp.log(1 - p)) / n
    first = sp.cancel(sp.diff(loss, p) - (p - y) / (n * p * (1 - p))) == 0
    second = sp.cancel(sp.diff(loss, p, 2) - (y / p**2 + (1 - y) / (1 - p) ** 2) / n) == 0
    return first and second, "dL/dy^ = (y^ - y)/(n y^ (1 - y^)): zero only at y^ = y; d2L/dy^2 = (y/y^2 + (1 - y)/(1 - y^)^2)/n"


def _ce_mutant(name, wrong, text):
    at_one = wrong.subs({s_sym: S_LOGITS[0], y_sym: Y1, n_sym: N_OUT})
    return Mutant(name, Equal(sp.Derivative(CE, S_LOGITS[0]), at_one), {"gradient": wrong}, text)


binary_cross_entropy_logit_gradient = Claim(
    id="binary-cross-entropy-logit-gradient",
    title="The cross-entropy of 002:143 with sigmoid outputs has gradient (sigma(s_i) - y_i)/n in the logits",
    sources=(Source(SLIDES, 143, r"-\frac{1}{\text{output size}} \sum_{i=1}^{\text{output size}} y_i \cdot \log \hat{y}_i + (1 - y_i) \cdot \log (1 - \hat{y}_i)"),),
    assumptions=(
        "the sum of 002:143 runs over both terms and the minus sign applies to all of it (the bracket is missing, as usual)",
        "natural logarithm; each output y^_i = sigma(s_i) is a probability of its own (the binary cross-entropy per output, "
        "averaged over the n outputs); targets y_i in [0, 1], one-hot or soft",
        "with the softmax outputs of 002:141 and a one-hot target the usual loss is the first term alone, -sum_i y_i log y^_i; "
        "002:143 adds the (1 - y_i) log(1 - y^_i) terms, a proper loss too (minimised at y^ = y)",
        f"shown with n = {N_OUT} outputs symbolically and n = 1..4 by a computation",
    ),
    statement=Equal(sp.Derivative(CE, S_LOGITS[0]), (SIG1 - Y1) / N_OUT, why="prediction minus target, over the number of outputs"),
    steps=(
        Equal(sp.Derivative(CE, S_LOGITS[0]), -(Y1 / SIG1 - (1 - Y1) / (1 - SIG1)) * SIG1 * (1 - SIG1) / N_OUT,
              why="only the i = 1 term depends on s_1; d log p/dp = 1/p, d log(1 - p)/dp = -1/(1 - p), dp/ds = p(1 - p) (sigmoid-derivative)"),
        Equal(-(Y1 / SIG1 - (1 - Y1) / (1 - SIG1)) * SIG1 * (1 - SIG1) / N_OUT, -(Y1 * (1 - SIG1) - (1 - Y1) * SIG1) / N_OUT,
              why="p(1 - p) cancels both denominators"),
        Equal(-(Y1 * (1 - SIG1) - (1 - Y1) * SIG1) / N_OUT, (SIG1 - Y1) / N_OUT, why="y(1 - p) - (1 - y)p = y - p"),
        Computed("the same for every output k and n = 1..4 outputs", _every_output, why=f"the argument never used k = 1 or n = {N_OUT}"),
        Computed("as a function of y^_i the loss is convex with its minimum at y^_i = y_i", _minimised_at_target,
                 why="dL/dy^ = (y^ - y)/(n y^ (1 - y^)) and d2L/dy^2 = (y/y^2 + (1 - y)/(1 - y^)^2)/n > 0: predicting the target is optimal"),
    ),
    numeric=Numeric(cross_entropy_gradient_gap, {"gradient": (sigmoid(s_sym) - y_sym) / n_sym},
                    "JAX autodiff of optax.sigmoid_binary_cross_entropy averaged over 10 outputs, on 512 random rows (half one-hot, "
                    "half soft targets), agrees with the formula: n max|gap| <= 32 u (float64 round-off)"),
    mutants=(
        _ce_mutant("not-averaged", sigmoid(s_sym) - y_sym, "sigma(s) - y: the 1/n of the average dropped"),
        _ce_mutant("sign-flipped", (y_sym - sigmoid(s_sym)) / n_sym, "(y - sigma(s))/n: the gradient of the log-likelihood, not of the loss"),
        _ce_mutant("log-base-two", (sigmoid(s_sym) - y_sym) / (n_sym * sp.log(2)), "(sigma(s) - y)/(n ln 2): the gradient with log_2"),
    ),
)


# ---------------------------------------------------------------------------------------------
# The GAN value function as minus an expected binary cross-entropy
# ---------------------------------------------------------------------------------------------
D_X = sp.Symbol("D(x)", positive=True)         # the discriminator on a real sample
D_GZ = sp.Symbol("D(G(z))", positive=True)     # the discriminator on a generated sample
POINTS = 2                                     # finite sample spaces for x and for z (002:2089's sums)
p_data = sp.symbols(f"p1:{POINTS}", positive=True)
p_z = sp.symbols(f"q1:{POINTS}", positive=True)
P_DATA = (*p_data, 1 - sum(p_data))            # probabilities that sum to 1
P_Z = (*p_z, 1 - sum(p_z))
D_VALUES = sp.symbols(f"d1:{POINTS + 1}", positive=True)    # D(x_i), in (0, 1)
DG_VALUES = sp.symbols(f"g1:{POINTS + 1}", positive=True)   # D(G(z_j)), in (0, 1)
OPEN_UNIT = [sp.Rational(1, 3), sp.Rational(1, 2), sp.Rational(3, 4)]
GAN_SAMPLE = ({v: OPEN_UNIT for v in (*D_VALUES, *DG_VALUES, D_X, D_GZ)}
              | {v: [sp.Rational(1, 4), sp.Rational(1, 3)] for v in (*p_data, *p_z)})


class E(sp.Function):
    """The expectation over x ~ p_data and z ~ p_z, independent, on the finite spaces: ``doit``
    sums over both; a term that depends on one of them alone is its marginal expectation."""

    nargs = 1

    def doit(self, **hints):
        arg = self.args[0].doit(**hints) if hints.get("deep", True) else self.args[0]
        return sum(pi * qj * arg.subs({D_X: di, D_GZ: gj})
                   for pi, di in zip(P_DATA, D_VALUES) for qj, gj in zip(P_Z, DG_VALUES))

    def _latex(self, printer, exp=None):
        arg = self.args[0]
        under = ", ".join(([r"x \sim p_{\text{data}}"] if arg.has(D_X) else []) + ([r"z \sim p_z"] if arg.has(D_GZ) else []))
        body = r"\mathbb{E}_{%s}\left[%s\right]" % (under, printer._print(arg))
        return body if exp is None else f"{body}^{{{exp}}}"


def bce(y, y_hat):
    """The binary cross-entropy of one sample: -y ln y^ - (1 - y) ln(1 - y^) (002:2048)."""
    return -y * sp.log(y_hat) - (1 - y) * sp.log(1 - y_hat)


class BCE(sp.Function):
    """BCE(y, y^), shown by name; ``doit`` writes out -y ln y^ - (1 - y) ln(1 - y^)."""

    nargs = 2

    def doit(self, **hints):
        args = [a.doit(**hints) for a in self.args] if hints.get("deep", True) else self.args
        return bce(*args)

    def _latex(self, printer, exp=None):
        body = r"\operatorname{BCE}\left(%s, %s\right)" % tuple(printer._print(a) for a in self.args)
        return body if exp is None else f"{body}^{{{exp}}}"


def cross_entropy_reading(real_label, fake_label, sign):
    """sign * E[BCE(real_label, D(x)) + BCE(fake_label, D(G(z)))]."""
    return sign * E(BCE(real_label, D_X) + BCE(fake_label, D_GZ))


VALUE = E(sp.log(D_X)) + E(sp.log(1 - D_GZ))                  # V(G, D), 002:2093
VALUE_AS_SUMS = (sum(p * sp.log(d) for p, d in zip(P_DATA, D_VALUES))
                 + sum(q * sp.log(1 - g) for q, g in zip(P_Z, DG_VALUES)))


def _gan_mutant(name, labels_and_sign, text):
    real_label, fake_label, sign = labels_and_sign
    return Mutant(name, Equal(cross_entropy_reading(real_label, fake_label, sign), VALUE, sample=GAN_SAMPLE),
                  {"real_label": real_label, "fake_label": fake_label, "sign": sign}, text)


gan_value_expected_log_likelihood = Claim(
    id="gan-value-expected-log-likelihood",
    title="V(G, D) is minus the discriminator's expected binary cross-entropy, real samples labelled 1 and generated ones 0",
    sources=(
        Source(SLIDES, 2077, r"\mathcal{L} = -\sum \hat{y} \ln \hat{y} + (1-\hat{y}) \ln (1-\hat{y})"),
        Source(SLIDES, 2083, r"\mathcal{L} = \ln [D(x)] + \ln [1-D(G(z))]"),
        Source(SLIDES, 2087, r"E(\mathcal{L}) = E(\ln[D(x)]) + E(\ln[1 - D(G(z))])"),
        Source(SLIDES, 2091, r"\int p_{\text{data}}(x) \ln[D(x)] dx + \int p_z(z) \ln[1 - D(G(z))] dz"),
        Source(SLIDES, 2093, r"V(G, D) = E_{x \sim p_{\text{data}}} [\ln(D(x))] + E_{z \sim p_z} [\ln(1 - D(G(z)))]"),
    ),
    assumptions=(
        "x ~ p_data and z ~ p_z independent; a real sample has label y = 1 and prediction D(x), a generated one y = 0 and D(G(z))",
        "the binary cross-entropy is -y ln y^ - (1 - y) ln(1 - y^) (002:2048). 002:2077 writes y^ where y belongs and "
        "002:2079 drops the minus sign; both are reported by the claim gan-optimal-discriminator. From 002:2079 on the "
        "slides' L is the log-likelihood, minus the cross-entropy; this claim checks 002:2081-2093 in that reading and "
        "reports 002:2081 as written",
        f"symbolically: finite sample spaces of {POINTS} points each (the sums of 002:2089), probabilities summing to 1, "
        "D in (0, 1); the experiment uses densities (the integrals of 002:2091)",
    ),
    statement=Equal(cross_entropy_reading(1, 0, -1), VALUE,
                    why="the discriminator maximising V is the classifier minimising the binary cross-entropy"),
    steps=(
        Equal(cross_entropy_reading(1, 0, -1), E(sp.log(D_X) + sp.log(1 - D_GZ)),
              source=Source(SLIDES, 2083, r"\mathcal{L} = \ln [D(x)] + \ln [1-D(G(z))]"),
              why="y = 1 keeps only -ln y^ = -ln D(x), y = 0 only -ln(1 - y^) = -ln(1 - D(G(z))); minus their sum is "
                  "the L of 002:2083"),
        Equal(E(sp.log(D_X) + sp.log(1 - D_GZ)), VALUE,
              source=Source(SLIDES, 2087, r"E(\mathcal{L}) = E(\ln[D(x)]) + E(\ln[1 - D(G(z))])"),
              why="linearity of expectation; each term depends on x or on z alone, and the other variable's probabilities sum to 1"),
    ),
    forms=(
        Equal(BCE(0, D_GZ), sp.log(1 - D_GZ), sample=GAN_SAMPLE,
              source=Source(SLIDES, 2081, r"\hat{y}=D(G(z)) \Rightarrow \mathcal{L} = \ln [1-D(G(z))]"),
              why="y = 0, y^ = D(G(z)) in the cross-entropy: the slides get ln(1 - D(G(z))), the sign dropped as at 002:2079",
              correction=Equal(-BCE(0, D_GZ), sp.log(1 - D_GZ),
                               why="ln(1 - D(G(z))) is minus the cross-entropy, the log-likelihood of the label 0")),
        Equal(VALUE, VALUE_AS_SUMS, source=Source(SLIDES, 2089, r"\sum p_{\text{data}}(x) \ln[D(x)] + \sum p_z(z) \ln[1 - D(G(z))]"),
              why="on finite sample spaces each expectation is the probability-weighted sum"),
    ),
    numeric=Numeric(gan_value_as_cross_entropy, {"real_label": 1, "fake_label": 0, "sign": -1},
                    "minus the Monte Carlo mean of optax's binary cross-entropy (200,000 real samples labelled 1, as many "
                    "generated ones labelled 0) lies within the 99.9% confidence interval of V(G, D) computed from the "
                    "integrals of 002:2091 by Gauss-Hermite quadrature"),
    mutants=(
        _gan_mutant("labels-swapped", (0, 1, -1), "real samples labelled 0 and generated ones 1: E ln(1 - D(x)) + E ln D(G(z))"),
        _gan_mutant("loss-not-negated", (1, 0, 1), "V = +E[BCE]: the discriminator would then maximise its own loss"),
    ),
)
