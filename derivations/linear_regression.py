"""Linear regression in 003 chapter 1: the gradient of the squared loss that SGD follows
(eqs. 1.1-1.2 and the minibatch example, 003:85-106, with the SGD listing 003:108-161) and the
Hessian of simple linear regression with the convexity argument (Problem 4, 003:518-554).

Index-free statements are checked on explicit instances (3 rows and 2 features for the full
gradient, the notes' batch (1, 7, 2, 10) of 10 rows for the minibatch); the Hessian and its
determinant and trace are proved for every n with SymPy sums.
"""
from __future__ import annotations

import sympy as sp

from checks import Claim, Computed, Equal, Holds, Mutant, Numeric, Source
from numerics.linear_regression import (det_trace_vs_autodiff, gradient_vs_autodiff, hessian_vs_autodiff,
                                        quadratic_form_vs_autodiff)
from numerics.optimizers import equation_sgd, listing_epoch_rows, listing_sgd

NOTES = "003_102deae4affe1aa8.txt"

# ---------------------------------------------------------------------------------------------
# The squared loss and its gradient
# ---------------------------------------------------------------------------------------------
# Index-free forms (MatrixSymbols with symbolic shapes) are what the experiments evaluate; the
# statements substitute explicit matrices of scalar symbols into the very same expressions.
N_ROWS, N_FEAT = sp.symbols("N D", integer=True, positive=True)
Xm = sp.MatrixSymbol("X", N_ROWS, N_FEAT)
ym = sp.MatrixSymbol("y", N_ROWS, 1)
thm = sp.MatrixSymbol("theta", N_FEAT, 1)

GRADIENT = 2 * Xm.T * (Xm * thm - ym)                     # the true gradient of (1.1)
GRADIENT_LINE_93 = Xm.T * (Xm * thm - ym)                 # 003:93 as written
GRADIENT_SIGN = 2 * Xm.T * (ym - Xm * thm)
GRADIENT_MEAN = 2 / N_ROWS * Xm.T * (Xm * thm - ym)      # the gradient of the mean loss


def _data(rows: int, feats: int, row_labels=None):
    labels = row_labels or range(1, rows + 1)
    x = sp.Matrix([[sp.Symbol(f"X_{{{i},{j}}}", real=True) for j in range(1, feats + 1)] for i in labels])
    y = sp.Matrix([sp.Symbol(f"y_{i}", real=True) for i in labels])
    th = sp.Matrix([sp.Symbol(f"theta_{j}", real=True) for j in range(1, feats + 1)])
    return x, y, th


def _explicit(expr, x, y, th):
    """The matrix expression on explicit matrices (N = number of rows)."""
    return sp.Matrix(expr.xreplace({Xm: x, ym: y, thm: th, N_ROWS: x.rows}).doit())


X3, Y3, TH = _data(3, 2)
LOSS = ((Y3 - X3 * TH).T * (Y3 - X3 * TH))[0]             # (1.1), first form
GRAD = sp.Matrix([sp.diff(LOSS, t) for t in TH])
I_ROWS, J_FEAT = range(3), range(2)


def _residual(i):
    return Y3[i] - sum(X3[i, k] * TH[k] for k in J_FEAT)


# (1.1) read literally: both indices under the sum, each term squared on its own.
LOSS_LITERAL = sum((Y3[i] - X3[i, j] * TH[j]) ** 2 for i in I_ROWS for j in J_FEAT)
LOSS_CONTRACTED = sum(_residual(i) ** 2 for i in I_ROWS)
# (1.2) read literally: -2 sum_i sum_k (y_i - X_ik theta_k) X_ij, which counts y_i once per k.
GRAD_LITERAL = sp.Matrix([-2 * sum((Y3[i] - X3[i, k] * TH[k]) * X3[i, j] for i in I_ROWS for k in J_FEAT) for j in J_FEAT])
GRAD_CONTRACTED = sp.Matrix([-2 * sum(_residual(i) * X3[i, j] for i in I_ROWS) for j in J_FEAT])

