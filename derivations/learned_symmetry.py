"""Learned weights inherit the symmetry of the data augmentation (slides 002:1505-1535; 001:320-322
shows the learned weights of Anselmi et al. 2023).

Two claims, on the augmented loss of the slides' eq. (5) for a one-hidden-layer network,
L_a(W) = (1/Q) sum_{i=1}^R sum_{j=1}^{|G|} l(v^T sigma<W, g_j x_i>, y_i), Q = R |G|:

- ``augmented-gradient-equivariance`` (Theorem 1): for a finite group of orthogonal matrices,
  grad L_a(g W) = g grad L_a(W) for every g in G. The slides' proof is encoded line by line.
- ``symmetric-weights-stay-symmetric`` (Corollary 1): with full orbits and a symmetric
  initialisation (g W_0 = W_0 for all g), every gradient-descent iterate is symmetric. The slides'
  chain of 002:1528 never uses the symmetric initialisation; as written it would make every
  gradient symmetric, which is false (an erratum); the corrected proof evaluates Theorem 1 at a
  symmetric W.

The symbolic instance: inputs in R^3, the cyclic shifts C3 = {I, P, P^2} ((P x)_i = x_{i+1}),
R = 2 base points with rational entries (the dataset is their full orbits, 6 points), one hidden
unit (v a scalar, where the slides' v^T sigma' ... is exact; 002:1513 is checked with two units),
sigma(z) = z + z^2/2, l(p, y) = (p - y)^2 / 2. A group element acts on weights as on inputs,
<g w, x> = <w, g^T x>. Computations repeat the theorem with two hidden units, the dihedral group
and symbolic data.
"""
from __future__ import annotations

import functools

import numpy as np
import sympy as sp
from sympy.core.symbol import Str

from checks import Claim, Computed, Equal, Mutant, Numeric, Reference, Source
from derivations.data_augmentation import activation, cyclic, dihedral, dot, flip_matrix, shift_matrix
from numerics.learned_symmetry import gradient_equivariance, symmetric_descent

N001, N002 = "001_50e63b01264c0263.txt", "002_89896ee51b349776.txt"
ANSELMI = Reference("Anselmi et al. 2023, Data Symmetries and Learning in Fully Connected Neural Networks",
                    "reference [15] of 001; its figure of learned weights is reproduced at 001:322",
                    "https://arts.units.it/retrieve/856df9ab-4e98-4bab-b71e-591336d25db0/")

D = 3
P = shift_matrix(D)
C3 = cyclic(D)
W = sp.Matrix(sp.symbols("w_1:4", real=True))
v = sp.Symbol("v", real=True)
gamma = sp.Symbol("gamma", positive=True)
c = sp.Symbol("c", real=True)
DATA = [sp.Matrix([1, -2, sp.Rational(1, 2)]), sp.Matrix([sp.Rational(3, 2), 1, -1])]
LABELS = [sp.Rational(1, 2), -1]


def activation_slope(z):
    """sigma'(z) = 1 + z."""
    return 1 + z


def loss(p, y):
    """l(p, y) = (p - y)^2 / 2."""
    return (p - y) ** 2 / 2


def loss_slope(p, y):
    """l'(p, y) = p - y."""
    return p - y


def _poly_loss(group, data, labels, gens, rows, outs):
    """(1/Q) sum_i sum_j l(sum_k v_k sigma(<w_k, g_j x_i>), y_i) as a sparse polynomial over QQ in
    ``gens`` (rows: the weight vectors w_k, outs: the output weights v_k); polynomial arithmetic
    keeps this far cheaper than expanding expressions."""
    ring_, *_ = sp.polys.rings.ring(gens, sp.QQ)
    lift = ring_.from_expr
    rows = [[lift(e) for e in row] for row in rows]
    outs = [lift(o) for o in outs]
    total = ring_.zero
    for x, y in zip(data, labels):
        for g in group:
            gx = [lift(e) for e in g * x]
            f = ring_.zero
            for row, out in zip(rows, outs):
                z = sum((r * e for r, e in zip(row, gx)), ring_.zero)
                f += out * (z + z**2 / 2)
            total += (f - lift(y)) ** 2 / 2
    return total / (len(data) * len(group)), ring_


