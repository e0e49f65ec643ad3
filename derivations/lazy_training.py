"""Lazy training of a two-layer network: the linearisation of gradient flow (004:27-137,
handwritten notes read through noisy OCR: the claims encode the mathematics the text clearly
states and quote fragments that are really in the file).

Three claims:

- ``lazy-training-risk-decay``: with R(theta) = (1/2n) ||y - f_n(theta)||^2 and gradient flow
  d theta/dt = (1/n) grad f_n(theta) (y - f_n(theta)) (004:27), the outputs move by the NTK,
  d f_t/dt = -(1/n) K_t (f_t - y), and the risk decreases: d R/dt = -(1/n^2) <f_t - y, K_t (f_t - y)>
  <= 0 (004:46-53, where the notes write 1/n).
- ``lazy-training-linearized-limit``: the linearised flow (gradient flow on the risk of the
  first-order model at theta_0, 004:27) has the solution
  theta_bar_t = theta_0 + J_0^T K_0^{-1} (I - e^{-K_0 t / n}) (y - f_0), which tends to the
  minimum-norm interpolant (004:30, 004:129); the lemma of 004:124-128 (theta_t stays close to
  theta_bar_t for wide networks) is the experiment, a width sweep.
- ``two-layer-model-gradient``: for f(x; theta) = (1/sqrt(m)) sum_j a_j sigma(<w_j, x>),
  theta = (w_1, ..., w_m), p = m d (004:104-106), the gradient is
  d f / d w_jk = (1/sqrt(m)) a_j sigma'(<w_j, x>) x_k (004:118) and the NTK is
  (1/m) sum_j a_j^2 sigma'(<w_j, x>) sigma'(<w_j, x'>) <x, x'>.

Notation. 004:27 writes grad f_n(theta) in R^{p x n} (the Jacobian's transpose); here J is the
n x p Jacobian, so grad f_n = J^T and K = J J^T, and products the OCR shows with a lost or
misplaced transpose (004:49) are read so that they are defined. The OCR renders the model's
prefactor as 1/16 and 1/p (004:104, 004:108) and the gradient's as 1/m (004:118); the claims use
1/sqrt(m), the scaling under which the lemma's linearisation holds (Bartlett, Montanari, Rakhlin
2021, section 5), and the mutant ``one-over-m`` shows the 1/m reading is not the gradient of
the 1/sqrt(m) model.
"""
from __future__ import annotations

import sympy as sp

from checks import Claim, Equal, Holds, Mutant, Numeric, Reference, Source
from derivations._vectors import column, dot, gradient
from numerics.lazy_training import gradient_formula_vs_autodiff, linearized_parameter_gap, risk_derivative_order

HANDWRITTEN = "004_eb6a47582e049a09.txt"
BMR = Reference("Bartlett, Montanari, Rakhlin 2021, Deep learning: a statistical viewpoint",
                "section 5 (linearization, lazy training of two-layer networks)", "https://arxiv.org/abs/2103.09177")
JGH = Reference("Jacot, Gabriel, Hongler 2018, Neural tangent kernel: convergence and generalization in neural networks",
                "", "https://arxiv.org/abs/1806.07572")
CHIZAT = Reference("Chizat, Oyallon, Bach 2019, On lazy training in differentiable programming", "",
                   "https://arxiv.org/abs/1812.07956")