linear_regression_gradient = Claim(
    id="linear-regression-gradient",
    title="The gradient of the squared loss (y - X theta)^T (y - X theta) is 2 X^T (X theta - y)",
    sources=(
        Source(NOTES, 87, r"L[\theta] = (\mathbf{y} - \mathbf{X}\theta)^T (\mathbf{y} - \mathbf{X}\theta)"),
        Source(NOTES, 91, r"\nabla_j^{(\theta)} = -2 \sum_{i,k=1} (y_i - X_{ik}\theta_k) X_{ij}"),
        Source(NOTES, 93, r"\nabla_{\theta} = \mathbf{X}^T (\mathbf{X}\theta - \mathbf{y})"),
    ),
    assumptions=("checked on an explicit instance: 3 rows, 2 features, all entries real symbols",
                 "the tests repeat the identity for other shapes"),
    statement=Equal(GRAD, _explicit(GRADIENT, X3, Y3, TH), why="differentiate (1.1) in each theta_j"),
    steps=(
        Equal(GRAD, GRAD_LITERAL, source=Source(NOTES, 91, r"\nabla_j^{(\theta)} = -2 \sum_{i,k=1} (y_i - X_{ik}\theta_k) X_{ij}"),
              why="(1.2): chain rule on each squared residual; as written, the sum over k encloses y_i too",
              correction=Equal(GRAD, GRAD_CONTRACTED,
                               why="the sum over k belongs inside the residual: -2 sum_i (y_i - sum_k X_ik theta_k) X_ij")),
        Equal(GRAD_CONTRACTED, _explicit(GRADIENT_LINE_93, X3, Y3, TH),
              source=Source(NOTES, 93, r"\nabla_{\theta} = \mathbf{X}^T (\mathbf{X}\theta - \mathbf{y})"),
              why="(1.2) in matrix form, as the notes write it: the factor 2 of (1.2) is dropped",
              correction=Equal(GRAD_CONTRACTED, _explicit(GRADIENT, X3, Y3, TH),
                               why="sum_i (X theta - y)_i X_ij is (X^T (X theta - y))_j, and the -2 turns the residual around")),
    ),
    forms=(
        Equal(LOSS, LOSS_LITERAL, source=Source(NOTES, 87, r"\sum_{i,j=1} (y_i - X_{ij}\theta_j)^2"),
              why="(1.1) in components as written: every term y_i - X_ij theta_j squared on its own",
              correction=Equal(LOSS, LOSS_CONTRACTED, why="the sum over j belongs inside the square: sum_i (y_i - sum_j X_ij theta_j)^2")),
    ),
    numeric=Numeric(gradient_vs_autodiff, {"gradient": GRADIENT, "rows": "all"},
                    "JAX autodiff of (1.1) equals the formula to a round-off bound on random instances"),
    mutants=(
        Mutant("missing-factor-2", Equal(GRAD, _explicit(GRADIENT_LINE_93, X3, Y3, TH)),
               {"gradient": GRADIENT_LINE_93, "rows": "all"}, "X^T (X theta - y), as 003:93 writes it"),
        Mutant("sign-flipped", Equal(GRAD, _explicit(GRADIENT_SIGN, X3, Y3, TH)),
               {"gradient": GRADIENT_SIGN, "rows": "all"}, "2 X^T (y - X theta): the ascent direction"),
        Mutant("mean-loss", Equal(GRAD, _explicit(GRADIENT_MEAN, X3, Y3, TH)),
               {"gradient": GRADIENT_MEAN, "rows": "all"}, "(2/N) X^T (X theta - y): the gradient of the mean loss"),
    ),
)

# ---------------------------------------------------------------------------------------------
# The minibatch gradient (003:78-106) and the SGD listing (003:108-161)
# ---------------------------------------------------------------------------------------------
BATCH = (1, 7, 2, 10)  # the notes' example batch, 1-based row labels
X10, Y10, TH2 = _data(10, 2)
XB = sp.Matrix([X10.row(i - 1) for i in BATCH])
YB = sp.Matrix([Y10[i - 1] for i in BATCH])
BATCH_LOSSES = [(Y10[i - 1] - (X10.row(i - 1) * TH2)[0]) ** 2 for i in BATCH]
GRAD_OF_BATCH_LOSS = sp.Matrix([sp.diff(sum(BATCH_LOSSES), t) for t in TH2])
SUM_OF_GRADS = sp.Matrix([sum(sp.diff(li, t) for li in BATCH_LOSSES) for t in TH2])


