"""Spectral bias: under the linearised (NTK) dynamics the training residual decays along each
eigenvector of the kernel at the rate of its eigenvalue (001:109-158, slides 002:487-511).

Starting from f(X, theta(t)) = (I - e^{-Kt}) Y (001:116, 002:491), the notes diagonalise
K = Q Lambda Q^T, write e^{-Kt} in the eigenbasis, take the coordinates Q^T (f - Y) and expand the
residual as sum_i (q_i^T (f - Y)) q_i. Two claims:

- ``ntk-exponential-eigenbasis``: e^{-Kt} = Q e^{-Lambda t} Q^T, for symbolic eigenvalues (by the
  ODE that defines the exponential) and on a rational 2x2 kernel (SymPy's own matrix exponential).
- ``spectral-bias-residual-eigenbasis``: f - Y = -sum_i e^{-lambda_i t} (q_i^T Y) q_i, with the
  notes' coordinate forms checked as written.

K is 2x2 with symbolic eigenvalues and the fixed rational rotation Q below (not symmetric, so
that Q and Q^T cannot be confused without SymPy noticing); the tests repeat the identities for
random rational rotations.
"""
from __future__ import annotations

import sympy as sp

from checks import Claim, Computed, Equal, Holds, Mutant, Numeric, Reference, Source
from numerics.spectral_bias import exponential_vs_eigenbasis, residual_along_ntk_eigenvectors

BLOG, SLIDES = "001_50e63b01264c0263.txt", "002_89896ee51b349776.txt"

N = 2
# Plain symbols: the identities hold for all values, and SymPy's printers and zero tests spend
# far longer on exp(-lambda t) when assumptions let them reason about signs (seconds, when the
# exponent is known to be negative). Sample values are real all the same.
t = sp.Symbol("t")
lams = sp.symbols(f"lambda_1:{N + 1}")
Y = sp.Matrix(sp.symbols(f"Y_1:{N + 1}"))
Q = sp.Matrix([[3, -4], [4, 3]]) / 5                     # a rotation: Q^T Q = I, Q^T != Q
LAMBDA = sp.diag(*lams)
K = Q * LAMBDA * Q.T
I_N = sp.eye(N)


def exp_diag(values, sign=-1):
    """e^{sign Lambda t} for the diagonal matrix of ``values``."""
    return sp.diag(*[sp.exp(sign * v * t) for v in values])


def is_orthogonal(q) -> bool:
    return q.T * q == sp.eye(q.rows)


def solves_exponential_ode(m, k):
    """M(t) is e^{-kt} iff M' = -k M and M(0) = I (the solution of this linear ODE is unique)."""
    def check():
        residual = (sp.diff(m, t) + k * m).applyfunc(sp.expand)
        start = m.subs(t, 0) - sp.eye(k.rows)
        ok = residual.is_zero_matrix and start.is_zero_matrix
        return ok, {"M' + K M": str(residual.applyfunc(sp.simplify)), "M(0) - I": str(start)}
    return check


# ---------------------------------------------------------------------------------------------
# e^{-Kt} in the eigenbasis
# ---------------------------------------------------------------------------------------------
E_EIGEN = Q * exp_diag(lams) * Q.T                       # Q e^{-Lambda t} Q^T, 002:493

# A rational kernel whose exponential SymPy computes on its own (Jordan form, no Q supplied).
LAMS_0 = (1, 3)
K_0 = Q * sp.diag(*LAMS_0) * Q.T                         # [[57, -24], [-24, 43]] / 25
EXP_K_0 = (-K_0 * t).exp()
E_EIGEN_0 = Q * exp_diag(LAMS_0) * Q.T
E_TRANSPOSED_0 = Q.T * exp_diag(LAMS_0) * Q
E_GROWING_0 = Q * exp_diag(LAMS_0, +1) * Q.T

n_exp = sp.Symbol("n", integer=True, positive=True)
Qm, Dm = sp.MatrixSymbol("Q", n_exp, n_exp), sp.MatrixSymbol("D", n_exp, n_exp)   # the experiment's kernels
lam_, t_ = sp.symbols("lambda t")

