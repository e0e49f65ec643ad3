"""Gaussian noise on the inputs of a linear unit adds an L2 penalty to the expected squared error.

000 lines 158-172 and the slides (002, "L2 regularization via noisy inputs", lines 749-763):
with y = sum_i w_i x_i and eps_i ~ N(0, sigma_i^2) independent,
E[(y_noisy - t)^2] = (y - t)^2 + sum_i w_i^2 sigma_i^2.
"""
from __future__ import annotations

import sympy as sp

from checks import Claim, Computed, Equal, Mutant, Numeric, Source
from numerics.noisy_inputs import noisy_input_mse

N_INPUTS = 3
w = sp.symbols(f"w1:{N_INPUTS + 1}", real=True)
x = sp.symbols(f"x1:{N_INPUTS + 1}", real=True)
eps = sp.symbols(f"varepsilon1:{N_INPUTS + 1}", real=True)
sigma = sp.symbols(f"sigma1:{N_INPUTS + 1}", positive=True)
t = sp.Symbol("t", real=True)


def gaussian_expectation(expr, noises, sds):
    """E over independent eps_i ~ N(0, sd_i^2): a monomial's expectation is the product of the
    one-variable moments (independence), E[eps^k] = 0 for odd k and sd^k (k-1)!! for even k."""
    expr = sp.expand(expr)
    if not expr.has(*noises):
        return expr
    poly = sp.Poly(expr, *noises)
    total = sp.Integer(0)
    for powers, coeff in poly.terms():
        moment = sp.Integer(1)
        for k, sd in zip(powers, sds):
            moment *= 0 if k % 2 else sd**k * sp.factorial2(k - 1)
        total += coeff * moment
    return total


class E(sp.Function):
    """The expectation over the input noises; ``doit`` evaluates it by ``gaussian_expectation``."""

    nargs = 1

    def doit(self, **hints):
        arg = self.args[0].doit(**hints) if hints.get("deep", True) else self.args[0]
        return gaussian_expectation(arg, eps, sigma)

    def _latex(self, printer, exp=None):
        body = r"\mathbb{E}\left[%s\right]" % printer._print(self.args[0])
        return body if exp is None else f"{body}^{{{exp}}}"


y = sum(wi * xi for wi, xi in zip(w, x))
noise = sum(wi * ei for wi, ei in zip(w, eps))
y_noisy = sum(wi * (xi + ei) for wi, xi, ei in zip(w, x, eps))  # each input carries its own noise
penalty = sum(wi**2 * si**2 for wi, si in zip(w, sigma))

NOTES, SLIDES = "000_f4da46d2683a41e5.txt", "002_89896ee51b349776.txt"


def _identity_for_every_width(max_inputs: int = 6):
    """The identity with n inputs, n = 1..max_inputs (fresh symbols each time)."""
    for n in range(1, max_inputs + 1):
        ws, xs, es = sp.symbols(f"w1:{n + 1}"), sp.symbols(f"x1:{n + 1}"), sp.symbols(f"e1:{n + 1}")
        ss = sp.symbols(f"s1:{n + 1}", positive=True)
        lhs = gaussian_expectation((sum(a * (b + c) for a, b, c in zip(ws, xs, es)) - t) ** 2, es, ss)
        rhs = (sum(a * b for a, b in zip(ws, xs)) - t) ** 2 + sum(a**2 * s**2 for a, s in zip(ws, ss))
        if sp.expand(lhs - rhs) != 0:
            return False, {"inputs": n, "difference": str(sp.expand(lhs - rhs))}
    return True, f"holds for n = 1..{max_inputs} inputs"


