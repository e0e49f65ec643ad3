"""L2 regularisation / weight decay (000:104-157, slides 002:664-748, 003 Problem 5 at 003:1066-1100).

Three claims:

- ``weight-decay-step-rescaling``: a gradient step on J~ = (alpha/2) w^T w + J is
  w <- (1 - eps alpha) w - eps grad J: the weights shrink by (1 - eps alpha) before the usual step
  (000:108-122, 002:682-699); 003's Problem 5 reads the same identity backwards.
- ``hessian-taylor-along-direction``: J(theta + t v) = J(theta) + t grad J^T v + t^2/2 v^T H v + O(t^3),
  the curvature v^T H v along v (002:664-680), and the quadratic model around a minimum w*
  (000:125, 002:707).
- ``weight-decay-eigen-shrinkage``: the regularised minimum of the quadratic model is
  w~ = (H + alpha I)^{-1} H w* = Q (Lambda + alpha I)^{-1} Lambda Q^T w*: the coordinate along the
  i-th eigenvector of H is multiplied by lambda_i / (lambda_i + alpha) (000:131-153, 002:701-747).

Vectors have 3 weights in the first claim and matrices are 2x2 in the third (symbolic eigenvalues,
a fixed rational rotation Q); the tests repeat the identities in other dimensions.
"""
from __future__ import annotations

import sympy as sp

from checks import Claim, Equal, Mutant, Numeric, Reference, Source
from numerics.weight_decay import decay_shrinks_eigencomponents, decayed_step_vs_autodiff, taylor_remainder_order

BLOG, SLIDES, BOOK = "000_f4da46d2683a41e5.txt", "002_89896ee51b349776.txt", "003_102deae4affe1aa8.txt"
GOODFELLOW = Reference("Goodfellow, Bengio, Courville 2016, Deep Learning", "section 7.1.1, eqs. 7.1-7.13",
                       "https://www.deeplearningbook.org/contents/regularization.html")


def grad(f, xs):
    return sp.Matrix([sp.diff(f, x) for x in xs])


# ---------------------------------------------------------------------------------------------
# One step: the weights shrink by (1 - eps alpha)
# ---------------------------------------------------------------------------------------------
ws = sp.symbols("w_1:4", real=True)
W = sp.Matrix(ws)
eps, alpha = sp.symbols("epsilon alpha", positive=True)
J = sp.Function("J")(*ws)                      # any differentiable loss J(w; X, y)
J_TILDE = alpha / 2 * (W.T * W)[0] + J         # 000:108
GRAD_J = grad(J, ws)
STEP = W - eps * grad(J_TILDE, ws)             # gradient descent on J~, gradient by SymPy
STEP_000_116 = W - eps * (alpha * W + GRAD_J)
RESCALED = (1 - eps * alpha) * W - eps * GRAD_J

# The mutants need a concrete gradient to be refuted at sample points: g stands for grad J.
G = sp.Matrix(sp.symbols("g_1:4", real=True))
STEP_G = W - eps * (alpha * W + G)

# 003 Problem 5: decay rate lambda and learning rate alpha, in 003's notation.
thetas = sp.symbols("theta_1:4", real=True)
TH = sp.Matrix(thetas)
decay, lr = sp.symbols("lambda alpha_lr", positive=True)
L = sp.Function("L")(*thetas)
L_TILDE = L + decay / (2 * lr) * sum(th**2 for th in thetas)

w_, g_, e_, a_ = sp.symbols("w g epsilon alpha")   # one weight, for the experiment


def _pure_decay(steps: int):
    """``steps`` updates with grad J = 0 multiply w by (1 - eps alpha) each time."""
    w = W
    for _ in range(steps):
        w = w - eps * alpha * w
    return w


