"""Pooling is invariant and convolution is equivariant to cyclic translations (001:177-234; slides
002:1349-1375, "Convolution operation, pooling and invariance" and "Convolution operation and
equivariance").

Three claims:

- ``pooling-translation-invariance``: f(x) = sum_i <g_i w, x> (the output of a convolutional
  layer pooled over the whole input) satisfies f(gx) = f(x), by the notes' steps
  f(gx) = sum_i <g_i w, gx> = sum_i <g^T g_i w, x> = sum_i <g'_i w, x> with g^T g_i = g'_i, a
  reshuffling of the sum (001:189-209, 002:1355-1363).
- ``convolution-translation-equivariance``: the layer f(x)_i = sigma<g_i w, x> satisfies
  f(gx) = P_g f(x) (001:211-233, 002:1365-1371), through the notes' intermediate vectors; the
  third of them is written wrongly (every entry sigma<w, gx>).
- ``convolution-equivariance-continuous``: phi(x)(beta) = sigma(int k(beta - gamma) x(gamma) dgamma)
  satisfies phi(T_alpha x) = T_alpha phi(x) with T_alpha x(gamma) = x(gamma - alpha) (002:1375).

Conventions. Indices run over 0..n-1 modulo n. The cyclic shift S has (S x)_j = x_{j-1} (the
discrete T_1), a translation is g = S^s, and g_i = S^i, so <g_i w, x> = sum_k w_k x_{k+i}: the
kernel slid without flipping, which is what the notes call (x * w)_i (001:191, 002:1355) and
what deep-learning libraries call convolution. g is a permutation matrix, so g^T = g^{-1}. The
symbolic chains are written for n = 4 and s = 1 with sigma = tanh (a concrete activation, so that
a false step has a checkable counterexample); ``Computed`` steps repeat each identity for every
n = 3..6, every shift s and an abstract activation sigma (equality of expressions in sigma holds
for every sigma).
"""
from __future__ import annotations

import functools
from collections.abc import Callable, Iterable

import mpmath
import sympy as sp

from checks import Claim, Computed, Equal, Mutant, Numeric, Source
from numerics.invariance import continuous_equivariance_error, convolution_equivariance_error, pooling_invariance_error

N001 = "001_50e63b01264c0263.txt"
N002 = "002_89896ee51b349776.txt"
SIZES = range(3, 7)   # n for the Computed steps
N_SYM, S_SYM = 4, 1   # the instance written out in the chains


class Tanh(sp.Function):
    """The activation sigma = tanh, kept opaque to SymPy's simplifier: an identity between Tanh(a)
    and Tanh(b) is decided from a = b (so it holds for every activation), and a numeric value is
    tanh's. (sympy.tanh would ask whether each polynomial argument is real, which costs seconds.)"""

    nargs = 1

    def _eval_evalf(self, prec):
        return sp.tanh(self.args[0]).evalf(mpmath.libmp.prec_to_dps(prec))

    def _latex(self, printer, exp=None):
        body = r"\sigma\left(%s\right)" % printer._print(self.args[0])
        return body if exp is None else f"{body}^{{{exp}}}"


class WindowMax(sp.Function):
    """max of its arguments, evaluated only once they are numbers (sympy.Max compares symbolic
    arguments pairwise to drop dominated ones, which costs seconds on these polynomials)."""

    @classmethod
    def eval(cls, *args):
        if args and all(a.is_number for a in args):
            return sp.Max(*args)
        return None


# ---- shifts ----------------------------------------------------------------------------------
@functools.lru_cache(maxsize=None)
def shift(n: int, s: int = 1) -> sp.ImmutableMatrix:
    """S^s for the cyclic shift S, (S x)_j = x_{j-1}: (S^s x)_j = x_{(j-s) mod n}."""
    return sp.ImmutableMatrix(n, n, lambda i, j: 1 if (i - j - s) % n == 0 else 0)


@functools.lru_cache(maxsize=None)
def zero_padded_shift(n: int, s: int = 1) -> sp.ImmutableMatrix:
    """The non-circular shift: (Z^s x)_j = x_{j-s} for j >= s and 0 below (what falls off the end
    is lost, zeros come in). Not a permutation: Z^T Z != I."""
    return sp.ImmutableMatrix(n, n, lambda i, j: 1 if i - j == s else 0)


