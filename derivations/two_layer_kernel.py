"""The exercise of the slides' "Gradient Flow" slide (002:401-435): the neural tangent kernel of the
two-layer network f(w, x) = sum_i v_i sigma(w_i^T x).

With every weight trained, theta = (v_1, ..., v_m, w_1, ..., w_m) (w_i in R^d), the kernel of
002:423, K(x, x') = grad_theta f(x)^T grad_theta f(x'), is

    K(x, x') = sum_i sigma(w_i^T x) sigma(w_i^T x')                     (the output weights v_i)
             + sum_i v_i^2 sigma'(w_i^T x) sigma'(w_i^T x') x^T x'       (the input weights w_i).

The slide names the network f(w, x) with w for all its weights, as on 002:403-423, so both layers
are trained; the second sum alone is the kernel when the v_i are frozen (004's model, used by
``numerics.ntk``). Symbolically with an unspecified activation sigma (any differentiable one) for
m = 2 units in d = 2 dimensions, and by a computation for m, d = 1..3; the JAX experiment compares
the two parts with J J^T from ``jax.jacfwd`` for the slides' sigmoid (002:88).

The claim also carries the lines of that slide that ``derivations.ntk`` does not quote, applied to
this network under the slides' squared loss (1/N) sum_i (f(x_i) - y_i)^2 with N = 2 points: the
gradient-descent step rewritten as a difference quotient (002:403-404), the chain rule in time
(002:420), the substitution of the flow (002:421), and the output dynamics with the kernel above
(002:423, whose general form ``ntk-output-dynamics`` checks).
"""
from __future__ import annotations

import functools

import sympy as sp

from checks import Claim, Computed, Equal, Holds, Mutant, Numeric, Reference, Source
from derivations._vectors import column, dot, gradient
from numerics.two_layer_kernel import kernel_against_jacobian

SLIDES = "002_89896ee51b349776.txt"
JACOT = Reference("Jacot, Gabriel, Hongler 2018, Neural tangent kernel: convergence and generalization in neural networks",
                  "the tangent kernel of a network, grad f(x)^T grad f(x')", "https://arxiv.org/abs/1806.07572")

sigma = sp.Function("sigma")       # any differentiable activation: the identity never uses its form
XI = sp.Symbol("xi")


def dsigma(u, act=sigma):
    """act'(u), written as SymPy writes the derivative it takes by the chain rule."""
    return sp.diff(act(XI), XI).subs(XI, u)


def make_network(m: int, d: int, tag: str = ""):
    """Symbols of a width-m network on R^d: output weights v (m), input weights W (m rows of d)."""
    v = sp.symbols(f"v{tag}_1:{m + 1}", real=True)
    w = sp.Matrix(m, d, [sp.Symbol(f"w{tag}_{i}{j}", real=True) for i in range(1, m + 1) for j in range(1, d + 1)])
    return v, w


def net(point, v, w, act=sigma):
    """f(w, x) = sum_i v_i act(w_i^T x) (002:435)."""
    return sum(vi * act(dot(w.row(i).T, point)) for i, vi in enumerate(v))


def kernel_parts(p, q, v, w, act=sigma):
    """The two sums of the closed form: the output-weight part sum_i act(u_i) act(u'_i) and the
    input-weight part sum_i v_i^2 act'(u_i) act'(u'_i) x^T x', u_i = w_i^T x, u'_i = w_i^T x'."""
    pre_p = [dot(w.row(i).T, p) for i in range(len(v))]
    pre_q = [dot(w.row(i).T, q) for i in range(len(v))]
    out_part = sum(act(a) * act(b) for a, b in zip(pre_p, pre_q))
    in_part = sum(vi**2 * dsigma(a, act) * dsigma(b, act) for vi, a, b in zip(v, pre_p, pre_q)) * dot(p, q)
    return out_part, in_part


def kernel_closed_form(p, q, v, w, act=sigma):
    out_part, in_part = kernel_parts(p, q, v, w, act)
    return out_part + in_part


def parameters(v, w):
    """theta = (v_1..v_m, w_11..w_md): output weights first, then the input weights row by row."""
    return list(v) + list(w)


def tangent_kernel(p, q, v, w, act=sigma):
    """grad_theta f(p)^T grad_theta f(q) by SymPy's differentiation (002:422-423)."""
    params = parameters(v, w)
    return dot(gradient(net(p, v, w, act), params), gradient(net(q, v, w, act), params))


M_UNITS, DIM, N_DATA = 2, 2, 2
V, W = make_network(M_UNITS, DIM)
THETA = parameters(V, W)
x = column(sp.symbols(f"x_1:{DIM + 1}", real=True))
xp = column(sp.symbols(f"x'_1:{DIM + 1}", real=True))
XS = [column(sp.symbols(f"x^{k}_1:{DIM + 1}", real=True)) for k in range(1, N_DATA + 1)]   # training points
YS = sp.symbols(f"y_1:{N_DATA + 1}", real=True)
N = sp.Integer(N_DATA)
eta = sp.Symbol("eta", positive=True)