# ---------------------------------------------------------------------------------------------
# Gradient flow on the empirical risk: outputs move by the NTK, the risk decreases
# ---------------------------------------------------------------------------------------------
# n = 2 data points, p = 3 parameters. Plain symbols: the identities hold for all real values.
N_POINTS = 2
n = sp.Integer(N_POINTS)
J = sp.Matrix(2, 3, sp.symbols("J_11 J_12 J_13 J_21 J_22 J_23", real=True))   # d f_n / d theta at theta_t
TH = column(sp.symbols("theta_1:4"))
TH_T = column(sp.symbols("theta_1(t) theta_2(t) theta_3(t)"))
F_T = column(sp.symbols("f_1(t) f_2(t)", real=True))                # f_t = f_n(theta_t)
Y_N = column(sp.symbols("y_1:3", real=True))
# Near theta_t any differentiable f_n is f_t + J (theta - theta_t) + O(|theta - theta_t|^2): the
# gradient of R at theta_t sees only f_t and J, so this model gives the flow's velocity exactly.
F_N = F_T + J * (TH - TH_T)
RISK = dot(Y_N - F_N, Y_N - F_N) / (2 * n)                         # 004:27
AT_T = dict(zip(TH, TH_T))
GRAD_R = gradient(RISK, TH).subs(AT_T)                              # by SymPy
TH_DOT = -GRAD_R                                                    # gradient flow
F_DOT = J * TH_DOT                                                  # chain rule: d f_t/dt
DR_DT = dot(GRAD_R, TH_DOT)                                         # chain rule: d R(theta_t)/dt
K_T = J * J.T
RES = F_T - Y_N
QUAD = dot(RES, K_T * RES)                                          # <f_t - y, K_t (f_t - y)>
JT_RES = J.T * RES
JT_COORDS = sp.symbols("(J^T(f-y))_1:4", real=True)                 # its entries, as real numbers

q_, n_ = sp.symbols("Q n")   # the experiment: Q = <f - y, K (f - y)> and the number of points

