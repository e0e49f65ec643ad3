"""What a minibatch step is on average (slides 002, "Stochasticity and implicit regularization",
lines 1253-1260).

The slides write the loss as a sum, L(w, X) = sum_i l_i(w, x_i), and three updates with sums, not
means: stochastic GD w - eta grad l_i, mini-batch GD w - eta sum_{i in I} grad l_i, full-batch GD
w - eta sum_i grad l_i. With the batch I of size B drawn uniformly among the C(N, B) subsets of the N
points (the point i uniformly, for B = 1), each point lies in C(N-1, B-1) of them, so

    E_I[ sum_{i in I} grad l_i ] = C(N-1, B-1)/C(N, B) sum_i grad l_i = (B/N) grad L.

On average a stochastic step is a full-batch step with the learning rate scaled by B/N: unbiased
for grad L only after the rescaling N/B (with means instead of sums, as in 003:81 or 000, the factor
is 1). The symbolic instance has N = 5 points and batches of B = 2; the counting identity is proved
for all N and B, and the whole statement enumerated for N <= 7.
"""
from __future__ import annotations

import itertools

import sympy as sp

from checks import Claim, Computed, Equal, Mutant, Numeric, Source
from numerics.minibatch_sampling import minibatch_average

SLIDES = "002_89896ee51b349776.txt"

N_POINTS, BATCH = 5, 2
g = sp.symbols(f"g1:{N_POINTS + 1}", real=True)           # grad l_i at the current w (one coordinate)
w, eta = sp.Symbol("w", real=True), sp.Symbol("eta", positive=True)
Nn, Bb = sp.symbols("N B", integer=True, positive=True)


def batch_average(grads, batch, evaluate=True):
    """The mean over all C(N, B) batches of sum_{i in I} grads[i] (``evaluate=False`` keeps the sum of
    batch sums visible, for the report)."""
    batches = list(itertools.combinations(range(len(grads)), batch))
    sums = [sp.Add(*[grads[i] for i in b], evaluate=evaluate) for b in batches]
    if evaluate:
        return sp.Add(*sums) / len(batches)
    return sp.Mul(sp.Pow(len(batches), -1, evaluate=False), sp.Add(*sums, evaluate=False), evaluate=False)


FULL = sp.Add(*g)                                         # grad L = sum_i grad l_i
AVERAGE = batch_average(g, BATCH, evaluate=False)
COUNT = sp.binomial(N_POINTS - 1, BATCH - 1)              # batches containing a given point
TOTAL = sp.binomial(N_POINTS, BATCH)
COUNTED = sp.Mul(COUNT, sp.Pow(TOTAL, -1, evaluate=False), FULL, evaluate=False)   # 4/10 (g1 + ... + g5), as counted


def _counting_identity():
    """C(N-1, B-1) / C(N, B) = B/N for all positive integers N, B (via Gamma functions)."""
    ratio = sp.gammasimp((sp.binomial(Nn - 1, Bb - 1) / sp.binomial(Nn, Bb)).rewrite(sp.gamma))
    return sp.simplify(ratio - Bb / Nn) == 0, f"C(N-1, B-1)/C(N, B) = {ratio}"


def _every_size(max_points=7):
    for n in range(1, max_points + 1):
        gs = sp.symbols(f"h1:{n + 1}", real=True)
        for b in range(1, n + 1):
            if sp.expand(batch_average(gs, b) - sp.Rational(b, n) * sp.Add(*gs)) != 0:
                return False, {"N": n, "B": b}
    return True, f"E_I[sum_(i in I) g_i] = (B/N) sum_i g_i for N = 1..{max_points}, B = 1..N"


n_, b_ = sp.symbols("N B")