def _batch_residual(i):
    return Y10[i - 1] - sum(X10[i - 1, k] * TH2[k] for k in range(2))


GRAD_LINE_104 = sp.Matrix([sum(_batch_residual(i) * X10[i - 1, j] for i in BATCH) for j in range(2)])
GRAD_BATCH = sp.Matrix([-2 * sum(_batch_residual(i) * X10[i - 1, j] for i in BATCH) for j in range(2)])

XBm = sp.MatrixSymbol("X_B", N_ROWS, N_FEAT)   # N: the rows the formula sees, here |B|
yBm = sp.MatrixSymbol("y_B", N_ROWS, 1)
MB_GRADIENT = 2 * XBm.T * (XBm * thm - yBm)
MB_LINE_104 = XBm.T * (yBm - XBm * thm)
MB_MEAN = 2 / N_ROWS * XBm.T * (XBm * thm - yBm)
MB_SIGN = 2 * XBm.T * (yBm - XBm * thm)


def _mb(expr):
    return sp.Matrix(expr.xreplace({XBm: XB, yBm: YB, thm: TH2, N_ROWS: len(BATCH)}).doit())


# The SGD listing against steps 2-3 of the box: one feature, two steps, two rows per batch
# (with one row the listing's 1/n would be invisible).
w0, alpha = sp.Symbol("w_0", real=True), sp.Symbol("alpha", positive=True)
SGD_BATCHES = (((1, 2), (3, -1)), ((2, 1), (-1, 3)))
SGD_LISTING = listing_sgd(w0, SGD_BATCHES, alpha)[-1]
SGD_EQUATION = equation_sgd(w0, SGD_BATCHES, alpha)[-1]
SGD_MEAN_STEP = equation_sgd(w0, SGD_BATCHES, alpha / 2)[-1]


def _epoch_covers_rows(batchsize: int):
    def check():
        batches, rows = listing_epoch_rows(num_rows=1000, batchsize=batchsize, step=50)
        detail = {"batchsize": batchsize, "batches per epoch": batches, "distinct rows per epoch": rows,
                  "comment (003:123) says": "20 batches of 50, i.e. all 1000 rows"}
        return (batches == 20 and rows == 1000), detail
    return check


