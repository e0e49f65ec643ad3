"""Double descent (001:100-108, slides 002:578-617, 003 section 2.2.3 at 003:897-925): as the number of
parameters p grows past the number of training points n, the test error first falls, rises to a peak
at the interpolation threshold p = n, and falls again.

An empirical phenomenon, given numeric evidence only (``numerics.double_descent``: minimum-norm least
squares on random ReLU features). The notes state it in words; what they say about the three regimes
is a fact about linear systems for a model linear in its p parameters, checked here as forms:
- 001:104 (and 002:586), |dataset| >> |parameters|: p < n generic features fit n points exactly only
  by accident, and the least-squares parameters are pinned down (unique);
- 001:105, |dataset| ~ |parameters|: at p = n exactly one parameter vector fits the training data;
- 001:106 (and 002:588), |dataset| << |parameters|: for p > n the fits form an affine family of
  dimension p - n, "many different ways";
- 003:916, the critical point is where the number of parameters equals the number of training data:
  an exact fit exists for all data exactly when p >= n.
"""
from __future__ import annotations

import functools
import random

import sympy as sp

from checks import Claim, Computed, Kind, Mutant, Numeric, Reference, Source
from numerics.double_descent import RATIOS, peak_of_test_error

BLOG2, SLIDES, BOOK = "001_50e63b01264c0263.txt", "002_89896ee51b349776.txt", "003_102deae4affe1aa8.txt"
NAKKIRAN = Reference("Nakkiran, Kaplun, Bansal, Yang, Barak, Sutskever 2019, Deep double descent: where bigger models "
                     "and more data hurt", "ICLR 2020", "https://arxiv.org/abs/1912.02292")
BELKIN = Reference("Belkin, Hsu, Ma, Mandal 2019, Reconciling modern machine-learning practice and the classical "
                   "bias-variance trade-off", "PNAS 116 (32), random Fourier and ReLU features",
                   "https://arxiv.org/abs/1812.11118")

ROWS = 4                        # n training points
COLUMNS = range(1, 2 * ROWS + 1)   # p parameters


@functools.lru_cache(maxsize=1)
def solution_sets():
    """For random integer feature matrices F (n = 4 rows, p = 1..8 columns) and a random target y:
    whether F a = y has a solution, the dimension of the solution set (p - rank F), and whether the
    least-squares normal equations F^T F a = F^T y have a unique solution. Exact rational arithmetic."""
    rng = random.Random(1912)
    out = {}
    for p in COLUMNS:
        f = sp.Matrix(ROWS, p, lambda i, j: rng.randint(-4, 4))
        y = sp.Matrix(ROWS, 1, lambda i, j: rng.randint(-4, 4))
        rank = f.rank()
        solvable = f.row_join(y).rank() == rank
        out[p] = {"rank": rank, "exact fit": solvable, "dimension of the fits": p - rank if solvable else None,
                  "unique least squares": (f.T * f).rank() == p}
    return out


def _check(predicate, what):
    def check():
        sets = solution_sets()
        bad = {p: s for p, s in sets.items() if not predicate(p, s)}
        return (not bad), (bad or what)
    return check


many_data = _check(lambda p, s: p >= ROWS or (not s["exact fit"] and s["unique least squares"]),
                   "p < n: no exact fit for a generic y, and one least-squares fit")
just_right = _check(lambda p, s: p != ROWS or (s["exact fit"] and s["dimension of the fits"] == 0),
                    "p = n: exactly one parameter vector fits")
many_parameters = _check(lambda p, s: p <= ROWS or (s["exact fit"] and s["dimension of the fits"] == p - ROWS),
                         "p > n: the fits form an affine family of dimension p - n")
threshold = _check(lambda p, s: s["exact fit"] == (p >= ROWS), "an exact fit exists exactly when p >= n")

