"""Matrix calculus (slides 002:283-344, "Recap on gradient", after the Matrix Cookbook).

The layout. The slides' table (002:299-305) fixes how derivatives are arranged: by a column
vector x in R^P the derivative of a scalar is the column [dy/dx_1, ..., dy/dx_P] (002:300), by a
P x Q matrix X it is the P x Q matrix [dy/dX_pq] (002:301), and the derivative of y in R^N by x is
the P x N matrix whose row p holds dy_1/dx_p, ..., dy_N/dx_p (002:305): the denominator layout.
``table_derivative`` and ``gradient`` below build exactly those arrays (SymPy's
``derive_by_array`` uses the same one). ``jacobian`` is the N x D matrix D_jp = d[y]_j / dw_p
that 002:317-319 define instead.

Claims:

- ``linear-map-jacobian``: D_jp = d[A w]_j / dw_p = A_jp, the index computation of 002:319; the
  conclusion d(A w)/dw = A (002:323) is the Jacobian, and in the table's layout it is A^T.
- ``linear-form-gradient``: d(w^T x)/dw_j = x_j, grad_w (w^T x) = x (002:309-311) and
  d(x^T a)/dx = d(a^T x)/dx = a (002:327).
- ``bilinear-form-gradient``: d(a^T X b)/dX = a b^T (002:329) and d(a^T X^T b)/dX = b a^T (002:331).
- ``quadratic-form-gradient``: d(a^T X a)/dX = d(a^T X^T a)/dX = a a^T (002:333).

Symbolically: explicit matrices of symbols (2 x 3 where the shape can tell a transpose, 3 x 3
for the quadratic form), with a computation over every size up to 4 x 4. The predictions are
written once as matrix expressions in MatrixSymbols: the experiment evaluates those for any size,
and the symbolic checks substitute the explicit matrices.
"""
from __future__ import annotations

import itertools

import sympy as sp

from checks import Claim, Computed, Equal, Mutant, Numeric, Reference, Source
from numerics.matrix_calculus import (
    bilinear_form_gradients,
    linear_form_gradient,
    linear_map_jacobian,
    quadratic_form_gradient,
)

SLIDES = "002_89896ee51b349776.txt"
COOKBOOK = Reference("Petersen and Pedersen, The Matrix Cookbook", "section 2.4, eqs. (69)-(72)", "http://matrixcookbook.com")
MAX_SIZE = 4        # vectors and square matrices: lengths 1..4
MAX_SIDE = 3        # rectangular matrices: every shape up to 3 x 3, wide and tall


def vector(name: str, n: int) -> sp.Matrix:
    """A column of n real symbols name1, ..., name_n."""
    return sp.Matrix(sp.symbols(f"{name}1:{n + 1}", real=True))


def matrix(name: str, rows: int, cols: int) -> sp.Matrix:
    """A rows x cols matrix of real symbols name_pq."""
    return sp.Matrix(rows, cols, lambda p, q: sp.Symbol(f"{name}_{p + 1}{q + 1}", real=True))


def scalar(m: sp.Matrix):
    """The entry of a 1 x 1 matrix (a product such as a^T X b)."""
    assert m.shape == (1, 1), m.shape
    return m[0, 0]


def gradient(f, by: sp.Matrix) -> sp.Matrix:
    """df/d(by) in the table's layout (002:300-301): the array of df/d(by)_pq in the shape of
    ``by``, each entry an unevaluated derivative (``doit`` evaluates them)."""
    return by.applyfunc(lambda v: sp.Derivative(f, v))


def table_derivative(y: sp.Matrix, x: sp.Matrix) -> sp.Matrix:
    """dy/dx for columns y in R^N, x in R^P as the table of 002:305 arranges it: P x N, row p
    holding dy_1/dx_p, ..., dy_N/dx_p."""
    return sp.Matrix(len(x), len(y), lambda p, j: sp.Derivative(y[j], x[p]))


def jacobian(y: sp.Matrix, x: sp.Matrix) -> sp.Matrix:
    """The N x P matrix D_jp = dy_j/dx_p of 002:317-319."""
    return sp.Matrix(len(y), len(x), lambda j, p: sp.Derivative(y[j], x[p]))