S_CONJ = sp.Matrix([[1, 1, 0], [0, 1, 0], [0, 0, 1]])
A_CONJ = S_CONJ * P * S_CONJ.inv()                      # A^3 = I, but A is not orthogonal
CONJ_GROUP = [A_CONJ**j for j in range(3)]

# (group, base points) of each augmented loss used below
SETTINGS = {
    "X": (C3, DATA),                                     # full C3 orbits of the two base points
    "gX": (C3, [P * x for x in DATA]),                   # the data set g X (the same 6 points)
    "{I,P}": (C3[:2], DATA),                             # a partial orbit
    "A": (CONJ_GROUP, DATA),                             # a non-orthogonal group
    "flip": ([sp.eye(D), flip_matrix(D)], DATA),
}


@functools.lru_cache(maxsize=16)
def gradient_polynomials(setting: str) -> tuple[sp.Expr, ...]:
    """grad_w L_a for one hidden unit, as expanded polynomials in w and v."""
    group, data = SETTINGS[setting]
    poly, ring_ = _poly_loss(group, data, LABELS, (*W, v), [W], [v])
    return tuple(poly.diff(ring_.from_expr(wi)).as_expr() for wi in W)


class GradLa(sp.Function):
    """Entry m of (grad L_a)(point) for the one-unit network of this module, with the group and
    data of SETTINGS[setting]. Arguments: the point (a Tuple), m, the setting (a Str)."""

    nargs = 3

    def doit(self, **hints):
        point, m, setting = self.args
        return gradient_polynomials(str(setting))[int(m)].xreplace(dict(zip(W, point)))

    def _sympystr(self, printer):
        point, m, setting = self.args
        return f"dL_a[{setting}]/dw_{int(m) + 1}({', '.join(map(printer._print, point))})"

    def _latex(self, printer, exp=None):
        point, m, setting = self.args
        body = (rf"\partial_{{w_{{{int(m) + 1}}}}} \mathcal{{L}}_a\left({', '.join(map(printer._print, point))}; "
                rf"\text{{{setting}}}\right)")
        return body if exp is None else rf"\left({body}\right)^{{{exp}}}"


def gradient_at(point: sp.Matrix, setting: str = "X") -> sp.Matrix:
    """(grad L_a)(point): the gradient in w, evaluated at ``point`` (left unevaluated)."""
    return sp.Matrix([GradLa(sp.Tuple(*point), m, Str(setting)) for m in range(D)])


INNER = {"g_j": lambda g: g, "g^T g_j": lambda g: P.T * g, "ghat_j": lambda g: P.T * g}
OUTER = {"g_j": lambda g: g, "g ghat_j": lambda g: P * (P.T * g)}


class SlidesSum(sp.Function):
    """Entry m of the slides' gradient formula (002:1513, 1517):
    (1/Q) sum_i sum_j l'(v sigma<point, h_j x_i>, y_i) v sigma'<point, h_j x_i> o_j x_i, with h_j and o_j
    named by ``inner`` and ``outer`` (g_j, g^T g_j, ghat_j = g^T g_j, g ghat_j). Arguments: point, inner,
    outer, m."""

    nargs = 4

    def doit(self, **hints):
        point, inner, outer, m = self.args
        return _slides_sum(tuple(point), str(inner), str(outer))[int(m)]

    def _sympystr(self, printer):
        point, inner, outer, m = self.args
        pt = ", ".join(map(printer._print, point))
        return (f"(1/Q) sum_ij l'(v sigma<({pt}), {inner} x_i>, y_i) v sigma'<({pt}), {inner} x_i> "
                f"({outer} x_i)_{int(m) + 1}")


@functools.lru_cache(maxsize=32)
def _slides_sum(point, inner, outer):
    ring_, *_ = sp.polys.rings.ring((*W, v, c), sp.QQ)
    pt = [ring_.from_expr(p) for p in point]
    vv = ring_.from_expr(v)
    total = [ring_.zero] * D
    for x, y in zip(DATA, LABELS):
        for g in C3:
            z = sum((p * e for p, e in zip(pt, INNER[inner](g) * x)), ring_.zero)
            factor = (vv * (z + z**2 / 2) - y) * vv * (1 + z)
            total = [t + factor * e for t, e in zip(total, OUTER[outer](g) * x)]
    q = len(DATA) * len(C3)
    return tuple((t / q).as_expr() for t in total)


