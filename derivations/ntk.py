"""The neural tangent kernel: output dynamics under gradient flow, the linearised model and the
squared-loss solution (000:14-88; slides 002:401-436 "Gradient Flow" and 002:473-486 "NTK solution").

Three claims:

- ``ntk-output-dynamics``: under gradient flow d theta / dt = -grad L on
  L = (1/N) sum_i l(f(x_i; theta), y_i), the output moves as
  d f(x) / dt = -(1/N) sum_i K(x, x_i) dl/df(f(x_i), y_i) with K(x, x') = grad f(x)^T grad f(x')
  (000:32-49). The slides' squared-loss version (002:409-423) carries 2/N.
  Symbolically on a one-unit network a tanh(w x) with both parameters trained, two training points
  and the exponential loss e^{-y f} (a general loss: dl/df is not a residual); the slides' forms
  with their squared loss.
- ``ntk-linearized-model``: f^lin(theta) = f(theta_0) + grad f(theta_0)(theta - theta_0) is f to
  first order (000:61), and under the flow it moves by the kernel at initialisation,
  d f^lin/dt = -eta K(theta_0) grad_f L (000:66-68, 002:475).
- ``ntk-squared-loss-solution``: with d l / d f = f - Y (L = ||f - Y||^2 / 2) and the kernel held
  fixed, d f / dt = -eta K (f - Y) has the solution f(t) = e^{-eta K t} (f(0) - Y) + Y
  (000:73-84, 002:479-483). Symbolic with K = Q Lambda Q^T 2x2, symbolic eigenvalues, a fixed
  rotation Q (so e^{-eta K t} = Q e^{-eta Lambda t} Q^T, claim ntk-exponential-eigenbasis).

The experiments use 004's two-layer network (numerics/ntk.py): difference quotients along the flow
for the first two claims, and for the third a width sweep of networks trained by gradient flow
against the closed form built from each network's empirical NTK at initialisation.

Notation. The notes write grad_theta f as a P x n_L column (000:36) but also use its transpose as
the Jacobian (000:61, 000:66-67, 002:475): products are read so that they are defined, with
J = d f(X) / d theta the N x P Jacobian and K = J J^T. Where the notes put a matrix exponential
to the right of a vector, (f(0) - Y) e^{-eta K t}, it acts on the vector: e^{-eta K t} (f(0) - Y).
"""
from __future__ import annotations

import sympy as sp

from checks import Claim, Equal, Mutant, Numeric, Reference, Source
from derivations._vectors import column, dot, gradient
from numerics.ntk import linearization_remainder_order, linearized_output_gap, output_velocity_order

BLOG, SLIDES = "000_f4da46d2683a41e5.txt", "002_89896ee51b349776.txt"
JACOT = Reference("Jacot, Gabriel, Hongler 2018, Neural tangent kernel: convergence and generalization in neural networks",
                  "kernel gradient descent of the network function", "https://arxiv.org/abs/1806.07572")
LEE = Reference("Lee et al. 2019, Wide neural networks of any depth evolve as linear models under gradient descent",
                "the linearized network and its closed-form dynamics under the squared loss", "https://arxiv.org/abs/1902.06720")
WENG = Reference("Weng 2022, Some math behind neural tangent kernel", "", "https://lilianweng.github.io/posts/2022-09-08-ntk/")
DYER = Reference("Dyer, Gur-Ari 2019, Asymptotics of wide networks from Feynman diagrams",
                 "the NTK's drift during training is O(1/width)", "https://arxiv.org/abs/1909.11304")


# ---------------------------------------------------------------------------------------------
# Output dynamics under gradient flow
# ---------------------------------------------------------------------------------------------
# One hidden unit with both layers trained, theta = (w, a), scalar input: the smallest network on
# which every term of the NTK (first- and second-layer parts) appears. Plain symbols: the
# identities hold for all real values, and SymPy's zero tests on tanh and exp run several times
# faster without assumptions to reason about.
M_UNITS, N_DATA = 1, 2
w = sp.symbols(f"w_1:{M_UNITS + 1}")
a = sp.symbols(f"a_1:{M_UNITS + 1}")
THETA = w + a
x = sp.Symbol("x")
xs = sp.symbols(f"x_1:{N_DATA + 1}")
ys = sp.symbols(f"y_1:{N_DATA + 1}")
N = sp.Integer(N_DATA)
fval, yval = sp.symbols("f y")