sgd_minibatch_gradient = Claim(
    id="sgd-minibatch-gradient",
    title="The minibatch gradient of linear regression is 2 X_B^T (X_B theta - y_B)",
    sources=(
        Source(NOTES, 81, r"\nabla_{\theta} = \sum_{i \in \mathcal{B}_t} \frac{\partial L_i[\theta_t]}{\partial \theta}"),
        Source(NOTES, 95, r"we might choose the set of indices to be $i \in (1, 7, 2, 10)$"),
        Source(NOTES, 104, r"\nabla_j^{(\theta)} = (y_1 - X_{1k}\theta_k)X_{1j} + (y_7 - X_{7k}\theta_k)X_{7j}"),
        Source(NOTES, 152, r"grad = 1/n * (2*truncatedX.T)@(truncatedX@w - truncatedy)"),
    ),
    assumptions=(
        "L_i[theta] = (y_i - sum_k X_ik theta_k)^2, the i-th term of (1.1)",
        "the notes' batch B = (1, 7, 2, 10) of 10 rows, 2 features; repeated indices k summed (003:106)",
        "the listing's undefined n is the batch size, as the Adam listing writes it (1/batchsize, 003:481)",
    ),
    statement=Equal(GRAD_OF_BATCH_LOSS, _mb(MB_GRADIENT), why="the gradient of the batch's share of (1.1)"),
    steps=(
        Equal(GRAD_OF_BATCH_LOSS, SUM_OF_GRADS, why="step 2 of the SGD box: the gradient of a sum is the sum of the gradients"),
        Equal(SUM_OF_GRADS, GRAD_LINE_104,
              source=Source(NOTES, 104, r"\nabla_j^{(\theta)} = (y_1 - X_{1k}\theta_k)X_{1j} + (y_7 - X_{7k}\theta_k)X_{7j}"),
              why="(1.2) restricted to the rows 1, 7, 2, 10, as the notes write it: the -2 of (1.2) is gone",
              correction=Equal(SUM_OF_GRADS, GRAD_BATCH, why="each dL_i/dtheta_j is -2 (y_i - X_ik theta_k) X_ij")),
        Equal(GRAD_BATCH, _mb(MB_GRADIENT), why="the sum over i in B is (1.2) with X and y truncated to the rows in B (003:95-102)"),
    ),
    forms=(
        Equal(SGD_LISTING, SGD_EQUATION, source=Source(NOTES, 152, r"grad = 1/n * (2*truncatedX.T)@(truncatedX@w - truncatedy)"),
              why="two steps of the listing (003:152-154) against two steps of the box (003:81-83), batches of two rows",
              correction=Equal(SGD_LISTING, SGD_MEAN_STEP,
                               why="the listing divides the batch gradient by n: it is step 3 with step size alpha/n (the mean batch loss)")),
        Computed("one epoch of the listing visits all 1000 rows in 20 batches of 50", _epoch_covers_rows(100),
                 source=Source(NOTES, 130, "batchsize = 100"),
                 why="batchsize = 100 sets int(1000/100) = 10 batches, but each slice is 50 rows (003:143-145)",
                 correction=Computed("with batchsize = 50 one epoch is 20 batches of 50 covering all 1000 rows",
                                     _epoch_covers_rows(50), why="the loop count and the slice width then agree")),
    ),
    numeric=Numeric(gradient_vs_autodiff, {"gradient": MB_GRADIENT, "rows": "batch"},
                    "JAX autodiff of the batch loss equals the formula on the batch rows to a round-off bound"),
    mutants=(
        Mutant("as-line-104", Equal(GRAD_OF_BATCH_LOSS, _mb(MB_LINE_104)), {"gradient": MB_LINE_104, "rows": "batch"},
               "X_B^T (y_B - X_B theta): 003:104 without the -2"),
        Mutant("batch-mean", Equal(GRAD_OF_BATCH_LOSS, _mb(MB_MEAN)), {"gradient": MB_MEAN, "rows": "batch"},
               "(2/|B|) X_B^T (X_B theta - y_B): the listing's 1/n gradient"),
        Mutant("sign-flipped", Equal(GRAD_OF_BATCH_LOSS, _mb(MB_SIGN)), {"gradient": MB_SIGN, "rows": "batch"},
               "2 X_B^T (y_B - X_B theta)"),
    ),
)

# ---------------------------------------------------------------------------------------------
# Problem 4: the Hessian of simple linear regression, its determinant and trace, convexity
# ---------------------------------------------------------------------------------------------
n = sp.Symbol("n", integer=True, positive=True)
i = sp.Symbol("i", integer=True, positive=True)
Xi, yi = sp.IndexedBase("X", real=True), sp.IndexedBase("y", real=True)
th0, th1 = sp.symbols("theta_0 theta_1", real=True)
S_x, S_xx = sp.symbols("S_x S_xx", real=True)           # sum_i X_i and sum_i X_i^2
SUMS = {S_x: sp.Sum(Xi[i], (i, 1, n)), S_xx: sp.Sum(Xi[i] ** 2, (i, 1, n))}
SIMPLE_LOSS = sp.Sum((yi[i] - th0 - th1 * Xi[i]) ** 2, (i, 1, n))        # 003:530
HESS = sp.hessian(SIMPLE_LOSS, (th0, th1))

H_FORMULA = sp.Matrix([[2 * n, 2 * S_x], [2 * S_x, 2 * S_xx]])          # 003:540, in n, S_x, S_xx
H_NO_2 = sp.Matrix([[n, S_x], [S_x, S_xx]])
H_MEAN = 2 / n * sp.Matrix([[n, S_x], [S_x, S_xx]])


def _with_sums(expr):
    return expr.xreplace(SUMS)


def _explicit_hessian(points: int):
    """The Hessian of 003:530 for a given number of points, with scalar symbols X_1..X_points."""
    xs = sp.symbols(f"X_1:{points + 1}", real=True)
    ys = sp.symbols(f"y_1:{points + 1}", real=True)
    loss = sum((b - th0 - th1 * a) ** 2 for a, b in zip(xs, ys))
    return xs, sp.hessian(loss, (th0, th1))


