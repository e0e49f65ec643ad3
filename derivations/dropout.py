"""Dropout as an ensemble of sub-networks (slides 002:782-811; 000:175-184).

Two claims:

- ``dropout-mask-count``: dropping any subset of n units gives 2^n binary masks, each "one model"
  (002:808); the slides' FC layer with 4096 units has 2^4096 ~ 10^1233 of them (002:810), more
  than the ~10^82 atoms they compare it with (002:811). The experiment enumerates the masks of a
  layer and counts the distinct functions the sub-networks compute.
- ``dropout-expected-output``: with each unit dropped independently with probability p (002:787,
  000:177), a linear read-out of the masked layer has expectation (1 - p) times the full
  network's; dividing the kept units by 1 - p (inverted dropout) makes it the full network's; and
  at the slides' common p = 1/2 every mask is equally likely, so the expectation is the plain
  average of the 2^n sub-networks, the ensemble of 002:806 and 000:182. The notes state no
  scaling rule themselves; these are what their description implies. Symbolic with n = 3 units
  by enumerating the 8 masks, and for n = 1..6 by a computation; the experiment enumerates the
  2^10 masks of a 10-unit layer and samples masks by Monte Carlo.
"""
from __future__ import annotations

import functools
import itertools
import math

import sympy as sp

from checks import Claim, Computed, Equal, Holds, Mutant, Numeric, Reference, Source
from numerics.dropout import expected_masked_output, subnetwork_count

SLIDES, BLOG = "002_89896ee51b349776.txt", "000_f4da46d2683a41e5.txt"
SRIVASTAVA = Reference("Srivastava, Hinton, Krizhevsky, Sutskever, Salakhutdinov 2014, Dropout: a simple way to prevent "
                       "neural networks from overfitting", "JMLR 15, 1929-1958",
                       "https://jmlr.org/papers/v15/srivastava14a.html")

# ---------------------------------------------------------------------------------------------
# The number of masks
# ---------------------------------------------------------------------------------------------
n = sp.Symbol("n", integer=True, positive=True)      # droppable units
i = sp.Symbol("i", integer=True, positive=True)      # a unit
MASK_COUNT = sp.Product(2, (i, 1, n))                # |{0, 1}^n|: two choices, kept or dropped, per unit
LAYER = 4096                                         # 002:810


def _counts_by_size(max_units: int = 64):
    """Grouped by how many units they keep: sum_k C(n, k) = 2^n, in exact integers, n = 1..max_units."""
    for units in range(1, max_units + 1):
        total = sum(math.comb(units, kept) for kept in range(units + 1))
        if total != 2**units:
            return False, {"units": units, "sum_k C(n, k)": total, "2^n": 2**units}
    return True, f"sum_k C(n, k) = 2^n for n = 1..{max_units}"


def _enumerated_counts(max_units: int = 12):
    """Every mask of n units listed by itertools, n = 1..max_units: there are 2^n."""
    for units in range(1, max_units + 1):
        listed = sum(1 for _ in itertools.product((0, 1), repeat=units))
        if listed != 2**units:
            return False, {"units": units, "masks listed": listed, "2^n": 2**units}
    return True, f"itertools lists 2^n masks for n = 1..{max_units}"


def _digits_of_layer_count():
    """2^4096 written out: 1234 digits, i.e. 10^1233 <= 2^4096 < 10^1234."""
    count = 2**LAYER
    digits = len(str(count))
    return digits == 1234, f"2^4096 = {str(count)[0]}.{str(count)[1:4]}... x 10^{digits - 1}"


n_ = sp.Symbol("n")   # the experiment's layer size