def net(point, ws=w, as_=a):
    """f(x; theta) = (1/sqrt(m)) sum_j a_j tanh(w_j x)."""
    return sum(aj * sp.tanh(wj * point) for wj, aj in zip(ws, as_)) / sp.sqrt(len(ws))


def ntk_closed_form(p, q, ws=w, as_=a):
    """K(x, x') for this network, differentiated by hand: the w-part (1/m) sum_j a_j^2 x x'
    tanh'(w_j x) tanh'(w_j x') plus the a-part (1/m) sum_j tanh(w_j x) tanh(w_j x')."""
    dtanh = lambda u: 1 - sp.tanh(u) ** 2  # noqa: E731 - SymPy's own derivative of tanh
    return sum(aj**2 * p * q * dtanh(wj * p) * dtanh(wj * q) + sp.tanh(wj * p) * sp.tanh(wj * q)
               for wj, aj in zip(ws, as_)) / len(ws)


def exp_loss(f, y):
    """A general per-sample loss l(f, y) = e^{-y f} (000:30; the exponential loss of boosting):
    dl/df = -y e^{-y f} is not a residual f - y."""
    return sp.exp(-y * f)


GRAD_F = {p: gradient(net(p), THETA) for p in (x,) + xs}
DLOSS = [sp.diff(exp_loss(fval, yval), fval).subs({fval: net(xi), yval: yi}) for xi, yi in zip(xs, ys)]
LOSS = sum(exp_loss(net(xi), yi) for xi, yi in zip(xs, ys)) / N                  # 000:32
GRAD_L = gradient(LOSS, THETA)                                                   # by SymPy, not the chain rule
GRAD_L_CHAIN = sum((GRAD_F[xi] * dl for xi, dl in zip(xs, DLOSS)), sp.zeros(len(THETA), 1)) / N   # 000:36
THETA_DOT = -GRAD_L                                                              # gradient flow, 000:40
OUTPUT_VELOCITY = dot(GRAD_F[x], THETA_DOT)                                      # d f(x)/d theta . d theta/dt
KERNEL_SUM = sum(ntk_closed_form(x, xi) * dl for xi, dl in zip(xs, DLOSS))      # sum_i K(x, x_i) dl/df_i
VELOCITY_NTK = -KERNEL_SUM / N

# The time derivative along any path theta(t): the chain rule of 000:45 and 002:420.
tt = sp.Symbol("t")
PATH = [sp.Function(f"theta_{k + 1}")(tt) for k in range(len(THETA))]
ON_PATH = dict(zip(THETA, PATH))
CHAIN_IN_TIME = sum(GRAD_F[x][k].subs(ON_PATH, simultaneous=True) * sp.diff(PATH[k], tt) for k in range(len(THETA)))

# The slides' squared loss L = (1/N) sum_i (f(x_i) - y_i)^2 (002:411).
LOSS_SQ = sum((net(xi) - yi) ** 2 for xi, yi in zip(xs, ys)) / N
RESIDUALS = [net(xi) - yi for xi, yi in zip(xs, ys)]
W_DOT_SLIDES = -sp.Rational(2) / N * sum((r * GRAD_F[xi] for r, xi in zip(RESIDUALS, xs)), sp.zeros(len(THETA), 1))

S_, N_ = sp.symbols("S N")   # the experiment's S = sum_i K(x, x_i) dl/df_i and N