def vector(name: str, n: int) -> sp.Matrix:
    return sp.Matrix(sp.symbols(f"{name}_0:{n}", real=True))


def inner(a: sp.Matrix, b: sp.Matrix) -> sp.Expr:
    """<a, b> = a^T b, expanded (a canonical polynomial, so equal values are equal expressions)."""
    return sp.expand((a.T * b)[0, 0])


def correlation(w: sp.Matrix, x: sp.Matrix, shifts: Callable[[int, int], sp.Matrix] = shift) -> list[sp.Expr]:
    """The layer's pre-activations <g_i w, x>, i = 0..n-1 (001:191, 002:1355); ``shifts`` =
    ``zero_padded_shift`` gives the zero-padded (non-circular) layer instead."""
    n = x.rows
    return [inner(shifts(n, i) * w, x) for i in range(n)]


def pooled(w: sp.Matrix, x: sp.Matrix, shifts=shift) -> sp.Expr:
    """f(x) = sum_i <g_i w, x> (001:196, 002:1357)."""
    return sp.Add(*correlation(w, x, shifts))


def window_max(w: sp.Matrix, x: sp.Matrix, width: int = 3) -> sp.Expr:
    """Max pooling over the window of the first ``width`` outputs only (local, not global)."""
    return WindowMax(*correlation(w, x)[:width])


def layer(w: sp.Matrix, x: sp.Matrix, sigma=Tanh, shifts=shift) -> sp.Matrix:
    """f(x) = [sigma<g_1 w, x>, ..., sigma<g_N w, x>]^T (001:215-218, 002:1367)."""
    return sp.Matrix([sigma(c) for c in correlation(w, x, shifts)])


# ---- the identities behind the notes' steps, for every n and s ------------------------------
def shifts_are_orthogonal(sizes: Iterable[int] = SIZES):
    """g^T g = I for every cyclic shift g = S^s (the move <g a, g b> = <a, b> needs it); the
    zero-padded shift is not orthogonal, which is where the argument fails for it."""
    count = 0
    for n in sizes:
        for s in range(n):
            g = shift(n, s)
            if g.T * g != sp.eye(n) or g.T != shift(n, -s):
                return False, {"n": n, "s": s, "g^T g": sp.sstr((g.T * g).tolist())}
            count += 1
    z = zero_padded_shift(3, 1)
    if z.T * z == sp.eye(3):
        return False, {"problem": "the zero-padded shift came out orthogonal"}
    return True, {"shifts checked": count, "zero-padded Z^T Z, n = 3": sp.sstr((z.T * z).tolist())}


def conjugated_shifts(sizes: Iterable[int] = SIZES):
    """g^T g_i = g'_i with g'_i = g_{i-s} (001:205, 002:1363), and i -> i - s (mod n) is a
    bijection: {g'_i} runs over every g_j exactly once, so sum_i <g'_i w, x> reorders the sum."""
    count = 0
    for n in sizes:
        for s in range(n):
            g = shift(n, s)
            image = []
            for i in range(n):
                if g.T * shift(n, i) != shift(n, i - s):
                    return False, {"n": n, "s": s, "i": i, "g^T g_i": sp.sstr((g.T * shift(n, i)).tolist())}
                image.append((i - s) % n)
                count += 1
            if sorted(image) != list(range(n)):
                return False, {"n": n, "s": s, "i - s mod n": image}
    return True, {"(n, s, i) checked": count}


_sigma = sp.Function("sigma")  # an abstract activation: an identity in sigma holds for every sigma


def pooling_with_activation_is_invariant(sizes: Iterable[int] = SIZES):
    """The pooled terms sigma<g_i w, gx> (sigma abstract) are the same multiset as the terms
    sigma<g_i w, x> for every cyclic shift g, so every symmetric pooling (sum, mean, global max)
    takes the same value at gx as at x; the sum is also compared as an expression."""
    count = 0
    for n in sizes:
        w, x = vector("w", n), vector("x", n)
        at_x = [_sigma(c) for c in correlation(w, x)]
        for s in range(1, n):
            at_gx = [_sigma(c) for c in correlation(w, shift(n, s) * x)]
            if sorted(at_gx, key=sp.default_sort_key) != sorted(at_x, key=sp.default_sort_key):
                return False, {"n": n, "s": s, "terms at gx": sp.sstr(at_gx), "terms at x": sp.sstr(at_x)}
            if sp.Add(*at_gx) - sp.Add(*at_x) != 0:
                return False, {"n": n, "s": s, "sum at gx - sum at x": sp.sstr(sp.Add(*at_gx) - sp.Add(*at_x))}
            count += 1
    return True, {"(n, s) checked": count, "poolings": "any symmetric function of the terms: sum, mean, max"}


