"""The minimum-norm solution of an underdetermined least-squares problem, and gradient descent's
limit (000:227-326, slides 002:878-958; after Gunasekar et al. 2017 and the notes' stackexchange thread).

Two claims:

- ``min-norm-least-squares-solution``: for a wide A in R^{m x n} (m < n) of full row rank,
  x_LN = A^T (A A^T)^{-1} b = V_1 Sigma_1^{-1} U^T b solves A x = b, and every solution x satisfies
  ||x||^2 = ||x_LN||^2 + ||x - x_LN||^2 (the slides' proof: (x - x_LN) is orthogonal to x_LN), so x_LN
  is the shortest (000:244-248, 002:878-912).
- ``min-norm-least-squares-gd-limit``: gradient descent x_{k+1} = x_k - mu A^T (A x_k - b) satisfies
  x_k - x_oo = V_1 (I - mu Sigma_1^2)^k V_1^T (x_0 - x_oo) for every k, with
  x_oo = V_2 V_2^T x_0 + x_LN, so it converges to x_oo exactly when 0 < mu < 2 / sigma_max^2
  (000:250-326, 002:914-958), through the notes' steps: the gradient, the unrolled iterate, the
  eigen-coordinates y = V^T x, the geometric series mu sum_l (I - mu Sigma_1^2)^l Sigma_1 = Sigma_1^{-1}.

The symbolic instance is 2 x 3: A = U Sigma_1 V_1^T with symbolic singular values sigma_1, sigma_2 > 0
and fixed rational orthogonal U (a rotation) and V (not symmetric, so a transposed factor shows);
a computation repeats the minimality over integer matrices of other sizes. The slides state the
dimensions as m >> n twice (002:880, 002:918): for m > n, A A^T is singular and Sigma_1 cannot be
inverted, so the formulas need m < n as 000:231 has it (errata).
"""
from __future__ import annotations

import functools
import random

import sympy as sp

from checks import Claim, Computed, Equal, Holds, Mutant, Numeric, Reference, Source
from numerics.min_norm_least_squares import gradient_descent_limit, least_norm_solution

BLOG, SLIDES = "000_f4da46d2683a41e5.txt", "002_89896ee51b349776.txt"
GUNASEKAR17 = Reference("Gunasekar, Woodworth, Bhojanapalli, Neyshabur, Srebro 2017, Implicit Regularization in Matrix Factorization",
                        "NeurIPS 2017 (the least-squares example of the notes)", "https://arxiv.org/abs/1705.09280")
THREAD = Reference("Does gradient descent converge to a minimum-norm solution in least-squares problems?",
                   "Mathematics Stack Exchange, question 3451272",
                   "https://math.stackexchange.com/questions/3451272/does-gradient-descent-converge-to-a-minimum-norm-solution-in-least-squares-probl")

# ---------------------------------------------------------------------------------------------
# The formulas, written once for explicit matrices and for MatrixSymbols (the experiments)
# ---------------------------------------------------------------------------------------------


def least_norm(a, b):
    """000:246, 002:887: x_LN = A^T (A A^T)^{-1} b."""
    return a.T * (a * a.T).inv() * b


def least_norm_svd(v1, s1, u, b):
    """000:246, 000:323: x_LN = V_1 Sigma_1^{-1} U^T b."""
    return v1 * s1.inv() * u.T * b


def gd_limit(v1, v2, s1, u, b, x0):
    """000:323, 002:956: x_oo = V_2 V_2^T x_0 + V_1 Sigma_1^{-1} U^T b."""
    return v2 * v2.T * x0 + least_norm_svd(v1, s1, u, b)


def sq(v):
    """||v||^2 of a column vector."""
    return (v.T * v)[0]


# Index-free forms for the experiments (lambdified on random systems).
m_, n_ = sp.symbols("m n", integer=True, positive=True)
Am, bm, x0m = sp.MatrixSymbol("A", m_, n_), sp.MatrixSymbol("b", m_, 1), sp.MatrixSymbol("x_0", n_, 1)
Um, S1m = sp.MatrixSymbol("U", m_, m_), sp.MatrixSymbol("Sigma_1", m_, m_)
V1m, V2m, Em = sp.MatrixSymbol("V_1", n_, m_), sp.MatrixSymbol("V_2", n_, n_ - m_), sp.MatrixSymbol("E", n_, m_)

# ---------------------------------------------------------------------------------------------
# The 2 x 3 instance
# ---------------------------------------------------------------------------------------------
M, N = 2, 3
SIG = sp.symbols("sigma_1 sigma_2", positive=True)
mu = sp.Symbol("mu", positive=True)
U = sp.Matrix([[0, -1], [1, 0]])                             # a rotation, U^T = -U != U
V = sp.Matrix([[1, 2, 2], [-2, -1, 2], [2, -2, 1]]) / 3     # orthogonal, V != V^T
V1, V2 = V[:, :M], V[:, M:]
S1 = sp.diag(*SIG)
SIGMA = S1.row_join(sp.zeros(M, N - M))                       # [Sigma_1 O]
A = U * S1 * V1.T
b = sp.Matrix(sp.symbols("b_1 b_2", real=True))
x = sp.Matrix(sp.symbols("x_1:4", real=True))
x0 = sp.Matrix(sp.symbols("x_01 x_02 x_03", real=True))      # x_0
I2, I3 = sp.eye(M), sp.eye(N)
X_LN = least_norm(A, b)