X2s, H2 = _explicit_hessian(2)
X3s, H3 = _explicit_hessian(3)


def _at(expr, xs):
    """An expression in n, S_x, S_xx on explicit points."""
    return sp.sympify(expr).xreplace({n: len(xs), S_x: sum(xs), S_xx: sum(a**2 for a in xs)})


def _diagonal_nonnegative():
    diag = [H2[0, 0], H2[1, 1]]
    ok = bool(diag[0].is_positive) and bool(sp.factor(diag[1]).is_nonnegative)
    return ok, {"H_00": str(diag[0]), "H_11": str(diag[1]), "H_01": str(H2[0, 1]) + " (either sign)"}


linear_regression_hessian = Claim(
    id="linear-regression-hessian",
    title="The Hessian of simple linear regression is [[2n, 2 sum X_i], [2 sum X_i, 2 sum X_i^2]]",
    sources=(
        Source(NOTES, 530, r"L(\theta_0, \theta_1) = \sum_{i=1}^n (y_i - \theta_0 - \theta_1 X_i)^2"),
        Source(NOTES, 540, r"\mathbf{H}[\theta] = \begin{bmatrix} 2n & 2 \sum_i X_i \\ 2 \sum_i X_i & 2 \sum_i X_i^2 \end{bmatrix}"),
    ),
    assumptions=("n >= 1 data points (X_i, y_i), real",),
    statement=Equal(HESS, _with_sums(H_FORMULA), why="differentiate the sum term by term twice"),
    forms=(
        Equal(sp.diff(SIMPLE_LOSS, th0, 2), 2 * n, source=Source(NOTES, 534, r"\frac{\partial^2 L}{\partial \theta_0^2} = \sum_{i=1}^n 2 = 2n"),
              why="each squared residual contributes 2"),
        Equal(sp.diff(SIMPLE_LOSS, th0, th1), 2 * SUMS[S_x],
              source=Source(NOTES, 534, r"\frac{\partial^2 L}{\partial \theta_0 \partial \theta_1} = \frac{\partial^2 L}{\partial \theta_1 \partial \theta_0} = 2 \sum_{i=1}^n X_i"),
              why="d/dtheta_1 of -2 (y_i - theta_0 - theta_1 X_i) is 2 X_i"),
        Equal(sp.diff(SIMPLE_LOSS, th1, 2), 2 * SUMS[S_xx], source=Source(NOTES, 536, r"\frac{\partial^2 L}{\partial \theta_1^2} = 2 \sum_{i=1}^n X_i^2"),
              why="d/dtheta_1 of -2 X_i (y_i - theta_0 - theta_1 X_i) is 2 X_i^2"),
        Holds(sp.Gt(H2[0, 1], 0, evaluate=False), source=Source(NOTES, 542, "the entries of the Hessian matrix are all positive"),
              why="as written, every entry, the off-diagonal 2 sum X_i included, is positive (checked with n = 2)",
              correction=Computed("the diagonal entries 2n > 0 and 2 sum X_i^2 >= 0 are never negative; the off-diagonal "
                                  "2 sum X_i has the sign of sum X_i", _diagonal_nonnegative,
                                  why="2n and a sum of squares; sum X_i < 0 for negative inputs")),
    ),
    numeric=Numeric(hessian_vs_autodiff, {"hessian": H_FORMULA},
                    "jax.hessian of the loss equals the formula entrywise to a round-off bound on random data sets"),
    mutants=(
        Mutant("no-factor-2", Equal(HESS, _with_sums(H_NO_2)), {"hessian": H_NO_2},
               "[[n, sum X], [sum X, sum X^2]]: the Hessian of half the loss"),
        Mutant("mean-loss-2-over-n", Equal(HESS, _with_sums(H_MEAN)), {"hessian": H_MEAN},
               "(2/n) [[n, sum X], [sum X, sum X^2]]: the Hessian of the mean loss"),
    ),
)