ntk_output_dynamics = Claim(
    id="ntk-output-dynamics",
    title="Under gradient flow the outputs move by the NTK: d f(x)/dt = -(1/N) sum_i K(x, x_i) dl/df(f(x_i), y_i)",
    sources=(
        Source(BLOG, 32, r"\mathcal{L}(\theta)=\frac{1}{N} \sum_{i=1}^N \ell\left(f\left(\mathbf{x}^{(i)} ; \theta\right), y^{(i)}\right)"),
        Source(BLOG, 40, r"\frac{d \theta}{d t}=-\nabla_\theta \mathcal{L}(\theta)=-\frac{1}{N} \sum_{i=1}^N \nabla_\theta f\left(\mathbf{x}^{(i)} ; \theta\right) \nabla_f \ell\left(f, y^{(i)}\right)"),
        Source(BLOG, 45, r"=-\frac{1}{N} \sum_{i=1}^N \underbrace{\nabla_\theta f(\mathbf{x} ; \theta)^{\top} \nabla_\theta f\left(\mathbf{x}^{(i)} ; \theta\right)}"),
        Source(BLOG, 49, r"K\left(\mathbf{x}, \mathbf{x}^{\prime} ; \theta\right)=\nabla_\theta f(\mathbf{x} ; \theta)^{\top} \nabla_\theta f\left(\mathbf{x}^{\prime} ; \theta\right)"),
        Source(SLIDES, 407, r"\frac{dw(t)}{dt} = - \nabla_w L(w(t))"),
        Source(SLIDES, 423, r"&= -\frac{2}{N} \sum_i (f(w(t), x_i) - y_i) K(x, x_i)"),
    ),
    assumptions=(
        "theta follows gradient flow d theta/dt = -grad_theta L (000:40, 002:407): the limit of gradient descent as the step goes to 0",
        "scalar output (n_L = 1); f differentiable in theta",
        "shown on f(x; theta) = a tanh(w x), theta = (w, a), with N = 2 training points and the exponential loss "
        "l(f, y) = e^{-y f} as the general per-sample loss; the slides' forms with their squared loss (1/N) sum_i (f(x_i) - y_i)^2",
        "the experiment: 16 networks f = (1/sqrt(m)) sum_j a_j tanh(<w_j, x>) of width 256 (first layer trained, 004's model), "
        "N = 8 points on the sphere in R^3 with labels +-1, exponential loss",
    ),
    statement=Equal(OUTPUT_VELOCITY, VELOCITY_NTK,
                    why="d f(x)/dt = grad f(x)^T d theta/dt with d theta/dt = -grad L: the NTK couples x to every training point"),
    steps=(
        Equal(OUTPUT_VELOCITY, dot(GRAD_F[x], -GRAD_L_CHAIN),
              source=Source(BLOG, 40, r"=-\frac{1}{N} \sum_{i=1}^N \nabla_\theta f\left(\mathbf{x}^{(i)} ; \theta\right) \nabla_f \ell\left(f, y^{(i)}\right)"),
              why="chain rule: grad_theta L = (1/N) sum_i grad_theta f(x_i) dl/df(f(x_i), y_i) (SymPy differentiates L itself on the left)"),
        Equal(dot(GRAD_F[x], -GRAD_L_CHAIN), -sum(dot(GRAD_F[x], GRAD_F[xi]) * dl for xi, dl in zip(xs, DLOSS)) / N,
              source=Source(BLOG, 45, r"=-\frac{1}{N} \sum_{i=1}^N \underbrace{\nabla_\theta f(\mathbf{x} ; \theta)^{\top} \nabla_\theta f\left(\mathbf{x}^{(i)} ; \theta\right)}"),
              why="the inner product is linear: grad f(x)^T is taken inside the sum"),
        Equal(-sum(dot(GRAD_F[x], GRAD_F[xi]) * dl for xi, dl in zip(xs, DLOSS)) / N, VELOCITY_NTK,
              source=Source(BLOG, 49, r"K\left(\mathbf{x}, \mathbf{x}^{\prime} ; \theta\right)=\nabla_\theta f(\mathbf{x} ; \theta)^{\top} \nabla_\theta f\left(\mathbf{x}^{\prime} ; \theta\right)"),
              why="each inner product is the NTK, here in closed form: a^2 x x' tanh'(w x) tanh'(w x') + tanh(w x) tanh(w x')"),
    ),
    forms=(
        Equal(GRAD_L, GRAD_L_CHAIN,
              source=Source(BLOG, 36, r"\nabla_\theta \mathcal{L}(\theta)=\frac{1}{N} \sum_{i=1}^N \underbrace{\nabla_\theta f\left(\mathbf{x}^{(i)} ; \theta\right)}_{\text {size } P \times n_L}"),
              why="000:36: the gradient of the empirical loss by the chain rule"),
        Equal(sp.diff(net(x).subs(ON_PATH, simultaneous=True), tt), CHAIN_IN_TIME,
              source=Source(BLOG, 45, r"\frac{d f(\mathbf{x} ; \theta)}{d t}=\frac{d f(\mathbf{x} ; \theta)}{d \theta} \frac{d \theta}{d t}"),
              why="000:45 (and 002:420): along any differentiable path theta(t), d f/dt = grad f . theta'(t)"),
        Equal(-gradient(LOSS_SQ, THETA), gradient(LOSS_SQ, THETA),
              source=Source(SLIDES, 411, r"&= \nabla_w \frac{1}{N} \sum_i (f(w(t), x_i) - y_i)^2 \\"),
              why="002:410-411 as written: dw/dt = -grad_w L = grad_w (1/N) sum_i (f(w, x_i) - y_i)^2, the minus sign dropped",
              correction=Equal(-gradient(LOSS_SQ, THETA), -gradient(sp.expand(LOSS_SQ), THETA),
                               why="dw/dt = -grad_w (1/N) sum_i (f(w, x_i) - y_i)^2: gradient flow descends")),
        Equal(-gradient(LOSS_SQ, THETA), W_DOT_SLIDES,
              source=Source(SLIDES, 412, r"&= -\frac{2}{N} \sum_i (f(w(t), x_i) - y_i) \nabla_w f(w(t), x_i)"),
              why="002:412: the squared loss gives dl/df = 2 (f - y), hence the factor 2/N"),
        Equal(dot(GRAD_F[x], W_DOT_SLIDES),
              -sp.Rational(2) / N * sum(r * dot(GRAD_F[x], GRAD_F[xi]) for r, xi in zip(RESIDUALS, xs)),
              source=Source(SLIDES, 422, r"&= -\frac{2}{N} \sum_i (f(w(t), x_i) - y_i) \nabla_w^T f(w(t), x) \nabla_w f(w(t), x_i) \\"),
              why="002:420-422: grad_w f(x)^T dw/dt, the inner product taken inside the sum"),
        Equal(dot(GRAD_F[x], W_DOT_SLIDES),
              -sp.Rational(2) / N * sum(r * ntk_closed_form(x, xi) for r, xi in zip(RESIDUALS, xs)),
              source=Source(SLIDES, 423, r"&= -\frac{2}{N} \sum_i (f(w(t), x_i) - y_i) K(x, x_i)"),
              why="002:423: the same with the NTK K(x, x_i) = grad_w f(x)^T grad_w f(x_i)"),
    ),
    numeric=Numeric(output_velocity_order, {"velocity": -S_ / N_},
                    "the central difference of f(x) along the flow's velocity converges to the hypothesis at order 2 "
                    "(log-log slope of the rms error in [1.9, 2.1])"),
    mutants=(
        Mutant("two-over-n-for-any-loss", Equal(OUTPUT_VELOCITY, 2 * VELOCITY_NTK), {"velocity": -2 * S_ / N_},
               "the slides' 2/N (002:412-423, from the square in their loss) carried over to a general loss l"),
        Mutant("ascent", Equal(OUTPUT_VELOCITY, -VELOCITY_NTK), {"velocity": S_ / N_},
               "d f(x)/dt = +(1/N) sum_i K(x, x_i) dl/df_i: the sign of 002:411, where the flow climbs the loss"),
        Mutant("no-average", Equal(OUTPUT_VELOCITY, N * VELOCITY_NTK), {"velocity": -S_},
               "the 1/N of the empirical loss (000:32) dropped"),
    ),
    references=(JACOT, WENG),
)

