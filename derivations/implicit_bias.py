"""The implicit bias of gradient descent on linear networks trained on separable data (001:52-98,
slides 002:1334-1347), after Soudry et al. 2018 and Gunasekar et al. 2018.

Both results are theorems from papers, with assumptions we cannot verify symbolically (the loss
tends to 0, the iterates and gradients converge in direction, the Fourier phases converge). The
claims therefore state what can be checked exactly on small instances, and give numeric evidence
for the convergence itself:

- ``implicit-bias-fully-connected-svm``: for a fully connected linear network of any depth the
  limit direction of beta(t) = P(w(t)) is that of the hard-margin SVM (001:75, 002:1347). Checked:
  on a hand-made dataset in R^3 the SVM solution is w_hat = (-2, 2, 1), certified by the KKT
  conditions (the problem is strictly convex, so they characterise its unique solution); the
  notes' chain rule for the gradient (001:68); why no finite beta minimises the loss (001:63).
  Numerics: depth 1, 2 and 3 approach w_hat at the logarithmic rate. Erratum: 001:75 divides by
  ||beta*_{l0}|| instead of ||beta*_{l2}||.
- ``implicit-bias-linear-convolutional``: for a two-layer linear convolutional network the limit
  direction minimises ||beta_hat||_1 (001:93; l_{2/L} for depth L on the slides, 002:1341).
  Checked: the notes' Fourier convention (001:86) is the unitary DFT, so <x, beta> = <x_hat, beta_hat>
  (Parseval); the network's predictor is the product of its layers' Fourier coefficients; on a
  tiny dataset in R^4 the separator of least ||beta_hat||_1 is (1, 1, -1, -1)/2, supported on one
  frequency pair, certified by a dual solution. Numerics: trained convolutional networks approach it
  and are sparser in frequency than fully connected ones, which approach the (dense) SVM solution.
"""
from __future__ import annotations

import itertools

import sympy as sp

from checks import Claim, Computed, Equal, Mutant, Numeric, Reference, Source
from numerics.implicit_bias import (CONV_LABELS, CONV_POINTS, FC_LABELS, FC_POINTS, convolutional_fourier_sparsity,
                                    fully_connected_direction)

NOTES, SLIDES = "001_50e63b01264c0263.txt", "002_89896ee51b349776.txt"
SOUDRY = Reference("Soudry, Hoffer, Nacson, Gunasekar, Srebro 2018, The Implicit Bias of Gradient Descent on Separable Data",
                   "JMLR 19(70), Theorem 3: w(t) = w_hat log t + rho(t), rho bounded", "https://arxiv.org/abs/1710.10345")
GUNASEKAR = Reference("Gunasekar, Lee, Soudry, Srebro 2018, Implicit Bias of Gradient Descent on Linear Convolutional Networks",
                      "NeurIPS 2018, Theorems 1 (fully connected) and 2 (convolutional)", "https://arxiv.org/abs/1806.00468")


def dataset(points, labels):
    """The rows z_n = y_n x_n as a SymPy matrix (a separator beta has z_n . beta >= 1 at margin 1)."""
    return sp.Matrix([[y * xi for xi in x] for x, y in zip(points, labels)])


def margins(z, beta):
    return list(z * beta)


# ---------------------------------------------------------------------------------------------
# The hard-margin SVM: KKT conditions and an exact solver
# ---------------------------------------------------------------------------------------------
def kkt_certificate(z, beta, alpha=None):
    """Whether ``beta`` solves min 1/2 ||beta||^2 s.t. z_n . beta >= 1 (the hard-margin SVM through the
    origin), by the KKT conditions: primal feasibility; beta = sum_n alpha_n z_n (stationarity) with
    alpha >= 0 (dual feasibility) and alpha_n = 0 off the active set (complementary slackness).
    The objective is strictly convex and the constraints affine, so KKT <=> optimal and the optimum is
    unique. ``alpha``: the multipliers, or None to solve for them on the active set.
    Returns (holds, detail)."""
    m = margins(z, beta)
    if any(v < 1 for v in m):
        return False, {"margins": str(m), "violated": "primal feasibility: some z_n . beta < 1"}
    active = [n for n, v in enumerate(m) if v == 1]
    if alpha is None:
        alpha = _multipliers(z, beta, active)
        if alpha is None:
            return False, {"margins": str(m), "active": str(active),
                           "violated": "stationarity: beta is not a nonnegative combination of the active z_n"}
    alpha = [sp.nsimplify(a) for a in alpha]
    if any(a < 0 for a in alpha):
        return False, {"alpha": str(alpha), "violated": "dual feasibility: a multiplier is negative"}
    if any(a != 0 and v != 1 for a, v in zip(alpha, m)):
        return False, {"alpha": str(alpha), "margins": str(m), "violated": "complementary slackness"}
    if (z.T * sp.Matrix(alpha) - beta).applyfunc(sp.simplify) != sp.zeros(z.cols, 1):
        return False, {"alpha": str(alpha), "violated": "stationarity: beta != sum_n alpha_n z_n"}
    return True, {"margins": str(m), "alpha": str(alpha)}