DET = 4 * n * S_xx - 4 * S_x**2                                          # 003:548
TRACE = 2 * n + 2 * S_xx                                                 # 003:552
DET_PLUS = 4 * n * S_xx + 4 * S_x**2
TRACE_NO_N = 2 * S_xx
POP_VAR = S_xx / n - (S_x / n) ** 2                                      # (1/n) sum (X_i - mean)^2
DET_LITERAL = 4 / n**2 * POP_VAR                                         # 003:550, "factor out 4/n^2"


def _sample_variance(xs):
    mean = sum(xs) / len(xs)
    return sum((a - mean) ** 2 for a in xs) / len(xs)


linear_regression_hessian_det_trace = Claim(
    id="linear-regression-hessian-det-trace",
    title="det H = 4n sum X_i^2 - 4 (sum X_i)^2 = 4 n^2 Var(X) and Tr H = 2n + 2 sum X_i^2",
    sources=(
        Source(NOTES, 548, r"\det(\mathbf{H}) = 4n \sum_{i=1}^n X_i^2 - 4 \left(\sum_{i=1}^n X_i \right)^2"),
        Source(NOTES, 550, r"If we factor out a $4/n^2$, we see that this is nothing more than just the sample variance."),
        Source(NOTES, 552, r"\text{Tr}(\mathbf{H}) = 2n + 2 \sum_{i=1}^n X_i^2"),
    ),
    assumptions=("n >= 1 data points, real", "Var(X) = (1/n) sum_i (X_i - mean X)^2 (checked with n = 3)"),
    statement=Equal(sp.Matrix([HESS.det(), HESS.trace()]), sp.Matrix([_with_sums(DET), _with_sums(TRACE)]),
                    why="the 2x2 determinant and trace of the Hessian"),
    forms=(
        Equal(HESS.det(), _with_sums(DET), source=Source(NOTES, 548, r"\det(\mathbf{H}) = 4n \sum_{i=1}^n X_i^2 - 4 \left(\sum_{i=1}^n X_i \right)^2"),
              why="2n * 2 sum X^2 - (2 sum X)^2"),
        Equal(H3.det(), sp.Rational(4, 3**2) * _sample_variance(X3s),
              source=Source(NOTES, 550, r"If we factor out a $4/n^2$, we see that this is nothing more than just the sample variance."),
              why="as written: det H is 4/n^2 times the sample variance (n = 3)",
              correction=Equal(H3.det(), 4 * 3**2 * _sample_variance(X3s),
                               why="4n sum X^2 - 4 (sum X)^2 = 4 n^2 (mean of X^2 - mean^2): the factor is 4 n^2")),
        Holds(sp.Gt(H2.det(), 0, evaluate=False), source=Source(NOTES, 550, "The sample variance is always positive thus makes the determinant positive."),
              why="as written, for every data set (checked with n = 2)",
              correction=Holds(sp.Ge(sp.factor(H2.det()), 0, evaluate=False),
                               why="det H = 4 n^2 Var(X) >= 0, and = 0 when all X_i are equal (here 4 (X_1 - X_2)^2)")),
        Equal(HESS.trace(), _with_sums(TRACE), source=Source(NOTES, 552, r"\text{Tr}(\mathbf{H}) = 2n + 2 \sum_{i=1}^n X_i^2"),
              why="2n + 2 sum X^2"),
        Holds(sp.Gt(H2.trace(), 0, evaluate=False), source=Source(NOTES, 554, "which is always a positive number"),
              why="2n > 0 plus a sum of squares (checked with n = 2)"),
    ),
    numeric=Numeric(det_trace_vs_autodiff, {"det": DET, "trace": TRACE},
                    "det and trace of jax.hessian equal the formulas to a round-off bound on random data sets"),
    mutants=(
        Mutant("det-plus-sign", Equal(sp.Matrix([H3.det(), H3.trace()]), sp.Matrix([_at(DET_PLUS, X3s), _at(TRACE, X3s)])),
               {"det": DET_PLUS, "trace": TRACE}, "4n sum X^2 + 4 (sum X)^2"),
        Mutant("det-4-over-n2", Equal(sp.Matrix([H3.det(), H3.trace()]), sp.Matrix([_at(DET_LITERAL, X3s), _at(TRACE, X3s)])),
               {"det": DET_LITERAL, "trace": TRACE}, "(4/n^2) Var(X), the factor 003:550 names"),
        Mutant("trace-without-2n", Equal(sp.Matrix([H3.det(), H3.trace()]), sp.Matrix([_at(DET, X3s), _at(TRACE_NO_N, X3s)])),
               {"det": DET, "trace": TRACE_NO_N}, "Tr H = 2 sum X^2"),
    ),
)