def layer_is_equivariant(sizes: Iterable[int] = SIZES, output_shift: Callable[[int, int], sp.Matrix] = shift,
                         shifts=shift):
    """[sigma<w, g_i^T g x>]_i = P_g [sigma<w, g_i^T x>]_i with P_g = g, sigma abstract, for every
    n and cyclic shift g = S^s: entry i is f(x)_{i-s} because g_i^T g = g_{i-s}^T."""
    count = 0
    for n in sizes:
        w, x = vector("w", n), vector("x", n)
        fx = layer(w, x, _sigma, shifts)
        for s in range(1, n):
            fgx = layer(w, shift(n, s) * x, _sigma, shifts)
            if fgx != output_shift(n, s) * fx:
                return False, {"n": n, "s": s, "f(gx)": sp.sstr(fgx.T), "P f(x)": sp.sstr((output_shift(n, s) * fx).T)}
            count += 1
    return True, {"(n, s) checked": count, "P_g": "g itself (the same shift, the same direction)"}


def activation_commutes_with_permutations(sizes: Iterable[int] = SIZES):
    """An entrywise activation commutes with every permutation of the entries: sigma(P y) = P sigma(y)
    (sigma abstract), in particular with every cyclic shift P = S^s."""
    count = 0
    for n in sizes:
        y = vector("y", n)
        for s in range(n):
            p = shift(n, s)
            if (p * y).applyfunc(_sigma) != p * y.applyfunc(_sigma):
                return False, {"n": n, "s": s}
            count += 1
    return True, {"(n, s) checked": count}


def third_vector_differs(sizes: Iterable[int] = SIZES):
    """The notes' third vector P_g [sigma<w, gx>, ..., sigma<w, gx>]^T against f(gx), sigma abstract:
    whether they differ for every n and s (they should: a constant vector is fixed by P_g)."""
    example = None
    for n in sizes:
        w, x = vector("w", n), vector("x", n)
        for s in range(1, n):
            g = shift(n, s)
            written = g * sp.Matrix([_sigma(inner(w, g * x))] * n)
            true = layer(w, g * x, _sigma)
            differ = [k for k in range(n) if written[k] != true[k]]
            if not differ:
                return False, {"n": n, "s": s, "problem": "the written vector equals f(gx) here"}
            if example is None:
                i = differ[0]
                example = {"n": n, "s": s, "entry": i, "written": str(written[i]), "f(gx)": str(true[i])}
    return True, example


# ---- claim 1: pooling ------------------------------------------------------------------------
w4, x4 = vector("w", N_SYM), vector("x", N_SYM)
g4 = shift(N_SYM, S_SYM)


def _g(i: int) -> sp.ImmutableMatrix:
    return shift(N_SYM, i)


SLIDING_SUM = sp.Matrix([sum(w4[k] * x4[(k + i) % N_SYM] for k in range(N_SYM)) for i in range(N_SYM)])
POOL_SUM_GX = sp.Add(*[inner(_g(i) * w4, g4 * x4) for i in range(N_SYM)])             # sum_i <g_i w, gx>
POOL_SUM_GT = sp.Add(*[inner(g4.T * _g(i) * w4, x4) for i in range(N_SYM)])           # sum_i <g^T g_i w, x>
POOL_SUM_PRIME = sp.Add(*[inner(_g(i - S_SYM) * w4, x4) for i in range(N_SYM)])       # sum_i <g'_i w, x>