# Minimality: any x solves A x = b for b = A x, so this covers every solution of every system.
BX = A * x
XLN_X = least_norm(A, BX).applyfunc(sp.expand)    # expanded, the sigma's cancel: x_LN = V_1 V_1^T x, a polynomial
E_BASIC = sp.eye(N)[:, :M]                                   # [I; 0]: the first m coordinates
X_BASIC = E_BASIC * (A * E_BASIC).inv() * BX                 # the 'basic' solution: last coordinate 0


def _generic(rows, cols, seed):
    """A random integer matrix of full row rank (entries -3..3)."""
    rng = random.Random(seed)
    while True:
        a = sp.Matrix(rows, cols, lambda i, j: rng.randint(-3, 3))
        if a.rank() == rows:
            return a


def _pythagoras_for_sizes(sizes=((1, 2), (1, 3), (2, 3), (2, 4), (3, 4), (3, 5))):
    """||x||^2 = ||x_LN||^2 + ||x - x_LN||^2 and A x_LN = A x, exactly, with symbolic x and integer A of
    several shapes (other than the instance's 2 x 3 with its fixed singular vectors)."""
    for k, (rows, cols) in enumerate(sizes):
        a = _generic(rows, cols, 100 + k)
        xs = sp.Matrix(sp.symbols(f"t1:{cols + 1}", real=True))
        xln = least_norm(a, a * xs)
        gap = sp.expand(sq(xs) - sq(xln) - sq(xs - xln))
        if gap != 0 or (a * (xs - xln)).applyfunc(sp.expand) != sp.zeros(rows, 1):
            return False, {"A": str(a.tolist()), "||x||^2 - ||x_LN||^2 - ||x - x_LN||^2": str(gap)}
    return True, f"holds for integer A of shapes {list(sizes)}"


def _tall_gram_is_singular(rows=3, cols=2):
    """det(A A^T) for a symbolic rows x cols matrix: identically 0 when rows > cols, since
    rank(A A^T) <= cols < rows. Returns (invertible for generic full-rank A?, detail)."""
    a = sp.Matrix(rows, cols, lambda i, j: sp.Symbol(f"a_{i + 1}{j + 1}", real=True))
    det = sp.expand((a * a.T).det())
    return det != 0, {"A": f"{rows} x {cols} with symbolic entries", "det(A A^T)": str(det)}


def _cauchy_binet(rows=2, cols=3):
    """For rows < cols: det(A A^T) is the sum of the squared rows x rows minors (Cauchy-Binet), positive
    exactly when A has full row rank."""
    import itertools
    a = sp.Matrix(rows, cols, lambda i, j: sp.Symbol(f"a_{i + 1}{j + 1}", real=True))
    minors = sum(a.extract(list(range(rows)), list(c)).det() ** 2 for c in itertools.combinations(range(cols), rows))
    gap = sp.expand((a * a.T).det() - minors)
    return gap == 0, {"det(A A^T) - sum of squared minors": str(gap)}


