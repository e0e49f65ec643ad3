"""Explicit L2 regularisation in 003 chapter 2 (section 2.3.2 and Problem 5, 003:999-1100).

Two claims:

- ``ridge-closed-form`` (2.14), 003:1001-1007: the minimiser of |y - X theta|^2 + lambda |theta|^2 is
  (X^T X + lambda I)^-1 X^T y, and X^T X + lambda I is invertible for every X when lambda > 0.
- ``weight-decay-effective-loss`` (Problem 5, 003:1066-1100): the decayed step
  theta <- (1 - lambda) theta - alpha dL/dtheta is exactly a gradient step of size alpha on
  L + lambda/(2 alpha) |theta|^2.

The ridge identities are shown on an explicit 2 x 2 design of symbols (small enough to print); the tests repeat them for
other shapes, including designs with more columns than rows (X^T X singular).
"""
from __future__ import annotations

import sympy as sp

from checks import Claim, Equal, Holds, Mutant, Numeric, Reference, Source
from numerics.ridge import decayed_vs_penalised_trajectories, ridge_vs_autodiff_minimiser

NOTES = "003_102deae4affe1aa8.txt"
HOERL = Reference("Hoerl, Kennard 1970, Ridge Regression: Biased Estimation for Nonorthogonal Problems",
                  "Technometrics 12(1), 55-67", "https://doi.org/10.1080/00401706.1970.10488634")
LOSHCHILOV = Reference("Loshchilov, Hutter 2019, Decoupled Weight Decay Regularization", "Proposition 1 (weight decay = L2 for SGD)",
                       "https://arxiv.org/abs/1711.05101")

# ---------------------------------------------------------------------------------------------
# (2.14): the ridge estimator
# ---------------------------------------------------------------------------------------------
ROWS, COLS = 2, 2
X = sp.Matrix(ROWS, COLS, lambda i, j: sp.Symbol(f"X_{i + 1}{j + 1}", real=True))
y = sp.Matrix(sp.symbols(f"y_1:{ROWS + 1}", real=True))
th = sp.Matrix(sp.symbols(f"theta_1:{COLS + 1}", real=True))
lam = sp.Symbol("lambda", positive=True)
I2 = sp.eye(COLS)

LOSS = ((y - X * th).T * (y - X * th))[0]                  # 003:87, the squared loss of linear regression
PENALISED = LOSS + lam * (th.T * th)[0]                   # 003:1001 with the L2 norm squared
GRAD = sp.Matrix([sp.diff(PENALISED, t) for t in th])
SHIFTED = X.T * X + lam * I2
RIDGE = SHIFTED.inv() * X.T * y                           # (2.14)

# Index-free forms for the experiment (lambdified with NumPy on random instances).
n_rows, n_cols = sp.symbols("n p", integer=True, positive=True)
Xm = sp.MatrixSymbol("X", n_rows, n_cols)
ym = sp.MatrixSymbol("y", n_rows, 1)
Ip = sp.Identity(n_cols)
RIDGE_M = (Xm.T * Xm + lam * Ip).I * Xm.T * ym
RIDGE_2LAM_M = (Xm.T * Xm + 2 * lam * Ip).I * Xm.T * ym
RIDGE_MINUS_M = (Xm.T * Xm - lam * Ip).I * Xm.T * ym
OLS_SHRUNK_M = (Xm.T * Xm).I * Xm.T * ym / (1 + lam)

# The mutants on one rational design and lambda (a concrete counterexample; with symbolic X every
# sample point would cost a rational simplification).
X0 = sp.Matrix([[1, 2], [0, 1], [3, -1]])
Y0 = sp.Matrix([1, -2, 2])


LAM0 = sp.Rational(1, 2)


def _normal_equations_at(expr):
    """Whether an estimator formula solves the normal equations on the design X0, y0 at lambda = 1/2."""
    est = sp.Matrix(expr.xreplace({Xm: X0, ym: Y0}).subs({n_rows: X0.rows, n_cols: X0.cols, lam: LAM0}).doit())
    return Equal((X0.T * X0 + LAM0 * sp.eye(X0.cols)) * est, X0.T * Y0)


MINORS = sum((X[a, 0] * X[b, 1] - X[b, 0] * X[a, 1]) ** 2 for a in range(ROWS) for b in range(a + 1, ROWS))
DET_SHIFTED = lam**2 + lam * sum(x**2 for x in X) + MINORS