def slides_gradient(point: sp.Matrix, inner: str = "g_j", outer: str = "g_j") -> sp.Matrix:
    return sp.Matrix([SlidesSum(sp.Tuple(*point), Str(inner), Str(outer), m) for m in range(D)])


GRAD_AT_GW = gradient_at(P * W)                        # grad L_a(g W), g = P
GRAD_W = gradient_at(W)


def closure_check():
    """For each g of C3, C4 and the dihedral group of R^3: {g^T g_j} = G (g_hat_j = g^T g_j runs over
    the whole group, each element once)."""
    for name, group in {"C3": C3, "C4": cyclic(4), "D3": dihedral(3)}.items():
        keys = sorted(tuple(h) for h in group)
        for g in group:
            if sorted(tuple(g.T * h) for h in group) != keys:
                return False, {"group": name, "g": sp.sstr(g.tolist())}
    return True, "g_j -> g^T g_j is a bijection of C3, C4 and D3"


def hidden_layer_gradient(wmat: sp.Matrix, vvec: sp.Matrix, group, data, labels, extra=()) -> sp.Matrix:
    """grad_W of (1/Q) sum l(v^T sigma(W g_j x_i), y_i) for a K x d matrix of symbols ``wmat``."""
    gens = tuple(dict.fromkeys(s for s in (*wmat, *vvec, *extra) if isinstance(s, sp.Symbol)))
    poly, ring_ = _poly_loss(group, data, labels, gens, [wmat[k, :].T for k in range(wmat.rows)], list(vvec))
    return sp.Matrix(wmat.rows, wmat.cols, lambda i, j: poly.diff(ring_.from_expr(wmat[i, j])).as_expr())


def theorem_for_two_units_and_flips():
    """grad L_a(g W) = g grad L_a(W) (g acting on each row: W g^T) with K = 2 hidden units, symbolic
    W (2 x 3), v = (1, -2), rational data, the dihedral group of R^3: checked for its generators, the shift
    P and the flip F (equivariance under g and h gives it under g h: grad L(g h W) = g grad L(h W))."""
    wmat = sp.Matrix(2, D, sp.symbols("W_11:14 W_21:24", real=True))
    vvec = sp.Matrix([1, -2])   # fixed output weights: the gradient is taken in W only
    grad = hidden_layer_gradient(wmat, vvec, dihedral(D), DATA, LABELS)
    for name, g in (("P", P), ("F", flip_matrix(D))):
        moved = grad.xreplace(dict(zip(wmat, wmat * g.T)))
        if (moved - grad * g.T).applyfunc(sp.expand) != sp.zeros(2, D):
            return False, {"generator": name}
    return True, "K = 2, the generators P and F of D3 (so every element)"


def theorem_with_symbolic_data():
    """grad L_a(P w) = P grad L_a(w) for one unit, C3, and R = 1 base point with symbolic entries and label."""
    x = sp.Matrix(sp.symbols("x_1:4", real=True))
    y = sp.Symbol("y", real=True)
    grad = hidden_layer_gradient(W.T, sp.Matrix([v]), C3, [x], [y], extra=(*x, y)).T
    moved = grad.xreplace(dict(zip(W, P * W)))
    gap = (moved - P * grad).applyfunc(sp.expand)
    return gap == sp.zeros(D, 1), ("holds for symbolic x, y" if gap == sp.zeros(D, 1) else {"gap": sp.sstr(gap.T)})


# 002:1513 with two hidden units (W 2 x 3, v = (1, -2)) and one base point, at a rational W
W2 = sp.Matrix(2, D, sp.symbols("W_11:14 W_21:24", real=True))
V2 = sp.Matrix([1, -2])
W2_AT = {W2[0, 0]: sp.Rational(1, 2), W2[0, 1]: -1, W2[0, 2]: sp.Rational(1, 4),
         W2[1, 0]: 1, W2[1, 1]: sp.Rational(1, 3), W2[1, 2]: sp.Rational(-1, 2)}