def _multipliers(z, beta, active):
    """alpha >= 0 supported on ``active`` with sum_n alpha_n z_n = beta, or None. By Caratheodory's theorem a
    point of the cone spanned by the active z_n lies in the cone of linearly independent ones, so it
    suffices to try independent subsets, where the multipliers are unique."""
    for k in range(1, min(len(active), z.cols) + 1):
        for subset in itertools.combinations(active, k):
            zs = z.extract(list(subset), list(range(z.cols)))
            gram = zs * zs.T
            if gram.det() == 0:
                continue
            a = gram.inv() * zs * beta
            if zs.T * a == beta and all(v >= 0 for v in a):
                alpha = [0] * z.rows
                for n, v in zip(subset, a):
                    alpha[n] = v
                return alpha
    return None


def hard_margin_svm(z):
    """The exact hard-margin SVM solution through the origin (None if the data are not separable
    through the origin): the KKT point found by trying active sets, smallest first. On an active set
    S with a nonsingular Gram matrix, alpha_S = (Z_S Z_S^T)^{-1} 1 and beta = Z_S^T alpha_S."""
    n, d = z.shape
    for k in range(1, min(n, d) + 1):
        for active in itertools.combinations(range(n), k):
            zs = z.extract(list(active), list(range(d)))
            gram = zs * zs.T
            if gram.det() == 0:
                continue
            alpha_s = gram.inv() * sp.ones(k, 1)
            if any(a <= 0 for a in alpha_s):
                continue
            beta = zs.T * alpha_s
            if all(v >= 1 for v in margins(z, beta)):
                return beta
    return None


# ---------------------------------------------------------------------------------------------
# Fully connected networks: the hand-made dataset in R^3
# ---------------------------------------------------------------------------------------------
Z_FC = dataset(FC_POINTS, FC_LABELS)
W_HAT = sp.Matrix([-2, 2, 1])
ALPHA = [sp.Rational(31, 6), 0, sp.Rational(1, 6), 0, sp.Rational(11, 3)]   # support vectors 1, 3, 5
L1_SEPARATOR = sp.Matrix([-2, 3, 0])          # least ||beta||_1 with margin 1 (two nonzeros)
CLASS_MEAN = Z_FC.T * sp.ones(Z_FC.rows, 1) / Z_FC.rows     # (1/N) sum_n y_n x_n: the first step from 0
LEAST_SQUARES = (Z_FC.T * Z_FC).inv() * Z_FC.T * sp.ones(Z_FC.rows, 1)   # least squares fit z_n . beta ~ 1

beta_s = sp.Matrix(sp.symbols("beta_1:4", real=True))
u = sp.Symbol("u", real=True)
s = sp.Symbol("s", positive=True)


def exp_loss(beta):
    """L(beta) = sum_n exp(-y_n <x_n, beta>), the exponential loss of 001:70 summed over the data."""
    return sum(sp.exp(-v) for v in Z_FC * beta)


# A depth-2 fully connected network of width 2 for the chain rule of 001:68: beta = P(w) = W1^T w2.
W1 = sp.Matrix(2, 3, lambda i, j: sp.Symbol(f"W_{i + 1}{j + 1}", real=True))
W2 = sp.Matrix(sp.symbols("v_1:3", real=True))
PARAMS = list(W1) + list(W2)
P_FULL = W1.T * W2


