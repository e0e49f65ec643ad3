"""Adam without momentum is sign descent, and sign descent with a constant step ends in a 2-cycle
(003 section 1.3, lines 369-384).

Before introducing Adam the notes set beta = 0 (and the second-moment rate to 0): m_{t+1} = g,
v_{t+1} = g^2, theta_{t+1} = theta_t - alpha m_{t+1} / (sqrt(v_{t+1}) + eps). They say this makes
"the gradient vector ... a vector of all values +-1" (every coordinate moves by alpha whatever its
slope) and that, the step being constant, "when we approach the minimum, we will just oscillate
back and forth". Both are right:

- per coordinate, g / (sqrt(g^2) + eps) = g / (|g| + eps) = sign(g) (1 - eps/|g| + O(eps^2));
  the two signs are encoded separately (g = p and g = -p with p > 0) because SymPy's series
  mishandles |g| for a real symbol of unknown sign;
- on a quadratic (lambda/2)(theta - theta*)^2 with eps -> 0, an iterate at distance
  d in (0, alpha) from theta* steps to d - alpha in (-alpha, 0) and back to d: a 2-cycle whose two
  points are alpha apart on either side of theta*, so the iteration never converges (unless a
  distance lands exactly on 0).
"""
from __future__ import annotations

import sympy as sp

from checks import Claim, Equal, Holds, Mutant, Numeric, Reference, Source
from numerics.sign_descent import sign_descent_against_optax

NOTES = "003_102deae4affe1aa8.txt"
ADAM_PAPER = Reference("Kingma, Ba 2015, Adam: A Method for Stochastic Optimization", "algorithm 1",
                       "https://arxiv.org/abs/1412.6980")

p = sp.Symbol("p", positive=True)              # |g| of one gradient coordinate
g = sp.Symbol("g", real=True)                  # a gradient coordinate, either sign
m, v = sp.symbols("m v", real=True)            # the previous moments: no longer matter at beta = gamma = 0
beta, gamma = sp.symbols("beta gamma", nonnegative=True)
eps = sp.Symbol("epsilon", positive=True)
alpha, lam, u = sp.symbols("alpha lambda u", positive=True)


def first_moment(b, grad):
    """(1.6): m_{t+1} = beta m_t + (1 - beta) grad."""
    return b * m + (1 - b) * grad


def second_moment(c, grad):
    """(1.7): v_{t+1} = gamma v_t + (1 - gamma) grad^2."""
    return c * v + (1 - c) * grad**2


def direction(grad):
    """m_{t+1} / (sqrt(v_{t+1}) + eps) at beta = gamma = 0 (003:371-382)."""
    return first_moment(0, grad) / (sp.sqrt(second_moment(0, grad)) + eps)


DIRECTIONS = sp.Matrix([direction(p), direction(-p)])          # a positive and a negative coordinate
SIGNS = sp.Matrix([1, -1])


def sign_step(distance):
    """One step of sign descent (eps -> 0) on (lambda/2)(theta - theta*)^2, as a distance to theta*:
    the gradient is lambda d, so d <- d - alpha sign(lambda d)."""
    return distance - alpha * sp.sign(lam * distance)


D0 = alpha / (1 + u)                  # any distance in (0, alpha): u > 0 is free
D1 = sign_step(D0)
D2 = sign_step(D1)