def two_unit_rows():
    """Row 1 of grad_W L_a (K = 2, R = 1, C3) at W2_AT; the slides' vector
    (1/Q) sum_j l'(v^T sigma(W g_j x), y) v^T sigma'(W g_j x) g_j x; and row 1 by the chain rule."""
    grad = hidden_layer_gradient(W2, V2, C3, DATA[:1], LABELS[:1]).xreplace(W2_AT)
    wnum = W2.xreplace(W2_AT)
    q = len(C3)
    slides, row = sp.zeros(D, 1), sp.zeros(D, 1)
    for g in C3:
        z = wnum * g * DATA[0]
        ell = loss_slope(dot(V2, z.applyfunc(activation)), LABELS[0])
        slides += ell * dot(V2, z.applyfunc(activation_slope)) * (g * DATA[0]) / q
        row += ell * V2[0] * activation_slope(z[0]) * (g * DATA[0]) / q
    return grad[0, :].T, slides, row


FIRST_ROW, SLIDES_VECTOR, ROW_BY_CHAIN_RULE = two_unit_rows()


def act_on_rows(g: np.ndarray, grad: np.ndarray) -> np.ndarray:
    """g grad: g acting on each row (grad g^T), over leading axes."""
    return grad @ np.swapaxes(g, -1, -2)


def unchanged(g: np.ndarray, grad: np.ndarray) -> np.ndarray:
    """grad: the gradient taken as invariant."""
    return grad


def every_element(n: int) -> tuple[int, ...]:
    """Full orbits: every group element augments the data."""
    return tuple(range(n))


def first_two_elements(n: int) -> tuple[int, ...]:
    """A partial orbit: the identity and one shift."""
    return (0, 1)