def _chain_rule():
    """grad_w L(P(w)) against J_P(w)^T grad_beta L evaluated at beta = P(w), for the width-2 network
    (computed when checked: differentiating the exponentials costs a quarter of a second)."""
    direct = sp.Matrix([sp.diff(exp_loss(P_FULL), p) for p in PARAMS])
    grad_beta = sp.Matrix([sp.diff(exp_loss(beta_s), b) for b in beta_s]).subs(dict(zip(beta_s, P_FULL)))
    gap = (direct - P_FULL.jacobian(PARAMS).T * grad_beta).applyfunc(sp.expand)
    return gap.is_zero_matrix, {"entries of grad_w L - J_P^T grad_beta L": str(list(gap))[:200]}


def _sparsest_separator_norm():
    """The least ||beta||_2 over the sparsest separators with margin 1 (the reading of the notes'
    beta*_{l0}): no coordinate separates alone (each has z_n of both signs or 0), and of the three
    coordinate planes only {beta_3 = 0} holds separators; there the least norm is the SVM of the data
    restricted to coordinates 1, 2."""
    singles = [j for j in range(3) if all(v > 0 for v in Z_FC[:, j]) or all(v < 0 for v in Z_FC[:, j])]
    planes = {}
    for keep in itertools.combinations(range(3), 2):
        restricted = hard_margin_svm(Z_FC.extract(list(range(Z_FC.rows)), list(keep)))
        if restricted is not None:
            planes[keep] = restricted
    return singles, planes


def _notes_limit_is_unit():
    """001:75 as written: beta*_{l2} / ||beta*_{l0}|| must be a unit vector (it is the limit of
    beta(t)/||beta(t)||). With beta*_{l0} any sparsest separator of margin 1, its norm is at least the
    least norm among them, which exceeds ||beta*_{l2}|| = 3 (beta*_{l2} is the unique least-norm separator
    and it has three nonzeros), so the notes' vector is strictly shorter than 1."""
    singles, planes = _sparsest_separator_norm()
    if singles or len(planes) != 1:
        return None, f"unexpected sparsity pattern: single coordinates {singles}, planes {list(planes)}"
    (keep, restricted), = planes.items()
    least = sp.sqrt(sum(v**2 for v in restricted))
    length = W_HAT.norm() / least
    ok = sp.simplify(length - 1) == 0
    return ok, {"sparsest separators": f"2 nonzeros, only on coordinates {[k + 1 for k in keep]}",
                "least norm among them": str(least), "||beta*_l2||": str(W_HAT.norm()),
                "||beta*_l2|| / ||beta*_l0|| at most": f"{length} = {sp.N(length, 6)} < 1"}