noisy_inputs_l2_penalty = Claim(
    id="noisy-inputs-l2-penalty",
    title="Gaussian input noise adds the L2 penalty sum_i w_i^2 sigma_i^2 to the expected squared error",
    sources=(
        Source(NOTES, 168, r"E\left[\left(y+\sum_i w_i \varepsilon_i-t\right)^2\right]"),
        Source(SLIDES, 763, r"E[(y^{noisy} - t)^2] &= E\left[\left(y + \sum_i w_i \varepsilon_i - t\right)^2\right]"),
    ),
    assumptions=(
        "a linear unit y = sum_i w_i x_i with no nonlinearity (the notes' simplified setting)",
        "eps_i ~ N(0, sigma_i^2), independent of each other and of (y - t)",
        "weights, inputs and target fixed: the expectation is over the noise only",
        f"shown with {N_INPUTS} inputs symbolically, and for 1..6 inputs by a computation",
    ),
    statement=Equal(E((y_noisy - t) ** 2), (y - t) ** 2 + penalty, why="the noisy squared error in expectation"),
    steps=(
        Equal(E((y_noisy - t) ** 2), E((y + noise - t) ** 2), why="y_noisy = sum_i w_i x_i + sum_i w_i eps_i = y + sum_i w_i eps_i",
              source=Source(SLIDES, 761, r"y^{noisy} = \sum_i w_i x_i + \sum_i w_i \varepsilon_i")),
        Equal(E((y + noise - t) ** 2), E(((y - t) + noise) ** 2), why="regroup the terms inside the square",
              source=Source(SLIDES, 763, r"= E\left[\left((y - t) + \sum_i w_i \varepsilon_i\right)^2\right]")),
        Equal(E(((y - t) + noise) ** 2), (y - t) ** 2 + E(2 * (y - t) * noise) + E(noise**2),
              why="expand the square; expectation is linear and (y - t) is not random",
              source=Source(SLIDES, 763, r"&= (y - t)^2 + E\left[2(y - t) \sum_i w_i \varepsilon_i\right] + E\left[\left(\sum_i w_i \varepsilon_i\right)^2\right]")),
        Equal((y - t) ** 2 + E(2 * (y - t) * noise) + E(noise**2), (y - t) ** 2 + E(sum(wi**2 * ei**2 for wi, ei in zip(w, eps))),
              why="E[eps_i] = 0 kills the middle term; independence makes E[eps_i eps_j] = 0 for i != j",
              source=Source(SLIDES, 763, r"&= (y - t)^2 + E\left[\sum_i w_i^2 \varepsilon_i^2\right] \quad \text{because } \varepsilon_i \text{ is independent of } \varepsilon_j")),
        Equal((y - t) ** 2 + E(sum(wi**2 * ei**2 for wi, ei in zip(w, eps))), (y - t) ** 2 + penalty,
              why="E[eps_i^2] = sigma_i^2", source=Source(SLIDES, 763, r"&= (y - t)^2 + \sum_i w_i^2 \sigma_i^2")),
        Computed("the same identity holds with n = 1, ..., 6 inputs", _identity_for_every_width,
                 why="the argument never used n = 3: redo it for each width"),
    ),
    forms=(
        # The blog notes drop the expectation on the left: a random quantity set equal to a number.
        Equal((y_noisy - t) ** 2, E((y + noise - t) ** 2), why="the notes' first line, as written (no E on the left)",
              source=Source(NOTES, 168, r"\left[\left(y^{\text {noisy }}-t\right)^2\right] & =  E\left[\left(y+\sum_i w_i \varepsilon_i-t\right)^2\right]"),
              correction=Equal(E((y_noisy - t) ** 2), E((y + noise - t) ** 2))),
        Equal(E((w[0] * eps[0]) ** 2) - E(w[0] * eps[0]) ** 2, sigma[0] ** 2 * w[0] ** 2,
              why="one input's noise reaches the output with variance sigma^2 w_i^2",
              source=Source(NOTES, 161, r"y_{i} + \mathcal{N}(0,\sigma^{2}w_{i}^{2})")),
    ),
    numeric=Numeric(
        noisy_input_mse,
        {"predicted_mse": sp.lambdify((w, x, t, sigma), (y - t) ** 2 + penalty, "numpy")},
        "Monte Carlo over the input noise: the 99.9% confidence interval of the mean squared error contains the prediction",
    ),
    mutants=(
        Mutant("weights-not-squared", Equal(E((y_noisy - t) ** 2), (y - t) ** 2 + sum(wi * si**2 for wi, si in zip(w, sigma))),
               {"predicted_mse": sp.lambdify((w, x, t, sigma), (y - t) ** 2 + sum(wi * si**2 for wi, si in zip(w, sigma)), "numpy")},
               "the penalty uses w_i instead of w_i^2"),
        Mutant("sd-not-variance", Equal(E((y_noisy - t) ** 2), (y - t) ** 2 + sum(wi**2 * si for wi, si in zip(w, sigma))),
               {"predicted_mse": sp.lambdify((w, x, t, sigma), (y - t) ** 2 + sum(wi**2 * si for wi, si in zip(w, sigma)), "numpy")},
               "the penalty uses the noise's standard deviation instead of its variance"),
        Mutant("cross-terms-kept", Equal(E((y_noisy - t) ** 2), (y - t) ** 2 + sum(wi * si for wi, si in zip(w, sigma)) ** 2),
               {"predicted_mse": sp.lambdify((w, x, t, sigma), (y - t) ** 2 + sum(wi * si for wi, si in zip(w, sigma)) ** 2, "numpy")},
               "(sum_i w_i sigma_i)^2: as if the noises were perfectly correlated"),
    ),
)