weight_decay_step_rescaling = Claim(
    id="weight-decay-step-rescaling",
    title="A gradient step on J + (alpha/2) w^T w is w <- (1 - eps alpha) w - eps grad J",
    sources=(
        Source(BLOG, 108, r"\tilde{J}(\boldsymbol{w} ; \boldsymbol{X}, \boldsymbol{y})=\frac{\alpha}{2} \boldsymbol{w}^{\top} \boldsymbol{w}+J(\boldsymbol{w} ; \boldsymbol{X}, \boldsymbol{y})"),
        Source(BLOG, 120, r"\boldsymbol{w} \leftarrow(1-\epsilon \alpha) \boldsymbol{w}-\epsilon \nabla_{\boldsymbol{w}} J(\boldsymbol{w} ; \boldsymbol{X}, \boldsymbol{y}) ."),
        Source(SLIDES, 684, r"$$\tilde{J}(w; X, y) = \frac{\alpha}{2} w^\top w + J(w; X, y)$$"),
        Source(SLIDES, 697, r"$$w \leftarrow (1 - \epsilon\alpha)w - \epsilon \nabla_w J(w; X, y).$$"),
        Source(BOOK, 1070, r"$$\theta \leftarrow (1 - \lambda)\theta - \alpha \frac{\partial L}{\partial \theta}$$"),
    ),
    assumptions=("J differentiable (an undefined SymPy function of the weights); no bias parameter (000:106)",
                 "3 weights symbolically; the experiment uses 10"),
    statement=Equal(STEP, RESCALED, why="gradient descent with step size eps on the regularised objective J~"),
    steps=(
        Equal(STEP, STEP_000_116, why="the gradient of (alpha/2) w^T w is alpha w (000:112)",
              source=Source(BLOG, 116, r"\boldsymbol{w} \leftarrow \boldsymbol{w}-\epsilon\left(\alpha \boldsymbol{w}+\nabla_{\boldsymbol{w}} J(\boldsymbol{w} ; \boldsymbol{X}, \boldsymbol{y})\right) .")),
        Equal(STEP_000_116, RESCALED, why="collect the terms in w",
              source=Source(BLOG, 120, r"\boldsymbol{w} \leftarrow(1-\epsilon \alpha) \boldsymbol{w}-\epsilon \nabla_{\boldsymbol{w}} J(\boldsymbol{w} ; \boldsymbol{X}, \boldsymbol{y}) .")),
    ),
    forms=(
        Equal(grad(J_TILDE, ws), alpha * W + GRAD_J, why="the gradient of J~",
              source=Source(BLOG, 112, r"\nabla_{\boldsymbol{w}} \tilde{J}(\boldsymbol{w} ; \boldsymbol{X}, \boldsymbol{y})=\alpha \boldsymbol{w}+\nabla_{\boldsymbol{w}} J(\boldsymbol{w} ; \boldsymbol{X}, \boldsymbol{y})")),
        Equal(grad(J_TILDE, ws), alpha * W + GRAD_J, why="the slides' gradient of J~",
              source=Source(SLIDES, 688, r"$$\nabla_w \tilde{J}(w; X, y) = \alpha w + \nabla_w J(w; X, y).$$")),
        Equal(STEP, STEP_000_116, why="the slides' update step",
              source=Source(SLIDES, 693, r"$$w \leftarrow w - \epsilon(\alpha w + \nabla_w J(w; X, y)),$$")),
        Equal(STEP_000_116, RESCALED, why="the slides' rescaled update",
              source=Source(SLIDES, 697, r"$$w \leftarrow (1 - \epsilon\alpha)w - \epsilon \nabla_w J(w; X, y).$$")),
        Equal(_pure_decay(3), (1 - eps * alpha) ** 3 * W, why="with no loss gradient, k steps rescale w by (1 - eps alpha)^k (k = 3)",
              source=Source(BLOG, 122, r"rescale the weight vector by a factor of `$(1-\epsilon \alpha)$` on every step")),
        Equal((1 - decay) * TH - lr * grad(L, thetas), TH - lr * grad(L_TILDE, thetas),
              why="003 Problem 5: decay rate lambda with learning rate alpha is gradient descent on L + lambda/(2 alpha) |theta|^2",
              source=Source(BOOK, 1074, r"$$\tilde{L}(\theta) = L(\theta) + \frac{\lambda}{2\alpha} \sum_k \theta_k^2$$")),
    ),
    numeric=Numeric(decayed_step_vs_autodiff, {"update": (1 - e_ * a_) * w_ - e_ * g_},
                    "one autodiff gradient step on a logistic loss plus (alpha/2)|w|^2 equals the rescaled update to round-off"),
    mutants=(
        Mutant("decay-without-step-size", Equal(STEP_G, (1 - alpha) * W - eps * G), {"update": (1 - a_) * w_ - e_ * g_},
               "w <- (1 - alpha) w - eps grad J: the step size left out of the shrink"),
        Mutant("half-decay", Equal(STEP_G, (1 - eps * alpha / 2) * W - eps * G), {"update": (1 - e_ * a_ / 2) * w_ - e_ * g_},
               "(1 - eps alpha / 2): the 1/2 of the penalty kept in its gradient"),
        Mutant("growth", Equal(STEP_G, (1 + eps * alpha) * W - eps * G), {"update": (1 + e_ * a_) * w_ - e_ * g_},
               "(1 + eps alpha): the penalty's gradient added with the wrong sign"),
    ),
    references=(GOODFELLOW,),
)