GRAD_X, GRAD_XP = gradient(net(x, V, W), THETA), gradient(net(xp, V, W), THETA)
GRAD_DATA = [gradient(net(p, V, W), THETA) for p in XS]      # grad_theta f at the training points
K_AUTODIFF = dot(GRAD_X, GRAD_XP)
OUT_PART, IN_PART = kernel_parts(x, xp, V, W)
K_CLOSED = OUT_PART + IN_PART
# The two blocks of grad_theta f: output weights v, input weights w (rows of W).
V_BLOCK = dot(gradient(net(x, V, W), V), gradient(net(xp, V, W), V))
W_BLOCK = dot(gradient(net(x, V, W), list(W)), gradient(net(xp, V, W), list(W)))

# The slides' squared loss and its gradient flow, on N = 2 training points.
RESIDUALS = [net(p, V, W) - y for p, y in zip(XS, YS)]
LOSS = sum(r**2 for r in RESIDUALS) / N                                       # 002:411's L
GRAD_L = gradient(LOSS, THETA)
STEP = column(THETA) - eta * GRAD_L                                           # w_{t+1} (002:403)
FLOW = -sp.Integer(2) / N * sum((r * g for r, g in zip(RESIDUALS, GRAD_DATA)), sp.zeros(len(THETA), 1))

# The chain rule in time along any path theta(t) (002:420).
t = sp.Symbol("t", real=True)
PATH = [sp.Function(f"theta_{k + 1}")(t) for k in range(len(THETA))]
ON_PATH = dict(zip(THETA, PATH))
F_ON_PATH = net(x, V, W).subs(ON_PATH, simultaneous=True)
CHAIN_IN_TIME = sum(GRAD_X[k].subs(ON_PATH, simultaneous=True) * sp.diff(PATH[k], t) for k in range(len(THETA)))


@functools.lru_cache(maxsize=None)
def _kernel_for_every_size(max_units: int = 3, max_dim: int = 3):
    """The identity for m = 1..max_units units in d = 1..max_dim dimensions, activation unspecified."""
    for m in range(1, max_units + 1):
        for d in range(1, max_dim + 1):
            v, w = make_network(m, d, tag="c")
            p = column(sp.symbols(f"p_1:{d + 1}", real=True))
            q = column(sp.symbols(f"q_1:{d + 1}", real=True))
            gap = sp.expand(tangent_kernel(p, q, v, w) - kernel_closed_form(p, q, v, w))
            if gap != 0:
                return False, {"units": m, "dimension": d, "difference": sp.sstr(gap)[:300]}
    return True, f"holds for m = 1..{max_units} units and d = 1..{max_dim} input dimensions"


# The mutants, with a concrete activation (tanh) so that SymPy can sample them: one unit in two
# dimensions is enough to show each wrong form fails.
V1, W1 = make_network(1, DIM, tag="m")
K_TANH = tangent_kernel(x, xp, V1, W1, act=sp.tanh)
_U, _UP = dot(W1.row(0).T, x), dot(W1.row(0).T, xp)
_TANH_OUT = sp.tanh(_U) * sp.tanh(_UP)


def _dtanh(u):
    return 1 - sp.tanh(u) ** 2


# The experiment's per-unit summands: s = sigma(w_i^T x), s_p = sigma(w_i^T x'), ds, ds_p their
# derivatives, v = v_i, xx = x^T x'.
s_, sp_, ds_, dsp_, v_, xx_ = sp.symbols("s s_p ds ds_p v xx", real=True)
HYPOTHESIS = {"out_part": s_ * sp_, "in_part": v_**2 * ds_ * dsp_ * xx_}

