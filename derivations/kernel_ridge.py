"""Ridge regression on features is a kernel model (slides 002: the kernel recap at line 29, the
three models at lines 52-61, ridge regression at lines 468 and 572).

The slides list a feature model f(x) = w^T Phi(x) and a kernel model f(x) = sum_i K(x, x_i) c_i with
K(x_i, x_j) = phi(x_i)^T phi(x_j), and write ridge regression as argmin_w ||y - X^T w||^2 + lambda ||w||^2
(so X holds one data point, or its features phi(x_i), per column). The link between them: the ridge
minimiser is

    w* = X c  with  (K + lambda I) c = y,  K = X^T X  (K_ij = phi(x_i)^T phi(x_j)),

so the fitted feature model is the kernel model, f(x) = w*^T phi(x) = sum_i K(x, x_i) c_i: the
solution lives in the span of the training features, and only inner products are ever needed.

Proof, in the slides' notation: the gradient of the objective is -2 X (y - X^T w) + 2 lambda w. At
w = X c with y = (K + lambda I) c, the residual is y - X^T X c = lambda c, and the gradient is
-2 lambda X c + 2 lambda X c = 0. The objective is strictly convex (its Hessian is 2(X X^T + lambda I)),
so this stationary point is the unique minimiser; K + lambda I is positive definite, so c exists
for every y. Encoded with d = 3 features and n = 2 data points (d != n keeps every transpose
honest); a Computed step repeats it for all d, n in 1..4.
"""
from __future__ import annotations

import numpy as np
import sympy as sp

from checks import Claim, Computed, Equal, Mutant, Numeric, Reference, Source
from numerics.kernel_ridge import ridge_as_kernel_model

SLIDES = "002_89896ee51b349776.txt"
SCHOLKOPF = Reference("Schoelkopf, Herbrich, Smola 2001, A generalized representer theorem", "theorem 1",
                      "https://doi.org/10.1007/3-540-44581-1_27")

lam = sp.Symbol("lambda", positive=True)


def instance(d, n, prefix=""):
    """Features X (d x n, column i is phi(x_i)), dual coefficients c, a test feature vector z = phi(x)."""
    X = sp.Matrix(d, n, lambda j, i: sp.Symbol(f"{prefix}X_{{{j + 1},{i + 1}}}", real=True))
    c = sp.Matrix(n, 1, lambda i, _: sp.Symbol(f"{prefix}c_{i + 1}", real=True))
    z = sp.Matrix(d, 1, lambda j, _: sp.Symbol(f"{prefix}z_{j + 1}", real=True))
    return X, c, z


def objective(X, y, w):
    """The slides' ridge objective ||y - X^T w||^2 + lambda ||w||^2."""
    r = y - X.T * w
    return (r.T * r)[0] + lam * (w.T * w)[0]


def _symbols_wy(d, n):
    w = sp.Matrix(d, 1, lambda j, _: sp.Symbol(f"w_{j + 1}", real=True))
    y = sp.Matrix(n, 1, lambda i, _: sp.Symbol(f"y_{i + 1}", real=True))
    return w, y


def gradient_formula(X, y, w):
    """grad_w of the objective, written out: -2 X (y - X^T w) + 2 lambda w."""
    return -2 * X * (y - X.T * w) + 2 * lam * w


def targets(X, c, shift=lam):
    """y = (X^T X + shift I) c: the targets whose dual coefficients are c."""
    return (X.T * X + shift * sp.eye(X.shape[1])) * c


def gradient_at(X, c, shift=lam):
    """The gradient at w = X c for the targets y = (X^T X + shift I) c."""
    return gradient_formula(X, targets(X, c, shift), X * c).applyfunc(sp.expand)


def differentiated_gradient_at(X, c):
    """The same, but by differentiating the objective itself (SymPy's diff), then substituting."""
    d, n = X.shape
    w, y = _symbols_wy(d, n)
    grad = sp.Matrix([sp.diff(objective(X, y, w), wj) for wj in w])
    point = dict(zip(w, X * c)) | dict(zip(y, targets(X, c)))
    return grad.subs(point, simultaneous=True)


D, N = 3, 2
X, c, z = instance(D, N)
K = X.T * X
Y = (K + lam * sp.eye(N)) * c                    # the targets for which c solves (K + lambda I) c = y
W = X * c                                        # the claimed minimiser
GRAD_AT = differentiated_gradient_at(X, c)


def _every_size(max_size=4):
    """The gradient vanishes at w = X c for every d, n in 1..max_size."""
    for d in range(1, max_size + 1):
        for n in range(1, max_size + 1):
            Xs, cs, _ = instance(d, n, prefix="s")
            if not gradient_at(Xs, cs).applyfunc(sp.expand).is_zero_matrix:
                return False, {"d": d, "n": n}
    return True, f"the gradient vanishes at w = X c for d, n = 1..{max_size}"


def _strictly_convex():
    """v^T H v = 2 |X^T v|^2 + 2 lambda |v|^2 for the Hessian H of the objective: positive for v != 0."""
    v = sp.Matrix(D, 1, lambda j, _: sp.Symbol(f"v_{j + 1}", real=True))
    w, y = _symbols_wy(D, N)
    hess = sp.hessian(objective(X, y, w), list(w))
    quad = sp.expand((v.T * hess * v)[0] - 2 * ((X.T * v).T * (X.T * v))[0] - 2 * lam * (v.T * v)[0])
    return quad == 0, "v^T H v = 2 |X^T v|^2 + 2 lambda |v|^2 > 0 for v != 0: one minimiser, the stationary point"