# ---------------------------------------------------------------------------------------------
# The Hessian as curvature: the second-order Taylor model along a direction
# ---------------------------------------------------------------------------------------------
th1, th2, v1, v2 = sp.symbols("theta_1 theta_2 v_1 v_2", real=True)
t = sp.Symbol("t", real=True)
THETA, V = (th1, th2), sp.Matrix([v1, v2])
# a general cubic in two variables: its Taylor model has a genuine t^3 remainder
c = {(i, j): sp.Symbol(f"c_{i}{j}", real=True) for i in range(4) for j in range(4) if i + j <= 3}


def cubic(x1, x2):
    return sum(cij * x1**i * x2**j for (i, j), cij in c.items())


J_THETA = cubic(th1, th2)
J_MOVED = cubic(th1 + t * v1, th2 + t * v2)
GRAD_THETA = grad(J_THETA, THETA)
HESS_THETA = sp.hessian(J_THETA, THETA)
SLOPE = (GRAD_THETA.T * V)[0]
CURVATURE = (V.T * HESS_THETA * V)[0]
TAYLOR = J_THETA + t * SLOPE + t**2 / 2 * CURVATURE

# A loss with a minimum at w*: no linear term in u = w - w*, a positive definite quadratic part
# and a cubic part.
w1s, w2s, j_star = sp.symbols("w^*_1 w^*_2 J^*", real=True)
a11, a22 = sp.symbols("a_11 a_22", positive=True)
a12, b1, b2 = sp.symbols("a_12 b_1 b_2", real=True)


def around_minimum(x1, x2):
    u1, u2 = x1 - w1s, x2 - w2s
    return j_star + (a11 * u1**2 + 2 * a12 * u1 * u2 + a22 * u2**2) / 2 + b1 * u1**3 + b2 * u1 * u2**2


J_MIN_MOVED = around_minimum(w1s + t * v1, w2s + t * v2)
HESS_AT_MIN = sp.hessian(around_minimum(th1, th2), THETA).subs({th1: w1s, th2: w2s})
J_HAT = j_star + t**2 / 2 * (V.T * HESS_AT_MIN * V)[0]     # J(w*) + 1/2 (w - w*)^T H (w - w*), w - w* = t v

# The mutants on one concrete cubic at theta = (1, 2) along v = (1, -1): the engine simplifies a
# failing remainder before it samples it, which is slow with ten symbolic coefficients.
J_CONCRETE = th1**3 + 2 * th1 * th2**2 - th2**2 + 3 * th1
AT = {th1: 1, th2: 2, v1: 1, v2: -1}
J_CONCRETE_MOVED = J_CONCRETE.subs({th1: 1 + t, th2: 2 - t}, simultaneous=True)
SLOPE_C = (grad(J_CONCRETE, THETA).T * V)[0].subs(AT)
CURVATURE_C = (V.T * sp.hessian(J_CONCRETE, THETA) * V)[0].subs(AT)
J_CONCRETE = J_CONCRETE.subs(AT)

t_, j0_, gv_, vhv_ = sp.symbols("t J0 gv vHv")