pooling_translation_invariance = Claim(
    id="pooling-translation-invariance",
    title="Global pooling of a circular convolution is invariant to translations: f(gx) = f(x)",
    sources=(
        Source(N001, 196, r"f(x)=\sum_i\left\langle g_i K, x\right\rangle"),
        Source(N001, 208, r"f(g x)=f(x)"),
        Source(N002, 1357, r"f(x) = \sum_i \langle g_i w, x \rangle"),
        Source(N002, 1359, r"f(gx) = f(x)"),
    ),
    assumptions=(
        "x, w in R^n; G = the cyclic shifts g = S^s, (S x)_j = x_{j-1} (indices mod n): a group of permutation matrices",
        "the layer's i-th output is <g_i w, x> = (x * w)_i with g_i = S^i (the notes' definition)",
        "pooling over the entire output (001:187), as the notes simplify it",
        f"written out for n = {N_SYM}, s = {S_SYM}; Computed steps cover n = 3..6 and every s",
    ),
    statement=Equal(pooled(w4, g4 * x4), pooled(w4, x4), why="pooling over the whole output forgets the translation"),
    steps=(
        Equal(pooled(w4, g4 * x4), POOL_SUM_GX, why="the definition f(x) = sum_i <g_i w, x> at the input gx",
              source=Source(N002, 1361, r"f(gx) = \sum_i \langle g_i w, gx \rangle")),
        Equal(POOL_SUM_GX, POOL_SUM_GT, why="<a, g b> = <g^T a, b> (move g to the other side of the inner product)",
              source=Source(N002, 1361, r"= \sum_i \langle g^T g_i w, x \rangle")),
        Computed("every cyclic shift is orthogonal, g^T g = I, so g^T = g^{-1} is again a shift (n = 3..6)",
                 shifts_are_orthogonal, why="a translation permutes the entries of x"),
        Computed("g^T g_i = g_{i-s} =: g'_i, and i -> i - s (mod n) is a bijection (n = 3..6, every s, i)",
                 conjugated_shifts, why="the shifts form a group: S^{-s} S^i = S^{i-s}",
                 source=Source(N002, 1363, r"g^T g_i = g'_i")),
        Equal(POOL_SUM_GT, POOL_SUM_PRIME, why="g^T g_i = g'_i = g_{i-s}",
              source=Source(N002, 1361, r"= \sum_i \langle g'_i w, x \rangle")),
        Equal(POOL_SUM_PRIME, pooled(w4, x4), why="the sum over i of g_{i-s} runs over every g_j once: the same terms, reshuffled",
              source=Source(N001, 205, r"But here we have just reshuffled the elements of this sum thus")),
        Computed("sum, mean and max pooling of sigma<g_i w, x> are invariant too, for any activation sigma (n = 3..6)",
                 pooling_with_activation_is_invariant,
                 why="the reshuffling never used linearity: sigma acts on each term and the pooled terms are the same multiset"),
    ),
    forms=(
        Equal(sp.Matrix([inner(_g(i) * w4, x4) for i in range(N_SYM)]), SLIDING_SUM,
              why="the definition: <g_i w, x> is the kernel slid by i without flipping, sum_k w_k x_{k+i}",
              source=Source(N002, 1355, r"\langle g_i w, x \rangle = (x * w)_i")),
        Equal(sp.Matrix([inner(_g(i) * w4, x4) for i in range(N_SYM)]), SLIDING_SUM, why="001's copy of the definition",
              source=Source(N001, 191, r"\left\langle g_i K, x\right\rangle=(x * K)_i")),
        Equal(pooled(w4, g4 * x4), POOL_SUM_PRIME, why="001's copy of the chain",
              source=Source(N001, 202, r"f(g x)=\sum_i\left\langle g_i K, g x\right\rangle=\sum_i\left\langle g^T g_i K, x\right\rangle=\sum_i\left\langle g_i^{\prime} K, x\right\rangle")),
        Computed("001's g^T g_i = g'_i: a bijection of the shifts", conjugated_shifts, why="as in the slides",
                 source=Source(N001, 205, r"with `$g^T g_i=g_i^{\prime}$`")),
    ),
    numeric=Numeric(
        pooling_invariance_error, {"padding": "circular", "pooling": "sum"},
        "tanh layer, global sum pooling, random w, x and cyclic shifts in float64: |f(gx) - f(x)| within its "
        "round-off bound for every draw; a mutant's pooling or padding exceeds it on some draw"),
    mutants=(
        Mutant("window-max", Equal(window_max(w4, g4 * x4), window_max(w4, x4)), {"padding": "circular", "pooling": "window-max"},
               "max pooling over a window of 3 outputs claimed globally invariant (it is only approximately so, 001:186)"),
        Mutant("zero-padded", Equal(pooled(w4, g4 * x4, zero_padded_shift), pooled(w4, x4, zero_padded_shift)),
               {"padding": "zero", "pooling": "sum"},
               "a zero-padded (non-circular) convolution, pooled, claimed invariant to cyclic shifts"),
    ),
)