fully_connected_svm = Claim(
    id="implicit-bias-fully-connected-svm",
    title="Fully connected linear networks of any depth: GD's predictor turns to the hard-margin SVM direction "
          "(theorem cited; its SVM checked by KKT on a hand-made dataset, the convergence shown numerically)",
    sources=(
        Source(NOTES, 61, r"\mathcal{L}_{\mathcal{P}}(\mathbf{w}):=\sum^N \ell\left(\left\langle\mathbf{x}_n, \mathcal{P}(\mathbf{w})\right\rangle, y_n\right)"),
        Source(NOTES, 63, r"\overline{\boldsymbol{\beta}}^{\infty}=\lim _{t \rightarrow \infty} \frac{\boldsymbol{\beta}^{(t)}}{\left\|\boldsymbol{\beta}^{(t)}\right\|}"),
        Source(NOTES, 68, r"\mathbf{w}^{(t+1)}=\mathbf{w}^{(t)}-\eta_t \nabla_{\mathbf{w}} \mathcal{L}_{\mathcal{P}}\left(\mathbf{w}^{(t)}\right)"),
        Source(NOTES, 70, r"\ell(\widehat{y}, y)=\exp (-\widehat{y} y)"),
        Source(NOTES, 75, r"\boldsymbol{\beta}_{\ell_2}^*:=\underset{w}{\operatorname{argmin}}\|\boldsymbol{\beta}\|_2^2 \quad \text { s.t. } \forall n, y_n\left\langle\mathbf{x}_n, \boldsymbol{\beta}\right\rangle \geq 1"),
        Source(NOTES, 79, r"classifier is always the hard margin support vector machine classifier"),
        Source(SLIDES, 1347, r"$$\bar{\beta}^\infty \propto \underset{\forall n, y_n \langle \mathbf{x}_n, \beta \rangle \geq 1}{\operatorname{argmin}} \|\beta\|_2 \text{ (independent of } L)$$"),
    ),
    assumptions=(
        "the convergence itself is a theorem we cite and do not prove: Soudry et al. 2018 (depth 1, logistic or "
        "exponential loss, any step below 2/smoothness) and Gunasekar et al. 2018, Theorem 1 (depth L, exponential loss, "
        "assuming as 001:72-73 does that the loss tends to 0 and that beta(t) and the gradients converge in direction)",
        "what is proved here is the checkable part: on the hand-made dataset z_n = y_n x_n, x = (1,1,1), (1,-3,-2), "
        "(1,3,-3), (0,3,0), (2,1,1), y = (+1,-1,+1,+1,-1), the hard-margin SVM solution is w_hat = (-2, 2, 1), by the "
        "KKT conditions (a strictly convex problem with affine constraints: KKT <=> the unique optimum)",
        "beta_l0* in 001:75 read as a sparsest separator with margin 1 (the l0 analogue of the definition beside it)",
        "the experiment uses the logistic loss: it has the exponential tail of 001:70 (step 6), which is what the "
        "theorems use; step size 1 on the mean loss, networks of hidden width 4",
    ),
    statement=Computed(
        "w_hat = (-2, 2, 1) is the hard-margin SVM solution argmin ||beta||^2 s.t. y_n <x_n, beta> >= 1 on the dataset: "
        "the KKT conditions hold with alpha = (31/6, 0, 1/6, 0, 11/3)",
        lambda: kkt_certificate(Z_FC, W_HAT, ALPHA),
        why="KKT conditions of a strictly convex problem with affine constraints: necessary and sufficient, unique optimum",
        latex_form=r"\hat w = (-2, 2, 1)^\top = \arg\min_{y_n \langle x_n, \beta\rangle \ge 1} \|\beta\|_2^2"),
    steps=(
        Equal(Z_FC.T * sp.Matrix(ALPHA), W_HAT,
              why="stationarity: grad 1/2 ||beta||^2 = beta equals sum_n alpha_n z_n with the multipliers on z_1, z_3, z_5"),
        Computed("primal feasibility: the margins z_n . w_hat are (1, 10, 1, 6, 1), all >= 1; z_1, z_3, z_5 are active",
                 lambda: (margins(Z_FC, W_HAT) == [1, 10, 1, 6, 1], str(margins(Z_FC, W_HAT))),
                 why="the product of the data matrix with w_hat"),
        Computed("dual feasibility and complementary slackness: alpha >= 0, and alpha_n = 0 where the margin exceeds 1",
                 lambda: (all(a >= 0 for a in ALPHA) and all(a == 0 or m == 1 for a, m in zip(ALPHA, margins(Z_FC, W_HAT))),
                          str(ALPHA)),
                 why="31/6, 1/6, 11/3 are positive and sit on the active constraints; the inactive z_2, z_4 get 0"),
        Equal(sp.hessian((beta_s.T * beta_s)[0] / 2, list(beta_s)), sp.eye(3),
              why="the objective's Hessian is I: strictly convex, so the KKT point is the one and only solution"),
        Computed("an independent route: the exact solver, which tries active sets smallest first, also returns w_hat",
                 lambda: (hard_margin_svm(Z_FC) == W_HAT, str(list(hard_margin_svm(Z_FC)))),
                 why="the only active set of at most 3 points whose multipliers are positive and whose point separates "
                     "the data is {z_1, z_3, z_5}"),
        Equal(sp.Limit(sp.log(1 + sp.exp(-u)) / sp.exp(-u), u, sp.oo), 1,
              why="the logistic loss log(1 + e^{-u}) has the exponential tail e^{-u} of 001:70 as u -> oo: the "
                  "theorems depend on the loss only through that tail"),
    ),
    forms=(
        Equal(sp.Limit(exp_loss(s * W_HAT), s, sp.oo), 0,
              source=Source(NOTES, 63, r"can't be achieved for any finite `$\beta$`"),
              why="L(beta) > 0 for every finite beta, yet L(s w_hat) -> 0 as s -> oo along a separator: the infimum 0 "
                  "is approached only as ||beta|| -> oo, hence the study of beta/||beta||"),
        Computed("001:68: grad_w L_P(w) = grad_w P(w) grad_beta L(P(w)), for beta = P(w) = W1^T w2 (width 2) and the "
                 "exponential loss on the dataset", _chain_rule,
                 source=Source(NOTES, 68, r"\nabla_{\mathbf{w}} \mathcal{P}\left(\mathbf{w}^{(t)}\right) \nabla_{\boldsymbol{\beta}} \mathcal{L}(\mathcal{P}(\mathbf{w}(t)))"),
                 why="001:68's gradient by the chain rule, grad_w P(w) = J_P(w)^T, for a depth-2 network of width 2 "
                     "(beta = W1^T w2) and the exponential loss on the dataset"),
        Computed("001:75 as written: beta*_l2 / ||beta*_l0|| is a unit vector, as the limit of beta/||beta|| must be",
                 _notes_limit_is_unit,
                 source=Source(NOTES, 75, r"=\frac{\boldsymbol{\beta}_{\ell_2}^*}{\left\|\boldsymbol{\beta}_{\ell_0}^*\right\|}"),
                 why="a sparsest separator is longer than the least-norm one, so dividing by its norm gives a vector "
                     "shorter than 1",
                 correction=Computed("beta*_l2 / ||beta*_l2|| = (-2, 2, 1)/3: the SVM direction, a unit vector",
                                     lambda: ((W_HAT / W_HAT.norm()).norm() == 1, str(list(W_HAT / W_HAT.norm()))))),
    ),
    numeric=Numeric(fully_connected_direction, {"limit": W_HAT},
                    "GD on the logistic loss, depths 1-3: the angle to the limit falls at every decade of steps, "
                    "decays like ||beta||^-p with p >= 1/2 (theory: 1, i.e. 1 - cos ~ 1/ln^2 t; a wrong limit: 0), and "
                    "at depth 1 the decade increments of beta are the limit times ln 10 within 5%"),
    mutants=(
        Mutant("l1-separator",
               Computed("(-2, 3, 0), the separator of least l1 norm, is the hard-margin SVM solution",
                        lambda: kkt_certificate(Z_FC, L1_SEPARATOR)),
               {"limit": L1_SEPARATOR},
               "the sparse separator: the bias of diagonal (or convolutional) networks taken for fully connected ones"),
        Mutant("class-mean",
               Computed("the class mean (1/N) sum_n y_n x_n (the first gradient step from 0), scaled, is the SVM solution",
                        lambda: kkt_certificate(Z_FC, CLASS_MEAN / min(margins(Z_FC, CLASS_MEAN)))),
               {"limit": CLASS_MEAN},
               "gradient descent keeps the direction of its first step"),
        Mutant("least-squares",
               Computed("the least-squares fit of z_n . beta = 1 is the hard-margin SVM solution",
                        lambda: kkt_certificate(Z_FC, LEAST_SQUARES / min(margins(Z_FC, LEAST_SQUARES)))),
               {"limit": LEAST_SQUARES},
               "the squared-loss answer (the minimum-norm least-squares solution) carried over to the logistic loss"),
    ),
    references=(SOUDRY, GUNASEKAR),
)

