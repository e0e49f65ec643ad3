"""Backpropagation through one layer of the notes' network (003 section 1.4.2, eqs. 1.19-1.21 and
the three gradient formulas at lines 657-665).

The notes' indexing (1.13, 1.14): h^k = a[f^(k-1)], f^k = b^k + Omega^k h^k, with h^1 = x. Writing
delta^k = dl/df^k,

    dl/db^k = delta^k                                        (1.19)
    dl/dOmega^k = delta^k (h^k)^T                            (1.20)
    dl/df^(k-1) = a'(f^(k-1)) * ((Omega^k)^T delta^k)        (1.21)
    dl/dOmega^(k-1) = (a'(f^(k-1)) * ((Omega^k)^T delta^k)) (h^(k-1))^T,

with a' = Theta (the Heaviside step) for ReLU, and in indices dl/dOmega^(k-1)_il =
sum_j Theta(f_i^(k-1)) Omega^k_ji delta^k_j h^(k-1)_l. The notes write the activation's derivative as
"dl/da"; it stands for a'(f^(k-1)) (line 659 replaces it by the derivative of ReLU), and is encoded so.

Encoded on two layers with widths D_1 = 2 (input), D_2 = 3, D_3 = 2 (unequal, so a missing transpose
cannot pass), an arbitrary differentiable activation a, and the loss l = delta . f^2, whose gradient
in f^2 is exactly delta (any loss has some gradient delta^2 at the point; the chain rule is linear in
it). The ReLU forms use a = Max(0, .), whose derivative SymPy writes as Heaviside.
"""
from __future__ import annotations

import sympy as sp

from checks import Claim, Equal, Mutant, Numeric, Reference, Source
from numerics.backprop_gradients import backprop_against_autodiff

NOTES = "003_102deae4affe1aa8.txt"
PRINCE = Reference("Prince 2023, Understanding Deep Learning", "section 7.4, the backward pass (the notes' notation)",
                   "https://udlbook.github.io/udlbook/")

D1, D2, D3 = 2, 3, 2


def _vector(name, n):
    return sp.Matrix(n, 1, lambda i, _: sp.Symbol(f"{name}_{i + 1}", real=True))


def _matrix(name, rows, cols):
    return sp.Matrix(rows, cols, lambda i, j: sp.Symbol(f"{name}_{{{i + 1}{j + 1}}}", real=True))


x = _vector("x", D1)                       # h^1
Om1, b1 = _matrix("Omega^1", D2, D1), _vector("b^1", D2)
Om2, b2 = _matrix("Omega^2", D3, D2), _vector("b^2", D3)
delta = _vector("delta", D3)               # dl/df^2
F = _vector("f", D2)                       # f^1 as free variables, for dl/df^1
a = sp.Function("a")                       # any differentiable activation
_T = sp.Symbol("T", real=True)
RELU = sp.Lambda(_T, sp.Max(0, _T))

F1 = b1 + Om1 * x                          # f^1 = b^1 + Omega^1 h^1       (1.14)


def act(v, activation=a):
    return v.applyfunc(activation)


def act_prime(v):
    """a'(v) elementwise, as SymPy's chain rule writes it."""
    return v.applyfunc(lambda t: sp.Subs(sp.Derivative(a(_T), _T), _T, t))


def loss(f1, activation=a):
    """l = delta . f^2 with f^2 = b^2 + Omega^2 a[f^1]."""
    return (delta.T * (b2 + Om2 * act(f1, activation)))[0]


def grad(expr, variables):
    return variables.applyfunc(lambda v: sp.diff(expr, v))


def relu(expr):
    """``expr`` with the activation a replaced by ReLU, derivatives evaluated (a' becomes Heaviside)."""
    return expr.subs(a, RELU).doit()


L = loss(F1)
H2 = act(F1)                                               # h^2 = a[f^1]     (1.13)
BACK = act_prime(F1).multiply_elementwise(Om2.T * delta)   # (1.21) at f^1
G_OM1 = grad(L, Om1)                                       # SymPy's dl/dOmega^1
CHAIN = sp.Matrix(D2, D1, lambda i, l: grad(loss(F), F)[i].subs(dict(zip(F, F1))) * x[l])
FORMULA = BACK * x.T                                       # line 657

HEAVI = F1.applyfunc(sp.Heaviside)
RELU_FORMULA = HEAVI.multiply_elementwise(Om2.T * delta) * x.T                               # line 661
INDEX_FORMULA = sp.Matrix(D2, D1, lambda i, l: sum(sp.Heaviside(F1[i]) * Om2[j, i] * delta[j] * x[l] for j in range(D3)))
G_OM1_RELU = relu(G_OM1)

# Plausible wrong versions, on the ReLU network (concrete, so that SymPy can refute them by evaluation).
NO_SLOPE = (Om2.T * delta) * x.T                                            # the activation's derivative dropped
ACT_FOR_SLOPE = act(F1, RELU).multiply_elementwise(Om2.T * delta) * x.T      # ReLU itself in place of its derivative

# The numeric hypotheses: matrix expressions of any size, lambdified.
n_, m_ = sp.symbols("n m", integer=True, positive=True)
d_, h_ = sp.MatrixSymbol("delta", n_, 1), sp.MatrixSymbol("h", m_, 1)
W_ = sp.MatrixSymbol("Omega", n_, m_)
s_, r_ = sp.MatrixSymbol("slope", m_, 1), sp.MatrixSymbol("relu", m_, 1)   # Theta(f) and ReLU(f) of the layer below


def _hypothesis(backward):
    return {"weight_gradient": sp.lambdify((d_, h_), d_ * h_.T, "numpy"),
            "backward": sp.lambdify((s_, r_, W_, d_), backward, "numpy")}