ntk_exponential_eigenbasis = Claim(
    id="ntk-exponential-eigenbasis",
    title="For K = Q Lambda Q^T with Q orthogonal, e^{-Kt} = Q e^{-Lambda t} Q^T",
    sources=(
        Source(BLOG, 118, r"$K_{\infty}=Q \Lambda Q^{T}$"),
        Source(BLOG, 119, r"$e^{-K t}=Q^T e^{-\Lambda t} Q$"),
        Source(SLIDES, 493, r"Since  $e^{-Kt} = Qe^{-\Lambda t}Q^T$"),
    ),
    assumptions=(
        "K symmetric positive semidefinite, K = Q Lambda Q^T with Q orthogonal (columns q_i) and Lambda diagonal",
        "e^{-Kt} is the matrix exponential: the unique solution of M' = -K M with M(0) = I",
        "shown for 2x2 K with symbolic eigenvalues and a fixed rational rotation Q; the tests take 3x3 kernels "
        "with random rational orthogonal Q",
    ),
    statement=Computed("Q e^{-Lambda t} Q^T solves M' = -K M, M(0) = I, so it is e^{-Kt}",
                       solves_exponential_ode(E_EIGEN, K),
                       why="d/dt Q e^{-Lambda t} Q^T = -Q Lambda e^{-Lambda t} Q^T = -(Q Lambda Q^T)(Q e^{-Lambda t} Q^T) since Q^T Q = I"),
    steps=(
        Computed("Q is orthogonal: Q^T Q = I", lambda: is_orthogonal(Q), why="what makes Q^T Q cancel in the products"),
        Equal(K**3, Q * LAMBDA**3 * Q.T, why="powers stay in the eigenbasis: (Q Lambda Q^T)^k = Q Lambda^k Q^T, so does the series of e^{-Kt}"),
        Equal(EXP_K_0, E_EIGEN_0, source=Source(SLIDES, 493, r"Since  $e^{-Kt} = Qe^{-\Lambda t}Q^T$"),
              why="on the rational kernel K_0 = Q diag(1, 3) Q^T SymPy's matrix exponential agrees"),
    ),
    forms=(
        Equal(EXP_K_0, E_TRANSPOSED_0, source=Source(BLOG, 119, r"$e^{-K t}=Q^T e^{-\Lambda t} Q$"),
              why="001:119 as written, on the rational kernel K_0 = Q diag(1, 3) Q^T",
              correction=Equal(EXP_K_0, E_EIGEN_0, why="with K = Q Lambda Q^T the eigenvectors are the columns of Q: e^{-Kt} = Q e^{-Lambda t} Q^T")),
    ),
    numeric=Numeric(exponential_vs_eigenbasis, {"formula": Qm * Dm * Qm.T, "diagonal": sp.exp(-lam_ * t_)},
                    "scaled-and-squared Taylor series of e^{-Kt} equals the formula with eigh's Q, Lambda to a round-off bound"),
    mutants=(
        Mutant("transposed-as-001-119", Equal(EXP_K_0, E_TRANSPOSED_0),
               {"formula": Qm.T * Dm * Qm, "diagonal": sp.exp(-lam_ * t_)}, "Q^T e^{-Lambda t} Q, as 001:119 writes it"),
        Mutant("growing-exponent", Equal(EXP_K_0, E_GROWING_0),
               {"formula": Qm * Dm * Qm.T, "diagonal": sp.exp(lam_ * t_)}, "Q e^{+Lambda t} Q^T"),
    ),
    references=(Reference("Wang, Wang, Perdikaris 2022, When and why PINNs fail to train: a neural tangent kernel perspective",
                          "section 4", "https://arxiv.org/abs/2007.14527"),),
)

# ---------------------------------------------------------------------------------------------
# The residual in the eigenbasis
# ---------------------------------------------------------------------------------------------
F = (I_N - E_EIGEN) * Y              # f(X, theta(t)), 001:116 and 002:491, with e^{-Kt} from above
RESIDUAL = F - Y
q = [Q[:, i] for i in range(N)]
COORDS = Q.T * RESIDUAL              # q_i^T (f - Y)
QTY = Q.T * Y


def _expand(m):
    return m.applyfunc(sp.expand)


def decomposition(coefficients):
    """sum_i c_i q_i for a list of scalar coefficients."""
    return _expand(sum((c * qi for c, qi in zip(coefficients, q)), sp.zeros(N, 1)))


BASIS_EXPANSION = decomposition([(q[i].T * RESIDUAL)[0] for i in range(N)])   # sum_i q_i^T (f - Y) q_i
TRUE_SUM = decomposition([-sp.exp(-lams[i] * t) * QTY[i] for i in range(N)])
NOTES_SUM = decomposition([sp.exp(-lams[i] * t) * QTY[i] for i in range(N)])
GROWING_SUM = decomposition([-sp.exp(lams[i] * t) * QTY[i] for i in range(N)])
DOUBLE_RATE_SUM = decomposition([-sp.exp(-2 * lams[i] * t) * QTY[i] for i in range(N)])
REVERSED_SUM = decomposition([-sp.exp(-lams[N - 1 - i] * t) * QTY[i] for i in range(N)])