# ---------------------------------------------------------------------------------------------
# Linear convolutional networks: the Fourier convention and a tiny dataset in R^4
# ---------------------------------------------------------------------------------------------
D = 4
Z_CONV = dataset(CONV_POINTS, CONV_LABELS)
BETA_F1 = sp.Matrix([1, 1, -1, -1]) / 2                      # least ||beta_hat||_1 with margin 1
DUAL = [1 / sp.sqrt(2), 1 / sp.sqrt(2)]
SVM_CONV = sp.Matrix([2, 7, -4, -1]) / 10                     # the hard-margin SVM on the same data
TIME_L1 = sp.Matrix([0, 1, 0, 0])                             # least ||beta||_1 (time domain) with margin 1
L = sp.Symbol("L", positive=True, integer=True)


def dft_matrix(d: int, unitary: bool = True):
    """F[k, p] = exp(-2 pi i p k / d) (/ sqrt(d) if unitary), as 001:86 writes the transform."""
    scale = 1 / sp.sqrt(d) if unitary else 1
    return sp.Matrix(d, d, lambda k, p: scale * sp.exp(-2 * sp.pi * sp.I * p * k / d))


F4 = dft_matrix(D)


def fourier_l1(beta):
    """||beta_hat||_1 = sum_d |beta_hat[d]| with the unitary transform."""
    return sum(sp.Abs(sp.expand(c)) for c in F4 * beta)