# ---- claim 2: the convolutional layer -------------------------------------------------------
F_GX = layer(w4, g4 * x4)                                                         # f(gx)
V_DEF = sp.Matrix([Tanh(inner(_g(i) * w4, g4 * x4)) for i in range(N_SYM)])     # [sigma<g_i w, gx>]
V_MOVED = sp.Matrix([Tanh(inner(w4, _g(i).T * g4 * x4)) for i in range(N_SYM)])  # [sigma<w, g_i^T gx>]
V_WRITTEN = g4 * sp.Matrix([Tanh(inner(w4, g4 * x4))] * N_SYM)                 # P_g [sigma<w, gx>, ...]
V_TRUE = g4 * sp.Matrix([Tanh(inner(w4, _g(i).T * x4)) for i in range(N_SYM)])  # P_g [sigma<w, g_i^T x>]
P_F_X = g4 * layer(w4, x4)                                                        # P_g f(x)

_THIRD_VECTOR_002 = r"P_g \begin{bmatrix} \sigma \langle w, gx \rangle \\ \vdots \\ \sigma \langle w, gx \rangle \end{bmatrix}"
_THIRD_VECTOR_001 = r"P_g\left[\begin{array}{c} \sigma\langle w, g x\rangle \\ \vdots \\ \sigma\langle w, g x\rangle"


def _third_vector_form(source: Source) -> Equal:
    return Equal(V_MOVED, V_WRITTEN, why="as written: every entry of the vector is sigma<w, gx>", source=source,
                 correction=Equal(V_MOVED, V_TRUE, why="entry i is sigma<w, g_{i-s}^T x> = f(x)_{i-s}: the vector is f(x), not constant"))


convolution_translation_equivariance = Claim(
    id="convolution-translation-equivariance",
    title="A circular convolutional layer is equivariant to translations: f(gx) = P_g f(x)",
    sources=(
        Source(N001, 232, r"f(g x)=P_g f(x)"),
        Source(N002, 1367, r"f(gx) = \begin{bmatrix} \sigma \langle g_1 w, gx \rangle"),
        Source(N002, 1371, r"f(gx) = \Pi_g f(x)"),
    ),
    assumptions=(
        "x, w in R^n; g = S^s a cyclic shift, (S x)_j = x_{j-1}; g_i = S^i, indices mod n",
        "f(x)_i = sigma<g_i w, x>, sigma applied entrywise (tanh in the written-out chain, abstract in the Computed steps)",
        "P_g is the permutation matrix of g acting on the output: P_g = g",
        f"written out for n = {N_SYM}, s = {S_SYM}; Computed steps cover n = 3..6 and every s",
    ),
    statement=Equal(F_GX, P_F_X, why="translating the input translates the output the same way"),
    steps=(
        Equal(F_GX, V_DEF, why="the layer at the input gx, entry by entry",
              source=Source(N002, 1367, r"f(gx) = \begin{bmatrix} \sigma \langle g_1 w, gx \rangle \\ \vdots \\ \sigma \langle g_N w, gx \rangle \end{bmatrix}")),
        Equal(V_DEF, V_MOVED, why="<g_i w, y> = <w, g_i^T y>",
              source=Source(N002, 1367, r"= \begin{bmatrix} \sigma \langle w, g_1^T gx \rangle \\ \vdots \\ \sigma \langle w, g_N^T gx \rangle \end{bmatrix}")),
        Computed("g^T g_i = g_{i-s}, a bijection of the shifts (n = 3..6, every s, i)", conjugated_shifts,
                 why="so g_i^T g = (g^T g_i)^T = g_{i-s}^T"),
        _third_vector_form(Source(N002, 1367, _THIRD_VECTOR_002)),
        Equal(V_TRUE, P_F_X, why="<w, g_i^T x> = <g_i w, x>: the vector is f(x)",
              source=Source(N002, 1367, r"= P_g f(x)")),
        Computed("an entrywise activation commutes with the shift of its input: sigma(g y) = g sigma(y) (n = 3..6)",
                 activation_commutes_with_permutations, why="sigma acts on each entry on its own, wherever the entry sits",
                 source=Source(N001, 229, r"the translation of the input vector $x$ commutes with the activation function")),
        Computed("f(gx) = P_g f(x) with P_g = g for every n = 3..6, every shift and any activation sigma",
                 layer_is_equivariant, why="entry i of f(gx) is sigma<w, g_{i-s}^T x> = f(x)_{i-s} = (g f(x))_i"),
        Computed("the notes' third vector differs from f(gx) for every n = 3..6 (abstract sigma)",
                 third_vector_differs,
                 why="a constant vector is fixed by every permutation, while f(gx) is not constant"),
    ),
    forms=(
        Equal(F_GX, V_DEF, why="001's first vector",
              source=Source(N001, 215, r"f(g x)=\left[\begin{array}{c} \sigma\left\langle g_1 w, g x\right\rangle")),
        Equal(V_DEF, V_MOVED, why="001's second vector",
              source=Source(N001, 219, r"\end{array}\right]=\left[\begin{array}{c} \sigma\left\langle w, g_1^T g x\right\rangle")),
        _third_vector_form(Source(N002, 1369, _THIRD_VECTOR_002)),
        _third_vector_form(Source(N001, 223, _THIRD_VECTOR_001)),
        Equal(F_GX, P_F_X, why="001's conclusion", source=Source(N001, 227, r"=P_g f(x)")),
        Equal(F_GX, P_F_X, why="the slides' summary, Pi_g = P_g = g", source=Source(N002, 1371, r"f(gx) = \Pi_g f(x)")),
    ),
    numeric=Numeric(
        convolution_equivariance_error, {"padding": "circular", "output_index": sp.Symbol("i") - sp.Symbol("s")},
        "tanh layer, random w, x and cyclic shifts g = S^s in float64: |f(gx)_i - f(x)_{i-s}| within its round-off "
        "bound for every entry of every draw; a mutant's index map or padding exceeds it on some draw"),
    mutants=(
        Mutant("inverse-shift", Equal(F_GX, g4.T * layer(w4, x4)),
               {"padding": "circular", "output_index": sp.Symbol("i") + sp.Symbol("s")},
               "P_g^{-1}: the output shifted the other way, f(gx)_i = f(x)_{i+s}"),
        Mutant("invariant-layer", Equal(F_GX, layer(w4, x4)), {"padding": "circular", "output_index": sp.Symbol("i")},
               "the layer itself claimed invariant, f(gx) = f(x)"),
        Mutant("zero-padded", Equal(layer(w4, g4 * x4, shifts=zero_padded_shift), g4 * layer(w4, x4, shifts=zero_padded_shift)),
               {"padding": "zero", "output_index": sp.Symbol("i") - sp.Symbol("s")},
               "a zero-padded (non-circular) convolution claimed equivariant to cyclic shifts"),
    ),
)