def _dual_system_solvable():
    """c^T (K + lambda I) c = |X c|^2 + lambda |c|^2: K + lambda I is positive definite, so invertible."""
    quad = sp.expand((c.T * (K + lam * sp.eye(N)) * c)[0] - (W.T * W)[0] - lam * (c.T * c)[0])
    return quad == 0, "c^T (K + lambda I) c = |X c|^2 + lambda |c|^2 > 0 for c != 0: c = (K + lambda I)^-1 y exists"


def dual_solver(shift):
    """The dual coefficients c = (K + shift(lambda) I)^-1 y, as a NumPy function of (K, y, lambda)."""
    def solve(gram, targets, penalty):
        return np.linalg.solve(gram + shift(penalty) * np.eye(gram.shape[0]), targets)
    return solve


ridge_kernel_representer = Claim(
    id="ridge-kernel-representer",
    title="The ridge minimiser of ||y - X^T w||^2 + lambda ||w||^2 is w = X (K + lambda I)^-1 y, so f(x) = sum_i K(x, x_i) c_i",
    sources=(
        Source(SLIDES, 29, r"K_{i,j} = K(x_i, x_j) = \phi(x_i)^T \phi(x_j)"),
        Source(SLIDES, 43, r"f(x) = w^T \phi(x)"),
        Source(SLIDES, 56, r"f(x) = w^\top \Phi(x) = \sum_{j=1}^p w^j \varphi_j(x)."),
        Source(SLIDES, 61, r"f(x) = \sum_{i=1}^n K(x, x_i) c_i."),
        Source(SLIDES, 468, r"\arg \min_w \|y - X^T w\|_2^2 + \lambda \|w\|_2^2"),
        Source(SLIDES, 572, r"\arg \min_w \|y - X^T w\|_2^2 + \lambda \|w\|_2^2"),
    ),
    assumptions=(
        "X is d x n with column i the feature vector phi(x_i) (the slides' X^T w is the vector of predictions); "
        "lambda > 0; K = X^T X, K(x, x_i) = phi(x)^T phi(x_i)",
        "y given; c the solution of (K + lambda I) c = y (it exists: K + lambda I is positive definite). Encoded with "
        "y written as (K + lambda I) c, which covers every y",
        f"shown with d = {D} features and n = {N} points symbolically, and for d, n = 1..4 by a computation",
    ),
    statement=Equal(GRAD_AT, sp.zeros(D, 1), why="the ridge gradient vanishes at w = X c, (K + lambda I) c = y"),
    steps=(
        Equal(GRAD_AT, -2 * X * (Y - X.T * W) + 2 * lam * W,
              why="differentiate: grad_w ||y - X^T w||^2 + lambda ||w||^2 = -2 X (y - X^T w) + 2 lambda w"),
        Equal(-2 * X * (Y - X.T * W) + 2 * lam * W, -2 * X * (lam * c) + 2 * lam * W,
              why="the residual at w = X c is y - X^T X c = (K + lambda I) c - K c = lambda c"),
        Equal(-2 * X * (lam * c) + 2 * lam * W, sp.zeros(D, 1),
              why="-2 lambda X c + 2 lambda X c = 0"),
        Computed("the objective is strictly convex: its Hessian 2 (X X^T + lambda I) is positive definite", _strictly_convex,
                 why="so the stationary point w = X c is the unique minimiser"),
        Computed("K + lambda I is positive definite, so c = (K + lambda I)^-1 y exists for every y", _dual_system_solvable,
                 why="c^T (K + lambda I) c = |X c|^2 + lambda |c|^2"),
        Computed("the gradient vanishes at w = X c for every d, n in 1..4", _every_size,
                 why="the argument never used d = 3, n = 2"),
    ),
    forms=(
        Equal(K, sp.Matrix(N, N, lambda i, j: (X[:, i].T * X[:, j])[0]),
              why="the slides' kernel matrix K_ij = phi(x_i)^T phi(x_j) is the Gram matrix X^T X of the feature columns",
              source=Source(SLIDES, 29, r"K_{i,j} = K(x_i, x_j) = \phi(x_i)^T \phi(x_j)")),
        Equal((W.T * z)[0], sum((z.T * X[:, i])[0] * c[i] for i in range(N)),
              why="the fitted feature model w*^T phi(x) is the slides' kernel model with K(x, x_i) = phi(x)^T phi(x_i)",
              source=Source(SLIDES, 61, r"f(x) = \sum_{i=1}^n K(x, x_i) c_i.")),
    ),
    numeric=Numeric(
        ridge_as_kernel_model,
        {"coefficients": dual_solver(lambda penalty: penalty)},
        "random Fourier features, d > n and d < n: the kernel model sum_i K(x, x_i) c_i with c = coefficients(K, y, "
        "lambda) matches the ridge minimiser found by least squares on the augmented system [X^T; sqrt(lambda) I] w = "
        "[y; 0] (QR/SVD, not the normal equations) at 50 test points, within 64 (d + n) u kappa max|f|",
    ),
    mutants=(
        Mutant("ridge-dropped", Equal(gradient_at(X, c, shift=0), sp.zeros(D, 1)),
               {"coefficients": dual_solver(lambda penalty: 0.0)},
               "c = K^-1 y: the kernel interpolant, as if lambda = 0"),
        Mutant("penalty-doubled", Equal(gradient_at(X, c, shift=2 * lam), sp.zeros(D, 1)),
               {"coefficients": dual_solver(lambda penalty: 2 * penalty)},
               "c = (K + 2 lambda I)^-1 y: a factor 2 lost between the loss and the penalty's gradients"),
    ),
    references=(SCHOLKOPF,),
)