adam_without_momentum_sign_descent = Claim(
    id="adam-without-momentum-sign-descent",
    title="Adam with beta = 0 moves every coordinate by alpha sign(g) and, near a minimum, oscillates in a 2-cycle",
    sources=(
        Source(NOTES, 371, r"\mathbf{m}_{t+1} = \frac{\partial L[\theta]}{\partial \theta}"),
        Source(NOTES, 373, r"\mathbf{v}_{t+1} = \left(\frac{\partial L[\theta]}{\partial \theta} \right)^2"),
        Source(NOTES, 382, r"\theta_{t+1} = \theta_t - \alpha \frac{\mathbf{m}_{t+1}}{\sqrt{\mathbf{v}_{t+1}} + \epsilon}"),
        Source(NOTES, 384, "the gradient vector is a vector of all values ± 1"),
    ),
    assumptions=(
        "beta = 0 in (1.6) and gamma = 0 in (1.7), full-batch gradients; squares, roots and quotients elementwise",
        "eps > 0 small (the notes' listing uses 1e-19): the statement is exact up to O(eps); the 2-cycle is shown "
        "for eps -> 0 (with eps > 0 the cycle moves by O(alpha eps / |g|) per step)",
        "the 2-cycle on a quadratic (lambda/2)(theta - theta*)^2, lambda > 0, per coordinate",
    ),
    statement=Equal(DIRECTIONS, SIGNS, up_to=sp.O(eps),
                    why="the normalised gradient is the sign of each gradient coordinate, up to O(eps)"),
    steps=(
        Equal(DIRECTIONS, sp.Matrix([p / (p + eps), -p / (p + eps)]),
              why="beta = gamma = 0 leaves m = g and v = g^2 (the old moments are multiplied by 0); sqrt(g^2) = |g| = p"),
        Equal(sp.Matrix([p / (p + eps), -p / (p + eps)]), SIGNS, up_to=sp.O(eps),
              why="p / (p + eps) = 1 - eps/p + O(eps^2): the magnitude of the gradient cancels"),
        Holds(sp.Lt(p / (p + eps), 1, evaluate=False),
              why="so each coordinate moves by slightly less than alpha, alpha (1 - eps/(p + eps)), whatever its slope p"),
    ),
    forms=(
        Equal(first_moment(0, g), g, why="(1.6) with beta = 0 is the notes' m_{t+1} = dL/dtheta",
              source=Source(NOTES, 371, r"\mathbf{m}_{t+1} = \frac{\partial L[\theta]}{\partial \theta}")),
        Equal(second_moment(0, g), g**2, why="(1.7) with gamma = 0 is the notes' v_{t+1} = (dL/dtheta)^2",
              source=Source(NOTES, 373, r"\mathbf{v}_{t+1} = \left(\frac{\partial L[\theta]}{\partial \theta} \right)^2")),
        Equal(DIRECTIONS, SIGNS, up_to=sp.O(eps),
              why="'a vector of all values +-1': the update direction of each coordinate is +-1 up to O(eps)",
              source=Source(NOTES, 384, "the gradient vector is a vector of all values ± 1")),
        Equal(D2, D0,
              why="'we will just oscillate back and forth': from d in (0, alpha), one step gives d - alpha < 0, the "
                  "next d again (sign descent with a constant step, eps -> 0)",
              source=Source(NOTES, 384, "when we approach the minimum, we will just oscillate back and forth")),
        Equal(sp.Matrix([D0, D1]), sp.Matrix([alpha / (1 + u), -alpha * u / (1 + u)]),
              why="the two points of the cycle: d = alpha/(1 + u) > 0 and d - alpha = -alpha u/(1 + u) < 0, alpha apart on "
                  "either side of theta*, so the farther one stays at least alpha/2 away: the iterates never converge",
              source=Source(NOTES, 384, "when we approach the minimum, we will just oscillate back and forth")),
    ),
    numeric=Numeric(
        sign_descent_against_optax,
        {"direction": sp.lambdify(g, sp.sign(g), "numpy")},
        "optax.adam(b1 = 0, b2 = 0, eps = 1e-19) on an anisotropic quadratic (curvatures 100 and 1): every step "
        "equals -alpha direction(gradient) within alpha (eps/|g| + 8u) + 8u |theta|, and the last steps form a "
        "2-cycle per coordinate straddling theta* at distances in (0, alpha), the larger >= alpha/2",
    ),
    mutants=(
        Mutant("plain-gradient", Equal(DIRECTIONS, sp.Matrix([p, -p]), up_to=sp.O(eps)),
               {"direction": sp.lambdify(g, g, "numpy")},
               "the normalisation forgotten: the step is alpha g, gradient descent, dominated by the steep direction"),
        Mutant("divided-by-v", Equal(DIRECTIONS, sp.Matrix([1 / p, -1 / p]), up_to=sp.O(eps)),
               {"direction": sp.lambdify(g, g / g**2, "numpy")},
               "g / v instead of g / sqrt(v): the step is alpha / g, largest where the slope is smallest"),
    ),
    references=(ADAM_PAPER,),
)