lam_a, t_a, a_ = sp.symbols("lambda t a")   # one coordinate: q_i^T (f - Y) in lambda_i, t and a = q_i^T Y
delta, t_pos, lam_pos = sp.symbols("delta t lambda_1", positive=True)

spectral_bias_residual = Claim(
    id="spectral-bias-residual-eigenbasis",
    title="The residual decays along the NTK eigenvectors: f - Y = -sum_i e^{-lambda_i t} (q_i^T Y) q_i",
    sources=(
        Source(BLOG, 116, r"f(\mathcal{X},\theta) \approx \left(I-e^{-\eta K_{\infty} t}\right) \mathcal{Y}"),
        Source(BLOG, 121, r"\boldsymbol{Q}^T\left(f\left(\mathcal{X}, \boldsymbol{\theta}(t)\right)-\mathcal{Y} \right)=-e^{\boldsymbol{\Lambda} t} \boldsymbol{Q}^T \mathcal{Y}"),
        Source(BLOG, 131, r"e^{-\lambda_1 t} & & & \\"),
        Source(BLOG, 149, r"& =\sum_{i=1}^N\left(e^{-\lambda_i t} \boldsymbol{q}_i^T \mathcal{Y}\right) \boldsymbol{q}_i ."),
        Source(SLIDES, 495, r"$$Q^T (f(X, W(t)) - Y) = -e^{-\Lambda t} Q^T Y,$$"),
        Source(SLIDES, 499, r"\begin{bmatrix} e^{-\lambda_1 t} & & & \\"),
        Source(SLIDES, 507, r"&= \sum_{i=1}^N (e^{-\lambda_i t} q_i^T Y) q_i. \end{aligned}$$"),
    ),
    assumptions=(
        "linearised (infinite-width) dynamics with the squared loss: f(X, theta(t)) = (I - e^{-Kt}) Y, K = K_infinity "
        "positive semidefinite, output zero at initialisation (001:116, 002:491)",
        "001:116 carries the learning rate eta; from 001:119 on, and throughout the slides, it is absorbed into t (eta = 1)",
        "K = Q Lambda Q^T with orthonormal eigenvectors q_i (columns of Q); e^{-Kt} = Q e^{-Lambda t} Q^T "
        "(claim ntk-exponential-eigenbasis)",
        "shown with N = 2 and symbolic eigenvalues (lambda_i >= 0 and t >= 0 in the notes; the identities hold for all "
        "values, so the symbols carry no sign); the tests take N = 3, 4 with random rational orthogonal Q",
    ),
    statement=Equal(_expand(RESIDUAL), TRUE_SUM, why="the training error, expanded along the eigenvectors of the NTK"),
    steps=(
        Equal(_expand(RESIDUAL), BASIS_EXPANSION,
              source=Source(BLOG, 148, r"& =\sum_{i=1}^N \boldsymbol{q}_i^T\left(f\left(\mathcal{X}, \boldsymbol{\theta}(t)\right)-\mathcal{Y}\right) \boldsymbol{q}_i"),
              why="any vector equals the sum of its coordinates along an orthonormal basis, (f - Y, q_i) = q_i^T (f - Y) (001:147-148)"),
        Equal(BASIS_EXPANSION, NOTES_SUM,
              source=Source(BLOG, 149, r"& =\sum_{i=1}^N\left(e^{-\lambda_i t} \boldsymbol{q}_i^T \mathcal{Y}\right) \boldsymbol{q}_i ."),
              why="as written: each coordinate replaced by e^{-lambda_i t} q_i^T Y",
              correction=Equal(BASIS_EXPANSION, TRUE_SUM,
                               why="each coordinate is q_i^T (f - Y) = -e^{-lambda_i t} q_i^T Y (002:495): the minus sign stays")),
    ),
    forms=(
        Equal(_expand(COORDS), _expand(-exp_diag(lams, +1) * QTY),
              source=Source(BLOG, 121, r"=-e^{\boldsymbol{\Lambda} t} \boldsymbol{Q}^T \mathcal{Y}"),
              why="001:121 as written: the exponent has lost its minus sign",
              correction=Equal(_expand(COORDS), _expand(-exp_diag(lams) * QTY),
                               why="Q^T (f - Y) = -Q^T e^{-Kt} Y = -Q^T Q e^{-Lambda t} Q^T Y = -e^{-Lambda t} Q^T Y")),
        Equal(_expand(COORDS), _expand(-exp_diag(lams) * QTY),
              source=Source(SLIDES, 495, r"$$Q^T (f(X, W(t)) - Y) = -e^{-\Lambda t} Q^T Y,$$"),
              why="the slides' version of the same line"),
        Equal(_expand(COORDS), _expand(exp_diag(lams) * QTY),
              source=Source(BLOG, 131, r"e^{-\lambda_1 t} & & & \\"),
              why="001:125-141 as written, the matrix form of 001:121: [q_i^T] (f - Y) = diag(e^{-lambda_i t}) [q_i^T] Y, no minus sign",
              correction=Equal(_expand(COORDS), _expand(-exp_diag(lams) * QTY), why="the minus sign of 002:495 belongs on the right")),
        Equal(_expand(COORDS), _expand(exp_diag(lams) * QTY),
              source=Source(SLIDES, 499, r"\begin{bmatrix} e^{-\lambda_1 t} & & & \\"),
              why="the slides' matrix form (002:499) as written, no minus sign",
              correction=Equal(_expand(COORDS), _expand(-exp_diag(lams) * QTY), why="the minus sign of 002:495 belongs on the right")),
        Equal(_expand(RESIDUAL), NOTES_SUM,
              source=Source(SLIDES, 507, r"&= \sum_{i=1}^N (e^{-\lambda_i t} q_i^T Y) q_i. \end{aligned}$$"),
              why="the slides' last line (002:507) as written",
              correction=Equal(_expand(RESIDUAL), TRUE_SUM, why="f - Y = -sum_i e^{-lambda_i t} (q_i^T Y) q_i")),
        Equal(_expand(sp.diff(COORDS, t)), _expand(-LAMBDA * COORDS),
              source=Source(BLOG, 143, r"is determined by the i-th eigenvalue"),
              why="each coordinate solves its own ODE c_i' = -lambda_i c_i: it decays at the rate lambda_i"),
        Holds(sp.Lt(-(lam_pos + delta) * t_pos, -lam_pos * t_pos, evaluate=False),
              source=Source(BLOG, 152, r"biased to first learn the target function along the eigendirections"),
              why="log of the fraction e^{-lambda t} still to learn: for lambda' = lambda + delta > lambda it is smaller at every t > 0"),
    ),
    numeric=Numeric(residual_along_ntk_eigenvectors, {"component": -sp.exp(-lam_a * t_a) * a_, "pairing": "own"},
                    "in a wide tanh network trained by gradient descent, each fitted decay rate of q_i^T (f - Y) "
                    "matches the formula's within twice the NTK's drift, with the predicted sign"),
    mutants=(
        Mutant("no-minus-as-001-149", Equal(_expand(RESIDUAL), NOTES_SUM),
               {"component": sp.exp(-lam_a * t_a) * a_, "pairing": "own"}, "f - Y = +sum_i e^{-lambda_i t} (q_i^T Y) q_i, as 001:149 and 002:507 write it"),
        Mutant("growing-as-001-121", Equal(_expand(RESIDUAL), GROWING_SUM),
               {"component": -sp.exp(lam_a * t_a) * a_, "pairing": "own"}, "coordinates -e^{+lambda_i t} q_i^T Y, as 001:121 writes them"),
        Mutant("double-rate", Equal(_expand(RESIDUAL), DOUBLE_RATE_SUM),
               {"component": -sp.exp(-2 * lam_a * t_a) * a_, "pairing": "own"}, "rates 2 lambda_i (the loss without its 1/2)"),
        Mutant("small-eigenvalues-first", Equal(_expand(RESIDUAL), REVERSED_SUM),
               {"component": -sp.exp(-lam_a * t_a) * a_, "pairing": "mirrored"},
               "q_i's coordinate decays at lambda_{N+1-i}: the eigenvalues paired in reverse order"),
    ),
    references=(
        Reference("Wang, Wang, Perdikaris 2022, When and why PINNs fail to train: a neural tangent kernel perspective",
                  "section 4", "https://arxiv.org/abs/2007.14527"),
        Reference("Rahaman et al. 2019, On the spectral bias of neural networks", "", "https://arxiv.org/abs/1806.08734"),
    ),
)