two_layer_ntk = Claim(
    id="two-layer-ntk",
    title="The NTK of f(w, x) = sum_i v_i sigma(w_i^T x): sum_i [sigma(w_i^T x) sigma(w_i^T x') + v_i^2 sigma'(w_i^T x) sigma'(w_i^T x') x^T x']",
    sources=(
        Source(SLIDES, 433, "Calculate the kernel for"),
        Source(SLIDES, 435, r"f(w, x) = \sum_i v_i \sigma(w_i^T x)"),
        Source(SLIDES, 403, r"w_{t+1} = w_t - \eta \nabla_w L(w_t)"),
        Source(SLIDES, 404, r"\frac{w_{t+1} - w_t}{\eta} = - \nabla_w L(w_t)"),
        Source(SLIDES, 410, r"\frac{dw(t)}{dt} &= -\nabla_w \mathcal{L}(w(t), x) \\"),
        Source(SLIDES, 420, r"\frac{df(w(t), x)}{dt} &= \nabla_w f(w(t), x) \frac{dw(t)}{dt} \\"),
        Source(SLIDES, 421, r"&= \nabla_w^T f(w(t), x) \frac{-2}{N} \sum_i (f(w(t), x_i) - y_i) \nabla_w f(w(t), x_i) \\"),
        Source(SLIDES, 423, r"&= -\frac{2}{N} \sum_i (f(w(t), x_i) - y_i) K(x, x_i)"),
        Source(SLIDES, 429, r"Feature  $\Phi(x_i)$"),
    ),
    assumptions=(
        "f(w, x) = sum_i v_i sigma(w_i^T x) (002:435), w standing for all the network's weights as on 002:403-423: "
        "theta = (v_1..v_m, w_1..w_m), both layers trained; K(x, x') = grad_theta f(x)^T grad_theta f(x') (002:422-423)",
        "sigma any differentiable activation (an unspecified SymPy function); shown for m = 2 units in d = 2 "
        "dimensions, and for m, d = 1..3 by a computation",
        "the slide's dynamics under the squared loss (1/N) sum_i (f(x_i) - y_i)^2 with N = 2 training points",
        "the experiment: 4 networks of width 64 on R^5 (v_i ~ N(0, 1/m), w_i ~ N(0, I/d)), 8 Gaussian inputs, "
        "the sigmoid of 002:88, float64",
    ),
    statement=Equal(K_AUTODIFF, K_CLOSED,
                    why="the tangent kernel of the two-layer network, with both layers trained"),
    steps=(
        Equal(K_AUTODIFF, V_BLOCK + W_BLOCK,
              why="theta = (v, w): the inner product of the gradients is the v-block's plus the w-block's"),
        Equal(V_BLOCK + W_BLOCK, OUT_PART + W_BLOCK,
              why="d f / d v_i = sigma(w_i^T x): the v-block gives sum_i sigma(w_i^T x) sigma(w_i^T x')"),
        Equal(OUT_PART + W_BLOCK, K_CLOSED,
              why="d f / d w_i = v_i sigma'(w_i^T x) x (chain rule): the w-block gives sum_i v_i^2 sigma' sigma' x^T x'"),
        Computed("the same closed form for m = 1..3 units and d = 1..3 input dimensions", _kernel_for_every_size,
                 why="the argument never used m = 2 or d = 2: redo it for each size"),
        Holds(sp.Eq(W_BLOCK, IN_PART, evaluate=False),
              why="with the output weights frozen (only the w_i trained) the kernel is the second sum alone"),
    ),
    forms=(
        Equal((STEP - column(THETA)) / eta, -GRAD_L,
              source=Source(SLIDES, 404, r"\frac{w_{t+1} - w_t}{\eta} = - \nabla_w L(w_t)"),
              why="002:403-404: the gradient step w_{t+1} = w_t - eta grad L(w_t), divided by eta, is a difference quotient"),
        Equal(sp.diff(F_ON_PATH, t), CHAIN_IN_TIME,
              source=Source(SLIDES, 420, r"\frac{df(w(t), x)}{dt} &= \nabla_w f(w(t), x) \frac{dw(t)}{dt} \\"),
              why="002:420: along any path of the weights, d f/dt = grad_w f . dw/dt (chain rule), for this network"),
        Equal(dot(GRAD_X, -GRAD_L), dot(GRAD_X, FLOW),
              source=Source(SLIDES, 421, r"&= \nabla_w^T f(w(t), x) \frac{-2}{N} \sum_i (f(w(t), x_i) - y_i) \nabla_w f(w(t), x_i) \\"),
              why="002:421: the flow dw/dt = -grad_w L = -(2/N) sum_i (f(x_i) - y_i) grad_w f(x_i) put into the chain rule"),
        Equal(dot(GRAD_X, -GRAD_L),
              -sp.Integer(2) / N * sum(r * kernel_closed_form(x, p, V, W) for r, p in zip(RESIDUALS, XS)),
              source=Source(SLIDES, 423, r"&= -\frac{2}{N} \sum_i (f(w(t), x_i) - y_i) K(x, x_i)"),
              why="002:423 with this network's kernel: the outputs move by -(2/N) sum_i (f(x_i) - y_i) K(x, x_i)"),
    ),
    numeric=Numeric(kernel_against_jacobian, HYPOTHESIS,
                    "both parts of the closed form agree with J_v J_v^T and J_w J_w^T from jax.jacfwd to within a float64 "
                    "round-off bound 2 (m (d + 1) + 4) u sum_i |summand_i| (sigmoid activation), and its Gram matrix is "
                    "positive semidefinite to within n times that bound (K = Phi^T Phi with the feature Phi = grad f, 002:429)"),
    mutants=(
        Mutant("v-not-squared", Equal(K_TANH, _TANH_OUT + V1[0] * _dtanh(_U) * _dtanh(_UP) * dot(x, xp)),
               {**HYPOTHESIS, "in_part": v_ * ds_ * dsp_ * xx_},
               "v_i instead of v_i^2: the output weight counted once, though it is in both gradients"),
        Mutant("no-input-product", Equal(K_TANH, _TANH_OUT + V1[0] ** 2 * _dtanh(_U) * _dtanh(_UP)),
               {**HYPOTHESIS, "in_part": v_**2 * ds_ * dsp_},
               "x^T x' dropped: as if d(w_i^T x)/d w_i were 1 rather than x"),
        Mutant("activation-for-derivative", Equal(K_TANH, _TANH_OUT + V1[0] ** 2 * _TANH_OUT * dot(x, xp)),
               {**HYPOTHESIS, "in_part": v_**2 * s_ * sp_ * xx_},
               "sigma in place of sigma' in the input-weight part"),
    ),
    references=(JACOT,),
)