# ---------------------------------------------------------------------------------------------
# The linearised model and its dynamics
# ---------------------------------------------------------------------------------------------
# 000:61 on the one-unit network at a point x: f^lin(theta) = f(theta_0) + grad f(theta_0) (theta - theta_0)
# at theta = theta_0 + eps v.
epsilon = sp.Symbol("epsilon")
v = sp.symbols(f"v_1:{len(THETA) + 1}")
MOVED = {th: th + epsilon * vk for th, vk in zip(THETA, v)}
F_MOVED = net(x).subs(MOVED, simultaneous=True)
SLOPE = sum(GRAD_F[x][k] * v[k] for k in range(len(THETA)))     # grad f(theta_0) . v
F_LIN = net(x) + epsilon * SLOPE
# The mutants change f^lin's first-order coefficient; they are refuted on that coefficient,
# d/d eps f(theta_0 + eps v) at eps = 0 (SymPy's series of a wrong remainder is slow to simplify).
FIRST_ORDER = sp.diff(F_MOVED, epsilon).subs(epsilon, 0)

# The linearised model of any network on N = 2 points with P = 3 parameters: f^lin(theta) =
# f(theta_0) + J_0 (theta - theta_0), J_0 = d f(X) / d theta at theta_0 (000:61), and the loss
# L = ||f - Y||^2 / 2 of 000:73, so grad_f L = f - Y.
eta = sp.Symbol("eta")
THETA3 = column(sp.symbols("theta_1:4"))
THETA0 = column(sp.symbols("theta_1(0) theta_2(0) theta_3(0)"))
JAC = sp.Matrix(2, 3, sp.symbols("J_11 J_12 J_13 J_21 J_22 J_23"))
F0 = column(sp.symbols("f_1(0) f_2(0)"))                   # f(theta(0)) on the two data points
Y = column(sp.symbols("Y_1:3"))
F_LIN_X = F0 + JAC * (THETA3 - THETA0)
GRAD_F_L_LIN = F_LIN_X - Y                                 # grad_f L at f^lin(theta)
LOSS_LIN = dot(F_LIN_X - Y, F_LIN_X - Y) / 2
THETA_DOT_LIN = -eta * gradient(LOSS_LIN, THETA3)          # d theta/dt = -eta grad_theta L, by SymPy
K0 = JAC * JAC.T                                           # K(theta(0)) = J_0 J_0^T
G0 = F0 - Y                                                # grad_f L at theta(0)