augmented_gradient_equivariance = Claim(
    id="augmented-gradient-equivariance",
    title="Theorem 1: with full-orbit augmentation, the gradient is G-equivariant: grad L_a(gW) = g grad L_a(W)",
    sources=(
        Source(N002, 1509, r"$$\nabla_W \mathcal{L}_a(gW; X, y) = g \nabla_W \mathcal{L}_a(W; X, y), \quad \forall g \in \mathcal{G}.$$"),
        Source(N002, 1513, r"&= \frac{1}{Q} \sum_{i=1}^R \sum_{j=1}^{|\mathcal{G}|} \ell'(v^T \sigma \langle W, g_j x_i \rangle, y_i) v^T \sigma' \langle W, g_j x_i \rangle g_j x_i"),
        Source(N002, 1517, r"\nabla_W \mathcal{L}_a(gW; X, y) = \\ &= \frac{1}{Q}"),
        Source(N002, 1519, r"where in the fourth line we redefined  $g^T g_j = \hat{g}_j$  to get  $g_j = g \hat{g}_j$"),
    ),
    assumptions=(
        "G finite, of orthogonal matrices (here C3, the cyclic shifts of R^3): g^T = g^{-1} is in G",
        "the augmented data are the full orbits {g_j x_i}: the inner sum runs over all of G",
        "one hidden unit in the chain (v scalar, W = w in R^3), sigma(z) = z + z^2/2, l(p, y) = (p - y)^2/2; "
        "computations repeat it with two hidden units and the dihedral group, and with symbolic data",
        "R = 2 base points x_1 = (1, -2, 1/2), x_2 = (3/2, 1, -1), labels 1/2 and -1",
    ),
    statement=Equal(GRAD_AT_GW, P * GRAD_W,
                    source=Source(N002, 1509, r"\nabla_W \mathcal{L}_a(gW; X, y) = g \nabla_W \mathcal{L}_a(W; X, y)"),
                    why="the gradient at g W is g times the gradient at W (g = P)"),
    steps=(
        Equal(GRAD_AT_GW, slides_gradient(P * W),
              source=Source(N002, 1517, r"\ell'(v^T \sigma \langle gW, g_j x_i \rangle, y_i) v^T \sigma' \langle gW, g_j x_i \rangle g_j x_i"),
              why="the chain rule: the gradient formula of 002:1513, evaluated at g W"),
        Equal(slides_gradient(P * W), slides_gradient(W, "g^T g_j"),
              source=Source(N002, 1517, r"\ell'(v^T \sigma \langle W, g^T g_j x_i \rangle, y_i) v^T \sigma' \langle W, g^T g_j x_i \rangle g_j x_i"),
              why="<g W, g_j x> = <W, g^T g_j x>: move g onto the data as its transpose"),
        Equal(slides_gradient(W, "g^T g_j"), slides_gradient(W, "ghat_j", "g ghat_j"),
              source=Source(N002, 1517, r"\ell'(v^T \sigma \langle W, \hat{g}_j x_i \rangle, y_i) v^T \sigma' \langle W, \hat{g}_j x_i \rangle g \hat{g}_j x_i"),
              why="write g_hat_j = g^T g_j, so that g_j = g g_hat_j (g orthogonal: g g^T = I)"),
        Computed("for every g of C3, C4 and D3, g_hat_j = g^T g_j runs over the whole group as g_j does", closure_check,
                 source=Source(N002, 1519, r"The key property here is the closure of the group transformations."),
                 why="closure (g^T g_j is in G) and invertibility (distinct g_j give distinct g^T g_j): a reindexing of the sum"),
        Equal(slides_gradient(W, "ghat_j", "g ghat_j"), P * GRAD_W,
              source=Source(N002, 1517, r"&= g \nabla_W \mathcal{L}_a(W; X, y) \end{aligned}$$"),
              why="sum over g_hat instead of g_j (the reindexing above) and take the constant matrix g out of the sum"),
        Computed("the same with two hidden units (W 2 x 3, v = (1, -2)) for every g of the dihedral group of R^3",
                 theorem_for_two_units_and_flips,
                 why="rows of W transform independently (g W = W g^T); flips are orthogonal too"),
        Computed("the same with a symbolic base point x and label y", theorem_with_symbolic_data,
                 why="the argument never used the values of the data"),
    ),
    forms=(
        Equal(FIRST_ROW, SLIDES_VECTOR,
              source=Source(N002, 1513, r"\ell'(v^T \sigma \langle W, g_j x_i \rangle, y_i) v^T \sigma' \langle W, g_j x_i \rangle g_j x_i"),
              why="as written with two hidden units (v in R^2, W 2 x 3, one base point): the row of grad_W for unit 1 "
                  "against the slides' vector, in which v^T sigma'<W, g_j x_i> = sum_k v_k sigma'(<w_k, g_j x_i>) mixes both units",
              correction=Equal(FIRST_ROW, ROW_BY_CHAIN_RULE,
                               why="row k of grad_W is (1/Q) sum l'(v^T sigma(W g_j x_i), y_i) v_k sigma'(<w_k, g_j x_i>) g_j x_i: "
                                   "grad_W is the K x d matrix sum l' (v * sigma'(W g_j x_i)) (g_j x_i)^T (exact for one unit)")),
    ),
    numeric=Numeric(gradient_equivariance, {"predict": act_on_rows, "augmentation": every_element, "group": "dihedral"},
                    "one hidden layer (3 units, R^6), full dihedral-orbit augmentation: |grad L_a(gW) - grad L_a(W) g^T| within "
                    "the running float64 round-off bound of the two gradients for all 12 g and 16 random (W, v, data)"),
    mutants=(
        Mutant("gradient-invariant", Equal(GRAD_AT_GW, GRAD_W), {"predict": unchanged, "augmentation": every_element, "group": "dihedral"},
               "grad L_a(g W) = grad L_a(W): invariant rather than equivariant"),
        Mutant("partial-orbit", Equal(gradient_at(P * W, "{I,P}"), P * gradient_at(W, "{I,P}")),
               {"predict": act_on_rows, "augmentation": first_two_elements, "group": "dihedral"},
               "augmenting with part of the orbit ({I, P}) is enough"),
        Mutant("non-orthogonal-group", Equal(gradient_at(A_CONJ * W, "A"), A_CONJ * gradient_at(W, "A")),
               {"predict": act_on_rows, "augmentation": every_element, "group": "conjugated dihedral"},
               "any finite matrix group will do: A = S P S^{-1} with S = I + e_1 e_2^T (A^3 = I, A^T A != I)"),
    ),
    references=(ANSELMI,),
)


# ---------------------------------------------------------------------------------------------
# Corollary 1
# ---------------------------------------------------------------------------------------------
W_SYM = sp.Matrix([c, c, c])                    # g W = W for every g in C3


def descent_step(point, setting="X"):
    """W - gamma grad L_a(W)."""
    return point - gamma * gradient_at(point, setting)


GRAD_GX = gradient_at(W, "gX")                                # grad L_a(W; g X)
GRAD_AT_PT_W = gradient_at(P.T * W)                           # (grad L_a)(g^T W; X)
W_FLIP_SYM = sp.Matrix([c, sp.Symbol("b", real=True), c])     # fixed by the flip of R^3