dropout_mask_count = Claim(
    id="dropout-mask-count",
    title="n droppable units give 2^n binary masks (sub-networks); 4096 units give 2^4096 ~ 10^1233",
    sources=(
        Source(SLIDES, 786, "In each forward pass, randomly set some neurons to zero"),
        Source(SLIDES, 808, "Each binary mask is one model"),
        Source(SLIDES, 810, r"An FC layer with 4096 units has  $2^{4096} \sim 10^{1233}$  possible masks!"),
        Source(SLIDES, 811, r"Only  $\sim 10^{82}$  atoms in the universe..."),
        Source(BLOG, 182, "with all the *sub-network* obtained by dropping out some units"),
    ),
    assumptions=(
        "a mask keeps or drops each of the n units independently of the others: a binary vector in {0, 1}^n",
        "n a positive integer; the experiment: layers of n = 1..12 tanh units with Gaussian weights (generic, so "
        "different masks give different functions)",
    ),
    statement=Equal(MASK_COUNT, 2**n, why="n units, each kept or dropped, give 2^n masks"),
    steps=(
        Equal(MASK_COUNT, 2**n,
              why="product rule: a mask chooses independently for each of the n units (kept or dropped), 2 x 2 x ... x 2"),
        Computed("listing {0, 1}^n gives 2^n masks for n = 1..12", _enumerated_counts,
                 why="a direct count, independent of the product rule"),
        Computed("grouped by the number k of kept units, sum_k C(n, k) = 2^n for n = 1..64", _counts_by_size,
                 why="C(n, k) masks keep exactly k units; the binomial theorem (1 + 1)^n, checked in integers"),
    ),
    forms=(
        Computed("2^4096 ~ 10^1233: 2^4096 has 1234 decimal digits", _digits_of_layer_count,
                 source=Source(SLIDES, 810, r"$2^{4096} \sim 10^{1233}$"),
                 why="002:810 as written: the 4096-unit layer's 2^4096 masks, to the nearest power of ten below",
                 latex_form=r"10^{1233} \le 2^{4096} < 10^{1234}"),
        Holds(sp.StrictGreaterThan(2 ** sp.Integer(LAYER), sp.Integer(10) ** 82, evaluate=False),
              source=Source(SLIDES, 811, r"$\sim 10^{82}$"),
              why="002:810-811: far more masks than the ~10^82 atoms the slide compares them with"),
    ),
    numeric=Numeric(subnetwork_count, {"count": 2**n_},
                    "the 2^n masks of generic layers of n = 1..12 units, applied to every unit, give exactly the hypothesis' "
                    "number of distinct sub-network outputs (outputs closer than 1e-9 counted as one)"),
    mutants=(
        Mutant("empty-mask-excluded", Equal(MASK_COUNT, 2**n - 1), {"count": 2**n_ - 1},
               "2^n - 1: the mask that drops every unit left out (it is a mask, and a sub-network with output 0)"),
        Mutant("additive", Equal(MASK_COUNT, 2 * n), {"count": 2 * n_},
               "2n: two states per unit added over the units instead of multiplied"),
    ),
    references=(SRIVASTAVA,),
)

# ---------------------------------------------------------------------------------------------
# The expected output under the mask
# ---------------------------------------------------------------------------------------------
N_UNITS = 3
p = sp.Symbol("p", positive=True)                             # the dropping probability, 0 < p < 1
a = sp.symbols(f"a_1:{N_UNITS + 1}", real=True)               # read-out weights
h = sp.symbols(f"h_1:{N_UNITS + 1}", real=True)               # the layer's activations
MASKS = list(itertools.product((0, 1), repeat=N_UNITS))       # 1 = kept


def mask_probability(mask, drop=p):
    """Each unit kept with probability 1 - drop, independently."""
    return sp.Mul(*[(1 - drop) if mi else drop for mi in mask])


def readout(mask, weights=a, acts=h, keep_scale=1):
    """The masked layer's linear read-out sum_i a_i m_i h_i / keep_scale."""
    return sum(wi * mi * hi for wi, mi, hi in zip(weights, mask, acts)) / sp.sympify(keep_scale)


def expectation(fn, masks=MASKS, drop=p):
    """E over the masks, by enumerating them with their probabilities."""
    return sum(mask_probability(mk, drop) * fn(mk) for mk in masks)


FULL = sum(wi * hi for wi, hi in zip(a, h))
E_MASKED = expectation(readout)
KEPT = [expectation(lambda mk, i=i: mk[i]) for i in range(N_UNITS)]          # P(unit i kept) = E[m_i]
E_INVERTED = expectation(lambda mk: readout(mk, keep_scale=1 - p))
ENSEMBLE_AVERAGE = sum(readout(mk) for mk in MASKS) / 2**N_UNITS


@functools.lru_cache(maxsize=None)
def _expectation_for_every_width(max_units: int = 5):
    """E[sum_i a_i m_i h_i] = (1 - p) sum_i a_i h_i for n = 1..max_units, masks enumerated."""
    for units in range(1, max_units + 1):
        ws, hs = sp.symbols(f"a1:{units + 1}"), sp.symbols(f"h1:{units + 1}")
        masks = list(itertools.product((0, 1), repeat=units))
        lhs = expectation(lambda mk: readout(mk, ws, hs), masks)
        gap = sp.expand(lhs - (1 - p) * sum(wi * hi for wi, hi in zip(ws, hs)))
        if gap != 0:
            return False, {"units": units, "difference": sp.sstr(gap)}
    return True, f"holds for n = 1..{max_units} units"