f0_, delta_, df_ = sp.symbols("f0 delta df")               # the experiment: f(theta_0), step, grad f . v

ntk_linearized_model = Claim(
    id="ntk-linearized-model",
    title="The linearised model f^lin = f(theta_0) + grad f(theta_0)(theta - theta_0) is f to first order and moves by K(theta_0)",
    sources=(
        Source(BLOG, 61, r"f^{\operatorname{lin}}(\theta(t))=f(\theta(0))+\underbrace{\nabla_\theta f(\theta(0))}"),
        Source(BLOG, 66, r"\theta(t)-\theta(0) & =-\eta \nabla_\theta \mathcal{L}(\theta)=-\eta \nabla_\theta f(\theta)^{\top} \nabla_f \mathcal{L}"),
        Source(BLOG, 67, r"f^{\operatorname{lin}}(\theta(t))-f(\theta(0)) & =-\eta \nabla_\theta f(\theta(0))^{\top} \nabla_\theta f(\mathcal{X} ; \theta(0)) \nabla_f \mathcal{L}"),
        Source(BLOG, 68, r"\frac{d f(\theta(t))}{d t} & =-\eta K(\theta(0)) \nabla_f \mathcal{L}"),
        Source(SLIDES, 475, r"&= -\eta K(\theta) \nabla_f \mathcal{L}"),
    ),
    assumptions=(
        "f differentiable in theta; theta_0 = theta(0) the initialisation",
        "the first-order statement on f(x; theta) = a tanh(w x) at theta_0 + eps v (any theta_0, v, x); the dynamics for a "
        "model with P = 3 parameters on N = 2 points, J_0 its 2 x 3 Jacobian at theta_0 (symbolic entries), and the loss "
        "L = ||f - Y||^2 / 2 (000:73); eta scales the flow, d theta/dt = -eta grad_theta L",
        "000:66-67 take one gradient step of size eta from theta(0) (there theta(t) - theta(0) = -eta grad L at theta(0)); "
        "000:68 and 002:475 the flow",
        "the experiment: 16 networks f = (1/sqrt(m)) sum_j a_j tanh(<w_j, x>) of width 256 (004's model), moved by delta "
        "along their gradient-flow velocity v under the exponential loss, delta = 2^-2 .. 2^-6",
    ),
    statement=Equal(F_MOVED, F_LIN, up_to=sp.O(epsilon**2),
                    source=Source(BLOG, 61, r"f^{\operatorname{lin}}(\theta(t))=f(\theta(0))+\underbrace{\nabla_\theta f(\theta(0))}"),
                    why="000:61: f(theta_0 + eps v) = f(theta_0) + eps grad f(theta_0) . v + O(eps^2), the first-order Taylor expansion"),
    forms=(
        Equal(-eta * gradient(LOSS_LIN, THETA3), -eta * JAC.T * GRAD_F_L_LIN,
              source=Source(BLOG, 66, r"=-\eta \nabla_\theta f(\theta)^{\top} \nabla_f \mathcal{L}"),
              why="000:66: the step -eta grad_theta L equals -eta J^T grad_f L by the chain rule"),
        Equal(F_LIN_X.subs(dict(zip(THETA3, THETA0 - eta * JAC.T * G0))) - F0, -eta * K0 * G0,
              source=Source(BLOG, 67, r"f^{\operatorname{lin}}(\theta(t))-f(\theta(0)) & =-\eta \nabla_\theta f(\theta(0))^{\top} \nabla_\theta f(\mathcal{X} ; \theta(0)) \nabla_f \mathcal{L}"),
              why="000:67: after the step theta(0) - eta J_0^T grad_f L the linearised outputs move by -eta J_0 J_0^T grad_f L"),
        Equal(JAC * THETA_DOT_LIN, -eta * K0 * GRAD_F_L_LIN,
              source=Source(BLOG, 68, r"\frac{d f(\theta(t))}{d t} & =-\eta K(\theta(0)) \nabla_f \mathcal{L}"),
              why="000:68: under the flow d f^lin/dt = J_0 d theta/dt = -eta J_0 J_0^T grad_f L: the kernel stays K(theta(0))"),
        Equal(JAC * THETA_DOT_LIN, -eta * K0 * GRAD_F_L_LIN,
              source=Source(SLIDES, 475, r"&= -\eta K(\theta) \nabla_f \mathcal{L}"),
              why="002:475: the same, with K(theta) = grad f^T grad f"),
    ),
    numeric=Numeric(linearization_remainder_order, {"model": f0_ + delta_ * df_},
                    "the rms remainder f(theta_0 + delta v) - model falls as delta^p with p in [1.85, 2.15]"),
    mutants=(
        Mutant("half-slope", Equal(FIRST_ORDER, SLOPE / 2),
               {"model": f0_ + delta_ * df_ / 2}, "f^lin = f(theta_0) + (1/2) grad f(theta_0)(theta - theta_0): the 1/2 of the "
               "second-order Taylor term put on the first-order one"),
        Mutant("descent-sign", Equal(FIRST_ORDER, -SLOPE),
               {"model": f0_ - delta_ * df_}, "f^lin = f(theta_0) - grad f(theta_0)(theta - theta_0): the minus of a descent step "
               "carried into the expansion"),
    ),
    references=(LEE, JACOT),
)