minibatch_gradient_expectation = Claim(
    id="minibatch-gradient-expectation",
    title="With the slides' sums, a uniformly drawn minibatch step is on average the full-batch step scaled by B/N",
    sources=(
        Source(SLIDES, 1253, r"\mathcal{L}(w, X) = \sum_i l_i(w, x_i)"),
        Source(SLIDES, 1255, r"w_{t+1} = w_t - \eta \nabla_w \ell_i \qquad \text{Stochastic GD}"),
        Source(SLIDES, 1258, r"w_{t+1} = w_t - \eta \sum_{i \in I} \nabla_w \ell_i \qquad \text{Mini-batch GD}"),
        Source(SLIDES, 1260, r"w_{t+1} = w_t - \eta \sum_i \nabla_w \ell_i \qquad \text{Full-batch GD}"),
    ),
    assumptions=(
        "the batch I is drawn uniformly among the C(N, B) subsets of size B (the point i uniformly when B = 1), at the "
        "current w; the expectation is over that draw only",
        "one coordinate of the gradients shown (the identity is linear, so it holds coordinatewise)",
        f"symbolically with N = {N_POINTS}, B = {BATCH}; the counting identity for all N, B; enumerated for N <= 7",
    ),
    statement=Equal(AVERAGE, sp.Rational(BATCH, N_POINTS) * FULL,
                    why="the mean of the minibatch gradient sum over all batches is (B/N) times the full gradient"),
    steps=(
        Equal(AVERAGE, COUNTED,
              why="collect the terms: each g_i appears in the C(N-1, B-1) batches that contain i, out of C(N, B)"),
        Equal(COUNTED, sp.Rational(BATCH, N_POINTS) * FULL,
              why="C(4, 1)/C(5, 2) = 4/10 = 2/5 = B/N"),
        Computed("C(N-1, B-1)/C(N, B) = B/N for all N >= B >= 1", _counting_identity,
                 why="write both binomials with factorials: (N-1)!/((B-1)!(N-B)!) x B!(N-B)!/N! = B/N",
                 latex_form=r"\binom{N-1}{B-1}\Big/\binom{N}{B} = \frac{B}{N}"),
        Computed("the statement for every N <= 7 and every batch size", _every_size,
                 why="nothing used N = 5 or B = 2"),
    ),
    forms=(
        Equal(sp.Add(*[w - eta * gi for gi in g]) / N_POINTS, w - eta * FULL / N_POINTS,
              why="the slides' stochastic GD step, averaged over the uniformly drawn point i: w - (eta/N) grad L",
              source=Source(SLIDES, 1255, r"w_{t+1} = w_t - \eta \nabla_w \ell_i \qquad \text{Stochastic GD}")),
        Equal(w - eta * batch_average(g, BATCH), w - eta * sp.Rational(BATCH, N_POINTS) * FULL,
              why="the slides' mini-batch step, averaged over the batch: w - eta (B/N) grad L",
              source=Source(SLIDES, 1258, r"w_{t+1} = w_t - \eta \sum_{i \in I} \nabla_w \ell_i \qquad \text{Mini-batch GD}")),
        Equal(w - eta * batch_average(g, N_POINTS), w - eta * FULL,
              why="B = N: the only batch is all of the data, the slides' full-batch step on grad L = sum_i grad l_i",
              source=Source(SLIDES, 1260, r"w_{t+1} = w_t - \eta \sum_i \nabla_w \ell_i \qquad \text{Full-batch GD}")),
    ),
    numeric=Numeric(
        minibatch_average,
        {"factor": sp.lambdify((b_, n_), b_ / n_, "numpy")},
        "logistic regression on 12 points: per-example gradients by jax.vmap(jax.grad); the exact mean over all C(12, B) "
        "batches of the batch-sum gradient equals factor(B, 12) times the full gradient for B = 1, 4, 12, within the "
        "summation round-off bound 4 C(12, B) u sum_i |grad l_i|",
    ),
    mutants=(
        Mutant("sum-is-unbiased", Equal(AVERAGE, FULL), {"factor": sp.lambdify((b_, n_), sp.Integer(1) + 0 * b_, "numpy")},
               "the batch sum taken for an unbiased estimate of grad L = sum_i grad l_i"),
        Mutant("inverse-scaling", Equal(AVERAGE, sp.Rational(N_POINTS, BATCH) * FULL),
               {"factor": sp.lambdify((b_, n_), n_ / b_, "numpy")},
               "the rescaling written the wrong way round: N/B"),
    ),
)