ridge_closed_form = Claim(
    id="ridge-closed-form",
    title="The ridge estimator (X^T X + lambda I)^-1 X^T y minimises |y - X theta|^2 + lambda |theta|^2",
    sources=(
        Source(NOTES, 1001, r"\tilde{L}(\theta) = L(\theta) + \lambda \underbrace{\text{norm}(\theta)}_{\text{regularization}}"),
        Source(NOTES, 1005, r"\hat{\theta}_{\text{Ridge}} = (\mathbf{X}^T \mathbf{X} + \lambda \mathbf{I})^{-1} \mathbf{X}^T \mathbf{y} \quad (2.14)"),
        Source(NOTES, 1007, r"where the addition of $\lambda \mathbf{I}$ to the covariance matrix forces the term in the parentheses to always be invertible."),
    ),
    assumptions=(
        "L(theta) = (y - X theta)^T (y - X theta) (003:87) and norm(theta) = |theta|^2, the squared L2 norm of ridge",
        "lambda > 0; shown on a 2 x 2 design of symbols, the tests repeat it for other shapes (more rows, more columns)",
    ),
    statement=Equal(SHIFTED * RIDGE, X.T * y,
                    source=Source(NOTES, 1005, r"\hat{\theta}_{\text{Ridge}} = (\mathbf{X}^T \mathbf{X} + \lambda \mathbf{I})^{-1} \mathbf{X}^T \mathbf{y} \quad (2.14)"),
                    why="(2.14) solves the normal equations (X^T X + lambda I) theta = X^T y of the penalised loss"),
    # Facts about the penalised loss beside the statement (not links of a chain from its left side),
    # so they are relations the engine checks on their own rather than Equal links.
    steps=(
        Holds(sp.Eq(GRAD, -2 * X.T * (y - X * th) + 2 * lam * th, evaluate=False),
              why="d/dtheta |y - X theta|^2 = -2 X^T (y - X theta) and d/dtheta lambda |theta|^2 = 2 lambda theta"),
        Holds(sp.Eq(-2 * X.T * (y - X * th) + 2 * lam * th, 2 * (SHIFTED * th - X.T * y), evaluate=False),
              why="collect theta: the gradient vanishes exactly on the normal equations"),
        Holds(sp.Eq(sp.hessian(PENALISED, list(th)), 2 * SHIFTED, evaluate=False), why="the Hessian is constant: the loss is quadratic"),
        Holds(sp.Eq(SHIFTED.det(), DET_SHIFTED, evaluate=False),
              why="det(X^T X + lambda I) = lambda^2 + lambda tr(X^T X) + det(X^T X), and det(X^T X) is the sum of "
                  "the squared 2 x 2 minors of X (Cauchy-Binet)"),
    ),
    forms=(
        Holds(sp.Gt(DET_SHIFTED, 0, evaluate=False),
              source=Source(NOTES, 1007, r"where the addition of $\lambda \mathbf{I}$ to the covariance matrix forces the term in the parentheses to always be invertible."),
              why="lambda^2 > 0 plus non-negative terms, for every X (also X^T X singular); with trace "
                  "tr(X^T X) + 2 lambda > 0 the 2 x 2 Hessian 2 (X^T X + lambda I) is positive definite: the "
                  "stationary point is the unique minimum"),
    ),
    numeric=Numeric(ridge_vs_autodiff_minimiser, {"estimator": RIDGE_M},
                    "on random instances (full rank, and with more coefficients than data), the formula equals the "
                    "minimiser of the penalised loss from jax.grad and jax.hessian (one exact Newton step) to "
                    "64 cond(X^T X + lambda I) u"),
    mutants=(
        Mutant("two-lambda", _normal_equations_at(RIDGE_2LAM_M), {"estimator": RIDGE_2LAM_M},
               "(X^T X + 2 lambda I)^-1 X^T y: the minimiser of (1/2)|y - X theta|^2 + lambda |theta|^2"),
        Mutant("minus-lambda", _normal_equations_at(RIDGE_MINUS_M), {"estimator": RIDGE_MINUS_M},
               "(X^T X - lambda I)^-1 X^T y: the penalty's sign flipped"),
        Mutant("shrunk-least-squares", _normal_equations_at(OLS_SHRUNK_M), {"estimator": OLS_SHRUNK_M},
               "(X^T X)^-1 X^T y / (1 + lambda): right only for orthonormal columns, undefined when X^T X is singular"),
    ),
    references=(HOERL,),
)

# ---------------------------------------------------------------------------------------------
# Problem 5: weight decay is an L2 penalty of lambda/(2 alpha)
# ---------------------------------------------------------------------------------------------
thetas = sp.symbols("theta_1:4", real=True)
TH = sp.Matrix(thetas)
decay = sp.Symbol("lambda", positive=True)
alpha = sp.Symbol("alpha", positive=True)
L = sp.Function("L")(*thetas)
GRAD_L = sp.Matrix([sp.diff(L, t) for t in thetas])
L_TILDE = L + decay / (2 * alpha) * sum(t**2 for t in thetas)         # 003:1074
L_TILDE_NORM = L + decay / (2 * alpha) * (TH.T * TH)[0]                 # 003:1098
GRAD_L_TILDE = sp.Matrix([sp.diff(L_TILDE, t) for t in thetas])
DECAYED = (1 - decay) * TH - alpha * GRAD_L                            # 003:1070 and 1082
G_THETA = -decay / alpha * TH - GRAD_L                                 # g(theta) of 003:1090