# ---------------------------------------------------------------------------------------------
# The squared-loss ODE and its closed-form solution
# ---------------------------------------------------------------------------------------------
# Plain symbols (eta > 0, t >= 0 and lambda_i > 0 in the notes; the identities hold for all
# values, and SymPy decides them several times faster without signs to reason about).
t = sp.Symbol("t")
lams = sp.symbols("lambda_1:3")
C = column(sp.symbols("C_1:3"))
FV = column(sp.symbols("f_1:3"))                           # f(X; theta) as a vector
Q = sp.Matrix([[1, 1], [1, -1]]) / sp.sqrt(2)              # eigenvectors (1, 1) and (1, -1): Q^T Q = I
K = Q * sp.diag(*lams) * Q.T                               # K_infinity, symmetric positive definite
I2 = sp.eye(2)


def exp_kernel(rate):
    """e^{-rate K t} = Q e^{-rate Lambda t} Q^T (claim ntk-exponential-eigenbasis)."""
    return Q * sp.diag(*[sp.exp(-rate * lam * t) for lam in lams]) * Q.T


def ivp(f_t):
    """(d f/dt, f(0)) stacked: the left side of the initial-value problem."""
    return f_t.diff(t).col_join(f_t.subs(t, 0))


def ivp_rhs(f_t):
    """(-eta K (f - Y), f(0)) stacked: the right side."""
    return (-eta * K * (f_t - Y)).col_join(F0)


F_T = exp_kernel(eta) * (F0 - Y) + Y                        # 000:84, 002:483 (first form)
F_NOTES_SECOND = exp_kernel(1) * F0 + (I2 - exp_kernel(eta)) * Y   # 000:84, 002:483 (second form, as written)
F_TRUE_SECOND = exp_kernel(eta) * F0 + (I2 - exp_kernel(eta)) * Y