risk_decay = Claim(
    id="lazy-training-risk-decay",
    title="Under gradient flow on R = (1/2n)|y - f_n|^2, df/dt = -(1/n) K_t (f_t - y) and dR/dt = -(1/n^2) <f_t - y, K_t(f_t - y)> <= 0",
    sources=(
        Source(HANDWRITTEN, 27, r"\widehat{R}(\Theta) = \frac{1}{2n} \| \gamma_n - f_n(\Theta) \|^2"),
        Source(HANDWRITTEN, 27, r"\frac{d\Theta_{t}}{dt} = \frac{1}{n} \nabla_{f_{n}}(\Theta_{t}) (\gamma_{n} - f_{n}(\Theta_{t}))"),
        Source(HANDWRITTEN, 48, r"\hat{R}(\theta_{t}) = \frac{1}{2} \|f_{t} - Y_{t}\|^{L}"),
        Source(HANDWRITTEN, 49, r"= -\frac{1}{n} \nabla f_{n}(\theta_{t}) \nabla f_{n}(\theta_{t})^{T} [f_{t} - Y_{n}]"),
        Source(HANDWRITTEN, 52, r"\frac{d}{dt} \hat{R}(\theta_{t}) = \frac{d}{dt} \frac{1}{2} \|f_{t} - Y_{n}\|^{2}"),
        Source(HANDWRITTEN, 53, r"= -\frac{1}{n} \langle f_{t} - Y_{n}, K_{t} (f_{t} - Y_{n}) \rangle"),
    ),
    assumptions=(
        "f_n differentiable; theta_t follows gradient flow on R; J = d f_n/d theta at theta_t (grad f_n = J^T in 004:27's "
        "p x n convention), K_t = J J^T",
        "n = 2 points and p = 3 parameters, symbolic Jacobian, outputs and targets; the gradient of R at theta_t is taken "
        "by SymPy on the first-order model f_t + J (theta - theta_t), which has the same gradient there",
        "the OCR of 004:48-80 repeats 004:53 many times; 004:61 reads a garbled 1/(2n) that is not encoded",
        "the experiment: 16 networks f = (1/sqrt(m)) sum_j a_j tanh(<w_j, x>) of width 256 (004:104), n = 8 points on the "
        "sphere in R^3 with Gaussian targets, moved by +-delta along their flow velocity",
    ),
    statement=Equal(DR_DT, -QUAD / n**2,
                    why="d R/dt = grad R . d theta/dt = -|grad R|^2 = -(1/n^2) |J^T (f - y)|^2 = -(1/n^2) <f - y, K (f - y)>"),
    steps=(
        Equal(DR_DT, dot(RES, F_DOT) / n,
              why="R = (1/2n) |f_t - y|^2, so d R/dt = (1/n) <f_t - y, d f_t/dt>"),
        Equal(dot(RES, F_DOT) / n, dot(RES, -K_T * RES / n) / n,
              why="d f_t/dt = J d theta/dt = -(1/n) J J^T (f_t - y) = -(1/n) K_t (f_t - y) (004:49-50)"),
        Equal(dot(RES, -K_T * RES / n) / n, -QUAD / n**2, why="the two factors 1/n multiply"),
        Holds(sp.Eq(QUAD, dot(JT_RES, JT_RES), evaluate=False),
              why="K = J J^T, so <f - y, K (f - y)> = |J^T (f - y)|^2 = sum_k (J^T (f - y))_k^2"),
        Holds(sp.Le(-sum(c**2 for c in JT_COORDS) / n**2, 0, evaluate=False),
              why="a sum of squares is >= 0, so d R/dt = -(1/n^2) sum_k (J^T (f - y))_k^2 <= 0: the risk never increases"),
    ),
    forms=(
        Equal(TH_DOT, J.T * (Y_N - F_T) / n,
              source=Source(HANDWRITTEN, 27, r"\frac{d\Theta_{t}}{dt} = \frac{1}{n} \nabla_{f_{n}}(\Theta_{t}) (\gamma_{n} - f_{n}(\Theta_{t}))"),
              why="004:27: -grad R = (1/n) grad f_n (y - f_n) with grad f_n = J^T"),
        Equal(F_DOT, -J * J.T * RES / n,
              source=Source(HANDWRITTEN, 49, r"= -\frac{1}{n} \nabla f_{n}(\theta_{t}) \nabla f_{n}(\theta_{t})^{T} [f_{t} - Y_{n}]"),
              why="004:49: d f_t/dt = -(1/n) J J^T (f_t - y) (the Jacobian products read so that they are defined)"),
        Equal(F_DOT, -K_T * RES / n,
              source=Source(HANDWRITTEN, 50, r"= -\frac{1}{n} k_{t} (f_{t} - Y_{n})"),
              why="004:50: = -(1/n) K_t (f_t - y)"),
        Equal(RISK.subs(AT_T), dot(RES, RES) / 2,
              source=Source(HANDWRITTEN, 48, r"\hat{R}(\theta_{t}) = \frac{1}{2} \|f_{t} - Y_{t}\|^{L}"),
              why="004:48 as written: R(theta_t) = (1/2) |f_t - y|^2, without the 1/n of 004:27",
              correction=Equal(RISK.subs(AT_T), dot(RES, RES) / (2 * n), why="R(theta_t) = (1/2n) |f_t - y|^2 (004:27)")),
        Equal(dot(gradient(dot(F_T - Y_N, F_T - Y_N) / 2, F_T), F_DOT), dot(RES, F_DOT),
              source=Source(HANDWRITTEN, 52, r"\frac{d}{dt} \frac{1}{2} \|f_{t} - Y_{n}\|^{2} = \cdot \langle f_{t} - Y_{n}, f_{t} \rangle"),
              why="004:52: d/dt (1/2)|f_t - y|^2 = <f_t - y, d f_t/dt> (the dot of f_t lost in the OCR)"),
        Equal(DR_DT, -QUAD / n,
              source=Source(HANDWRITTEN, 53, r"= -\frac{1}{n} \langle f_{t} - Y_{n}, K_{t} (f_{t} - Y_{n}) \rangle"),
              why="004:52-53 as written: d R(theta_t)/dt = -(1/n) <f_t - y, K_t (f_t - y)>, the chain begun with R(theta_t)",
              correction=Equal(DR_DT, -QUAD / n**2,
                               why="with R = (1/2n)|f - y|^2 the derivative carries 1/n^2; -(1/n) <., .> is d/dt of (1/2)|f_t - y|^2")),
    ),
    numeric=Numeric(risk_derivative_order, {"rate": -q_ / n_**2},
                    "the central difference of R along the flow's velocity converges to the hypothesis at order 2 "
                    "(log-log slope of the rms error in [1.9, 2.1]) and is negative for every network"),
    mutants=(
        Mutant("one-over-n-as-004-53", Equal(DR_DT, -QUAD / n), {"rate": -q_ / n_},
               "d R/dt = -(1/n) <f - y, K (f - y)>, as 004:53 writes it"),
        Mutant("risk-increases", Equal(DR_DT, QUAD / n**2), {"rate": q_ / n_**2},
               "d R/dt = +(1/n^2) <f - y, K (f - y)>: the flow's sign lost"),
    ),
    references=(BMR, JGH),
)