def explicit(expr, values: dict) -> sp.Matrix:
    """A prediction written with MatrixSymbols, evaluated on explicit matrices (by the same
    lambdify the experiment uses, here with SymPy's matrices: far cheaper than substituting into
    the matrix expression and expanding its entries as sums)."""
    names = list(values)
    return sp.Matrix(sp.lambdify(names, expr, "sympy")(*(values[k] for k in names)))


def _all_sizes(check, sizes=range(1, MAX_SIDE + 1), dims=2):
    """Run ``check(*size)`` for every size tuple; the first failure is the counterexample."""
    for size in itertools.product(sizes, repeat=dims):
        ok = check(*size)
        if ok is not True:
            return False, {"size": "x".join(map(str, size)), "difference": sp.sstr(ok)}
    return True, f"holds for every size {'x'.join(['1'] * dims)} to {'x'.join([str(sizes.stop - 1)] * dims)}"


def _zero_or_difference(got: sp.Matrix, want: sp.Matrix):
    if got.shape != want.shape:
        return f"shapes {got.shape} and {want.shape}"
    diff = (got - want).applyfunc(sp.expand)
    return True if diff.is_zero_matrix else diff


# MatrixSymbols for the predictions (any size).
n_, m_ = sp.symbols("n m", integer=True, positive=True)
A_ = sp.MatrixSymbol("A", n_, m_)
a_, b_ = sp.MatrixSymbol("a", n_, 1), sp.MatrixSymbol("b", m_, 1)
x_ = sp.MatrixSymbol("x", n_, 1)
X_ = sp.MatrixSymbol("X", n_, n_)


# ---------------------------------------------------------------------------------------------
# d(A w)/dw
# ---------------------------------------------------------------------------------------------
N_ROWS, D_COLS = 2, 3
A = matrix("A", N_ROWS, D_COLS)
W = vector("omega", D_COLS)
AW = A * W
D_MATRIX = jacobian(AW, W)
D_EXPANDED = sp.Matrix(N_ROWS, D_COLS, lambda j, p: sum(A[j, i] * sp.Derivative(W[i], W[p]) for i in range(D_COLS)))
D_DELTAS = sp.Matrix(N_ROWS, D_COLS, lambda j, p: sum(A[j, i] * sp.KroneckerDelta(i + 1, p + 1, evaluate=False) for i in range(D_COLS)))


def _linear_map_every_size():
    def check(n, d):
        a, w = matrix("A", n, d), vector("omega", d)
        jac = _zero_or_difference(jacobian(a * w, w).doit(), a)
        table = _zero_or_difference(sp.Matrix(sp.derive_by_array(list(a * w), list(w))), a.T)
        return jac if jac is not True else table
    return _all_sizes(check)


def _one_row_against_327():
    """N = 1, A = a^T: the table's layout gives d(a^T w)/dw = a, the column of 002:327; the
    Jacobian of 002:317 is the row a^T."""
    a, w = vector("a", D_COLS), vector("omega", D_COLS)
    table = table_derivative(a.T * w, w).doit()
    jac = jacobian(a.T * w, w).doit()
    return table == a and jac == a.T, f"table layout: {sp.sstr(table.T)}^T (a column); 002:317's D: {sp.sstr(jac)} (a row)"