v0, v1, xsym = sp.symbols("v_0 v_1 x", real=True)
PER_POINT = 2 * (v0 + v1 * xsym) ** 2
PER_POINT_SIGN = 2 * (v0 - v1 * xsym) ** 2
PER_POINT_DIAGONAL = 2 * (v0**2 + v1**2 * xsym**2)
V = sp.Matrix([v0, v1])


def _quadratic_form(per_point, xs):
    return sum(per_point.subs(xsym, a) for a in xs)


a_, b_, c_ = sp.symbols("a b c", real=True)
A_SYM = sp.Matrix([[a_, b_], [b_, c_]])
EIGS = list(A_SYM.eigenvals(multiple=True))
LAMBDA_MIN_2 = (H2.trace() - sp.sqrt(H2.trace() ** 2 - 4 * H2.det())) / 2


linear_regression_loss_convex = Claim(
    id="linear-regression-loss-convex",
    title="The loss of simple linear regression is convex: v^T H v = 2 sum_i (v_0 + v_1 X_i)^2 >= 0",
    sources=(
        Source(NOTES, 544, r"\lambda_1 \lambda_2 = \det(A) \quad \lambda_1 + \lambda_2 = \text{Tr}(A)"),
        Source(NOTES, 554, "this ensures that both λ_1 and λ_2 are positive"),
    ),
    assumptions=("checked with n = 3 points; the tests repeat it for other n",
                 "v = (v_0, v_1) any real direction"),
    statement=Equal((V.T * H3 * V)[0], _quadratic_form(PER_POINT, X3s),
                    why="H = 2 sum_i (1, X_i)^T (1, X_i), so v^T H v is a sum of squares"),
    steps=(
        Equal(sp.Matrix([EIGS[0] * EIGS[1], EIGS[0] + EIGS[1]]), sp.Matrix([A_SYM.det(), A_SYM.trace()]),
              source=Source(NOTES, 544, r"\lambda_1 \lambda_2 = \det(A) \quad \lambda_1 + \lambda_2 = \text{Tr}(A)"),
              why="the eigenvalues of a symmetric 2x2 matrix are the roots of lambda^2 - Tr lambda + det"),
    ),
    forms=(
        Holds(sp.Gt(LAMBDA_MIN_2, 0, evaluate=False), source=Source(NOTES, 554, "this ensures that both λ_1 and λ_2 are positive"),
              why="as written, for every data set: the smaller eigenvalue of H (n = 2) is positive",
              correction=Holds(sp.Ge(_quadratic_form(PER_POINT, X2s), 0, evaluate=False),
                               why="v^T H v is a sum of squares, so both eigenvalues are >= 0; with X_1 = X_2 the "
                                   "direction (X_1, -1) gives 0: the loss is convex, strictly only if the X_i differ")),
    ),
    numeric=Numeric(quadratic_form_vs_autodiff, {"per_point": PER_POINT},
                    "v^T H v with jax.hessian equals the sum over the data of 2 (v_0 + v_1 X_i)^2 to a round-off bound"),
    mutants=(
        Mutant("sign-flipped", Equal((V.T * H3 * V)[0], _quadratic_form(PER_POINT_SIGN, X3s)), {"per_point": PER_POINT_SIGN},
               "2 sum (v_0 - v_1 X_i)^2"),
        Mutant("no-cross-term", Equal((V.T * H3 * V)[0], _quadratic_form(PER_POINT_DIAGONAL, X3s)),
               {"per_point": PER_POINT_DIAGONAL}, "2 sum (v_0^2 + v_1^2 X_i^2): H taken as diagonal"),
        Mutant("no-factor-2", Equal((V.T * H3 * V)[0], _quadratic_form(PER_POINT / 2, X3s)), {"per_point": PER_POINT / 2},
               "sum (v_0 + v_1 X_i)^2"),
    ),
)