hessian_taylor_along_direction = Claim(
    id="hessian-taylor-along-direction",
    title="Along theta + t v: J = J(theta) + t grad J^T v + (t^2/2) v^T H v + O(t^3); v^T H v is the curvature",
    sources=(
        Source(SLIDES, 670, r"\mathcal{J}(\theta + t\mathbf{v}) \approx \mathcal{J}(\theta) + t\nabla\mathcal{J}(\theta)^\top\mathbf{v} + \frac{t^2}{2}\mathbf{v}^\top\mathbf{H}(\theta)\mathbf{v}"),
        Source(BLOG, 125, r"\hat{J}(\boldsymbol{\theta})=J\left(\boldsymbol{w}^*\right)+\frac{1}{2}\left(\boldsymbol{w}-\boldsymbol{w}^*\right)^{\top} \boldsymbol{H}\left(\boldsymbol{w}-\boldsymbol{w}^*\right)"),
        Source(SLIDES, 707, r"$$\tilde{J}(\theta) = J(w^*) + \frac{1}{2}(w - w^*)^\top H(w - w^*),$$"),
    ),
    assumptions=(
        "J twice differentiable; shown for a general cubic in two variables (ten symbolic coefficients), whose "
        "third-order term makes the O(t^3) remainder genuine",
        "around a minimum: J = J* + 1/2 u^T A u + cubic terms in u = w - w* (A positive definite), so grad J(w*) = 0",
        "the slides name the quadratic model J~ (002:707), the blog J^ (000:125): it is the model of J, not the "
        "regularised objective J~ of 002:684",
    ),
    statement=Equal(J_MOVED, TAYLOR, up_to=sp.O(t**3), why="Taylor's theorem along the line theta + t v"),
    forms=(
        Equal(sp.diff(J_MOVED, t, 2).subs(t, 0), CURVATURE,
              source=Source(SLIDES, 672, r"in a direction where  $\mathbf{v}^\top\mathbf{H}\mathbf{v} > 0$ , the cost function curves upwards"),
              why="the second derivative of t -> J(theta + t v) at t = 0 is v^T H v: its sign is the curvature along v"),
        Equal(sp.diff(J_THETA, th1, th2), sp.diff(J_THETA, th2, th1),
              source=Source(SLIDES, 680, r"It's a symmetric matrix because"),
              why="mixed partial derivatives commute, so H is symmetric"),
        Equal(grad(around_minimum(th1, th2), THETA).subs({th1: w1s, th2: w2s}), sp.zeros(2, 1),
              source=Source(BLOG, 127, r"the first order term is 0 because we are the minimum"),
              why="the gradient vanishes at the minimum w*"),
        Equal(J_MIN_MOVED, J_HAT, up_to=sp.O(t**3),
              source=Source(BLOG, 125, r"\hat{J}(\boldsymbol{\theta})=J\left(\boldsymbol{w}^*\right)+\frac{1}{2}\left(\boldsymbol{w}-\boldsymbol{w}^*\right)^{\top} \boldsymbol{H}\left(\boldsymbol{w}-\boldsymbol{w}^*\right)"),
              why="the Taylor model at w* has no linear term: J^(w) = J(w*) + 1/2 (w - w*)^T H (w - w*) to second order in w - w* = t v"),
        Equal(J_MIN_MOVED, J_HAT, up_to=sp.O(t**3),
              source=Source(SLIDES, 707, r"$$\tilde{J}(\theta) = J(w^*) + \frac{1}{2}(w - w^*)^\top H(w - w^*),$$"),
              why="the slides' quadratic model around w*"),
    ),
    numeric=Numeric(taylor_remainder_order, {"model": j0_ + t_ * gv_ + t_**2 / 2 * vhv_},
                    "the rms remainder of the model along random directions of a smooth loss has fitted order 3 +- 0.1 in t"),
    mutants=(
        Mutant("no-half", Equal(J_CONCRETE_MOVED, J_CONCRETE + t * SLOPE_C + t**2 * CURVATURE_C, up_to=sp.O(t**3)),
               {"model": j0_ + t_ * gv_ + t_**2 * vhv_}, "t^2 v^T H v without the 1/2"),
        Mutant("curvature-sign", Equal(J_CONCRETE_MOVED, J_CONCRETE + t * SLOPE_C - t**2 / 2 * CURVATURE_C, up_to=sp.O(t**3)),
               {"model": j0_ + t_ * gv_ - t_**2 / 2 * vhv_}, "- t^2/2 v^T H v"),
        Mutant("curvature-linear-in-t", Equal(J_CONCRETE_MOVED, J_CONCRETE + t * SLOPE_C + t * CURVATURE_C, up_to=sp.O(t**3)),
               {"model": j0_ + t_ * gv_ + t_ * vhv_}, "t v^T H v: the curvature term at first order"),
    ),
    references=(GOODFELLOW,),
)