# ---------------------------------------------------------------------------------------------
# The linearised flow, its closed form and its minimum-norm limit
# ---------------------------------------------------------------------------------------------
# A fixed full-rank Jacobian at theta_0 with a rational kernel: K_0 = J_0 J_0^T = [[2, 1], [1, 2]],
# eigenvalues 3 and 1 with eigenvectors (1, 1) and (1, -1); null space of J_0 spanned by (1, -1, -1).
t = sp.Symbol("t")
J0 = sp.Matrix([[1, 1, 0], [1, 0, 1]])
K0 = J0 * J0.T
EIG = sp.Matrix([[1, 1], [1, -1]])
NULL = sp.Matrix([1, -1, -1])
TH0 = column(sp.symbols("theta_1(0) theta_2(0) theta_3(0)"))
F0 = column(sp.symbols("f_1(0) f_2(0)"))                              # f_n(theta_0)
THB = column(sp.symbols("thetabar_1:4"))
I2 = sp.eye(2)


def exp_k0(rate):
    """e^{-rate K_0 t}, from the eigen-decomposition K_0 = EIG diag(3, 1) EIG^{-1}."""
    return EIG * sp.diag(sp.exp(-3 * rate * t), sp.exp(-rate * t)) * EIG.inv()


def linear_flow(theta):
    """004:27: d theta_bar/dt = (1/n) grad f_n(theta_0) (y - f_n(theta_0) - grad f_n(theta_0)^T (theta_bar - theta_0))."""
    return J0.T * (Y_N - F0 - J0 * (theta - TH0)) / n


def closed_form(rate, inverse=True):
    """theta_0 + J_0^T K_0^{-1} (I - e^{-rate K_0 t}) (y - f_0); without K_0^{-1} if ``inverse`` is False."""
    gain = K0.inv() if inverse else I2
    return TH0 + J0.T * gain * (I2 - exp_k0(rate)) * (Y_N - F0)


def ivp(theta_t):
    """(d theta_bar/dt, theta_bar(0)) stacked against (the linear flow, theta_0)."""
    return theta_t.diff(t).col_join(theta_t.subs(t, 0)), linear_flow(theta_t).col_join(TH0)


THB_T = closed_form(1 / n)
TH_MIN_NORM = TH0 + J0.T * K0.inv() * (Y_N - F0)
RISK_LIN = dot(Y_N - F0 - J0 * (THB - TH0), Y_N - F0 - J0 * (THB - TH0)) / (2 * n)
s_ = sp.Symbol("s")

lam_, t_ = sp.symbols("lambda t")   # the experiment: one eigen-mode of each network's K_0