min_norm_solution = Claim(
    id="min-norm-least-squares-solution",
    title="The least-norm solution of a wide full-row-rank system: x_LN = A^T (A A^T)^{-1} b = V_1 Sigma_1^{-1} U^T b, "
          "and every other solution is longer: ||x||^2 = ||x_LN||^2 + ||x - x_LN||^2",
    sources=(
        Source(BLOG, 231, r"`$\mathrm{A} \in \mathbb{R}^{m \times n}(m<n)$`"),
        Source(BLOG, 233, r"Ax = b"),
        Source(BLOG, 246, r"\mathrm{x}_{\mathrm{LN}}:=\mathrm{A}^{\top}\left(\mathrm{AA}^{\top}\right)^{-1} \mathrm{~b}=\cdots=\mathrm{V}_1 \Sigma_1^{-1} \mathrm{U}^{\top} \mathrm{b}"),
        Source(SLIDES, 881, r"$$Ax = y$$"),
        Source(SLIDES, 887, r"$$x_{\text{ln}} = A^T(AA^T)^{-1}y$$"),
        Source(SLIDES, 898, r"$$\begin{array}{ll}\text{minimize} & \|x\| \\ \text{subject to} & Ax = y\end{array}$$"),
        Source(SLIDES, 906, r"$$\begin{aligned}(x - x_{\text{ln}})^T x_{\text{ln}} &= (x - x_{\text{ln}})^T A^T (AA^T)^{-1}y"),
        Source(SLIDES, 910, r"$$\|x\|^2 = \|x_{\text{ln}} + x - x_{\text{ln}}\|^2 = \|x_{\text{ln}}\|^2 + \|x - x_{\text{ln}}\|^2 \geq \|x_{\text{ln}}\|^2$$"),
    ),
    assumptions=(
        "A in R^{m x n} with m < n and full row rank (000:231, 000:235), so A A^T is invertible (000:248)",
        "shown for m = 2, n = 3 with A = U Sigma_1 V_1^T: symbolic sigma_1, sigma_2 > 0, U = [[0, -1], [1, 0]] and "
        "V = [[1, 2, 2], [-2, -1, 2], [2, -2, 1]]/3 fixed (orthogonal, neither symmetric); x symbolic. This U makes "
        "A A^T = diag(sigma_2^2, sigma_1^2), which keeps SymPy's rational functions small",
        "'every solution': any x solves A x = b for its own b = A x, so the identity with b = A x and x free covers "
        "every solution of every system; a computation repeats it for integer A of six other shapes",
    ),
    statement=Equal(sq(x), sq(XLN_X) + sq(x - XLN_X),
                    why="Pythagoras: every solution x of A x = b has ||x||^2 = ||x_LN||^2 + ||x - x_LN||^2 >= ||x_LN||^2"),
    steps=(
        Equal(sq(x), sq(XLN_X + (x - XLN_X)),
              source=Source(SLIDES, 910, r"\|x\|^2 = \|x_{\text{ln}} + x - x_{\text{ln}}\|^2"),
              why="add and subtract x_LN"),
        Equal(sq(XLN_X + (x - XLN_X)), sq(XLN_X) + 2 * ((x - XLN_X).T * XLN_X)[0] + sq(x - XLN_X),
              why="expand the square of a sum: ||p + q||^2 = ||p||^2 + 2 q^T p + ||q||^2"),
        Equal(sq(XLN_X) + 2 * ((x - XLN_X).T * XLN_X)[0] + sq(x - XLN_X),
              sq(XLN_X) + 2 * ((x - XLN_X).T * A.T * (A * A.T).inv() * BX)[0] + sq(x - XLN_X),
              source=Source(SLIDES, 906, r"(x - x_{\text{ln}})^T x_{\text{ln}} &= (x - x_{\text{ln}})^T A^T (AA^T)^{-1}y"),
              why="substitute x_LN = A^T (A A^T)^{-1} b in the cross term"),
        Equal(sq(XLN_X) + 2 * ((x - XLN_X).T * A.T * (A * A.T).inv() * BX)[0] + sq(x - XLN_X),
              sq(XLN_X) + 2 * ((A * (x - XLN_X)).T * (A * A.T).inv() * BX)[0] + sq(x - XLN_X),
              source=Source(SLIDES, 906, r"&= (A(x - x_{\text{ln}}))^T (AA^T)^{-1}y"),
              why="(x - x_LN)^T A^T = (A (x - x_LN))^T"),
        Equal(sq(XLN_X) + 2 * ((A * (x - XLN_X)).T * (A * A.T).inv() * BX)[0] + sq(x - XLN_X),
              sq(XLN_X) + sq(x - XLN_X),
              source=Source(SLIDES, 906, r"\\&= 0\end{aligned}$$"),
              why="A (x - x_LN) = b - b = 0 (002:904): the cross term vanishes, (x - x_LN) is orthogonal to x_LN"),
        Computed("A (x - x_LN) = 0: x_LN solves the system too (A A^T (A A^T)^{-1} b = b)",
                 lambda: ((A * (x - XLN_X)).applyfunc(sp.expand) == sp.zeros(M, 1), str((A * (x - XLN_X)).applyfunc(sp.expand).T)),
                 source=Source(SLIDES, 904, r"$A(x - x_{\text{ln}}) = 0$"),
                 why="both x and x_LN map to b"),
        Holds(sp.Ge(sq(XLN_X) + sq(x - XLN_X), sq(XLN_X), evaluate=False),
              source=Source(SLIDES, 910, r"\geq \|x_{\text{ln}}\|^2"),
              why="||x - x_LN||^2 >= 0, with equality only at x = x_LN: x_LN is the unique shortest solution"),
        Computed("the same identity for integer A of shapes 1 x 2, 1 x 3, 2 x 3, 2 x 4, 3 x 4, 3 x 5 and symbolic x",
                 _pythagoras_for_sizes, why="the argument used only A (x - x_LN) = 0 and the formula for x_LN, not the size"),
    ),
    forms=(
        Equal(X_LN, least_norm_svd(V1, S1, U, b),
              source=Source(BLOG, 246, r"\mathrm{A}^{\top}\left(\mathrm{AA}^{\top}\right)^{-1} \mathrm{~b}=\cdots=\mathrm{V}_1 \Sigma_1^{-1} \mathrm{U}^{\top} \mathrm{b}"),
              why="A^T = V_1 Sigma_1 U^T and (A A^T)^{-1} = U Sigma_1^{-2} U^T: the product is V_1 Sigma_1^{-1} U^T b"),
        Equal(A * X_LN, b, source=Source(SLIDES, 887, r"$$x_{\text{ln}} = A^T(AA^T)^{-1}y$$"),
              why="002:885: 'one particular solution': A x_LN = (A A^T)(A A^T)^{-1} b = b"),
        Computed("000:248: A A^T is invertible because A has full row rank: det(A A^T) is the sum of the squared 2 x 2 "
                 "minors (Cauchy-Binet), positive when some minor is nonzero", _cauchy_binet,
                 source=Source(BLOG, 248, r"where the inverse of `$\mathbf{A A}^{\top}$` exists because of $A$ has full row rank"),
                 why="Cauchy-Binet for a symbolic 2 x 3 matrix"),
        Computed("002:880 as written: A in R^{m x n} with m >> n (e.g. 3 x 2), and 'A A^T is invertible since A full rank' "
                 "(002:892)", _tall_gram_is_singular,
                 source=Source(SLIDES, 880, r"$$A \in \mathbb{R}^{m \times n}, \quad x \in \mathbb{R}^n, \quad m \gg n$$"),
                 why="rank(A A^T) <= n < m, so det(A A^T) = 0 for every 3 x 2 matrix: the formula needs m < n "
                     "('parameters are more than data', 002:883)",
                 correction=Computed("with m < n (000:231), here 2 x 3: det(A A^T) = sum of squared minors, positive for "
                                     "full row rank", _cauchy_binet)),
    ),
    numeric=Numeric(least_norm_solution, {"solution": least_norm(Am, bm)},
                    "on random wide systems in float64 the formula solves A x = b and has no null-space component, "
                    "each within a round-off bound 16 (m + n) u kappa^2 ||b|| (resp. 16 (m + n) u (kappa ||b|| / sigma_min + ||x||))"),
    mutants=(
        Mutant("sigma-not-inverted", Equal(sq(x), sq(least_norm_svd(V1, S1.inv(), U, BX)) + sq(x - least_norm_svd(V1, S1.inv(), U, BX))),
               {"solution": V1m * S1m * Um.T * bm},
               "V_1 Sigma_1 U^T b = A^T b: the inverse dropped from the SVD form"),
        Mutant("basic-solution", Equal(sq(x), sq(X_BASIC) + sq(x - X_BASIC)),
               {"solution": Em * (Am * Em).inv() * bm},
               "a particular solution that is not the shortest: solve for the first m coordinates, set the rest to 0"),
        Mutant("tall-formula",
               Computed("x = (A^T A)^{-1} A^T b, the least-squares formula of a tall A: A^T A is invertible for the wide A",
                        lambda: (sp.factor((A.T * A).det()) != 0, {"det(A^T A)": str(sp.factor((A.T * A).det()))})),
               {"solution": (Am.T * Am).inv() * Am.T * bm},
               "the overdetermined formula (A^T A)^{-1} A^T b: A^T A is n x n of rank m < n, singular"),
    ),
    references=(GUNASEKAR17, THREAD),
)