linear_map_jacobian_claim = Claim(
    id="linear-map-jacobian",
    title="The Jacobian of w -> A w is A: D_jp = d[A w]_j / dw_p = A_jp (in the slides' table layout the derivative is A^T)",
    sources=(
        Source(SLIDES, 315, r"\frac{\partial(A\omega)}{\partial\omega} \in \mathbb{R}^{N \times D}"),
        Source(SLIDES, 319, r"D_{jp} = \frac{\partial[A\omega]_j}{\partial\omega_p}"),
        Source(SLIDES, 323, r"\frac{\partial(A\omega)}{\partial\omega} = A"),
    ),
    assumptions=(
        f"A in R^(N x D), omega in R^D (002:315); shown with N x D = {N_ROWS} x {D_COLS} symbolically (a shape that tells A "
        f"from A^T) and every size up to {MAX_SIDE} x {MAX_SIDE} by a computation",
        "D is the matrix 002:317 defines: row j, column p holds component j of A omega derived by component p of omega",
    ),
    statement=Equal(D_MATRIX, A, why="the derivative of a linear map is the map"),
    steps=(
        Equal(D_MATRIX, D_EXPANDED,
              source=Source(SLIDES, 319, r"\frac{\partial}{\partial\omega_p} \sum_{i=1}^D A_{ji}\omega_i = \sum_{i=1}^D A_{ji} \frac{\partial}{\partial\omega_p} \omega_i"),
              why="[A omega]_j = sum_i A_ji omega_i; the derivative is linear and A_ji does not depend on omega"),
        Equal(D_EXPANDED, D_DELTAS, source=Source(SLIDES, 319, r"\sum_{i=1}^D A_{ji} \delta_{ip}"),
              why="d omega_i / d omega_p = delta_ip: the coordinates are independent variables"),
        Equal(D_DELTAS, A, source=Source(SLIDES, 319, r"\sum_{i=1}^D A_{ji} \delta_{ip} = A_{jp}"),
              why="the Kronecker delta keeps the i = p term only"),
        Computed(f"D = A and, in the table's layout, d(A omega)/d omega = A^T for every N, D <= {MAX_SIDE}", _linear_map_every_size,
                 why="the entrywise computation never used the sizes; derive_by_array arranges the table's layout"),
        Computed("with N = 1 (A = a^T) the table's layout gives the column a of 002:327, the matrix D the row a^T",
                 _one_row_against_327, why="the two layouts differ by a transpose; only the table's agrees with 002:327"),
    ),
    forms=(
        Equal(table_derivative(AW, W), A, source=Source(SLIDES, 323, r"\frac{\partial(A\omega)}{\partial\omega} = A"),
              why="in the layout of the slides' own table (002:305: row p holds the derivatives by omega_p) d(A omega)/d omega "
                  "is D x N; 002:315-317 switch without comment to the transposed (Jacobian) layout, in which the result is A",
              correction=Equal(table_derivative(AW, W), A.T,
                               why="in the table's layout d(A omega)/d omega = A^T (the Matrix Cookbook's d(x^T a)/dx = a has this layout)")),
    ),
    numeric=Numeric(linear_map_jacobian, {"jacobian": A_},
                    "jax.jacfwd(w -> A w), whose entry (j, p) is d[A w]_j / dw_p like D, on 16 random instances each of A 2 x 3 and "
                    "3 x 3 agrees with the prediction to 8 u relative (float64 round-off); a shape mismatch fails"),
    mutants=(
        Mutant("transposed", Equal(D_MATRIX, A.T), {"jacobian": A_.T}, "A^T: the table's layout taken for D's"),
        Mutant("factor-two", Equal(D_MATRIX, 2 * A), {"jacobian": 2 * A_}, "2A: the factor of d(w^T A w)/dw = 2 A w for symmetric A carried over"),
    ),
    references=(COOKBOOK,),
)


# ---------------------------------------------------------------------------------------------
# d(w^T x)/dw = x and d(x^T a)/dx = d(a^T x)/dx = a
# ---------------------------------------------------------------------------------------------
N_VEC = 3
Wv, Xv = vector("w", N_VEC), vector("x", N_VEC)
a_vec = vector("a", N_VEC)
WX = scalar(Wv.T * Xv)
WX_EXPANDED = sp.Matrix([sum(Xv[k] * sp.Derivative(Wv[k], Wv[j]) for k in range(N_VEC)) for j in range(N_VEC)])
Q309 = r"\frac{\partial}{\partial w_j} (w^T x) = \frac{\partial}{\partial w_j} \sum_k w_k x_k = x_j"
Q327 = r"\frac{\partial \mathbf{x}^T \mathbf{a}}{\partial \mathbf{x}} = \frac{\partial \mathbf{a}^T \mathbf{x}}{\partial \mathbf{x}} = \mathbf{a}"


def _linear_form_every_size():
    def check(n):
        a, x = vector("a", n), vector("x", n)
        for f in (scalar(x.T * a), scalar(a.T * x)):
            gap = _zero_or_difference(sp.Matrix(sp.derive_by_array(f, list(x))), a)
            if gap is not True:
                return gap
        return True
    return _all_sizes(check, range(1, MAX_SIZE + 1), dims=1)