# ---------------------------------------------------------------------------------------------
# The regularised minimum of the quadratic model, in the eigenbasis of H
# ---------------------------------------------------------------------------------------------
# Plain symbols here: the identities are rational-function identities, and SymPy's assumption
# queries on positive symbols make every comparison several times slower. The eigenvalues and
# alpha are positive in the claim (assumptions below); the limits use positive symbols of their own.
lam1, lam2 = LAMS = sp.symbols("lambda_1 lambda_2")
alpha = sp.Symbol("alpha")   # rebinds the positive alpha of the first claim, which is built by now
W_STAR = sp.Matrix(sp.symbols("w^*_1 w^*_2"))
Q = sp.Matrix([[3, -4], [4, 3]]) / 5            # a rotation: Q^T Q = I, Q^T != Q
LAMBDA = sp.diag(*LAMS)
H = Q * LAMBDA * Q.T
I2 = sp.eye(2)


def _expand(m):
    return m.applyfunc(sp.expand)


def inverse_times(m, rhs):
    """m^{-1} rhs by Cramer's rule, adj(m) rhs / det(m): an expanded numerator over the factored
    determinant, compact to print and cheap to compare (SymPy's inv() leaves nested fractions)."""
    return _expand(m.adjugate() * rhs) / sp.factor(m.det())


W_TILDE = inverse_times(H + alpha * I2, H * W_STAR)                                # 000:137
# w~ = N / D over its common denominator D = det(H + alpha I) = (alpha + lambda_1)(alpha + lambda_2):
# the notes' equations for w~ are checked with their terms over D (cheaper than SymPy's cancel)
N_TILDE, D_TILDE = _expand((H + alpha * I2).adjugate() * H * W_STAR), sp.factor((H + alpha * I2).det())
W_TILDE_145 = inverse_times(Q * (LAMBDA + alpha * I2) * Q.T, Q * LAMBDA * Q.T * W_STAR)
W_TILDE_146 = _expand(Q * (LAMBDA + alpha * I2).adjugate() * LAMBDA * Q.T * W_STAR) / sp.factor((LAMBDA + alpha * I2).det())


def shrink_matrix(f, lams=LAMS):
    """Q diag(f(lambda_i)) Q^T w*: each eigen-coordinate of w* multiplied by f(lambda_i)."""
    return Q * sp.diag(*[f(li) for li in lams]) * Q.T * W_STAR


# The mutants on the eigenvalues (1, 4): a false relation reaches its counterexample only after
# SymPy's cancel has failed on it, which is slow with symbolic eigenvalues.
LAMS_C = (1, 4)
H_C = Q * sp.diag(*LAMS_C) * Q.T
W_TILDE_C = inverse_times(H_C + alpha * I2, H_C * W_STAR)


lam, ratio, alpha_pos = sp.symbols("lambda r alpha", positive=True)   # r = alpha / lambda
FACTOR = lam / (lam + alpha_pos)

# 002:731 for a positive *semi*definite H: one eigenvalue zero
H_SINGULAR = Q * sp.diag(lam1, 0) * Q.T
W_TILDE_SINGULAR = inverse_times(H_SINGULAR + alpha * I2, H_SINGULAR * W_STAR)
RANGE_PROJECTION = Q * sp.diag(1, 0) * Q.T

wv = sp.Matrix(sp.symbols("w_1 w_2"))
J_HAT_W = j_star + ((wv - W_STAR).T * H * (wv - W_STAR))[0] / 2
lam_f, alpha_f = sp.symbols("lambda alpha")     # for the experiment

