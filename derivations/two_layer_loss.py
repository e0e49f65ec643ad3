"""The squared loss of the slides' one-hidden-layer network and one gradient-descent step on it
(slides 002, "Recap on gradient descent", lines 347 and 364; the model at line 66, the loss first
written at line 131).

For f(x) = w^T sigma(W^T x), w in R^k, W in R^{d x k}, and L(w, W) = (1/N) sum_i (y_i - f(x_i))^2,
with residuals r_i = y_i - f(x_i) and a_i = W^T x_i:

    dL/dw = -(2/N) sum_i r_i sigma(a_i),      dL/dW = -(2/N) sum_i r_i x_i (w * sigma'(a_i))^T,

and a step w <- w - gamma dL/dw (line 364) changes the loss by -gamma |dL/dw|^2 + O(gamma^2): it
descends for small gamma. The recap slide (347) writes the loss with sigma(W^T x), the index i
dropped: as written every term uses the same input x, a different function of (w, W) from the
loss of line 131, whose minimiser would fit the mean target at that one x.

Encoded with d = 2 inputs, k = 2 hidden units and N = 2 examples. The proof keeps sigma an arbitrary
differentiable function (SymPy's chain rule writes sigma'(a) as a Subs of its derivative); the wrong
versions are refuted by evaluation, so they are stated with sigma = tanh, as is the experiment. The
line-347 form uses the polynomial sigma(t) = t - t^3/3 on a one-unit network (the index is what matters).
"""
from __future__ import annotations

import sympy as sp

from checks import Claim, Computed, Equal, Mutant, Numeric, Source
from numerics.two_layer_loss import gradient_against_autodiff

SLIDES = "002_89896ee51b349776.txt"
D_IN, HIDDEN, N_EX = 2, 2, 2

w = sp.Matrix(HIDDEN, 1, lambda j, _: sp.Symbol(f"w_{j + 1}", real=True))
W = sp.Matrix(D_IN, HIDDEN, lambda p, j: sp.Symbol(f"W_{{{p + 1},{j + 1}}}", real=True))
xs = [sp.Matrix(D_IN, 1, lambda p, _, i=i: sp.Symbol(f"x_{{{i + 1},{p + 1}}}", real=True)) for i in range(N_EX)]
ys = sp.symbols(f"y1:{N_EX + 1}", real=True)
gamma = sp.Symbol("gamma", positive=True)
PARAMS = list(w) + list(W)
sigma = sp.Function("sigma")                    # any differentiable activation
_T = sp.Symbol("T", real=True)
POLY = sp.Lambda(_T, _T - _T**3 / 3)            # a concrete activation for the refutable (wrong) versions


def act(a):
    return a.applyfunc(sigma)


def act_prime(a):
    """sigma'(a) elementwise, written as SymPy's chain rule writes it."""
    return a.applyfunc(lambda t: sp.Subs(sp.Derivative(sigma(_T), _T), _T, t))


def concrete(expr, activation):
    """``expr`` with sigma replaced by a concrete activation (a Lambda, or sp.tanh), derivatives evaluated."""
    return expr.subs(sigma, activation).doit() if isinstance(activation, sp.Lambda) else expr.replace(sigma, activation).doit()


def net(x, w_=w, W_=W):
    """f(x) = w^T sigma(W^T x) (line 66)."""
    return (w_.T * act(W_.T * x))[0]


def loss(w_=w, W_=W, inputs=None):
    """(1/N) sum_i (y_i - w^T sigma(W^T x_i))^2 (line 131); ``inputs`` replaces the x_i."""
    inputs = inputs or xs
    return sp.Add(*[(y - net(x, w_, W_)) ** 2 for y, x in zip(ys, inputs)]) / N_EX


def residual(i):
    return ys[i] - net(xs[i])


def grad_w_formula(scale=2):
    return -sp.Rational(scale, N_EX) * sum((residual(i) * act(W.T * xs[i]) for i in range(N_EX)), sp.zeros(HIDDEN, 1))