def _gram_via_cyclotomic(d: int, unitary: bool = True):
    """F^H F for the transform of 001:86 at size d, exactly: with w = exp(-2 pi i/d) its (k, l) entry is
    (1/d) sum_p w^{p (l - k)}, a polynomial in w reduced modulo the cyclotomic polynomial Phi_d(w)
    (the minimal polynomial of w), so 0 and 1 come out exactly."""
    w = sp.Symbol("w")
    phi = sp.cyclotomic_poly(d, w)
    scale = sp.Rational(1, d) if unitary else 1
    return sp.Matrix(d, d, lambda k, l: scale * sp.rem(sum(w ** ((p * (l - k)) % d) for p in range(d)), phi, w))


def _unitary_for_sizes(sizes=range(2, 9)):
    for d in sizes:
        if _gram_via_cyclotomic(d) != sp.eye(d):
            return False, {"D": d, "F^H F": str(_gram_via_cyclotomic(d))}
    return True, f"F^H F = I for D = {sizes.start}..{sizes.stop - 1}"


x4 = sp.Matrix(sp.symbols("x_0:4", real=True))
b4 = sp.Matrix(sp.symbols("beta_0:4", real=True))
u4 = sp.Matrix(sp.symbols("u_0:4", real=True))
v4 = sp.Matrix(sp.symbols("v_0:4", real=True))


def conv_network_output(first, second, x):
    """The two-layer linear convolutional network of 001:84-93 (Gunasekar et al.): a full-width circular
    layer h[p] = (1/sqrt(D)) sum_k first[k] x[(p + k) mod D], then a linear read-out sum_p second[p] h[p]."""
    h = [sum(first[k] * x[(p + k) % D] for k in range(D)) / sp.sqrt(D) for p in range(D)]
    return sp.expand(sum(second[p] * h[p] for p in range(D)))


BETA_CONV = sp.Matrix([sp.diff(conv_network_output(u4, v4, x4), xi) for xi in x4])   # P_conv(u, v)


def fourier_l1_certificate(z, beta, alpha):
    """Whether ``beta`` minimises ||beta_hat||_1 s.t. z_n . beta >= 1, certified by LP/SOCP duality: beta
    is feasible, alpha >= 0 and g = sum_n alpha_n z_n has |g_hat[d]| <= 1 for every d, and
    ||beta_hat||_1 = sum_n alpha_n. Then for every separator beta':
    sum alpha_n <= sum alpha_n z_n . beta' = <g, beta'> = Re <g_hat, beta'_hat> <= ||g_hat||_inf ||beta'_hat||_1.
    Returns (holds, detail)."""
    m = margins(z, beta)
    g_hat = [sp.nsimplify(sp.expand(c)) for c in F4 * (z.T * sp.Matrix(alpha))]
    moduli = [sp.sqrt(sp.expand(c * sp.conjugate(c))) for c in g_hat]
    value, bound = sp.nsimplify(fourier_l1(beta)), sp.nsimplify(sum(alpha))
    detail = {"margins": str(m), "|g_hat|": str(moduli), "||beta_hat||_1": str(value), "sum alpha": str(bound)}
    ok = (all(v >= 1 for v in m) and all(a >= 0 for a in alpha) and all(sp.simplify(r - 1) <= 0 for r in moduli)
          and sp.simplify(value - bound) == 0)
    return ok, detail


def _beats(candidate):
    """Whether ``candidate`` could minimise ||beta_hat||_1: not if BETA_F1 is feasible with a smaller value."""
    mine, theirs = fourier_l1(BETA_F1), sp.nsimplify(fourier_l1(candidate))
    return bool(sp.simplify(theirs - mine) <= 0), {
        "candidate's ||beta_hat||_1": f"{theirs} = {sp.N(theirs, 6)}",
        "(1, 1, -1, -1)/2 is a separator with ||beta_hat||_1": f"{mine} = {sp.N(mine, 6)}"}