weight_decay_eigen_shrinkage = Claim(
    id="weight-decay-eigen-shrinkage",
    title="Weight decay's minimum w~ = (H + alpha I)^{-1} H w* scales the i-th eigen-coordinate of w* by lambda_i / (lambda_i + alpha)",
    sources=(
        Source(BLOG, 137, r"\tilde{\boldsymbol{w}}=(\boldsymbol{H}+\alpha \boldsymbol{I})^{-1} \boldsymbol{H} \boldsymbol{w}^* ."),
        Source(BLOG, 146, r"& =\boldsymbol{Q}(\boldsymbol{\Lambda}+\alpha \boldsymbol{I})^{-1} \boldsymbol{\Lambda} \boldsymbol{Q}^{\top} \boldsymbol{w}^*"),
        Source(BLOG, 149, r"rescale the eigenvector by a factor of `$\frac{\lambda}{\lambda+\alpha}$`"),
        Source(SLIDES, 729, r"$$\tilde{w} = (H + \alpha I)^{-1}Hw^*.$$"),
        Source(SLIDES, 737, r"$$\tilde{w} = Q(\Lambda + \alpha I)^{-1}\Lambda Q^\top w^*.$$"),
        Source(SLIDES, 742, r"Each component along the  $i$ -th eigenvector of  $H$  is rescaled by a factor of  $\frac{\lambda_i}{\lambda_i + \alpha}$"),
    ),
    assumptions=(
        "J replaced by its quadratic model J^(w) = J(w*) + 1/2 (w - w*)^T H (w - w*) around the unregularised minimum w* "
        "(claim hessian-taylor-along-direction); H = Q Lambda Q^T symmetric, Q orthogonal",
        "alpha > 0; lambda_i > 0 in the statement; 002:731 is also checked with a zero eigenvalue (H only semidefinite)",
        "2x2 H with symbolic eigenvalues and a fixed rational rotation Q; the tests take 3x3 H with random rational rotations",
    ),
    statement=Equal(W_TILDE, W_TILDE_146, why="the regularised minimum in the eigenbasis of H"),
    steps=(
        Equal(W_TILDE, inverse_times(Q * LAMBDA * Q.T + alpha * I2, Q * LAMBDA * Q.T * W_STAR),
              source=Source(BLOG, 144, r"\tilde{\boldsymbol{w}} & =\left(\boldsymbol{Q} \boldsymbol{\Lambda} \boldsymbol{Q}^{\top}+\alpha \boldsymbol{I}\right)^{-1} \boldsymbol{Q} \boldsymbol{\Lambda} \boldsymbol{Q}^{\top} \boldsymbol{w}^*"),
              why="substitute H = Q Lambda Q^T (002:733)"),
        Equal(inverse_times(Q * LAMBDA * Q.T + alpha * I2, Q * LAMBDA * Q.T * W_STAR), W_TILDE_145,
              source=Source(BLOG, 145, r"& =\left[\boldsymbol{Q}(\boldsymbol{\Lambda}+\alpha \boldsymbol{I}) \boldsymbol{Q}^{\top}\right]^{-1} \boldsymbol{Q} \boldsymbol{\Lambda} \boldsymbol{Q}^{\top} \boldsymbol{w}^*"),
              why="alpha I = Q (alpha I) Q^T because Q Q^T = I"),
        Equal(W_TILDE_145, W_TILDE_146,
              source=Source(BLOG, 146, r"& =\boldsymbol{Q}(\boldsymbol{\Lambda}+\alpha \boldsymbol{I})^{-1} \boldsymbol{\Lambda} \boldsymbol{Q}^{\top} \boldsymbol{w}^*"),
              why="[Q M Q^T]^{-1} = Q M^{-1} Q^T, then Q^T Q = I (002:737)"),
    ),
    forms=(
        Equal(grad(J_HAT_W, tuple(wv)), H * (wv - W_STAR),
              source=Source(BLOG, 129, r"\nabla_{\boldsymbol{w}} \hat{J}(\boldsymbol{w})=\boldsymbol{H}\left(\boldsymbol{w}-\boldsymbol{w}^*\right)"),
              why="the gradient of the quadratic model (H symmetric); the slides say it vanishes at the minimum (002:713-715)"),
        Equal(_expand(alpha * N_TILDE + H * (N_TILDE - D_TILDE * W_STAR)) / D_TILDE, sp.zeros(2, 1),
              source=Source(BLOG, 135, r"\alpha \tilde{\boldsymbol{w}}+\boldsymbol{H}\left(\tilde{\boldsymbol{w}}-\boldsymbol{w}^*\right)=0"),
              why="w~ makes the gradient of alpha/2 |w|^2 + J^ vanish (002:721); written over the denominator D of w~"),
        Equal(_expand((H + alpha * I2) * N_TILDE) / D_TILDE, H * W_STAR,
              source=Source(BLOG, 136, r"(\boldsymbol{H}+\alpha \boldsymbol{I}) \tilde{\boldsymbol{w}}=\boldsymbol{H} \boldsymbol{w}^*"),
              why="collect the terms in w~ (002:725); H + alpha I is invertible for alpha > 0, H semidefinite"),
        Equal(_expand(Q.T * N_TILDE) / D_TILDE, sp.diag(*[li / (li + alpha) for li in LAMS]) * Q.T * W_STAR,
              source=Source(SLIDES, 742, r"Each component along the  $i$ -th eigenvector of  $H$  is rescaled by a factor of  $\frac{\lambda_i}{\lambda_i + \alpha}$"),
              why="q_i^T w~ = lambda_i / (lambda_i + alpha) q_i^T w*: it is w*'s coordinate that is rescaled (000:149 says 'the eigenvector'); "
                  "Q^T w~ written over the denominator D of w~"),
        Equal(sp.Limit(1 / (1 + ratio), ratio, 0), 1,
              source=Source(BLOG, 151, r"`$\lambda_{i} \gg \alpha$` the regularization has a small effect on the eigenvector"),
              why="with r = alpha / lambda_i the factor is 1 / (1 + r) -> 1 as r -> 0"),
        Equal(sp.Limit(1 / (1 + ratio), ratio, sp.oo), 0,
              source=Source(BLOG, 152, r"`$\lambda_{i} \ll \alpha$` the regularization has a large effect on the eigenvector"),
              why="1 / (1 + r) -> 0 as r = alpha / lambda_i -> infinity"),
        Equal(FACTOR, 1 - alpha_pos / lam, up_to=sp.O(alpha_pos**2),
              source=Source(SLIDES, 744, r"If  $\lambda_i \gg \alpha$ , regularization has little effect."),
              why="for alpha << lambda the factor is 1 - alpha/lambda + O((alpha/lambda)^2)"),
        Equal(FACTOR, lam / alpha_pos, up_to=sp.O(lam**2),
              source=Source(SLIDES, 745, r"If  $\lambda_i \ll \alpha$ , components are shrunk significantly, approaching zero."),
              why="for lambda << alpha the factor is lambda/alpha + O((lambda/alpha)^2) -> 0"),
        Equal(W_TILDE_SINGULAR.applyfunc(lambda e: sp.Limit(e, alpha, 0, "+")), W_STAR,
              source=Source(SLIDES, 731, r"As  $\alpha \rightarrow 0$ ,  $\tilde{w}$  approaches  $w^*$"),
              why="as written, for the positive semidefinite H of 002:709; checked with eigenvalues (lambda_1, 0)",
              correction=Equal(W_TILDE_SINGULAR.applyfunc(lambda e: sp.Limit(e, alpha, 0, "+")), RANGE_PROJECTION * W_STAR,
                               why="w~ tends to the projection of w* on the range of H; it is w* when H is positive definite")),
    ),
    numeric=Numeric(decay_shrinks_eigencomponents, {"factor": lam_f / (lam_f + alpha_f)},
                    "gradient descent with weight decay on random quadratics converges to (H + alpha I)^{-1} H w*, and each "
                    "eigen-coordinate is shrunk by the factor, to the convergence and round-off bound"),
    mutants=(
        Mutant("complementary-factor", Equal(W_TILDE_C, shrink_matrix(lambda li: alpha / (li + alpha), LAMS_C)),
               {"factor": alpha_f / (lam_f + alpha_f)}, "alpha / (lambda_i + alpha): the part removed, not the part kept"),
        Mutant("small-lambda-approximation", Equal(W_TILDE_C, shrink_matrix(lambda li: li / alpha, LAMS_C)),
               {"factor": lam_f / alpha_f}, "lambda_i / alpha for every i: the lambda << alpha limit taken as exact"),
        Mutant("minus-alpha", Equal(W_TILDE_C, shrink_matrix(lambda li: li / (li - alpha), LAMS_C)),
               {"factor": lam_f / (lam_f - alpha_f)}, "(H - alpha I)^{-1} H w*: the decay's gradient with the wrong sign"),
    ),
    references=(GOODFELLOW,),
)