linearized_limit = Claim(
    id="lazy-training-linearized-limit",
    title="The linearised flow is theta_bar_t = theta_0 + J_0^T K_0^{-1}(I - e^{-K_0 t/n})(y - f_0) -> the minimum-norm interpolant; wide networks stay near it",
    sources=(
        Source(HANDWRITTEN, 27, r"\nabla_{f_{n}} (\theta_{o})^{\mathsf{T}} (\overline{\Theta}_{t} - \Theta_{o}) \right)"),
        Source(HANDWRITTEN, 27, r"\widehat{R}^{\ln}(\overline{\Theta}) = \frac{1}{2n} \left\| \gamma - \int_{n} (\Theta_{0}) - \nabla_{fn} (\Theta_{0})^{T} (\overline{\Theta} - \Theta_{0}) \right\|^{2}"),
        Source(HANDWRITTEN, 30, r"\nabla f_{n}(\Theta_{0})^{2} (\overline{\Theta} - \Theta_{0}) = Y - f_{n}(\Theta_{0})^{2}"),
        Source(HANDWRITTEN, 124, r"leguna (BMR21)"),
        Source(HANDWRITTEN, 129, r"is the min-norm solution"),
    ),
    assumptions=(
        "J_0 = d f_n/d theta at theta_0 has full row rank n <= p (004:27: 'full-rank'), so K_0 = J_0 J_0^T is invertible",
        "shown for n = 2, p = 3 with J_0 = [[1, 1, 0], [1, 0, 1]] (K_0 = [[2, 1], [1, 2]]), symbolic theta_0, f_0, y; the "
        "tests take other integer Jacobians",
        "the OCR of 004:30 writes the transposes as squares; the lemma of 004:124-128 ('under certain conditions', "
        "sup_t |theta_t - theta_bar_t| -> 0 as m grows) is tested numerically, not proved",
        "the experiment: networks f = (1/sqrt(m)) sum_j a_j tanh(<w_j, x>) (004:104-114: a_j = +-1 half each, w_j uniform on "
        "the sphere, only the w_j trained) of widths 32..1024, 4 each, trained by RK4 gradient flow on R, n = 8 points on "
        "the sphere in R^3, against theta_bar_t built from each network's own J_0",
    ),
    statement=Equal(*ivp(THB_T),
                    why="theta_bar_t satisfies the linear flow of 004:27 and starts at theta_0: by uniqueness it is the linearised trajectory"),
    steps=(
        Equal(-gradient(RISK_LIN, THB), linear_flow(THB),
              source=Source(HANDWRITTEN, 27, r"\widehat{R}^{\ln}(\overline{\Theta}) = \frac{1}{2n} \left\| \gamma - \int_{n} (\Theta_{0}) - \nabla_{fn} (\Theta_{0})^{T} (\overline{\Theta} - \Theta_{0}) \right\|^{2}"),
              why="004:27: the linear flow is gradient flow on the risk of the first-order model at theta_0"),
        Equal(exp_k0(1 / n).diff(t).col_join(exp_k0(1 / n).subs(t, 0)), (-K0 * exp_k0(1 / n) / n).col_join(I2),
              why="E(t) = EIG diag(e^{-3t/n}, e^{-t/n}) EIG^{-1} solves E' = -(K_0/n) E, E(0) = I: it is e^{-K_0 t/n}"),
        Equal(THB_T.applyfunc(lambda e: sp.limit(e, t, sp.oo)), TH_MIN_NORM,
              why="e^{-K_0 t/n} -> 0 as t -> oo (K_0 positive definite): theta_bar_oo = theta_0 + J_0^T K_0^{-1} (y - f_0)"),
        Equal(J0 * (TH_MIN_NORM - TH0), Y_N - F0,
              source=Source(HANDWRITTEN, 30, r"\nabla f_{n}(\Theta_{0})^{2} (\overline{\Theta} - \Theta_{0}) = Y - f_{n}(\Theta_{0})^{2}"),
              why="004:30: the limit interpolates the linearised model, J_0 (theta_bar_oo - theta_0) = y - f_0"),
        Equal(J0 * NULL, sp.zeros(2, 1), why="(1, -1, -1) spans the null space of J_0: every interpolant is theta_bar_oo + s (1, -1, -1)"),
        Equal(dot(TH_MIN_NORM + s_ * NULL - TH0, TH_MIN_NORM + s_ * NULL - TH0),
              dot(TH_MIN_NORM - TH0, TH_MIN_NORM - TH0) + s_**2 * dot(NULL, NULL),
              source=Source(HANDWRITTEN, 129, r"is the min-norm solution"),
              why="004:30, 004:129: theta_bar_oo - theta_0 lies in the row space of J_0, orthogonal to the null space, so "
                  "|theta - theta_0|^2 = |theta_bar_oo - theta_0|^2 + s^2 |(1, -1, -1)|^2 is least at s = 0"),
    ),
    numeric=Numeric(linearized_parameter_gap, {"weight": (1 - sp.exp(-lam_ * t_ / n_)) / lam_},
                    "sup_t |theta_t - theta_bar_t| / |y - f_0|^2 shrinks with the width m as m^b, b below 0 (one-sided 99.9%) "
                    "and consistent with -1/2 (99.9% Student interval plus 0.1)"),
    mutants=(
        Mutant("rate-without-one-over-n", Equal(*ivp(closed_form(1))), {"weight": (1 - sp.exp(-lam_ * t_)) / lam_},
               "theta_bar_t with e^{-K_0 t}: the 1/n of the risk forgotten in the exponent"),
        Mutant("no-inverse-kernel", Equal(*ivp(closed_form(1 / n, inverse=False))), {"weight": 1 - sp.exp(-lam_ * t_ / n_)},
               "theta_bar_t = theta_0 + J_0^T (I - e^{-K_0 t/n})(y - f_0), which tends to theta_0 + J_0^T (y - f_0): not an interpolant"),
    ),
    references=(BMR, CHIZAT, JGH),
)