# ---- claim 3: the continuous form ------------------------------------------------------------
alpha, beta, gamma, u = sp.symbols("alpha beta gamma u", real=True)
KERNEL_WIDTH = 1


def kernel(t: sp.Expr) -> sp.Expr:
    """k(t) = t on [0, 1] and 0 elsewhere: a ramp with compact support, like a CNN filter, and not
    symmetric (convolution and correlation with it differ); the integrals below run over its
    support, gamma in [beta - 1, beta]."""
    return t


def signal(t: sp.Expr) -> sp.Expr:
    """x(t) = t^3: the smoothed signal (k * x)(c) = c^3/2 - c^2 + 3c/4 - 1/5 is strictly increasing
    in c, so phi(x) at beta - alpha, beta + alpha and beta differ unless alpha = 0."""
    return t**3


def smoothed(shift_by: sp.Expr, at: sp.Expr) -> sp.Integral:
    """int k(at - gamma) (T_shift x)(gamma) dgamma, T_a x(gamma) = x(gamma - a), over the support
    of k(at - .), i.e. gamma in [at - 1, at] (unevaluated: the checks integrate it)."""
    return sp.Integral(kernel(at - gamma) * signal(gamma - shift_by), (gamma, at - KERNEL_WIDTH, at))


def phi(shift_by: sp.Expr, at: sp.Expr) -> sp.Expr:
    """phi(T_shift x)(at) = sigma(int k(at - gamma) T_shift x(gamma) dgamma), sigma = tanh."""
    return Tanh(smoothed(shift_by, at))