# 000:73 as written takes the gradient in theta: with the outputs f(X; theta) = f_0 + J theta of a
# model with P = 3 parameters on N = 2 points (any differentiable model, to first order).
F_OF_THETA = F0 + JAC * THETA3
GRAD_F_L = gradient(dot(FV - Y, FV - Y) / 2, FV)            # grad_f L for L = ||f - Y||^2 / 2

# The mutants are refuted on a single eigen-mode of the kernel (N = 1, K = lambda): a wrong
# solution there is wrong for every N, and SymPy decides the scalar case several times faster.
f0_1, y_1, lam_1 = sp.symbols("f(0) Y lambda")


def ivp_mode(rate_f0, rate_y):
    f_t = sp.exp(-rate_f0 * lam_1 * t) * f0_1 + (1 - sp.exp(-rate_y * lam_1 * t)) * y_1
    return sp.Matrix([f_t.diff(t), f_t.subs(t, 0)]), sp.Matrix([-eta * lam_1 * (f_t - y_1), f0_1])


lam_, t_, eta_, N_h = sp.symbols("lambda t eta N")   # the experiment: one eigen-mode of the kernel
WEIGHTS = {"f0_weight": sp.exp(-eta_ * lam_ * t_), "target_weight": 1 - sp.exp(-eta_ * lam_ * t_), "eta": 1 / N_h}