# gradient descent with concrete numbers, for the unrolled sum of 002:1533 (T = 2)
GD_POINT = {c: sp.Rational(1, 2), v: 1, gamma: sp.Rational(1, 10)}


def numeric_gradient(point: sp.Matrix, setting: str = "X") -> sp.Matrix:
    """grad L_a at a rational point with v = 1 (exact rationals)."""
    return sp.Matrix([e.xreplace(dict(zip(W, point)) | {v: GD_POINT[v]}) for e in gradient_polynomials(setting)])


def _gd_iterates(steps: int):
    wk = W_SYM.subs(GD_POINT)
    out = [wk]
    for _ in range(steps):
        wk = wk - GD_POINT[gamma] * numeric_gradient(wk)
        out.append(wk)
    return out


GD_ITERATES = _gd_iterates(2)
GRADS_ALONG = [numeric_gradient(wk) for wk in GD_ITERATES]
LR = GD_POINT[gamma]


def symmetric_for_several_steps():
    """Three gradient steps from symmetric weights (C3: W_0 = (1/2, 1/2, 1/2); the flip of R^3:
    W_0 = (1/2, -1, 1/2)), v = 1, gamma = 1/10, in exact arithmetic: every iterate is symmetric."""
    for name, start in (("X", W_SYM.subs(c, sp.Rational(1, 2))),
                        ("flip", W_FLIP_SYM.subs({c: sp.Rational(1, 2), sp.Symbol("b", real=True): -1}))):
        wk = start
        for step in range(1, 4):
            wk = wk - LR * numeric_gradient(wk, name)
            for g in SETTINGS[name][0]:
                if g * wk != wk:
                    return False, {"group": name, "step": step, "W": sp.sstr(wk.T)}
    return True, "W_1, W_2, W_3 symmetric for C3 and for the flip"


def full_and_symmetric(full_orbits: bool, symmetric_init: bool) -> bool:
    """Corollary 1: symmetric after training iff full orbits and a symmetric initialisation."""
    return full_orbits and symmetric_init


def symmetric_init_suffices(full_orbits: bool, symmetric_init: bool) -> bool:
    """A symmetric initialisation is enough, whatever the augmentation."""
    return symmetric_init


def full_orbits_suffice(full_orbits: bool, symmetric_init: bool) -> bool:
    """Full orbits are enough, whatever the initialisation."""
    return full_orbits