backprop_layer_gradients = Claim(
    id="backprop-layer-gradients",
    title="Backprop through a layer: dl/dOmega^(k-1) = (a'(f^(k-1)) * (Omega^k)^T delta^k) (h^(k-1))^T, with a' = Theta for ReLU",
    sources=(
        Source(NOTES, 649, r"\frac{\partial \ell}{\partial \mathbf{b}^k} = \frac{\partial \ell}{\partial \mathbf{f}^k} \tag{1.19}"),
        Source(NOTES, 651, r"\frac{\partial \ell}{\partial \Omega^k} = \frac{\partial \ell}{\partial \mathbf{f}^k} (\mathbf{h}^T)^k \quad (1.20)"),
        Source(NOTES, 657, r"\frac{\partial \ell}{\partial \Omega^{k-1}} = \left(\frac{\partial \ell}{\partial a} \odot \left((\Omega^T)^k \frac{\partial \ell}{\partial \mathbf{f}^k} \right) \right) (\mathbf{h}^T)^{k-1}"),
        Source(NOTES, 661, r"\frac{\partial \ell}{\partial \Omega^{k-1}} = \left(\Theta(\mathbf{f}^{k-1}) \odot \left((\Omega^T)^k \frac{\partial \ell}{\partial \mathbf{f}^k} \right) \right) (\mathbf{h}^T)^{k-1}"),
        Source(NOTES, 665, r"\frac{\partial \ell}{\partial \Omega_{il}^{k-1}} = \sum_{j=1}^n \Theta(f_i^{k-1}) \Omega_{ji}^k \delta_j^k h_l^{k-1}"),
    ),
    assumptions=(
        "the notes' network: h^k = a[f^(k-1)] (1.13), f^k = b^k + Omega^k h^k (1.14), h^1 = x; a applied elementwise",
        f"two layers with widths {D1}, {D2}, {D3}; delta = dl/df^2 any vector (the loss l = delta . f^2 has exactly that "
        "gradient); the notes' 'dl/da' read as the activation's derivative a'(f^(k-1)), as line 659 uses it",
        "ReLU's derivative taken as Heaviside (its value at 0 does not matter: f = 0 has probability 0 at initialisation)",
    ),
    statement=Equal(G_OM1, FORMULA, why="the gradient of the loss in the lower layer's weights"),
    steps=(
        Equal(G_OM1, CHAIN,
              why="chain rule through f^1 = b^1 + Omega^1 h^1: df^1_i/dOmega^1_il = h^1_l, so dl/dOmega^1 = (dl/df^1)(h^1)^T, "
                  "eq. (1.20) one layer down"),
        Equal(CHAIN, FORMULA,
              why="(1.21): dl/df^1 = a'(f^1) * ((Omega^2)^T delta^2), since f^2 depends on f^1 only through a[f^1]"),
    ),
    forms=(
        Equal(grad(L, b2), delta, why="(1.19): f^2 = b^2 + ..., so dl/db^2 = dl/df^2",
              source=Source(NOTES, 649, r"\frac{\partial \ell}{\partial \mathbf{b}^k} = \frac{\partial \ell}{\partial \mathbf{f}^k} \tag{1.19}")),
        Equal(grad(L, Om2), delta * H2.T, why="(1.20): dl/dOmega^2 = delta^2 (h^2)^T, a D_3 x D_2 matrix like Omega^2",
              source=Source(NOTES, 651, r"\frac{\partial \ell}{\partial \Omega^k} = \frac{\partial \ell}{\partial \mathbf{f}^k} (\mathbf{h}^T)^k \quad (1.20)")),
        Equal(G_OM1, FORMULA, why="line 657, the general activation",
              source=Source(NOTES, 657, r"\frac{\partial \ell}{\partial \Omega^{k-1}} = \left(\frac{\partial \ell}{\partial a} \odot")),
        Equal(G_OM1_RELU, RELU_FORMULA, why="line 661: for ReLU the derivative is the Heaviside step Theta(f^(k-1))",
              source=Source(NOTES, 661, r"\left(\Theta(\mathbf{f}^{k-1}) \odot \left((\Omega^T)^k \frac{\partial \ell}{\partial \mathbf{f}^k} \right) \right) (\mathbf{h}^T)^{k-1}")),
        Equal(G_OM1_RELU, INDEX_FORMULA, why="line 665, the same in indices: sum over the units j of the upper layer",
              source=Source(NOTES, 665, r"\sum_{j=1}^n \Theta(f_i^{k-1}) \Omega_{ji}^k \delta_j^k h_l^{k-1}")),
    ),
    numeric=Numeric(
        backprop_against_autodiff,
        _hypothesis(sp.HadamardProduct(s_, W_.T * d_)),
        "3-layer bias-carrying ReLU MLPs of widths 5-7-4-3 at 16 random points: the recursion delta^(k-1) = "
        "backward(Theta(f), ReLU(f), Omega^k, delta^k), dl/dOmega^k = weight_gradient(delta^k, h^k), dl/db^k = delta^k "
        "against jax.grad, every entry within 64 u (1 + max|grad|)",
    ),
    mutants=(
        Mutant("slope-dropped", Equal(G_OM1_RELU, NO_SLOPE), _hypothesis(W_.T * d_),
               "dl/df^(k-1) = (Omega^k)^T delta^k: the ReLU's derivative left out, as for a linear network"),
        Mutant("activation-for-derivative", Equal(G_OM1_RELU, ACT_FOR_SLOPE), _hypothesis(sp.HadamardProduct(r_, W_.T * d_)),
               "ReLU(f^(k-1)) in place of Theta(f^(k-1)): the activation where its derivative belongs"),
    ),
    references=(PRINCE,),
)