def _unique_on_the_active_frequency():
    """Complementary slackness pins the optimum down: |g_hat[d]| < 1 at d = 0, 2 forces beta_hat[0] = beta_hat[2] = 0,
    so beta = a (1, 0, -1, 0) + b (0, 1, 0, -1); alpha > 0 makes both margins active; that 2 x 2 system has one
    solution, (a, b) = (1/2, 1/2)."""
    a, b = sp.symbols("a b")
    beta = a * sp.Matrix([1, 0, -1, 0]) + b * sp.Matrix([0, 1, 0, -1])
    sol = sp.solve([m - 1 for m in margins(Z_CONV, beta)], [a, b], dict=True)
    return len(sol) == 1 and beta.subs(sol[0]) == BETA_F1, str(sol)


linear_convolutional = Claim(
    id="implicit-bias-linear-convolutional",
    title="Two-layer linear convolutional networks: GD's predictor turns to the separator of least ||beta_hat||_1 "
          "(theorem cited; the Fourier convention, the network's Fourier form and the l1 optimum of a tiny instance "
          "checked exactly, the sparsity shown numerically)",
    sources=(
        Source(NOTES, 86, r"\widehat{\boldsymbol{\beta}}[d]=\frac{1}{\sqrt{D}} \sum_{p=0}^{D-1} \boldsymbol{\beta}[p] \exp \left(-\frac{2 \pi \mathrm{i} p d}{D}\right)"),
        Source(NOTES, 91, r"over 2–2-layer linear convolutional networks"),
        Source(NOTES, 93, r"\boldsymbol{\beta}_{\mathcal{F}, 1}^*:=\underset{\boldsymbol{\beta}}{\operatorname{argmin}}\|\widehat{\boldsymbol{\beta}}\|_1 \text { s.t. } \forall n, y_n\left\langle\boldsymbol{\beta}, \mathbf{x}_n\right\rangle \geq 1"),
        Source(NOTES, 96, r"sparse in the frequency domain"),
        Source(SLIDES, 1341, r"\|\hat{\beta}\|_{2/L}"),
    ),
    assumptions=(
        "the convergence is Theorem 2 of Gunasekar et al. 2018, cited, not proved: almost all separable datasets and "
        "initialisations, exponential loss, and the assumptions 001:91 lists (loss -> 0, convergence in direction of "
        "the iterates and of the gradients, coordinate-wise convergence of the Fourier phases); for depth L the limit "
        "is a first-order stationary point of min ||beta_hat||_{2/L} (002:1341), a convex problem at L = 2 (001:93, ell_1)",
        "what is proved here: the convention of 001:86 is the unitary DFT (F^H F = I, so <x, beta> = <x_hat, beta_hat>: "
        "the margin constraints read the same in either domain); the network's predictor has beta_hat = u_hat v_hat "
        "(a diagonal network in the Fourier domain, the source of the l1 bias); on the tiny dataset z_n = y_n x_n, "
        "x = (2, 1, 0, 1), (1, -1, 1, 1), y = (+1, -1), the separator of least ||beta_hat||_1 is (1, 1, -1, -1)/2, "
        "certified by a dual solution",
        "the network: h[p] = (1/sqrt(D)) sum_k u[k] x[(p + k) mod D], output sum_p v[p] h[p] (Gunasekar et al.'s model "
        "for L = 2); the experiment trains it with the logistic loss (same exponential tail), step 1, 10^4 steps",
    ),
    statement=Computed(
        "on the tiny dataset, beta* = (1, 1, -1, -1)/2 minimises ||beta_hat||_1 over separators with margin 1 "
        "(value sqrt(2), reached on the frequency pair d = 1, 3 only), certified by the dual point alpha = (1, 1)/sqrt(2)",
        lambda: fourier_l1_certificate(Z_CONV, BETA_F1, DUAL),
        why="weak duality: sum alpha_n <= <sum alpha_n z_n, beta> = Re <g_hat, beta_hat> <= max_d |g_hat[d]| ||beta_hat||_1",
        latex_form=r"\tfrac12(1, 1, -1, -1)^\top = \arg\min_{y_n\langle x_n,\beta\rangle \ge 1} \|\hat\beta\|_1"),
    steps=(
        Computed("the transform of 001:86 is unitary: F^H F = I for every size D = 2..8 (so also Parseval, "
                 "||beta_hat||_2 = ||beta||_2)", _unitary_for_sizes,
                 source=Source(NOTES, 86, r"\widehat{\boldsymbol{\beta}}[d]=\frac{1}{\sqrt{D}} \sum_{p=0}^{D-1}"),
                 why="(1/D) sum_p w^{p(l - k)} is 1 at l = k and 0 otherwise: a sum of all D-th roots of unity vanishes"),
        Equal((x4.T * b4)[0], sp.expand(((F4 * x4).H * (F4 * b4))[0]),
              why="with F^H F = I, <x, beta> = x_hat^H beta_hat: the margins y_n <x_n, beta> are the same in the Fourier domain"),
        Equal(sp.expand(F4 * BETA_CONV), sp.Matrix([sp.expand(a * b) for a, b in zip(F4 * u4, F4 * v4)]),
              why="the network's predictor beta[j] = (1/sqrt(D)) sum_p v[p] u[(j - p) mod D] is a circular convolution: "
                  "with the unitary F its transform is the product u_hat[d] v_hat[d], one product per frequency"),
        Equal(sp.Subs(2 / L, L, 2), 1,
              why="the slides' ||beta_hat||_{2/L} (002:1341) at depth L = 2 is the notes' ||beta_hat||_1 (001:93)"),
        Computed("complementary slackness leaves one optimum: beta_hat vanishes where |g_hat| < 1 (d = 0, 2), both margins "
                 "are active (alpha > 0), and that leaves the single solution (1, 1, -1, -1)/2",
                 _unique_on_the_active_frequency,
                 why="a 2 x 2 linear system in the two real coordinates of the frequency pair d = 1, 3"),
        Computed("the hard-margin SVM on the same data, (2, 7, -4, -1)/10, is dense in frequency and has ||beta_hat||_1 = 8/5 > "
                 "sqrt(2): the two biases differ here",
                 lambda: (kkt_certificate(Z_CONV, SVM_CONV)[0] and sp.nsimplify(fourier_l1(SVM_CONV)) == sp.Rational(8, 5)
                          and all(sp.expand(c) != 0 for c in F4 * SVM_CONV), str([sp.expand(c) for c in F4 * SVM_CONV])),
                 why="its KKT conditions (multipliers 3/10, 2/5) and its four nonzero Fourier coefficients"),
    ),
    forms=(
        Computed("001:86 with its 1/sqrt(D): F^H F = I at D = 4 (the size of the instance)",
                 lambda: (sp.simplify(F4.H * F4) == sp.eye(D), str(sp.simplify(F4.H * F4))),
                 source=Source(NOTES, 86, r"\frac{1}{\sqrt{D}} \sum_{p=0}^{D-1} \boldsymbol{\beta}[p] \exp \left(-\frac{2 \pi \mathrm{i} p d}{D}\right)"),
                 why="the convention as written, the explicit 4 x 4 matrix"),
        Equal(sp.Subs(2 / L, L, 2), 1, source=Source(SLIDES, 1341, r"\|\hat{\beta}\|_{2/L}"),
              why="depth 2 in the slides' exponent gives the l1 norm of 001:93"),
    ),
    numeric=Numeric(convolutional_fourier_sparsity, {"limit": BETA_F1},
                    "GD on the logistic loss: every convolutional network's angle to the limit and its ||beta_hat||_1 at unit "
                    "margin fall over 10^2, 10^3, 10^4 steps, never below the limit's value; at 10^4 steps their median "
                    "||beta_hat||_1 is below the fully connected networks' median"),
    mutants=(
        Mutant("svm-limit",
               Computed("the hard-margin SVM solution (2, 7, -4, -1)/10 minimises ||beta_hat||_1", lambda: _beats(SVM_CONV)),
               {"limit": SVM_CONV},
               "convolutional networks share the fully connected bias (architecture does not matter)"),
        Mutant("time-domain-l1",
               Computed("the separator of least ||beta||_1 in the time domain, (0, 1, 0, 0), minimises ||beta_hat||_1",
                        lambda: _beats(TIME_L1)),
               {"limit": TIME_L1},
               "sparsity in the time domain instead of the frequency domain"),
    ),
    references=(GUNASEKAR,),
)