ntk_squared_loss_solution = Claim(
    id="ntk-squared-loss-solution",
    title="With a fixed kernel the squared-loss output ODE df/dt = -eta K (f - Y) is solved by f(t) = e^{-eta K t}(f(0) - Y) + Y",
    sources=(
        Source(BLOG, 73, r"\nabla_\theta \mathcal{L}(\theta)=f(\mathcal{X} ; \theta)-\mathcal{Y}"),
        Source(BLOG, 76, r"\frac{d f(\theta)}{d t} & =-\eta K_{\infty}(f(\theta)-\mathcal{Y})"),
        Source(BLOG, 79, r"g(\theta) & =C e^{-\eta K_{\infty} t}"),
        Source(BLOG, 84, r"f(\theta)=(f(\theta(0))-\mathcal{Y}) e^{-\eta K_{\infty} t}+\mathcal{Y}=f(\theta(0)) e^{-K_{\infty} t}+\left(I-e^{-\eta K_{\infty} t}\right) \mathcal{Y}"),
        Source(SLIDES, 479, r"g(\theta) &= Ce^{-\eta K_\infty t}"),
        Source(SLIDES, 481, r"$C = f(\theta(0)) - \mathcal{Y}$"),
        Source(SLIDES, 483, r"f(\theta) = (f(\theta(0)) - \mathcal{Y})e^{-\eta K_\infty t} + \mathcal{Y} = f(\theta(0))e^{-K_\infty t} + (I - e^{-\eta K_\infty t})\mathcal{Y}"),
    ),
    assumptions=(
        "the kernel is fixed during training: K = K(theta(0)) for the linearised model (claim ntk-linearized-model), "
        "K_infinity in the infinite-width limit (000:52-55)",
        "grad_f L = f(X) - Y, i.e. L = ||f(X) - Y||^2 / 2 (000:73, once its subscript is read as f); eta scales the flow: "
        "d theta/dt = -eta grad_theta L",
        "K symmetric positive definite, shown for N = 2 with K = Q diag(lambda_1, lambda_2) Q^T, symbolic eigenvalues, "
        "Q = [[1, 1], [1, -1]] / sqrt(2); e^{-eta K t} = Q e^{-eta Lambda t} Q^T (claim ntk-exponential-eigenbasis)",
        "the experiment: networks f = (1/sqrt(m)) sum_j a_j tanh(<w_j, x>) (004's model) of widths 32..1024, 4 each, trained by "
        "RK4 gradient flow on (1/2n) ||y - f||^2 (eta = 1/n, n = 8 points on the sphere in R^3, Gaussian targets), against "
        "the closed form with each network's own empirical NTK at initialisation",
    ),
    statement=Equal(ivp(F_T), ivp_rhs(F_T),
                    why="f(t) = e^{-eta K t}(f(0) - Y) + Y satisfies df/dt = -eta K (f - Y) and starts at f(0): by uniqueness it is the solution"),
    steps=(
        Equal(-eta * K * GRAD_F_L, -eta * K * (FV - Y),
              source=Source(BLOG, 76, r"\frac{d f(\theta)}{d t} & =-\eta K_{\infty}(f(\theta)-\mathcal{Y})"),
              why="000:76: d f/dt = -eta K grad_f L with grad_f L = f - Y for L = ||f - Y||^2 / 2"),
        Equal((exp_kernel(eta) * C).diff(t), -eta * K * exp_kernel(eta) * C,
              source=Source(BLOG, 79, r"g(\theta) & =C e^{-\eta K_{\infty} t}"),
              why="g = f - Y obeys dg/dt = -eta K g (000:77), solved by g = e^{-eta K t} C (000:78-79 separate the variables)"),
        Equal(exp_kernel(eta).subs(t, 0) * C, C,
              source=Source(SLIDES, 481, r"$C = f(\theta(0)) - \mathcal{Y}$"),
              why="at t = 0 the exponential is I, so g(0) = C: C = f(theta(0)) - Y (002:481)"),
    ),
    forms=(
        Equal(gradient(dot(F_OF_THETA - Y, F_OF_THETA - Y) / 2, THETA3), F_OF_THETA - Y,
              source=Source(BLOG, 73, r"\nabla_\theta \mathcal{L}(\theta)=f(\mathcal{X} ; \theta)-\mathcal{Y}"),
              why="000:73 as written: the gradient in theta (a vector in R^P) equated with the residual (in R^N)",
              correction=Equal(GRAD_F_L, FV - Y, why="the gradient in the outputs: grad_f L = f(X) - Y for L = ||f(X) - Y||^2 / 2")),
        Equal(F_T, F_NOTES_SECOND,
              source=Source(BLOG, 84, r"=f(\theta(0)) e^{-K_{\infty} t}+\left(I-e^{-\eta K_{\infty} t}\right) \mathcal{Y}"),
              why="000:84 as written: the second form's first exponential has lost its eta",
              sample={eta: [2], t: [1], lams[0]: [1], lams[1]: [3]},
              correction=Equal(F_T, F_TRUE_SECOND, why="e^{-eta K t}(f(0) - Y) + Y = e^{-eta K t} f(0) + (I - e^{-eta K t}) Y")),
        Equal(F_T, F_NOTES_SECOND,
              source=Source(SLIDES, 483, r"= f(\theta(0))e^{-K_\infty t} + (I - e^{-\eta K_\infty t})\mathcal{Y}"),
              why="002:483 as written: the same slip",
              sample={eta: [2], t: [1], lams[0]: [1], lams[1]: [3]},
              correction=Equal(F_T, F_TRUE_SECOND, why="e^{-eta K t}(f(0) - Y) + Y = e^{-eta K t} f(0) + (I - e^{-eta K t}) Y")),
    ),
    numeric=Numeric(linearized_output_gap, WEIGHTS,
                    "the gap between trained networks' outputs and the closed form shrinks with the width m as m^b, "
                    "b below 0 (one-sided 99.9%) and consistent with -1 (99.9% Student interval plus 0.1)"),
    mutants=(
        Mutant("eta-dropped-as-000-84", Equal(*ivp_mode(1, eta)), {**WEIGHTS, "f0_weight": sp.exp(-lam_ * t_)},
               "f(t) = e^{-K t} f(0) + (I - e^{-eta K t}) Y, the second form of 000:84 and 002:483"),
        Mutant("rate-over-n", Equal(*ivp_mode(eta / 2, eta / 2)),
               {**WEIGHTS, "f0_weight": sp.exp(-eta_ * lam_ * t_ / N_h), "target_weight": 1 - sp.exp(-eta_ * lam_ * t_ / N_h)},
               "e^{-eta K t / N}: the 1/N of 000:32 applied on top of grad_f L = f - Y (N = 2 symbolically)"),
        Mutant("growing", Equal(*ivp_mode(-eta, -eta)),
               {**WEIGHTS, "f0_weight": sp.exp(eta_ * lam_ * t_), "target_weight": 1 - sp.exp(eta_ * lam_ * t_)},
               "e^{+eta K t}: the sign of the exponent flipped"),
    ),
    references=(LEE, JACOT, DYER),
)
