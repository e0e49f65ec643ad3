"""Matrix completion and the nuclear norm: the conjecture of Gunasekar et al. (2017) that gradient
descent on a factorisation X = U U^T, from an initialisation near 0 and with small steps, converges to
the completion of least nuclear norm (000:206-226; slides 002:960-1027).

A conjecture, given numeric evidence only (``numerics.matrix_completion``); the formulas the notes
write around it are checked as forms:
- 000:217, the factorised problem is the same problem: every n x n X is U V^T (U = X, V = I);
- 000:221-223, observing entries is the linear measurement <A_i, W> with A_i = e_j e_k^T, and U U^T
  is positive semi-definite, so the flow stays in the conjecture's constraint set W >= 0;
- 002:978, the nuclear norm sum_i sigma_i(A) is the trace on PSD matrices: the objective the
  experiment minimises to compute the least-nuclear-norm completion;
- 002:995, the loss l = 1/2 sum_Omega ((W)_ij - b_ij)^2 with W = U U^T has the gradient 2 P_Omega(U U^T - B) U
  that the experiment descends, and 000:221's |A(U U^T) - y|^2 has twice that gradient (the same flow
  run twice as fast).
"""
from __future__ import annotations

import random

import sympy as sp

from checks import Claim, Computed, Equal, Kind, Mutant, Numeric, Reference, Source
from numerics.matrix_completion import (gd_vs_completion, min_frobenius_psd_completion, min_nuclear_norm_completion,
                                        zero_filled_completion)

BLOG, SLIDES = "000_f4da46d2683a41e5.txt", "002_89896ee51b349776.txt"
GUNASEKAR = Reference("Gunasekar, Woodworth, Bhojanapalli, Neyshabur, Srebro 2017, Implicit regularization in "
                      "matrix factorization", "NeurIPS 2017, Conjecture 1",
                      "https://papers.nips.cc/paper_files/paper/2017/hash/58191d2a914c6dae66371c9dcdc91b41-Abstract.html")
CANDES_RECHT = Reference("Candes, Recht 2009, Exact matrix completion via convex optimization",
                         "Foundations of Computational Mathematics 9", "https://arxiv.org/abs/0805.4471")
LI_MA_ZHANG = Reference("Li, Ma, Zhang 2018, Algorithmic regularization in over-parameterized matrix sensing and "
                        "neural networks with quadratic activations", "COLT 2018", "https://arxiv.org/abs/1712.09203")
RAZIN_COHEN = Reference("Razin, Cohen 2020, Implicit regularization in deep learning may not be explainable by norms",
                        "NeurIPS 2020: instances where the conjecture fails", "https://arxiv.org/abs/2005.06398")

N = 3
X = sp.Matrix(N, N, sp.symbols(f"x1:{N * N + 1}", real=True))
U = sp.Matrix(N, N, sp.symbols(f"u1:{N * N + 1}", real=True))
B_SYM = sp.symbols("b12 b13 b22", real=True)
B = sp.Matrix([[0, B_SYM[0], B_SYM[1]], [B_SYM[0], B_SYM[2], 0], [B_SYM[1], 0, 0]])   # observed values
MASK = sp.Matrix([[0, 1, 1], [1, 1, 0], [1, 0, 0]])                                   # Omega: symmetric, some diagonal unobserved
W = U * U.T
LOSS = sum(MASK[i, j] * (W[i, j] - B[i, j]) ** 2 for i in range(N) for j in range(N)) / 2            # 002:995
SQUARED = sum(MASK[i, j] * (W[i, j] - B[i, j]) ** 2 for i in range(N) for j in range(N))             # 000:221
RESIDUAL = sp.Matrix(N, N, lambda i, j: MASK[i, j] * (W[i, j] - B[i, j]))                           # P_Omega(U U^T - B)


def gradient(expr, m):
    return sp.Matrix(m.rows, m.cols, lambda i, j: sp.diff(expr, m[i, j]))


def _nuclear_norm_is_trace_on_psd():
    """sum_i sigma_i(W) = tr W for W = L L^T: exactly for 2 x 2, to 50 digits for 3 x 3 (random integer L)."""
    rng = random.Random(2017)
    for size in (2, 2, 3, 3):
        low = sp.Matrix(size, size, lambda i, j: rng.randint(-3, 3) if j <= i else 0)
        low += sp.eye(size) * (1 + max(abs(v) for v in low))                          # invertible
        w = low * low.T
        gap = sum(w.singular_values()) - w.trace()
        zero = sp.simplify(gap) == 0 if size == 2 else abs(sp.N(gap, 50)) < sp.Float("1e-45")
        if not zero:
            return False, {"W": str(w.tolist()), "sum of singular values - trace": str(sp.N(gap, 20))}
    indefinite = sp.Matrix([[1, 2], [2, 1]])                                          # not PSD: the two differ
    return sp.simplify(sum(indefinite.singular_values()) - indefinite.trace()) != 0, \
        "equal for four random PSD matrices; for the indefinite [[1, 2], [2, 1]] they differ (4 vs 2)"


_x = sp.Matrix(sp.symbols("z1:4", real=True))