# ---------------------------------------------------------------------------------------------
# Gradient descent and its limit
# ---------------------------------------------------------------------------------------------
ell = sp.Symbol("ell", integer=True, nonnegative=True)
sigma, smax, smin = sp.symbols("sigma sigma_max sigma_min", positive=True)
xs = sp.Matrix(sp.symbols("x_1:4", real=True))
F_LS = sq(A * xs - b) / 2                                              # 000:252
GRAD = sp.Matrix([sp.diff(F_LS, v) for v in xs])
STEP_MAP = I3 - mu * A.T * A
X_OO = gd_limit(V1, V2, S1, U, b, x0)
X_LN_SVD = least_norm_svd(V1, S1, U, b)
CONTRACTION = I2 - mu * S1**2                                          # I - mu Sigma_1^2
NULL_BLOCK = sp.diag(sp.zeros(M, M), sp.eye(N - M))                    # [[O, O], [O, I]]
# 000:299: y_oo with the series mu sum_l (I - mu Sigma_1^2)^l Sigma_1 in its summed form (000:309), and 000:313
Y_OO_SERIES = NULL_BLOCK * V.T * x0 + (mu * (I2 - CONTRACTION).inv() * S1).col_join(sp.zeros(N - M, M)) * U.T * b
Y_OO = NULL_BLOCK * V.T * x0 + S1.inv().col_join(sp.zeros(N - M, M)) * U.T * b


def gd_iterate_unrolled(k):
    """000:267: x_k = (I - mu A^T A)^k x_0 + mu sum_{l<k} (I - mu A^T A)^l A^T b (explicit k)."""
    return STEP_MAP**k * x0 + mu * sum((STEP_MAP**l for l in range(k)), sp.zeros(N, N)) * A.T * b


@functools.lru_cache(maxsize=8)
def _iterated(k):
    xk = x0
    for _ in range(k):
        xk = xk - mu * A.T * (A * xk - b)
    return xk


@functools.lru_cache(maxsize=2)
def _unrolled_matches(kmax=2):
    for k in range(kmax + 1):
        if (gd_iterate_unrolled(k) - _iterated(k)).applyfunc(sp.expand) != sp.zeros(N, 1):
            return False, {"k": k}
    return True, f"equal for k = 0..{kmax}"


@functools.lru_cache(maxsize=1)
def _stable_steps_symbolic():
    """{mu > 0 : |1 - mu sigma^2| < 1} for a symbolic sigma > 0, by SymPy: |r| < 1 is -1 < r < 1, and with
    r = 1 - mu sigma^2 the two linear inequalities in mu are solved one by one (mu > 0 is an assumption)."""
    r = sp.Symbol("r", real=True)
    ratio = sp.solve_univariate_inequality(sp.Abs(r) < 1, r, relational=False)          # (-1, 1)
    upper = sp.solve_univariate_inequality(1 - mu * sigma**2 > ratio.inf, mu, relational=False)
    lower = sp.solve_univariate_inequality(1 - mu * sigma**2 < ratio.sup, mu, relational=False)
    if lower != sp.Reals or upper.inf != -sp.oo:     # not the expected shapes: let the comparison fail
        return sp.Intersection(lower, upper, evaluate=False)
    return sp.Interval.open(0, upper.sup)


def _stable_steps(s):
    """The same set at a singular value s (a positive symbol or number)."""
    return _stable_steps_symbolic().subs(sigma, s)