double_descent = Claim(
    id="double-descent-min-norm-features",
    title="Double descent: the test error of minimum-norm least squares on random features peaks at p = n and falls on both sides",
    kind=Kind.PHENOMENON,
    sources=(
        Source(BLOG2, 100, "### Double descent"),
        Source(BLOG2, 102, "then we reach an *interpolation threshold* at which the model is barely enough to fit the train set the performance improves again"),
        Source(BLOG2, 104, r"$|\text{dataset}| >> |\text{parameters}|$"),
        Source(BLOG2, 105, r"$|\text{dataset}| \approx |\text{parameters}|$"),
        Source(BLOG2, 106, r"$|\text{dataset}| << |\text{parameters}|$"),
        Source(SLIDES, 578, "# Double Descent Phenomenon"),
        Source(SLIDES, 586, r"$N \gg D$"),
        Source(SLIDES, 587, r"It might need a large  $\|\mathbf{w}\|$  to do so."),
        Source(SLIDES, 588, r"$N \ll D$"),
        Source(BOOK, 897, "2.2.3 The Double Descent Surprise"),
        Source(BOOK, 916, "we see that the testing error does increase up until the critical point and then the error decreases again"),
    ),
    statement=None,
    assumptions=(
        "an empirical phenomenon (Nakkiran et al. 2019, 001:101): evidence, not proof; the notes show it for deep networks "
        "on MNIST-1D (003:897-925), the experiment for the simplest model that has it, linear in its parameters "
        "(random-features regression, Belkin et al. 2019)",
        "one dataset: n = 40 points in R^8, a nonlinear target with label noise of sd 0.5 (003:916: the peak shows with "
        "label noise); p random ReLU features, the minimum-norm least-squares fit; 32 draws of the features",
        "the three regimes of 001:104-106 are facts about the linear system F a = y (F: n x p features), checked exactly on "
        "random integer F with n = 4, p = 1..8",
    ),
    forms=(
        Computed("p < n: a generic y has no exact fit, and the least-squares fit is unique (n = 4, p = 1..3)", many_data,
                 source=Source(BLOG2, 104, r"There's way more than enough data to pin down the optimal parameters"),
                 why="F a = y with more equations than unknowns; F^T F is invertible when F has full column rank"),
        Computed("p = n: exactly one parameter vector fits the training data (n = p = 4)", just_right,
                 source=Source(BLOG2, 105, r"there is effectively only one model that fits the train data"),
                 why="a square F of full rank: a = F^{-1} y, and a noisy y is fitted exactly, noise and all"),
        Computed("p > n: the parameter vectors that fit form an affine family of dimension p - n (p = 5..8)", many_parameters,
                 source=Source(BLOG2, 106, r"The model can fit the data in many different ways"),
                 why="the solutions of F a = y are a particular one plus the (p - n)-dimensional null space of F"),
        Computed("an exact fit exists for generic data exactly when p >= n", threshold,
                 source=Source(BOOK, 916, r"the number of parameters in our model is equal to the number of training data"),
                 why="the interpolation threshold: rank F = min(n, p) for generic features"),
    ),
    numeric=Numeric(peak_of_test_error, {"peak_ratio": 1.0},
                    "the mean log test error at p/n = peak_ratio exceeds that at every other p/n in "
                    f"{RATIOS} by more than its paired one-sided Student-t interval (family level 1%, Bonferroni); the "
                    "training error vanishes exactly for p >= n; the fit's norm is largest at p = n"),
    mutants=(
        Mutant("peak-at-twice-n", None, {"peak_ratio": 2.0},
               "the error peaks at p = 2n (as if each data point needed two parameters)"),
        Mutant("monotone-decrease", None, {"peak_ratio": RATIOS[0]},
               "more parameters always help: the error is largest for the smallest model and falls from there"),
        Mutant("no-second-descent", None, {"peak_ratio": RATIOS[-1]},
               "the classical picture: past the threshold the error keeps growing, largest for the largest model"),
    ),
    references=(NAKKIRAN, BELKIN),
)