# ---------------------------------------------------------------------------------------------
# The two-layer model, its gradient and its NTK
# ---------------------------------------------------------------------------------------------
M_UNITS, DIM = 2, 2
W = sp.Matrix(M_UNITS, DIM, lambda j, k: sp.Symbol(f"w_{j + 1}{k + 1}"))
A = sp.symbols(f"a_1:{M_UNITS + 1}")
X = column(sp.symbols(f"x_1:{DIM + 1}"))
XP = column(sp.symbols(f"x'_1:{DIM + 1}"))
sigma = sp.Function("sigma")
u_ = sp.Symbol("u")


def inner(weights, j, point):
    return dot(weights[j, :].T, point)


def model(point, act=sigma, weights=W, outs=A):
    """004:104: f(x; theta) = (1/sqrt(m)) sum_j a_j sigma(<w_j, x>), w_j the rows of ``weights``."""
    m = weights.rows
    return sum(outs[j] * act(inner(weights, j, point)) for j in range(m)) / sp.sqrt(m)


def act_derivative(act, z):
    """sigma'(z) as SymPy writes the derivative of sigma at z."""
    return sp.diff(act(u_), u_).subs(u_, z)


def model_gradient(point, act=sigma, weights=W, outs=A):
    f = model(point, act, weights, outs)
    return weights.applyfunc(lambda w: sp.diff(f, w))


def gradient_formula(point, act=sigma, prefactor=None, use_derivative=True, weights=W, outs=A):
    """[grad f(x)]_{(j, k)} = prefactor a_j sigma'(<w_j, x>) x_k (or sigma instead of sigma'),
    prefactor 1/sqrt(m) unless given."""
    m, d = weights.shape
    c = 1 / sp.sqrt(m) if prefactor is None else prefactor
    g = (lambda z: act_derivative(act, z)) if use_derivative else act
    return sp.Matrix(m, d, lambda j, k: c * outs[j] * g(inner(weights, j, point)) * point[k])


def ntk_formula(p, q, act=sigma, weights=W, outs=A):
    """(1/m) sum_j a_j^2 sigma'(<w_j, x>) sigma'(<w_j, x'>) <x, x'>."""
    m = weights.rows
    return sum(outs[j] ** 2 * act_derivative(act, inner(weights, j, p)) * act_derivative(act, inner(weights, j, q))
               for j in range(m)) * dot(p, q) / m


GRAD_X, GRAD_XP = model_gradient(X), model_gradient(XP)
NTK_SUM = sum(GRAD_X[j, k] * GRAD_XP[j, k] for j in range(M_UNITS) for k in range(DIM))
NTK_FORMULA = ntk_formula(X, XP)