p_, full_ = sp.symbols("p F")    # the experiment's dropping probability and full-network output
EXPECTED = {"expected": (1 - p_) * full_, "inverted": full_}

dropout_expected_output = Claim(
    id="dropout-expected-output",
    title="Dropping units with probability p scales a linear read-out's expectation by 1 - p; at p = 1/2 it is the average of the 2^n sub-networks",
    sources=(
        Source(SLIDES, 786, "In each forward pass, randomly set some neurons to zero"),
        Source(SLIDES, 787, "Probability of dropping is a hyperparameter; 0.5 is common"),
        Source(SLIDES, 806, "Dropout is training a large **ensemble** of models (that share parameters)."),
        Source(SLIDES, 808, "Each binary mask is one model"),
        Source(BLOG, 177, "we can effectively remove a unit from a network by multiplying its output value by zero."),
        Source(BLOG, 177, "The nodes are dropped by a dropout probability of p."),
        Source(BLOG, 182, "We can interpret the application of dropout as *bagging* with a very  large *ensemble*"),
    ),
    assumptions=(
        "each unit's output is multiplied by m_i in {0, 1} (000:177), m_i = 0 with probability p, independently; "
        "0 < p < 1",
        "the read-out is linear in the masked layer: y(m) = sum_i a_i m_i h_i with fixed weights a and activations h "
        "(for a nonlinear read-out the expectation is not the scaled network)",
        f"shown for n = {N_UNITS} units by enumerating the {2**N_UNITS} masks, and for n = 1..5 by a computation",
        "the notes give no test-time or inverted scaling: the 1 - p factor and inverted dropout are consequences, "
        "not quotations",
        "the experiment: a 10-unit tanh layer, p = 0.2 and 0.5, all 1024 masks enumerated, and 100,000 Monte Carlo masks",
    ),
    statement=Equal(E_MASKED, (1 - p) * FULL,
                    why="the expected read-out over the masks is the full network's, scaled by the keep probability 1 - p"),
    steps=(
        Equal(E_MASKED, sum(wi * hi * kept for wi, hi, kept in zip(a, h, KEPT)),
              why="linearity of the expectation: E[sum_i a_i m_i h_i] = sum_i a_i h_i E[m_i], with E[m_i] = P(unit i kept)"),
        Equal(sum(wi * hi * kept for wi, hi, kept in zip(a, h, KEPT)), (1 - p) * FULL,
              why="unit i is kept with probability 1 - p whatever the other units do: their mask probabilities sum to 1"),
        Holds(sp.Eq(expectation(lambda mk: 1), 1, evaluate=False),
              why="the 2^n mask probabilities p^(dropped) (1 - p)^(kept) sum to (p + 1 - p)^n = 1"),
        Computed("the same for n = 1..5 units", _expectation_for_every_width,
                 why="the argument never used n = 3: redo it for each width"),
        Holds(sp.Eq(E_MASKED.subs(p, sp.Rational(1, 2)), ENSEMBLE_AVERAGE, evaluate=False),
              why="at p = 1/2 (002:787) every mask has probability 2^-n: the expectation is the plain average over the "
                  "2^n sub-networks, the ensemble of 002:806"),
        Holds(sp.Eq(E_INVERTED, FULL, evaluate=False),
              why="inverted dropout: dividing the kept units by 1 - p during training makes the expected read-out the "
                  "full network's, so nothing is rescaled at test time"),
    ),
    numeric=Numeric(expected_masked_output, EXPECTED,
                    "exact enumeration of all 1024 masks matches the hypothesis within a float64 round-off bound, and "
                    "the Monte Carlo means over 100,000 masks lie in their 99.9% confidence intervals (Bonferroni over 4)"),
    mutants=(
        Mutant("drop-for-keep", Equal(E_MASKED, p * FULL), {**EXPECTED, "expected": p_ * full_},
               "p in place of 1 - p: the dropping probability taken for the keeping one"),
        Mutant("uniform-ensemble", Equal(E_MASKED, ENSEMBLE_AVERAGE), {**EXPECTED, "expected": full_ / 2},
               "the plain average over the 2^n sub-networks at any p: true only at p = 1/2"),
        Mutant("no-inverted-rescale", Equal(E_INVERTED, (1 - p) * FULL), {**EXPECTED, "inverted": (1 - p_) * full_},
               "the 1/(1 - p) of inverted dropout thought to leave the expectation at (1 - p) times the full output"),
    ),
    references=(SRIVASTAVA,),
)