@functools.lru_cache(maxsize=16)
def _convergence_set(bound):
    """Whether {mu > 0 : |1 - mu sigma^2| < 1} (SymPy's solution) is {0 < mu < bound(sigma)}."""
    solved = _stable_steps(sigma)
    claimed = sp.Interval.open(0, bound.subs({smax: sigma, smin: sigma}))
    return solved == claimed, {"SymPy: |1 - mu sigma^2| < 1 for mu in": str(solved), "claimed": str(claimed)}


SINGULAR_PAIRS = ((1, 2), (3, sp.Rational(1, 2)), (sp.Rational(2, 3), sp.Rational(3, 4)), (1, 1))


def _convergence_set_of_pairs(bound, pairs=SINGULAR_PAIRS):
    """Whether {mu > 0 : |1 - mu s_i^2| < 1 for both singular values} is {0 < mu < bound(s_max, s_min)},
    for exact pairs (s_1, s_2): both factors (1 - mu s_i^2)^k must vanish, so the set is an intersection."""
    for pair in pairs:
        solved = _stable_steps(sp.nsimplify(pair[0])) & _stable_steps(sp.nsimplify(pair[1]))
        claimed = sp.Interval.open(0, bound.subs({smax: max(pair), smin: min(pair)}))
        if solved != claimed:
            return False, {"singular values": str(pair), "converges for mu in": str(solved), "claimed": str(claimed)}
    return True, f"the convergence set is (0, bound) for singular values {[tuple(map(str, p)) for p in pairs]}"


def _error_identity(limit, bound):
    """For every k >= 0, x_k - x_oo = V_1 (I - mu Sigma_1^2)^k V_1^T (x_0 - x_oo), by induction, from three facts:
    (i) A x_oo = b, so e_k = x_k - x_oo obeys e_{k+1} = (I - mu A^T A) e_k (the step fixes every solution);
    (ii) (I - mu A^T A) V_1 = V_1 (I - mu Sigma_1^2): on the row space the step is diagonal;
    (iii) V_1 V_1^T e_0 = e_0: the initial error lies in the row space (V_2^T (x_0 - x_oo) = 0);
    then (1 - mu sigma_i^2)^k -> 0 for both i exactly when mu is in the convergence set, 0 < mu < bound."""
    e0 = x0 - limit
    facts = {
        "(i) A x_oo = b": (A * limit - b).applyfunc(sp.expand) == sp.zeros(M, 1),
        "(ii) (I - mu A^T A) V_1 = V_1 (I - mu Sigma_1^2)": (STEP_MAP * V1 - V1 * CONTRACTION).applyfunc(sp.expand) == sp.zeros(N, M),
        "(iii) V_1 V_1^T e_0 = e_0": (V1 * V1.T * e0 - e0).applyfunc(sp.expand) == sp.zeros(N, 1),
    }
    converges, detail = _convergence_set_of_pairs(bound)
    facts["convergence set 0 < mu < bound"] = converges
    ok = all(facts.values())
    return ok, ({k: str(v) for k, v in facts.items()} | ({} if converges else detail))