def grad_W_formula(scale=2, with_slope=True, transposed=False):
    total = sp.zeros(D_IN, HIDDEN)
    for i in range(N_EX):
        back = w.multiply_elementwise(act_prime(W.T * xs[i])) if with_slope else w
        outer = back * xs[i].T if transposed else xs[i] * back.T   # d = k: both are 2 x 2
        total += residual(i) * outer
    return -sp.Rational(scale, N_EX) * total


def stacked(gw, gW):
    """(dL/dw, dL/dW) as one column, in the order of PARAMS."""
    return sp.Matrix(list(gw) + list(gW))


L = loss()
AUTODIFF = sp.Matrix([sp.diff(L, p) for p in PARAMS])        # SymPy's own derivatives
FORMULA = stacked(grad_w_formula(), grad_W_formula())


def _step_descends():
    """d/dgamma L(w - gamma u, W) at gamma = 0, for a free direction u, then u = dL/dw from the formula:
    equal to -|dL/dw|^2, so the step of line 364 lowers the loss at that rate for small gamma."""
    u = sp.Matrix(HIDDEN, 1, lambda j, _: sp.Symbol(f"u_{j + 1}", real=True))
    rate = sp.diff(loss(w - gamma * u, W), gamma).subs(gamma, 0)
    step = grad_w_formula()
    gap = sp.expand(rate.subs(dict(zip(u, step))) + (step.T * step)[0])
    return gap == 0, "d/dgamma L(w - gamma dL/dw, W) at gamma = 0 equals -|dL/dw|^2"


class Lambdified:
    """sp.lambdify(args, expr, "numpy"), built on first call: keeps importing the claims cheap."""

    def __init__(self, args, expr):
        self.args, self.expr, self._fn = args, expr, None

    def __call__(self, *values):
        if self._fn is None:
            self._fn = sp.lambdify(self.args, self.expr, "numpy", cse=True)   # cse: half the printing time
        return self._fn(*values)


# The gradient's arguments, flat: w, W row-major, x_1, ..., x_N, y (flat scalar arguments keep
# lambdify fast).
ARGUMENTS = (*w, *W, *(v for x in xs for v in x), *ys)


def _hypothesis(gw, gW):
    return {"gradient": Lambdified(ARGUMENTS, concrete(stacked(gw, gW), sp.tanh))}


# Line 347 against line 131 on the smallest network that shows the difference (one input, one hidden
# unit, two examples): the index on x is all that matters, and small expressions keep the check fast.
w1, W1, x0 = sp.symbols("w W x", real=True)
x_i = sp.symbols("x_1 x_2", real=True)
LOSS_131 = sp.Add(*[(y - w1 * POLY(W1 * xi)) ** 2 for y, xi in zip(ys, x_i)]) / N_EX
LOSS_AS_WRITTEN = sp.Add(*[(y - w1 * POLY(W1 * x0)) ** 2 for y in ys]) / N_EX