linear_form_gradient_claim = Claim(
    id="linear-form-gradient",
    title="The gradient of a linear form: grad_w (w^T x) = x, and d(x^T a)/dx = d(a^T x)/dx = a",
    sources=(Source(SLIDES, 309, Q309), Source(SLIDES, 311, r"\nabla_w (w^T x) = x"), Source(SLIDES, 327, Q327)),
    assumptions=(f"column vectors of the same length: {N_VEC} symbolically, 1..{MAX_SIZE} by a computation; the gradient by a "
                 "column is a column (002:300)",),
    statement=Equal(gradient(WX, Wv), Xv, source=Source(SLIDES, 311, r"\nabla_w (w^T x) = x"), why="the gradient of w^T x in w"),
    steps=(
        Equal(gradient(WX, Wv), WX_EXPANDED, source=Source(SLIDES, 309, Q309),
              why="w^T x = sum_k w_k x_k; differentiate term by term, x_k constant"),
        Equal(WX_EXPANDED, Xv, source=Source(SLIDES, 309, Q309), why="d w_k / d w_j = delta_kj leaves x_j"),
        Computed(f"d(x^T a)/dx = d(a^T x)/dx = a for every length up to {MAX_SIZE}", _linear_form_every_size,
                 why="the computation is the same for every length"),
    ),
    forms=(
        Equal(gradient(scalar(Xv.T * a_vec), Xv), gradient(scalar(a_vec.T * Xv), Xv), source=Source(SLIDES, 327, Q327),
              why="x^T a and a^T x are the same number"),
        Equal(gradient(scalar(a_vec.T * Xv), Xv), a_vec, source=Source(SLIDES, 327, Q327),
              why="002:311 with w -> x and x -> a: a column, as the table's layout (002:300) has it"),
    ),
    numeric=Numeric(linear_form_gradient, {"gradient": a_},
                    "jax.grad of x^T a and of a^T x with respect to the column x, on 16 random instances each of length 1 and 4, "
                    "agrees with the prediction to 8 u relative (float64 round-off); a row for a column fails"),
    mutants=(
        Mutant("transposed", Equal(gradient(WX, Wv), Xv.T), {"gradient": a_.T}, "x^T: a row, the numerator layout"),
        Mutant("factor-two", Equal(gradient(WX, Wv), 2 * Xv), {"gradient": 2 * a_}, "2x: as for the quadratic w^T w"),
    ),
    references=(COOKBOOK,),
)


# ---------------------------------------------------------------------------------------------
# d(a^T X b)/dX = a b^T and d(a^T X^T b)/dX = b a^T
# ---------------------------------------------------------------------------------------------
P_ROWS, Q_COLS = 2, 3
Xm = matrix("X", P_ROWS, Q_COLS)
a_p, b_q = vector("a", P_ROWS), vector("b", Q_COLS)     # a^T X b: a in R^P, b in R^Q
a_q, b_p = vector("a", Q_COLS), vector("b", P_ROWS)     # a^T X^T b: a in R^Q, b in R^P
BILINEAR = scalar(a_p.T * Xm * b_q)
BILINEAR_T = scalar(a_q.T * Xm.T * b_p)
OUTER_AB = a_ * b_.T
OUTER_BA = b_ * a_.T
BILINEAR_TERMS = sp.Matrix(P_ROWS, Q_COLS, lambda p, q: sum(a_p[i] * b_q[j] * sp.Derivative(Xm[i, j], Xm[p, q])
                                                            for i in range(P_ROWS) for j in range(Q_COLS)))


def _bilinear_every_size():
    def check(p, q):
        x = matrix("X", p, q)
        a, b = vector("a", p), vector("b", q)
        gap = _zero_or_difference(sp.Matrix(sp.derive_by_array(scalar(a.T * x * b), x)), explicit(OUTER_AB, {a_: a, b_: b}))
        if gap is not True:
            return gap
        a, b = vector("a", q), vector("b", p)
        return _zero_or_difference(sp.Matrix(sp.derive_by_array(scalar(a.T * x.T * b), x)), explicit(OUTER_BA, {a_: a, b_: b}))
    return _all_sizes(check)


def _transpose_swaps_the_vectors():
    same = sp.expand(BILINEAR_T - scalar(b_p.T * Xm * a_q)) == 0
    return same, "a^T X^T b = (a^T X^T b)^T = b^T X a: 002:331 is 002:329 with a and b exchanged"