matrix_completion_conjecture = Claim(
    id="matrix-completion-nuclear-norm",
    title="Gradient descent on X = U U^T from a small initialisation converges to the least-nuclear-norm completion (conjecture)",
    kind=Kind.CONJECTURE,
    sources=(
        Source(BLOG, 212, r"\min _{X \in \mathbb{R}^{n \times n}} \| \text { observed }(X)-y \|_2^2"),
        Source(BLOG, 217, r"\equiv \min _{U, V \in \mathbb{R}^{n \times n}}\| \text { observed }\left(U V^{\top}\right)-y \|_2^2"),
        Source(BLOG, 221, r"With `$U(0) \rightarrow 0$`, the flow `$\dot{U} = - \nabla \| A(UU^{T}) -y \|^{2}$` converge to the minimum nuclear norm solution"),
        Source(BLOG, 223, r"U(\infty) U(\infty)^{\top} \rightarrow \min _{W \geqslant 0}\|W\|_* \text { s.t. }\left\langle A_i, W\right\rangle=y_i"),
        Source(SLIDES, 978, r"$$\|A\|_* = \sum_i \sigma_i(A)$$"),
        Source(SLIDES, 983, r"$$\min \|W\|_{nuclear} \text{ s.t. } W_{ij} = b_{ij} \quad \forall (i,j) \in \Omega$$"),
        Source(SLIDES, 995, r"$$\ell(W_{L:1}) = \frac{1}{2} \sum_{(i,j) \in \Omega} ((W_{L:1})_{ij} - b_{ij})^2$$"),
        Source(SLIDES, 1005, r"*With small learning rate and init close to the origin, GD over depth 2 matrix factorization converges to min nuclear norm solution.*"),
    ),
    statement=None,
    assumptions=(
        "a conjecture (Gunasekar et al. 2017, 000:220-224, 002:1003-1005): evidence, not proof; it is known to fail on "
        "some instances (Razin and Cohen 2020), and is tested here where the slides place it: low-rank data with enough "
        "observations for the least-nuclear-norm completion to recover the matrix (002:985, 002:1019-1021)",
        "X = U U^T with U square (000:221, the PSD case of 000:217's U V^T); loss 002:995 with depth 2",
        "instances: rank-1 PSD 8 x 8 matrices, each off-diagonal pair observed with probability 0.6 and no diagonal "
        "entry (about half the entries); kept when ADMM certifies the matrix as the least-nuclear-norm completion and the "
        "least-Frobenius and zero-filled completions differ from it by >= 10%; the selection never looks at descent",
        "gradient descent with step 0.1 (the data have spectral norm 1) for 10^4 steps from alpha U_0, U_0 Gaussian / sqrt(n), "
        "alpha = 1e-1 .. 1e-5",
    ),
    forms=(
        Equal(X, X * sp.eye(N).T, source=Source(BLOG, 217, r"\equiv \min _{U, V \in \mathbb{R}^{n \times n}}\| \text { observed }\left(U V^{\top}\right)-y \|_2^2"),
              why="the two problems range over the same matrices: every n x n X is U V^T with U = X, V = I (shown 3 x 3)"),
        Equal((sp.Matrix(N, N, lambda i, j: 1 if (i, j) == (0, 2) else 0).T * X).trace(), X[0, 2],
              source=Source(BLOG, 223, r"\left\langle A_i, W\right\rangle=y_i"),
              why="observing entry (j, k) is the linear measurement <A_i, W> = tr(A_i^T W) with A_i = e_j e_k^T"),
        Equal((_x.T * W * _x)[0], sum(c**2 for c in U.T * _x), source=Source(BLOG, 223, r"\min _{W \geqslant 0}\|W\|_*"),
              why="z^T U U^T z = |U^T z|^2, a sum of squares of reals: the factorised iterates are PSD, inside the "
                  "constraint W >= 0"),
        Computed("sum_i sigma_i(W) = tr(W) for positive semi-definite W (random 2 x 2 and 3 x 3 examples)",
                 _nuclear_norm_is_trace_on_psd, source=Source(SLIDES, 978, r"$$\|A\|_* = \sum_i \sigma_i(A)$$"),
                 why="singular values of a PSD matrix are its eigenvalues: on W >= 0 the nuclear norm is the trace, the "
                     "objective the experiment's ADMM minimises"),
        Equal(gradient(LOSS, U), 2 * RESIDUAL * U,
              source=Source(SLIDES, 995, r"$$\ell(W_{L:1}) = \frac{1}{2} \sum_{(i,j) \in \Omega} ((W_{L:1})_{ij} - b_{ij})^2$$"),
              why="with W = U U^T and a symmetric Omega, the loss's gradient is 2 P_Omega(U U^T - B) U: the experiment's update"),
        Equal(gradient(SQUARED, U), 2 * gradient(LOSS, U),
              source=Source(BLOG, 221, r"\dot{U} = - \nabla \| A(UU^{T}) -y \|^{2}"),
              why="000:221's flow uses |A(U U^T) - y|^2 = 2 l: the same flow at twice the speed, with the same limit"),
    ),
    numeric=Numeric(gd_vs_completion, {"completion": min_nuclear_norm_completion},
                    "on every instance the relative gap |U U^T - X| / |X| between descent and the hypothesis' completion "
                    "X falls along alpha = 1e-1 .. 1e-5 with fitted log-log exponent >= 0.5 and is <= 1e-3 at alpha = 1e-5, "
                    "the observations fitted to 1e-2"),
    mutants=(
        Mutant("min-frobenius-psd", None, {"completion": min_frobenius_psd_completion},
               "descent converges to the PSD completion of least Frobenius norm (as least squares converges to the "
               "least-l2-norm solution)"),
        Mutant("zero-filled", None, {"completion": zero_filled_completion},
               "descent leaves the unobserved entries at 0: the completion of least Frobenius norm without X >= 0"),
    ),
    references=(GUNASEKAR, CANDES_RECHT, LI_MA_ZHANG, RAZIN_COHEN),
)