two_layer_loss_gradient = Claim(
    id="two-layer-loss-gradient",
    title="For L = (1/N) sum_i (y_i - w^T sigma(W^T x_i))^2: dL/dw = -(2/N) sum r_i sigma(a_i), dL/dW = -(2/N) sum r_i x_i (w * sigma'(a_i))^T",
    sources=(
        Source(SLIDES, 66, r"f(x) = w^T \sigma(W^T x)"),
        Source(SLIDES, 347, r"\mathcal{L}(w, W) = \frac{1}{N} \sum_{i=1}^N \left( y_i - w^T \sigma(W^T x) \right)^2"),
        Source(SLIDES, 364, r"w_{t+1} = w_t - \gamma \frac{d\mathcal{L}(w)}{dw}"),
    ),
    assumptions=(
        "f(x) = w^T sigma(W^T x) with w in R^k, W in R^(d x k) (line 66); sigma differentiable, applied elementwise",
        f"shown with d = {D_IN}, k = {HIDDEN}, N = {N_EX} and sigma arbitrary; the experiment takes sigma = tanh "
        "and random values of every other symbol",
    ),
    statement=Equal(AUTODIFF, FORMULA, why="the gradient of the loss in (w, W), entry by entry"),
    steps=(
        Equal(AUTODIFF, stacked(sum(((-2 * residual(i) / N_EX) * sp.Matrix([sp.diff(net(xs[i]), p) for p in w])
                                     for i in range(N_EX)), sp.zeros(HIDDEN, 1)),
                                sum(((-2 * residual(i) / N_EX) * sp.Matrix(D_IN, HIDDEN, lambda p_, j_, i=i: sp.diff(net(xs[i]), W[p_, j_]))
                                     for i in range(N_EX)), sp.zeros(D_IN, HIDDEN))),
              why="chain rule on each square: d (y_i - f(x_i))^2 = -2 (y_i - f(x_i)) d f(x_i)"),
        Equal(stacked(sum(((-2 * residual(i) / N_EX) * sp.Matrix([sp.diff(net(xs[i]), p) for p in w])
                           for i in range(N_EX)), sp.zeros(HIDDEN, 1)),
                      sum(((-2 * residual(i) / N_EX) * sp.Matrix(D_IN, HIDDEN, lambda p_, j_, i=i: sp.diff(net(xs[i]), W[p_, j_]))
                           for i in range(N_EX)), sp.zeros(D_IN, HIDDEN))),
              FORMULA,
              why="df/dw = sigma(W^T x); df/dW_pj = w_j sigma'(a_j) x_p, i.e. df/dW = x (w * sigma'(a))^T"),
    ),
    forms=(
        Equal(LOSS_AS_WRITTEN, LOSS_131,
              why="the recap slide's loss, as written: sigma(W^T x) with no index i (one input, one hidden unit, two "
                  "examples, sigma(t) = t - t^3/3), against the loss of line 131",
              source=Source(SLIDES, 347, r"\mathcal{L}(w, W) = \frac{1}{N} \sum_{i=1}^N \left( y_i - w^T \sigma(W^T x) \right)^2"),
              correction=Equal(LOSS_131, LOSS_131, why="with x_i in the i-th term, as at line 131")),
        Computed("the slides' step w - gamma dL/dw lowers the loss for small gamma: d/dgamma L(w - gamma dL/dw, W) = -|dL/dw|^2",
                 _step_descends,
                 why="the update of line 364, in w alone (W held fixed)",
                 source=Source(SLIDES, 364, r"w_{t+1} = w_t - \gamma \frac{d\mathcal{L}(w)}{dw}")),
    ),
    numeric=Numeric(
        gradient_against_autodiff,
        _hypothesis(grad_w_formula(), grad_W_formula()),
        "at 64 random (w, W, x_i, y_i): the formula against jax.grad of the loss within 64 u (1 + |grad|); and the "
        "descent test: L(theta - t g) - L(theta) + t |g|^2 against t fits a log-log slope in [1.9, 2.1] (second order)",
    ),
    mutants=(
        Mutant("factor-two-lost", Equal(concrete(AUTODIFF, sp.tanh), concrete(stacked(grad_w_formula(1), grad_W_formula(1)), sp.tanh)),
               _hypothesis(grad_w_formula(1), grad_W_formula(1)),
               "-(1/N) sum r_i ...: the 2 from the square forgotten"),
        Mutant("activation-slope-dropped", Equal(concrete(AUTODIFF, sp.tanh),
                                                 concrete(stacked(grad_w_formula(), grad_W_formula(with_slope=False)), sp.tanh)),
               _hypothesis(grad_w_formula(), grad_W_formula(with_slope=False)),
               "dL/dW = -(2/N) sum r_i x_i w^T: sigma'(a_i) left out of the chain rule"),
        Mutant("outer-product-transposed", Equal(concrete(AUTODIFF, sp.tanh),
                                                 concrete(stacked(grad_w_formula(), grad_W_formula(transposed=True)), sp.tanh)),
               _hypothesis(grad_w_formula(), grad_W_formula(transposed=True)),
               "(w * sigma'(a_i)) x_i^T in place of x_i (w * sigma'(a_i))^T (the same shape here, d = k)"),
    ),
)