m_, a_, sig_, dsig_, x_ = sp.symbols("m a sigma dsigma x")   # the experiment: one entry d f / d w_jk

two_layer_gradient = Claim(
    id="two-layer-model-gradient",
    title="For f = (1/sqrt(m)) sum_j a_j sigma(<w_j, x>), d f/d w_jk = (1/sqrt(m)) a_j sigma'(<w_j, x>) x_k and K = (1/m) sum_j a_j^2 sigma' sigma' <x, x'>",
    sources=(
        Source(HANDWRITTEN, 104, r"\sum_{j=1}^{m} q_{j} \sigma((\omega_{j}, z)), \quad \theta = (\omega_{1, \dots, j}, \omega_{m})"),
        Source(HANDWRITTEN, 106, r"p = md."),
        Source(HANDWRITTEN, 118, r"[\nabla f(x; \theta)]_{i_{1}(j_{1}k)}"),
        Source(HANDWRITTEN, 118, r"q_{j} \sigma^{-1}(\langle \omega_{j}, z_{2} \rangle) z_{1k}"),
    ),
    assumptions=(
        "sigma differentiable (an undefined SymPy function); only the first-layer weights w_j are trained, theta in R^{m d}",
        "shown for m = 2 units in d = 2 dimensions; the mutants are refuted already for sigma = tanh",
        "the OCR writes sigma' as sigma^{-1} and the prefactors as 1/16, 1/p (model) and 1/m (gradient): the model is "
        "read with 1/sqrt(m) (the lazy-training scaling of BMR21), and the gradient is derived from it",
        "the experiment: 8 networks of width 64 with sigma = tanh, a_j = +-1, w_j and 8 inputs uniform on the sphere in R^3",
    ),
    statement=Equal(GRAD_X, gradient_formula(X),
                    why="only the j-th term depends on w_j, and d sigma(<w_j, x>)/d w_jk = sigma'(<w_j, x>) x_k (chain rule)"),
    steps=(
        Equal(NTK_SUM, NTK_FORMULA,
              why="K(x, x') = sum_{j,k} d f(x)/d w_jk d f(x')/d w_jk = (1/m) sum_j a_j^2 sigma'(<w_j, x>) sigma'(<w_j, x'>) sum_k x_k x'_k"),
    ),
    forms=(
        Equal(sp.Integer(len(W)), sp.Integer(M_UNITS * DIM), source=Source(HANDWRITTEN, 106, r"p = md."),
              why="004:106: theta = (w_1, ..., w_m) with w_j in R^d has p = m d entries"),
        Equal(GRAD_X, gradient_formula(X),
              source=Source(HANDWRITTEN, 118, r"[\nabla f(x; \theta)]_{i_{1}(j_{1}k)}"),
              why="004:118, read as [grad f(x_i; theta)]_{(j, k)} = (1/sqrt(m)) a_j sigma'(<w_j, x_i>) x_ik"),
    ),
    numeric=Numeric(gradient_formula_vs_autodiff, {"entry": a_ * dsig_ * x_ / sp.sqrt(m_)},
                    "the formula matches JAX's reverse-mode Jacobian entrywise to 8 u |x_k| / sqrt(m)"),
    mutants=(
        Mutant("one-over-m", Equal(model_gradient(X, sp.tanh), gradient_formula(X, sp.tanh, prefactor=sp.Rational(1, M_UNITS))),
               {"entry": a_ * dsig_ * x_ / m_}, "the prefactor 1/m, as the OCR of 004:118 reads, for the 1/sqrt(m) model"),
        Mutant("activation-not-derivative", Equal(model_gradient(X, sp.tanh), gradient_formula(X, sp.tanh, use_derivative=False)),
               {"entry": a_ * sig_ * x_ / sp.sqrt(m_)}, "sigma(<w_j, x>) in place of sigma'(<w_j, x>): the chain rule's outer derivative dropped"),
    ),
    references=(BMR, JGH),
)