bilinear_form_gradient_claim = Claim(
    id="bilinear-form-gradient",
    title="The gradient of a bilinear form: d(a^T X b)/dX = a b^T and d(a^T X^T b)/dX = b a^T",
    sources=(
        Source(SLIDES, 329, r"\frac{\partial \mathbf{a}^T \mathbf{X} \mathbf{b}}{\partial \mathbf{X}} = \mathbf{a} \mathbf{b}^T"),
        Source(SLIDES, 331, r"\frac{\partial \mathbf{a}^T \mathbf{X}^T \mathbf{b}}{\partial \mathbf{X}} = \mathbf{b} \mathbf{a}^T"),
    ),
    assumptions=(f"X in R^(P x Q), the derivative by X a P x Q matrix (002:301); P x Q = {P_ROWS} x {Q_COLS} symbolically, every "
                 f"size up to {MAX_SIDE} x {MAX_SIDE} by a computation",
                 "a^T X b needs a in R^P, b in R^Q; a^T X^T b needs a in R^Q, b in R^P"),
    statement=Equal(gradient(BILINEAR, Xm), explicit(OUTER_AB, {a_: a_p, b_: b_q}),
                    source=Source(SLIDES, 329, r"\frac{\partial \mathbf{a}^T \mathbf{X} \mathbf{b}}{\partial \mathbf{X}} = \mathbf{a} \mathbf{b}^T"),
                    why="entry (p, q) of the gradient is a_p b_q"),
    steps=(
        Equal(gradient(BILINEAR, Xm), BILINEAR_TERMS, why="a^T X b = sum_ij a_i X_ij b_j; differentiate term by term"),
        Equal(BILINEAR_TERMS, explicit(OUTER_AB, {a_: a_p, b_: b_q}),
              why="d X_ij / d X_pq = delta_ip delta_jq keeps a_p b_q, the (p, q) entry of a b^T"),
        Computed("a^T X^T b = b^T X a", _transpose_swaps_the_vectors, why="a 1 x 1 matrix is its own transpose"),
        Computed(f"both identities for every size up to {MAX_SIDE} x {MAX_SIDE}", _bilinear_every_size,
                 why="derive_by_array, entry by entry, for each shape"),
    ),
    forms=(
        Equal(gradient(BILINEAR_T, Xm), explicit(OUTER_BA, {a_: a_q, b_: b_p}),
              source=Source(SLIDES, 331, r"\frac{\partial \mathbf{a}^T \mathbf{X}^T \mathbf{b}}{\partial \mathbf{X}} = \mathbf{b} \mathbf{a}^T"),
              why="by b^T X a and 002:329 with a and b exchanged: entry (p, q) is b_p a_q"),
    ),
    numeric=Numeric(bilinear_form_gradients, {"plain": OUTER_AB, "transposed": OUTER_BA},
                    "jax.grad with respect to X of a^T X b and a^T X^T b, on 16 random instances each of X 2 x 3 and 3 x 3, agrees "
                    "with a b^T and b a^T to 8 u relative (float64 round-off); a shape mismatch fails"),
    mutants=(
        Mutant("transposed", Equal(gradient(BILINEAR, Xm), explicit(OUTER_AB.T, {a_: a_p, b_: b_q})),
               {"plain": OUTER_AB.T, "transposed": OUTER_BA}, "b a^T for a^T X b: the numerator layout, Q x P"),
        Mutant("transpose-ignored", Equal(gradient(BILINEAR_T, Xm), explicit(OUTER_AB, {a_: a_q, b_: b_p})),
               {"plain": OUTER_AB, "transposed": OUTER_AB}, "a b^T for a^T X^T b too: the transpose on X overlooked"),
    ),
    references=(COOKBOOK,),
)


# ---------------------------------------------------------------------------------------------
# d(a^T X a)/dX = d(a^T X^T a)/dX = a a^T
# ---------------------------------------------------------------------------------------------
N_SQ = 3
Xsq = matrix("X", N_SQ, N_SQ)
a_sq = vector("a", N_SQ)
QUADRATIC = scalar(a_sq.T * Xsq * a_sq)
QUADRATIC_T = scalar(a_sq.T * Xsq.T * a_sq)
OUTER_AA = a_ * a_.T
AA = explicit(OUTER_AA, {a_: a_sq})
QUADRATIC_TERMS = sp.Matrix(N_SQ, N_SQ, lambda p, q: sum(a_sq[i] * a_sq[j] * sp.Derivative(Xsq[i, j], Xsq[p, q])
                                                         for i in range(N_SQ) for j in range(N_SQ)))