# Mutants need a concrete gradient to be refuted at sample points: G stands for dL/dtheta.
G = sp.Matrix(sp.symbols("g_1:4", real=True))
DECAYED_G = (1 - decay) * TH - alpha * G


def _penalised_step(coefficient):
    """A gradient step of size alpha on L + coefficient |theta|^2, with dL/dtheta = G."""
    return TH - alpha * (G + 2 * coefficient * TH)


lam_s, alpha_s = sp.symbols("lambda alpha", positive=True)

weight_decay_effective_loss = Claim(
    id="weight-decay-effective-loss",
    title="The step theta <- (1 - lambda) theta - alpha dL/dtheta is gradient descent on L + lambda/(2 alpha) |theta|^2",
    sources=(
        Source(NOTES, 1070, r"\theta \leftarrow (1 - \lambda)\theta - \alpha \frac{\partial L}{\partial \theta}"),
        Source(NOTES, 1074, r"\tilde{L}(\theta) = L(\theta) + \frac{\lambda}{2\alpha} \sum_k \theta_k^2"),
        Source(NOTES, 1086, r"\frac{\theta_{t+\alpha} - \theta_t}{\alpha} = -\frac{\lambda}{\alpha}\theta_t - \frac{\partial L}{\partial \theta}"),
        Source(NOTES, 1098, r"\tilde{L}(\theta) = L(\theta) + \frac{\lambda}{2\alpha}\|\theta\|^2"),
    ),
    assumptions=(
        "L differentiable (an undefined SymPy function of 3 parameters; the experiment uses 4)",
        "the same learning rate alpha in the decayed step and in the gradient step on L~",
        "the continuous limit of 003:1088-1090 keeps lambda/alpha fixed as alpha -> 0 (otherwise -lambda theta / alpha "
        "diverges); the identity of one step needs no limit",
    ),
    statement=Equal(DECAYED, TH - alpha * GRAD_L_TILDE,
                    why="one decayed step equals one gradient step of size alpha on L~"),
    steps=(
        Equal(DECAYED, TH + alpha * G_THETA,
              why="003:1086 multiplied by alpha: theta_{t+alpha} = theta_t + alpha (-(lambda/alpha) theta_t - dL/dtheta)"),
        Equal(TH + alpha * G_THETA, TH - alpha * GRAD_L_TILDE,
              why="g(theta) = -(lambda/alpha) theta - dL/dtheta = -d/dtheta (L + lambda/(2 alpha) |theta|^2)"),
    ),
    forms=(
        Equal((DECAYED - TH) / alpha, G_THETA,
              source=Source(NOTES, 1086, r"\frac{\theta_{t+\alpha} - \theta_t}{\alpha} = -\frac{\lambda}{\alpha}\theta_t - \frac{\partial L}{\partial \theta}"),
              why="distribute theta_t and divide by alpha"),
        Equal(G_THETA, -sp.Matrix([sp.diff(L_TILDE_NORM, t) for t in thetas]),
              source=Source(NOTES, 1098, r"\tilde{L}(\theta) = L(\theta) + \frac{\lambda}{2\alpha}\|\theta\|^2"),
              why="integrating g with respect to theta, with the minus sign of descent: the extra term -lambda theta / alpha "
                  "is the gradient of -lambda/(2 alpha) |theta|^2"),
        Equal(L_TILDE, L_TILDE_NORM, source=Source(NOTES, 1074, r"\tilde{L}(\theta) = L(\theta) + \frac{\lambda}{2\alpha} \sum_k \theta_k^2"),
              why="sum_k theta_k^2 = |theta|^2: the statement of Problem 5 and its answer agree"),
    ),
    numeric=Numeric(decayed_vs_penalised_trajectories, {"penalty": lam_s / (2 * alpha_s)},
                    "100 decayed steps on a logistic loss against 100 jax.grad steps on L + c |theta|^2 (three "
                    "(alpha, lambda) pairs): the trajectories agree to 16 k u |theta| after k steps"),
    mutants=(
        Mutant("penalty-lambda-over-alpha", Equal(DECAYED_G, _penalised_step(decay / alpha)), {"penalty": lam_s / alpha_s},
               "L + (lambda/alpha) |theta|^2: the 1/2 of the square's derivative forgotten"),
        Mutant("penalty-without-learning-rate", Equal(DECAYED_G, _penalised_step(decay / 2)), {"penalty": lam_s / 2},
               "L + (lambda/2) |theta|^2: the decay rate taken as the penalty, without the 1/alpha"),
    ),
    references=(LOSHCHILOV,),
)