symmetric_weights_stay_symmetric = Claim(
    id="symmetric-weights-stay-symmetric",
    title="Corollary 1: full orbits and symmetric initial weights keep every gradient-descent iterate symmetric",
    sources=(
        Source(N002, 1523, r"suppose we initialize the network with symmetric weights i.e.  $gW_0 = W_0$  for all  $g \in \mathcal{G}$ . Then the learned weights are symmetric  $W_T = gW_T$ ."),
        Source(N002, 1528, r"$$\begin{aligned}\nabla_W \mathcal{L}_a(W; X, y) &= \nabla_W \mathcal{L}_a(W; gX, y)"),
        Source(N002, 1533, r"$$W_T = W_0 - \gamma \sum_{k=1}^T \nabla_W \mathcal{L}_a(W_k; X, y).$$"),
    ),
    assumptions=(
        "the setting of Theorem 1: C3 acting on R^3, full orbits of 2 rational base points, one hidden unit with "
        "output weight v, sigma(z) = z + z^2/2, l(p, y) = (p - y)^2/2",
        "symmetric weights W = (c, c, c) (the fixed points of C3), c real; step size gamma > 0",
        "the statement is the induction step: if W_k is symmetric, so is W_{k+1} = W_k - gamma grad L_a(W_k); "
        "with g W_0 = W_0 every W_T is symmetric (a computation runs three exact steps, for C3 and for the flip)",
    ),
    statement=Equal(P * descent_step(W_SYM), descent_step(W_SYM),
                    why="one gradient step maps symmetric weights to symmetric weights"),
    steps=(
        Equal(P * descent_step(W_SYM), W_SYM - gamma * P * gradient_at(W_SYM),
              why="g is linear, and g W = W: the weights are symmetric"),
        Equal(W_SYM - gamma * P * gradient_at(W_SYM), W_SYM - gamma * gradient_at(P * W_SYM),
              source=Source(N002, 1526, r"using the equivariance property in theorem 1"),
              why="Theorem 1: g grad L_a(W) = grad L_a(g W)"),
        Equal(W_SYM - gamma * gradient_at(P * W_SYM), descent_step(W_SYM),
              why="g W = W again: the update is the step from W itself, so the step maps W to a symmetric point"),
        Computed("three exact gradient steps from symmetric weights stay symmetric, for C3 and for the flip of R^3",
                 symmetric_for_several_steps, why="the induction, run"),
    ),
    forms=(
        Equal(gradient_at(W), GRAD_GX,
              source=Source(N002, 1526, r"due to the property  $gX = X$ ,  $\nabla_W \mathcal{L}_a(W; X, y) = \nabla_W \mathcal{L}_a(W; gX, y)$"),
              why="the augmented data set of g x_1, g x_2 is the same set of 6 points"),
        Equal(dot(W, P * DATA[0]), dot(P.T * W, DATA[0]),
              source=Source(N002, 1526, r"$\langle W, gx \rangle = \langle g^T W, x \rangle$"),
              why="the transpose moves across the inner product"),
        Equal(GRAD_GX, GRAD_AT_PT_W,
              source=Source(N002, 1528, r"&= \nabla_W \mathcal{L}_a(g^T W; X, y)"),
              why="as written, read as the gradient evaluated at g^T W, at generic W = (w_1, w_2, w_3)",
              correction=Equal(GRAD_GX, P * GRAD_AT_PT_W,
                               why="L_a(W; gX) = L_a(g^T W; X), so by the chain rule its gradient is g (grad L_a)(g^T W; X): "
                                   "the factor g is missing; with it the chain only says grad L_a = g g^T grad L_a")),
        Equal(GRAD_W, P.T * GRAD_GX,
              source=Source(N002, 1528, r"&= g^T \nabla_W \mathcal{L}_a(W; gX, y).\end{aligned}$$"),
              why="the chain's conclusion, grad L_a(W; X) = g^T grad L_a(W; gX), as the slides state it: for every W "
                  "(the symmetric initialisation is never used), here at generic W",
              correction=Equal(GRAD_W.xreplace(dict(zip(W, W_SYM))), P.T * GRAD_GX.xreplace(dict(zip(W, W_SYM))),
                               why="it holds where g^T W = W: at symmetric weights, by Theorem 1 and g X = X")),
        Equal(GD_ITERATES[2], GD_ITERATES[0] - LR * (GRADS_ALONG[1] + GRADS_ALONG[2]),
              source=Source(N002, 1533, r"$$W_T = W_0 - \gamma \sum_{k=1}^T \nabla_W \mathcal{L}_a(W_k; X, y).$$"),
              why="as written at T = 2 (W_0 = (1/2, 1/2, 1/2), v = 1, gamma = 1/10): the sum runs over k = 1..T",
              correction=Equal(GD_ITERATES[2], GD_ITERATES[0] - LR * (GRADS_ALONG[0] + GRADS_ALONG[1]),
                               why="W_{k+1} = W_k - gamma grad L_a(W_k) unrolls to W_T = W_0 - gamma sum_{k=0}^{T-1} grad L_a(W_k)")),
    ),
    numeric=Numeric(symmetric_descent, {"predicted_symmetric": full_and_symmetric},
                    "30 gradient steps on a one-hidden-layer network for cyclic shifts and the flip of R^6, in 4 configurations "
                    "(full orbits or partial or none; symmetric or generic init): the weights end on the fixed subspace "
                    "(|W - Pi W|_F within the propagated round-off bound) exactly when full orbits meet a symmetric init"),
    mutants=(
        Mutant("partial-orbit-suffices", Equal(P * descent_step(W_SYM, "{I,P}"), descent_step(W_SYM, "{I,P}")),
               {"predicted_symmetric": symmetric_init_suffices},
               "a symmetric initialisation stays symmetric with partial orbits ({I, P}) too"),
        Mutant("any-initialisation", Equal(P * descent_step(W), descent_step(W)), {"predicted_symmetric": full_orbits_suffice},
               "full orbits make the weights symmetric from any initialisation (as the chain of 002:1528 would imply)"),
    ),
    references=(ANSELMI,),
)