Q333 = r"\frac{\partial \mathbf{a}^T \mathbf{X} \mathbf{a}}{\partial \mathbf{X}} = \frac{\partial \mathbf{a}^T \mathbf{X}^T \mathbf{a}}{\partial \mathbf{X}} = \mathbf{a} \mathbf{a}^T"


def _quadratic_every_size():
    def check(n):
        x, a = matrix("X", n, n), vector("a", n)
        for f in (scalar(a.T * x * a), scalar(a.T * x.T * a)):
            gap = _zero_or_difference(sp.Matrix(sp.derive_by_array(f, x)), explicit(OUTER_AA, {a_: a}))
            if gap is not True:
                return gap
        return True
    return _all_sizes(check, range(1, MAX_SIZE + 1), dims=1)


def _factor_two_is_in_the_vector():
    """d(a^T X a)/da = (X + X^T) a, which is 2 X a for symmetric X: the factor 2 of the quadratic
    form belongs to the derivative by the vector."""
    grad_a = sp.Matrix(sp.derive_by_array(QUADRATIC, list(a_sq)))
    general = _zero_or_difference(grad_a, (Xsq + Xsq.T) * a_sq)
    sym = sp.Matrix(N_SQ, N_SQ, lambda p, q: sp.Symbol(f"S_{min(p, q) + 1}{max(p, q) + 1}", real=True))
    symmetric = _zero_or_difference(sp.Matrix(sp.derive_by_array(scalar(a_sq.T * sym * a_sq), list(a_sq))), 2 * sym * a_sq)
    return general is True and symmetric is True, "d(a^T X a)/da = (X + X^T) a; = 2 X a when X = X^T"


quadratic_form_gradient_claim = Claim(
    id="quadratic-form-gradient",
    title="The gradient of a quadratic form in its matrix: d(a^T X a)/dX = d(a^T X^T a)/dX = a a^T",
    sources=(Source(SLIDES, 333, Q333),),
    assumptions=(f"X square, not necessarily symmetric, the derivative by X in X's shape (002:301); {N_SQ} x {N_SQ} symbolically, "
                 f"every size up to {MAX_SIZE} by a computation",
                 "X's entries are independent variables (for a symmetric X constrained to stay symmetric the rule differs)"),
    statement=Equal(gradient(QUADRATIC, Xsq), AA, source=Source(SLIDES, 333, Q333), why="entry (p, q) of the gradient is a_p a_q"),
    steps=(
        Equal(gradient(QUADRATIC, Xsq), QUADRATIC_TERMS, why="a^T X a = sum_ij a_i X_ij a_j; differentiate term by term"),
        Equal(QUADRATIC_TERMS, AA, why="d X_ij / d X_pq = delta_ip delta_jq keeps a_p a_q"),
        Computed(f"both identities for every size up to {MAX_SIZE}", _quadratic_every_size, why="derive_by_array for each size"),
        Computed("d(a^T X a)/da = (X + X^T) a, which is 2 X a for symmetric X", _factor_two_is_in_the_vector,
                 why="the factor 2 of a symmetric quadratic form appears in the derivative by the vector, not by the matrix"),
    ),
    forms=(
        Equal(gradient(QUADRATIC, Xsq), gradient(QUADRATIC_T, Xsq), source=Source(SLIDES, 333, Q333),
              why="a^T X^T a is the transpose of the 1 x 1 matrix a^T X a: the same function of X"),
        Equal(gradient(QUADRATIC_T, Xsq), AA, source=Source(SLIDES, 333, Q333), why="the second equality of 002:333"),
    ),
    numeric=Numeric(quadratic_form_gradient, {"gradient": OUTER_AA},
                    "jax.grad with respect to a non-symmetric X of a^T X a and a^T X^T a, on 16 random 3 x 3 instances, "
                    "agrees with a a^T to 8 u relative (float64 round-off); a shape mismatch fails"),
    mutants=(
        Mutant("factor-two", Equal(gradient(QUADRATIC, Xsq), 2 * AA), {"gradient": 2 * OUTER_AA},
               "2 a a^T: the factor of d(x^T A x)/dx = 2 A x (symmetric A) carried over to the derivative by the matrix"),
        Mutant("derivative-by-the-vector", Equal(gradient(QUADRATIC, Xsq), (Xsq + Xsq.T) * a_sq),
               {"gradient": (X_ + X_.T) * a_}, "(X + X^T) a: the gradient in a, not in X (a column, not a matrix)"),
    ),
    references=(COOKBOOK,),
)