BOUND = 2 / smax**2
gd_limit_claim = Claim(
    id="min-norm-least-squares-gd-limit",
    title="Gradient descent on an underdetermined least-squares problem converges to V_2 V_2^T x_0 + x_LN "
          "exactly when 0 < mu < 2/sigma_max^2",
    sources=(
        Source(BLOG, 252, r"f(\mathrm{x}):=\frac{1}{2}\|\mathrm{Ax}-\mathrm{b}\|_2^2"),
        Source(BLOG, 262, r"=\left(\mathrm{I}-\mu \mathrm{A}^{\top} \mathrm{A}\right) \mathrm{x}_k+\mu \mathrm{A}^{\top} \mathrm{b}"),
        Source(BLOG, 271, r"\mathrm{y}:=\mathrm{V}^{\top} \mathrm{x}"),
        Source(BLOG, 267, r"\mathrm{x}_k=\left(\mathrm{I}-\mu \mathrm{A}^{\top} \mathrm{A}\right)^k \mathrm{x}_0+\mu \sum_{\ell=0}^{k-1}\left(\mathrm{I}-\mu \mathrm{A}^{\top} \mathrm{A}\right)^{\ell} \mathrm{A}^{\top} \mathrm{b}"),
        Source(BLOG, 297, r"all eigenvalues of `$\mathrm{I}-\mu \Sigma_1^2$` are strictly inside the unit circle"),
        Source(BLOG, 309, r"\mu \sum_{\ell=0}^{\infty}\left(\mathrm{I}-\mu \Sigma_1^2\right)^{\ell} \Sigma_1=\mu\left(\mathrm{I}-\mathrm{I}+\mu \Sigma_1^2\right)^{-1} \Sigma_1=\Sigma_1^{-1}"),
        Source(BLOG, 323, r"\mathrm{x}_{\infty}=\mathrm{V}_2 \mathrm{~V}_2^{\top} \mathrm{x}_0+\underbrace{\mathrm{V}_1 \Sigma_1^{-1} \mathrm{U}^{\top} \mathrm{b}}_{=\mathrm{x}_{\mathrm{LN}}}"),
        Source(SLIDES, 956, r"$$\mathbf{x}_\infty = \mathbf{V}_2 \mathbf{V}_2^\top \mathbf{x}_0 + \underbrace{\mathbf{V}_1 \Sigma_1^{-1} \mathbf{U}^\top \mathbf{b}}_{=\mathbf{x}_{LN}}$$"),
    ),
    assumptions=(
        "A in R^{m x n}, m < n, full row rank, A = U [Sigma_1 O] [V_1 V_2]^T (000:236-242); mu > 0 (000:258)",
        "shown for m = 2, n = 3 with A = U Sigma_1 V_1^T, symbolic sigma_1, sigma_2 > 0, mu > 0, b, x_0, and the fixed "
        "rational orthogonal U, V of min-norm-least-squares-solution; the unrolled form of 000:267 is checked for k = 0..2, "
        "the error identity for every k by induction",
        "the convergence condition is per singular value: |1 - mu sigma_i^2| < 1 for every i, i.e. mu < 2/sigma_max^2",
    ),
    statement=Computed(
        "for every k >= 0, x_k - x_oo = V_1 (I - mu Sigma_1^2)^k V_1^T (x_0 - x_oo) with x_oo = V_2 V_2^T x_0 + V_1 Sigma_1^{-1} U^T b, "
        "and (1 - mu sigma_i^2)^k -> 0 exactly for 0 < mu < 2/sigma_i^2: x_k -> x_oo if and only if 0 < mu < 2/sigma_max^2",
        lambda: _error_identity(X_OO, BOUND),
        why="induction on k from A x_oo = b, (I - mu A^T A) V_1 = V_1 (I - mu Sigma_1^2) and V_2^T (x_0 - x_oo) = 0",
        latex_form=r"x_k - x_\infty = V_1 (I - \mu\Sigma_1^2)^k V_1^\top (x_0 - x_\infty),\quad x_k \to x_\infty \iff 0 < \mu < 2/\sigma_{\max}^2"),
    steps=(
        Equal(GRAD, A.T * (A * xs - b), source=Source(BLOG, 256, r"\nabla f(\mathrm{x})=\mathrm{A}^{\top}(\mathrm{Ax}-\mathrm{b})"),
              why="the gradient of f(x) = 1/2 ||A x - b||^2 (000:252)"),
        Equal(xs - mu * GRAD, STEP_MAP * xs + mu * A.T * b,
              source=Source(BLOG, 262, r"=\left(\mathrm{I}-\mu \mathrm{A}^{\top} \mathrm{A}\right) \mathrm{x}_k+\mu \mathrm{A}^{\top} \mathrm{b}"),
              why="the gradient step, collected as a linear map plus a constant"),
        Computed("000:267: the unrolled iterate equals k gradient steps from x_0, k = 0..2", _unrolled_matches,
                 source=Source(BLOG, 267, r"\mathrm{x}_k=\left(\mathrm{I}-\mu \mathrm{A}^{\top} \mathrm{A}\right)^k \mathrm{x}_0+\mu \sum_{\ell=0}^{k-1}"),
                 why="apply the affine step k times: the constant mu A^T b is carried through 0..k-1 powers of the map"),
        Equal(U * SIGMA * V.T, A, source=Source(BLOG, 242, r"=U \Sigma_1 ~V_1^{\top}"),
              why="U [Sigma_1 O] [V_1 V_2]^T = U Sigma_1 V_1^T: the zero block removes V_2"),
        Equal(V.T * STEP_MAP * V, I3 - mu * SIGMA.T * SIGMA,
              source=Source(BLOG, 276, r"\mathrm{y}_k=\left(\mathrm{I}-\mu \Sigma^{\top} \Sigma\right)^k \mathrm{y}_0"),
              why="with y = V^T x (000:271) the step map becomes V^T (I - mu A^T A) V = I - mu Sigma^T Sigma, since V^T V = I"),
        Equal(V.T * A.T * b, SIGMA.T * U.T * b,
              source=Source(BLOG, 276, r"\Sigma^{\top} \mathrm{U}^{\top} \mathrm{b}"),
              why="and the constant V^T A^T b = Sigma^T U^T b"),
        Equal(I3 - mu * SIGMA.T * SIGMA, sp.diag(CONTRACTION, sp.eye(N - M)),
              source=Source(BLOG, 278, r"\left(\mathrm{I}-\mu \Sigma_1^2\right)^k & \mathrm{O}"),
              why="Sigma^T Sigma = diag(Sigma_1^2, O): block diagonal, the null-space block is the identity (never moves)"),
        Equal(sp.diag(*[(1 - mu * si**2) ** ell for si in SIG], 1) * SIGMA.T,
              (sp.diag(*[(1 - mu * si**2) ** ell for si in SIG]) * S1).col_join(sp.zeros(N - M, M)),
              source=Source(BLOG, 292, r"\left(\mathrm{I}-\mu \Sigma_1^2\right)^{\ell} \Sigma_1 \\"),
              why="the l-th power of the block-diagonal map times Sigma^T: the zero rows of Sigma^T stay zero"),
        Computed("000:297: both eigenvalues 1 - mu sigma_i^2 lie strictly inside the unit circle exactly when 0 < mu < 2/sigma_i^2",
                 lambda: _convergence_set(2 / smax**2),
                 source=Source(BLOG, 297, r"all eigenvalues of `$\mathrm{I}-\mu \Sigma_1^2$` are strictly inside the unit circle"),
                 why="|1 - mu sigma^2| < 1 <=> -1 < 1 - mu sigma^2 < 1 <=> 0 < mu sigma^2 < 2"),
        Computed("000:309: mu sum_{l>=0} (1 - mu sigma^2)^l sigma = 1/sigma when |1 - mu sigma^2| < 1 (SymPy's sum, with "
                 "its convergence condition)", lambda: _series_check(),
                 source=Source(BLOG, 309, r"\mu \sum_{\ell=0}^{\infty}\left(\mathrm{I}-\mu \Sigma_1^2\right)^{\ell} \Sigma_1"),
                 why="a geometric series with ratio 1 - mu sigma^2"),
        Equal(mu * (I2 - I2 + mu * S1**2).inv() * S1, S1.inv(),
              source=Source(BLOG, 309, r"=\mu\left(\mathrm{I}-\mathrm{I}+\mu \Sigma_1^2\right)^{-1} \Sigma_1=\Sigma_1^{-1}"),
              why="the sum is (I - (I - mu Sigma_1^2))^{-1} = (mu Sigma_1^2)^{-1}, times mu Sigma_1"),
        Equal(Y_OO_SERIES, Y_OO,
              source=Source(BLOG, 313, r"\mathrm{y}_{\infty}=\left[\begin{array}{cc}"),
              why="y_oo of 000:299 with the series summed (the step above): the null-space block keeps y_0, the "
                  "row-space block is Sigma_1^{-1} U^T b"),
        Equal(V * Y_OO, X_OO,
              source=Source(BLOG, 323, r"\mathrm{x}_{\infty}=\mathrm{V}_2 \mathrm{~V}_2^{\top} \mathrm{x}_0+"),
              why="x_oo = V y_oo (000:321) with y_0 = V^T x_0: V [[O, O], [O, I]] V^T = V_2 V_2^T and V [I; O] = V_1"),
        Equal(X_LN_SVD, least_norm(A, b),
              source=Source(BLOG, 323, r"\underbrace{\mathrm{V}_1 \Sigma_1^{-1} \mathrm{U}^{\top} \mathrm{b}}_{=\mathrm{x}_{\mathrm{LN}}}"),
              why="the second term is the least-norm solution (claim min-norm-least-squares-solution)"),
        Equal(gd_limit(V1, V2, S1, U, b, V1 * sp.Matrix(sp.symbols("c_1 c_2", real=True))), X_LN_SVD,
              source=Source(BLOG, 325, r"if `$x_{0}$` is orthogonal to the null space of A"),
              why="x_0 = V_1 c in the row space: V_2^T x_0 = 0 and the limit is x_LN itself (x_0 = 0 included)"),
    ),
    forms=(
        Equal(GRAD, A.T * (A * xs - b), source=Source(SLIDES, 922, r"$$\nabla f(x) = A^\top (Ax - b)$$"),
              why="the slides' gradient"),
        Equal(xs - mu * GRAD, STEP_MAP * xs + mu * A.T * b,
              source=Source(SLIDES, 926, r"&= (I - \mu A^\top A)x_k + \mu A^\top b"), why="the slides' step"),
        Computed("002:930: the unrolled iterate equals k gradient steps, k = 0..2", _unrolled_matches,
                 source=Source(SLIDES, 930, r"$$x_k = (I - \mu A^\top A)^k x_0 + \mu \sum_{\ell=0}^{k-1} (I - \mu A^\top A)^\ell A^\top b$$"),
                 why="the slides' unrolled iterate"),
        Equal(U * SIGMA * V.T, U * S1 * V1.T,
              source=Source(SLIDES, 932, r"= U\Sigma_1 V_1^\top$$"), why="the slides' SVD in blocks"),
        Equal(V.T * STEP_MAP * V, sp.diag(CONTRACTION, sp.eye(N - M)),
              source=Source(SLIDES, 936, r"\begin{bmatrix} (I - \mu \Sigma_1^2)^k & 0 \\ 0 & I \end{bmatrix} y_0"),
              why="the slides' eigen-coordinates: the step map is diag(I - mu Sigma_1^2, I)"),
        Computed("002:940: the eigenvalues of I - mu Sigma_1^2 are inside the unit circle exactly when 0 < mu < 2/sigma_i^2",
                 lambda: _convergence_set(2 / smax**2),
                 source=Source(SLIDES, 940, r"all eigenvalues of  $\mathbf{I} - \mu \Sigma_1^2$  are strictly inside the unit circle"),
                 why="the slides' condition"),
        Equal(Y_OO_SERIES, Y_OO,
              source=Source(SLIDES, 942, r"$$\mathbf{y}_\infty = \begin{bmatrix} \mathbf{O} & \mathbf{O} \\ \mathbf{O} & \mathbf{I} \end{bmatrix} \mathbf{y}_0 + \mu \sum_{\ell=0}^{\infty}"),
              why="the slides' y_oo with its series summed (002:946)"),
        Equal(mu * (I2 - I2 + mu * S1**2).inv() * S1, S1.inv(),
              source=Source(SLIDES, 946, r"= \mu (\mathbf{I} - \mathbf{I} + \mu \Sigma_1^2)^{-1} \Sigma_1 = \Sigma_1^{-1}$$"),
              why="the slides' geometric series"),
        Equal(V * Y_OO, X_OO,
              source=Source(SLIDES, 950, r"$$\mathbf{y}_\infty = \begin{bmatrix} \mathbf{O} & \mathbf{O} \\ \mathbf{O} & \mathbf{I} \end{bmatrix} \mathbf{y}_0 + \begin{bmatrix} \Sigma_1^{-1} \\ \mathbf{O} \end{bmatrix} \mathbf{U}^\top \mathbf{b}$$"),
              why="the slides' y_oo, mapped back by x = V y (002:952)"),
        Equal(gd_limit(V1, V2, S1, U, b, V1 * sp.Matrix(sp.symbols("c_1 c_2", real=True))), least_norm(A, b),
              source=Source(SLIDES, 958, r"if  $\mathbf{x}_0$  is orthogonal to the null space of  $\mathbf{A}$ , then gradient descent will converge to the least-norm solution"),
              why="the slides' conclusion"),
        Computed("002:918 as written: A in R^{m x n} with m >> n (e.g. 3 x 2) in A = U [Sigma_1 O] V^T, where the "
                 "m x m Sigma_1 must be inverted (Sigma_1^2 = U^T A A^T U)", _tall_gram_is_singular,
                 source=Source(SLIDES, 918, r"A \in \mathbb{R}^{m \times n}, \quad x \in \mathbb{R}^n, \quad m \gg n$$"),
                 why="det(Sigma_1)^2 = det(A A^T) = 0 for every 3 x 2 matrix: only n singular values are nonzero, so "
                     "Sigma_1^{-1} in the limit does not exist; the derivation needs m < n",
                 correction=Computed("with m < n (000:231), here 2 x 3: det(A A^T) = det(Sigma_1)^2 = sum of squared minors, "
                                     "positive for full row rank", _cauchy_binet)),
    ),
    numeric=Numeric(gradient_descent_limit, {"limit": gd_limit(V1m, V2m, S1m, Um, bm, x0m), "step_bound": BOUND},
                    "GD in float64 on random wide systems from random x_0: within rho^K ||x_0 - x_oo|| plus a round-off bound of "
                    "the predicted limit at 0.5 and 0.95 x the predicted step bound, and not converging at 1.05 x the bound"),
    mutants=(
        Mutant("no-initial-null-part", Computed("x_k -> x_LN from any x_0 (the V_2 V_2^T x_0 term dropped)",
                                                lambda: _error_identity(X_LN_SVD, BOUND)),
               {"limit": least_norm_svd(V1m, S1m, Um, bm), "step_bound": BOUND},
               "gradient descent forgets its starting point: true only for x_0 orthogonal to the null space"),
        Mutant("row-space-part-kept", Computed("x_k -> V_1 V_1^T x_0 + x_LN", lambda: _error_identity(V1 * V1.T * x0 + X_LN_SVD, BOUND)),
               {"limit": V1m * V1m.T * x0m + least_norm_svd(V1m, S1m, Um, bm), "step_bound": BOUND},
               "the blocks of y_oo swapped: the part of x_0 that gradient descent overwrites kept instead of the one it never sees"),
        Mutant("step-bound-4", Computed("x_k -> x_oo for 0 < mu < 4/sigma_max^2", lambda: _error_identity(X_OO, 4 / smax**2)),
               {"limit": gd_limit(V1m, V2m, S1m, Um, bm, x0m), "step_bound": 4 / smax**2},
               "|1 - mu sigma^2| < 1 solved as mu sigma^2 < 4"),
        Mutant("step-bound-1", Computed("x_k -> x_oo exactly for 0 < mu < 1/sigma_max^2", lambda: _error_identity(X_OO, 1 / smax**2)),
               {"limit": gd_limit(V1m, V2m, S1m, Um, bm, x0m), "step_bound": 1 / smax**2},
               "the bound of a monotone descent (1 - mu sigma^2 >= 0) taken for the convergence bound: safe but not sharp"),
        Mutant("step-bound-smallest", Computed("x_k -> x_oo for 0 < mu < 2/sigma_min^2",
                                               lambda: _error_identity(X_OO, 2 / smin**2)),
               {"limit": gd_limit(V1m, V2m, S1m, Um, bm, x0m), "step_bound": 2 / smin**2},
               "the bound set by the smallest singular value: the top direction diverges"),
    ),
    references=(GUNASEKAR17, THREAD),
)


@functools.lru_cache(maxsize=1)
def _series_check():
    """SymPy's geometric series sum_l r^l = 1/(1 - r) for |r| < 1, at r = 1 - mu sigma^2: mu sigma / (mu sigma^2)
    = 1/sigma on the convergence set {mu : |1 - mu sigma^2| < 1} = (0, 2/sigma^2)."""
    r = sp.Symbol("r")
    total = sp.summation(r**ell, (ell, 0, sp.oo))
    pieces = total.atoms(sp.Piecewise)
    if len(pieces) != 1:
        return False, {"sum": str(total)}
    (value, condition), _ = next(iter(pieces)).args
    at = {r: 1 - mu * sigma**2}
    series = sp.simplify(mu * value.subs(at) * sigma)
    region = _stable_steps_symbolic() if condition.subs(at) == (sp.Abs(1 - mu * sigma**2) < 1) else None
    ok = series == 1 / sigma and region == sp.Interval.open(0, 2 / sigma**2)
    return ok, {"sum_l r^l": str(total), "mu sigma sum_l (1 - mu sigma^2)^l": str(series), "convergence set (mu)": str(region)}
