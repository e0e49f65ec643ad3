"""The discriminator's gradient-ascent objective is minus its binary cross-entropy (slides 002, "Gan
Loss", lines 2036-2058).

The slides train the discriminator by gradient ascent on

    J = (1/n) sum_i [ log D(x_i) + log(1 - D(G(z_i))) ]        (line 2042)

and then read it "in the neg. log-likelihood (binary cross entropy) perspective": with the loss
-y log yhat - (1 - y) log(1 - yhat), a real image (y = 1) keeps only the first, boxed term -log yhat
(line 2048) and a fake one (y = 0) only the second, -log(1 - yhat) (line 2055). Labelling the n real
images 1 and the n generated ones 0, the mean cross-entropy over those 2n examples is therefore -J/2:
ascending J is descending the cross-entropy of an ordinary real-vs-fake classifier (the factor 2 only
rescales the step). Encoded with n = 2 real and 2 generated images; the outputs D are symbols in (0, 1).
"""
from __future__ import annotations

import sympy as sp

from checks import Claim, Computed, Equal, Mutant, Numeric, Reference, Source
from numerics.gan_cross_entropy import objective_against_cross_entropy

SLIDES = "002_89896ee51b349776.txt"
GOODFELLOW_2014 = Reference("Goodfellow et al. 2014, Generative Adversarial Nets", "algorithm 1 (the discriminator's ascent step)",
                            "https://arxiv.org/abs/1406.2661")

N_EACH = 2
real = sp.symbols(f"D_1:{N_EACH + 1}", positive=True)        # D(x_i) on the real images
fake = sp.symbols(f"F_1:{N_EACH + 1}", positive=True)        # D(G(z_i)) on the generated ones
y, y_hat = sp.symbols("y yhat", positive=True)
OPEN_UNIT = [sp.Rational(1, 3), sp.Rational(1, 2), sp.Rational(5, 7)]
SAMPLE = {s: OPEN_UNIT for s in (*real, *fake, y_hat)}       # D is a probability: sample inside (0, 1)


def bce(label, pred):
    """The slides' cross-entropy -y log yhat - (1 - y) log(1 - yhat) (lines 2048, 2055)."""
    return -label * sp.log(pred) - (1 - label) * sp.log(1 - pred)


OBJECTIVE = sp.Add(*[sp.log(d) + sp.log(1 - f) for d, f in zip(real, fake)]) / N_EACH
LABELLED = [(1, d) for d in real] + [(0, f) for f in fake]
MEAN_BCE = sp.Add(*[bce(lbl, p) for lbl, p in LABELLED]) / len(LABELLED)
PER_EXAMPLE = sp.Add(*[bce(lbl, p) for lbl, p in LABELLED])


def _ascent_is_descent():
    """grad J = -2 grad (mean cross-entropy) in the discriminator's outputs, hence in any parameters W_D
    by the chain rule: one step up J is a step down the cross-entropy with twice the learning rate."""
    outputs = (*real, *fake)
    gap = [sp.cancel(sp.diff(OBJECTIVE, s) + 2 * sp.diff(MEAN_BCE, s)) for s in outputs]
    return all(v == 0 for v in gap), "dJ/dD = -2 d(mean BCE)/dD for every output D"


d_, c_ = sp.symbols("D c")

gan_discriminator_cross_entropy = Claim(
    id="gan-discriminator-cross-entropy",
    title="The discriminator's objective (1/n) sum [log D(x_i) + log(1 - D(G(z_i)))] is -2 x its mean binary "
          "cross-entropy with real = 1, fake = 0",
    sources=(
        Source(SLIDES, 2042, r"\nabla_{\mathbf{W}_D} \frac{1}{n} \sum_{i=1}^n \left[ \overbrace{\log D(\mathbf{x}^{(i)})}"),
        Source(SLIDES, 2048, r"\mathcal{L}(\mathbf{w}) = \boxed{-y^{(i)} \log (\hat{y}^{(i)})} - (1 - y^{(i)}) \log (1 - \hat{y}^{(i)})"),
        Source(SLIDES, 2055, r"\mathcal{L}(\mathbf{w}) = -y^{(i)} \log (\hat{y}^{(i)}) \boxed{- (1 - y^{(i)}) \log (1 - \hat{y}^{(i)})}"),
    ),
    assumptions=(
        "n real images labelled y = 1 and n generated images labelled y = 0; the discriminator's outputs are in (0, 1)",
        f"shown with n = {N_EACH}; the mean cross-entropy is over the 2n labelled examples",
    ),
    statement=Equal(OBJECTIVE, -2 * MEAN_BCE, why="the ascent objective against the mean cross-entropy", sample=SAMPLE),
    steps=(
        Equal(OBJECTIVE, -sp.Add(*[bce(1, d) + bce(0, f) for d, f in zip(real, fake)]) / N_EACH,
              why="log D = -BCE(1, D) (only the first term survives at y = 1) and log(1 - D) = -BCE(0, D) (only the "
                  "second at y = 0)", sample=SAMPLE),
        Equal(-sp.Add(*[bce(1, d) + bce(0, f) for d, f in zip(real, fake)]) / N_EACH, -2 * MEAN_BCE,
              why="the sum over the n pairs is the sum over the 2n labelled examples; dividing by n is twice dividing by 2n",
              sample=SAMPLE),
        Computed("the gradient of the objective is -2 times the gradient of the mean cross-entropy", _ascent_is_descent,
                 why="so gradient ascent on it (line 2042) is gradient descent on the cross-entropy"),
    ),
    forms=(
        Equal(bce(1, y_hat), -sp.log(y_hat), why="a real image, y = 1: the loss is the boxed -log yhat",
              source=Source(SLIDES, 2048, r"\boxed{-y^{(i)} \log (\hat{y}^{(i)})}"), sample=SAMPLE),
        Equal(bce(0, y_hat), -sp.log(1 - y_hat), why="a fake image, y = 0: the loss is the boxed -log(1 - yhat)",
              source=Source(SLIDES, 2055, r"\boxed{- (1 - y^{(i)}) \log (1 - \hat{y}^{(i)})}"), sample=SAMPLE),
    ),
    numeric=Numeric(
        objective_against_cross_entropy,
        {"factor": -2.0},
        "logistic discriminator on 256 real and 256 generated 2-D points: the objective and its jax.grad in the "
        "discriminator's weights equal factor x (the mean binary cross-entropy over the 2n labelled examples) and factor x "
        "its gradient, "
        "within 64 u (1 + |value|)",
    ),
    mutants=(
        Mutant("mean-over-n", Equal(OBJECTIVE, -MEAN_BCE, sample=SAMPLE), {"factor": -1.0},
               "J = -(mean BCE): the mean over 2n examples confused with the mean over n pairs"),
        Mutant("sign-flipped", Equal(OBJECTIVE, 2 * MEAN_BCE, sample=SAMPLE), {"factor": 2.0},
               "J = +2 mean BCE: ascending J would then make the classifier worse"),
    ),
    references=(GOODFELLOW_2014,),
)