def change_of_variables():
    """For ANY kernel k and signal x (abstract functions, whole real line): substituting
    gamma = u + alpha turns int k(beta - gamma) x(gamma - alpha) dgamma into
    int k(beta - alpha - u) x(u) du, i.e. (k * T_alpha x)(beta) = (k * x)(beta - alpha)."""
    k, x = sp.Function("k"), sp.Function("x")
    lhs = sp.Integral(k(beta - gamma) * x(gamma - alpha), (gamma, -sp.oo, sp.oo))
    # gamma = u + alpha: substitute in the integrand, multiply by d gamma / du = 1, and move the
    # limits to u = gamma - alpha, which leaves -oo and oo where they are
    sub = u + alpha
    integrand, (_, lo, hi) = lhs.function, lhs.limits[0]
    moved = sp.Integral(integrand.subs(gamma, sub) * sp.diff(sub, u), (u, lo - alpha, hi - alpha))
    target = sp.Integral(k(beta - alpha - u) * x(u), (u, -sp.oo, sp.oo))
    if moved != target:  # the same integral: same integrand in the same variable, same limits
        return False, {"after substitution": sp.sstr(moved), "expected": sp.sstr(target)}
    # the shift's direction matters: the same substitution does not give (k * x)(beta + alpha)
    wrong = sp.Integral(k(beta + alpha - u) * x(u), (u, -sp.oo, sp.oo))
    if moved == wrong:
        return False, {"problem": "the substitution cannot tell beta - alpha from beta + alpha"}
    return True, {"gamma = u + alpha": sp.sstr(moved)}


convolution_equivariance_continuous = Claim(
    id="convolution-equivariance-continuous",
    title="Continuous convolution followed by a pointwise nonlinearity commutes with translations",
    sources=(Source(N002, 1375, r"\phi(T_\alpha x)(\beta) = \sigma\left(\int k(\beta - \gamma)T_\alpha x(\gamma)d\gamma\right) = T_\alpha\phi(x)(\beta)"),),
    assumptions=(
        "T_alpha x(gamma) = x(gamma - alpha) on functions of the real line (translation to the right by alpha)",
        "phi(x)(beta) = sigma(int k(beta - gamma) x(gamma) dgamma), sigma applied pointwise",
        "general kernel and signal in the change-of-variables step; the chain is checked with k(t) = t on [0, 1] "
        "(0 elsewhere), x(t) = t^3 and sigma = tanh",
        "alpha, beta real",
    ),
    statement=Equal(phi(alpha, beta), phi(0, beta - alpha), why="phi(T_alpha x)(beta) = phi(x)(beta - alpha) = T_alpha phi(x)(beta)"),
    steps=(
        Computed("for every kernel k and signal x: gamma = u + alpha gives int k(beta - gamma) x(gamma - alpha) dgamma "
                 "= int k(beta - alpha - u) x(u) du", change_of_variables,
                 why="a translation of the integration variable leaves dgamma and the limits (-inf, inf) unchanged",
                 source=Source(N002, 1375, r"\sigma\left(\int k(\beta - \gamma)T_\alpha x(\gamma)d\gamma\right)")),
        Equal(phi(alpha, beta), Tanh(sp.Integral(kernel(beta - alpha - u) * signal(u), (u, beta - alpha - KERNEL_WIDTH, beta - alpha))),
              why="the same substitution gamma = u + alpha on the concrete kernel and signal (the support moves with it)"),
        Equal(Tanh(sp.Integral(kernel(beta - alpha - u) * signal(u), (u, beta - alpha - KERNEL_WIDTH, beta - alpha))),
              phi(0, beta - alpha), why="that is phi(x) evaluated at beta - alpha, i.e. (T_alpha phi(x))(beta)",
              source=Source(N002, 1375, r"= T_\alpha\phi(x)(\beta)")),
    ),
    numeric=Numeric(
        continuous_equivariance_error, {"output_point": beta - alpha},
        "trapezoidal quadrature (spectrally accurate for these Gaussian mixtures) of phi(T_alpha x)(beta) against "
        "phi(x) at the predicted point, random kernels, signals, alpha and beta in float64: within the round-off "
        "bound of the two quadratures for every draw; a mutant's point exceeds it"),
    mutants=(
        Mutant("wrong-direction", Equal(phi(alpha, beta), phi(0, beta + alpha)), {"output_point": beta + alpha},
               "T_alpha phi(x)(beta) read as phi(x)(beta + alpha): the output shifted the other way"),
        Mutant("invariant", Equal(phi(alpha, beta), phi(0, beta)), {"output_point": beta},
               "the convolution claimed invariant: phi(T_alpha x) = phi(x)"),
    ),
)
