"""Data augmentation and invariance (001:272-327, slides 002:824-832 and 002:1439-1504).

Four claims:

- ``augmented-loss-invariance``: the loss averaged over the group orbit of every sample,
  L(w) = (1/N) sum_i int l(sigma<w, g_theta x_i>; y_i) d theta, is invariant: L(g w) = L(w)
  (001:280-291, 002:826-830, 002:1445-1452). The group is finite here (cyclic shifts of R^3), the
  integral over it the sum over its elements (counting measure), and the group acts on weights and
  data by orthogonal matrices, so the adjoint g* of the notes is g^T.
- ``box-average-fourier-multiplier``: averaging f over translations in [-a, a],
  f_(w) = int_{-a}^{a} f(w - t) dt, multiplies its Fourier transform by
  int e^{ikt} Ind_[-a,a](t) dt = 2 sin(ka)/k (001:298-309, 002:1456-1469), with the notes' own
  convention f^(k) = int e^{ikx} f(x) dx (the one for which f(. - t) has transform e^{ikt} f^(k),
  as 001:305 and 002:1465 write). Shown for Gaussians f, where every integral has a closed form.
- ``invariant-loss-gradient-orthogonal-to-orbit``: if L(U_a w) = L(w) for a one-parameter group
  U_a, then <grad L(w), d/da U_a w |_{a=0}> = 0 (001:313-319, 002:1475-1487): gradient descent
  never moves along the orbit. U_a rotates two planes of R^4 together, L averages a polynomial
  network over all rotations of the data.
- ``fourier-linear-substitution``: the transform of W -> L(g W) is |det g|^{-1} L^(g^{-T} K)
  (001:324-327, quoted from Anselmi et al.), for invertible g, shown for a Gaussian in R^2.

Integrals are evaluated by :func:`integrate_exponential` (terms c e^{P(x)} with P of degree <= 2:
completing the square on the line, the antiderivative on an interval), never by a general
integrator, so each claim checks in well under a second; the tests compare it with SymPy's
``integrate``.
"""
from __future__ import annotations

import functools

import numpy as np
import sympy as sp

from checks import Claim, Computed, Equal, Mutant, Numeric, Reference, Source
from derivations._vectors import dot
from numerics.data_augmentation import (
    linear_substitution_transform,
    orbit_average_invariance,
    orbit_direction_gradient,
)
from numerics.data_augmentation import box_average_transform as _box_average_transform

N001, N002 = "001_50e63b01264c0263.txt", "002_89896ee51b349776.txt"
ANSELMI = Reference("Anselmi et al. 2023, Data Symmetries and Learning in Fully Connected Neural Networks",
                    "reference [15] of 001 (001:322-324, 001:453)",
                    "https://arts.units.it/retrieve/856df9ab-4e98-4bab-b71e-591336d25db0/")


# ---------------------------------------------------------------------------------------------
# Integrals of exponentials of quadratics
# ---------------------------------------------------------------------------------------------
def integrate_exponential(expr, x, lo, hi):
    """int_lo^hi expr dx for expr a sum of terms c e^{P(x)}, P a polynomial of degree <= 2 in x:
    over the whole line P must have degree 2 with a positive coefficient -a of -x^2,
    int e^{-a x^2 + b x + c} dx = sqrt(pi/a) e^{b^2/(4a) + c} (any complex b); over a finite interval
    P has degree <= 1 and the antiderivative is used."""
    total = sp.Integer(0)
    for term in sp.Add.make_args(sp.expand(expr)):
        const, dependent = term.as_independent(x, as_Add=False)
        dependent = sp.powsimp(dependent)
        if dependent == 1:
            exponent = sp.Integer(0)
        elif isinstance(dependent, sp.exp):
            exponent = sp.expand(dependent.exp)
        else:
            raise NotImplementedError(f"not of the form c exp(P(x)): {term}")
        coeffs = sp.Poly(exponent, x).all_coeffs()[::-1] + [0, 0, 0]
        c0, c1, c2 = coeffs[:3]
        if sp.Poly(exponent, x).degree() > 2:
            raise NotImplementedError(f"exponent of degree > 2 in {x}: {exponent}")
        if lo == -sp.oo and hi == sp.oo:
            a = -c2
            if not a.is_positive:
                raise NotImplementedError(f"the Gaussian integral needs -coefficient of {x}^2 > 0, got {a}")
            total += const * sp.sqrt(sp.pi / a) * sp.exp(sp.expand(c1**2 / (4 * a) + c0))
        elif c2 != 0:
            raise NotImplementedError("a quadratic exponent over a finite interval")
        elif c1 == 0:
            total += const * sp.exp(c0) * (hi - lo)
        else:
            total += const * (sp.exp(sp.expand(exponent.subs(x, hi))) - sp.exp(sp.expand(exponent.subs(x, lo)))) / c1
    return total


def euler(expr):
    """e^{u + iv} written as e^u (cos v + i sin v), then expanded: results of finite integrals of
    e^{ikt} then compare with trigonometric forms by expansion alone."""
    def split(e):
        re, im = sp.expand(e.exp).as_real_imag()
        return sp.exp(re) * (sp.cos(im) + sp.I * sp.sin(im)) if im != 0 else e
    return sp.expand(expr.replace(lambda e: isinstance(e, sp.exp), split))


class Indicator(sp.Function):
    """Ind_[-a, a](t), the indicator of [-a, a]; only ever integrated (inside FourierTransform)."""

    nargs = 2

    def _latex(self, printer, exp=None):
        t, a = self.args
        body = rf"\operatorname{{Ind}}_{{[-{printer._print(a)}, {printer._print(a)}]}}\left({printer._print(t)}\right)"
        return body if exp is None else rf"\left({body}\right)^{{{exp}}}"


@functools.lru_cache(maxsize=256)
def _transform(expr, xs, ks):
    phase = sp.exp(sp.I * sum(k * x for k, x in zip(ks, xs)))
    if isinstance(expr, sp.Integral) and len(expr.limits) == 1 and all(b.is_finite for b in expr.limits[0][1:]):
        # Fubini: the box is finite and the integrand absolutely integrable
        (t, lo, hi), = expr.limits
        return euler(integrate_exponential(_transform(expr.function, xs, ks), t, lo, hi))
    indicators = [f for f in sp.Mul.make_args(expr) if isinstance(f, Indicator)]
    if indicators:
        (ind,) = indicators
        (x,) = xs
        t, a = ind.args
        if t != x:
            raise NotImplementedError("the indicator must be a function of the transformed variable")
        return euler(integrate_exponential(expr / ind * phase, x, -a, a))
    result = expr * phase
    for x in xs:
        result = integrate_exponential(result, x, -sp.oo, sp.oo)
    return sp.expand(result)


class FourierTransform(sp.Function):
    """F[expr](k) = int e^{i k.x} expr(x) dx over R^n (001:305's convention: a shift by t multiplies
    the transform by e^{ikt}). Arguments: the expression, the variable(s), the wavenumber(s)."""

    nargs = 3

    def doit(self, **hints):
        expr, xs, ks = self.args
        xs = tuple(xs) if isinstance(xs, sp.Tuple) else (xs,)
        ks = tuple(ks) if isinstance(ks, sp.Tuple) else (ks,)
        return _transform(expr, xs, ks)

    def _latex(self, printer, exp=None):
        expr, xs, ks = self.args
        body = rf"\mathcal{{F}}\left[{printer._print(expr)}\right]\left({printer._print(ks)}\right)"
        return body if exp is None else rf"\left({body}\right)^{{{exp}}}"


# ---------------------------------------------------------------------------------------------
# 1. The orbit-averaged loss is invariant
# ---------------------------------------------------------------------------------------------
def shift_matrix(d: int, s: int = 1) -> sp.Matrix:
    """P^s, (P x)_i = x_{i+1 mod d}: a cyclic shift, orthogonal (P^T = P^{-1})."""
    return sp.Matrix(d, d, lambda i, j: 1 if j == (i + s) % d else 0)


def cyclic(d: int) -> list[sp.Matrix]:
    return [shift_matrix(d, s) for s in range(d)]


def flip_matrix(d: int) -> sp.Matrix:
    return sp.Matrix(d, d, lambda i, j: 1 if i + j == d - 1 else 0)


def dihedral(d: int) -> list[sp.Matrix]:
    return cyclic(d) + [p * flip_matrix(d) for p in cyclic(d)]


def activation(z):
    """sigma(z) = z + z^2/2: a concrete smooth activation (the numerics use the same one)."""
    return z + z**2 / 2


def squared_loss(p, y):
    return (p - y) ** 2


def orbit_average(w, data, labels, group, act=activation, loss=squared_loss, adjoint=None):
    """(1/N) sum_i sum_{g in group} loss(act(<w, h g x_i>), y_i), h = ``adjoint`` (identity by
    default): the notes' loss with the integral over the group as the sum over its elements."""
    h = adjoint if adjoint is not None else sp.eye(len(w))
    n = len(data)
    return sp.Rational(1, n) * sum(loss(act(dot(w, h * g * x)), y) for x, y in zip(data, labels) for g in group)


D3 = 3
W3 = sp.Matrix(sp.symbols("w_1:4", real=True))
C3 = cyclic(D3)
P3 = shift_matrix(D3)
# N = 2 base points with rational entries and labels (the symbolic instance of the chain; the
# computation below repeats the argument with symbolic data and undefined l, sigma)
X3 = [sp.Matrix([1, -2, sp.Rational(1, 2)]), sp.Matrix([sp.Rational(3, 2), 1, -1])]
Y3 = (sp.Rational(1, 2), -1)
N_SYM = sp.Symbol("N", positive=True, integer=True)      # the number of base points, for the numerics


class OrbitSum(sp.Function):
    """c sum_i sum_{j in J} l(sigma<w, P^h P^j x_i>; y_i) for the data X3, Y3 and the cyclic shift P
    of R^3: with h = 0, J = {0, 1, 2} and c = 1/N it is the orbit-averaged loss L(w) of 002:1445
    (the integral over C3 is the sum over its elements). Arguments: w (a Tuple), h, J (a Tuple), c."""

    nargs = 4

    def doit(self, **hints):
        weights, h, elements, c = self.args
        return _orbit_sum(tuple(weights), int(h), tuple(int(j) for j in elements), c)

    def _sympystr(self, printer):
        weights, h, elements, c = self.args
        gh = "" if h == 0 else f"P^{h} "
        return (f"[{printer._print(c)} sum_i sum_(j in {{{', '.join(map(str, elements))}}}) "
                f"l(sigma<({', '.join(map(printer._print, weights))}), {gh}P^j x_i>; y_i)]")

    def _latex(self, printer, exp=None):
        weights, h, elements, c = self.args
        gh = "" if h == 0 else rf"P^{{{printer._print(h)}}}"
        body = (rf"{printer._print(c)} \sum_{{i}} \sum_{{j \in {printer._print(sp.FiniteSet(*elements))}}} "
                rf"\ell\left(\sigma\langle {printer._print(sp.Matrix(list(weights)).T)}, {gh} P^j x_i\rangle; y_i\right)")
        return body if exp is None else rf"\left({body}\right)^{{{exp}}}"


@functools.lru_cache(maxsize=64)
def _orbit_sum(weights, h, elements, c):
    """OrbitSum evaluated with polynomial arithmetic (fast), returned expanded."""
    gens = tuple(W3)
    w = [sp.Poly(wi, *gens) for wi in weights]
    total = sp.Poly(0, *gens)
    for x, y in zip(X3, Y3):
        for j in elements:
            gx = P3 ** h * P3 ** j * x
            z = sum((wi * xi for wi, xi in zip(w, gx)), sp.Poly(0, *gens))
            total += (z + z**2 * sp.Rational(1, 2) - y) ** 2
    return (total * c).as_expr()


FULL = sp.Tuple(0, 1, 2)
HALF = sp.Rational(1, 2)                                       # 1/N, N = 2


def orbit_sum(weights: sp.Matrix, h=0, elements=FULL, c=HALF) -> OrbitSum:
    return OrbitSum(sp.Tuple(*weights), sp.Integer(h), elements, c)


INV_LHS = orbit_sum(P3 * W3)                                   # L(g w), g = P
INV_ADJOINT = orbit_sum(W3, h=2)                                # (1/N) sum sum l(sigma<w, g^T g_j x_i>), g^T = P^2
INV_NO_1_OVER_N = orbit_sum(W3, c=sp.Integer(1))                # the notes' middle line: the sum without 1/N
INV_RHS = orbit_sum(W3)                                         # L(w)


def group_closure(groups=None):
    """For each g in the group, g^T g_j runs over the whole group as g_j does (closure plus
    invertibility: g_j -> g^T g_j is a bijection of G, the reindexing theta -> theta'')."""
    groups = groups or {"C3": C3, "C4": cyclic(4), "D3 (shifts and flips)": dihedral(3)}
    for name, group in groups.items():
        keys = {tuple(g) for g in group}
        for g in group:
            if sorted(tuple(g.T * h) for h in group) != sorted(keys):
                return False, {"group": name, "g": sp.sstr(g.tolist())}
    return True, {"groups": ", ".join(groups)}


def invariance_for_any_loss():
    """L(g w) - L(w) = 0 with l and sigma undefined functions and symbolic data (N = 2 base points),
    every g of C3, C4 and D3: the argument uses only the group structure."""
    ell, sig = sp.Function("ell"), sp.Function("sigma")
    for d, groups in ((3, {"C3": cyclic(3), "D3": dihedral(3)}), (4, {"C4": cyclic(4)})):
        w = sp.Matrix(sp.symbols(f"w_1:{d + 1}", real=True))
        xs = [sp.Matrix(sp.symbols(f"x_{i}1:{i}{d + 1}", real=True)) for i in (1, 2)]
        ys = sp.symbols("y_1:3", real=True)
        for name, group in groups.items():
            base = orbit_average(w, xs, ys, group, act=sig, loss=ell)
            for g in group:
                if sp.expand(orbit_average(g * w, xs, ys, group, act=sig, loss=ell) - base) != 0:
                    return False, {"group": name, "g": sp.sstr(g.tolist())}
    return True, "L(g w) = L(w) term by term for undefined l, sigma: groups C3, D3 (R^3) and C4 (R^4)"


def every_shift(d: int) -> tuple[int, ...]:
    """The full orbit: all d cyclic shifts."""
    return tuple(range(d))


def half_the_shifts(d: int) -> tuple[int, ...]:
    """A partial orbit: the first d/2 shifts (not a subgroup)."""
    return tuple(range(d // 2))


PARTIAL = sp.Tuple(0, 1)            # {I, P}: not closed (P^2 is missing)

augmented_loss_invariance = Claim(
    id="augmented-loss-invariance",
    title="Averaging the loss over the group orbit of every sample makes it invariant: L(g w) = L(w)",
    sources=(
        Source(N001, 280, r"\mathcal{L}(w)=\frac{1}{N} \sum_{i=1}^N \int \ell\left(\sigma\left\langle w, g_\theta x_i\right\rangle ; y_i\right) d \theta"),
        Source(N002, 826, r"$$\mathcal{L}(w) = \frac{1}{N} \sum_{i=1}^N \int \ell(\sigma\langle w, g_\theta x_i \rangle; y_i) d\theta$$"),
        Source(N002, 1445, r"$$\mathcal{L}(w) = \frac{1}{N} \sum_{i=1}^N \int \ell(\sigma\langle w, g_\theta x_i \rangle; y_i) d\theta$$"),
        Source(N002, 1447, r"\mathcal{L}(g_{\bar{\theta}} w) &= \frac{1}{N} \sum_{i=1}^N \int \ell(\sigma\langle w, g^* g_\theta x_i \rangle; y_i) d\theta"),
        Source(N001, 290, r"&g_\theta g_{\theta^{\prime}}=g_{\theta^{\prime \prime}}"),
        Source(N002, 830, r"$$g_\theta g_{\theta'} = g_{\theta''}$$"),
        Source(N002, 1503, r"$$\mathcal{L}(w) = \frac{1}{N} \sum_{i=1}^N \int \ell(\sigma\langle w, g_\theta x_i \rangle; y_i) d\theta$$"),
    ),
    assumptions=(
        "a finite group G acting on R^d by orthogonal matrices (here the cyclic shifts of R^3), so the adjoint g* "
        "of the notes is g^T = g^{-1}; the integral over the group is the sum over its elements (counting measure, "
        "as the notes' d theta carries no normalisation)",
        "every sample's full orbit is in the augmented data set (001:276-278)",
        "l(p; y) = (p - y)^2 and sigma(z) = z + z^2/2 in the chain; a computation repeats it for undefined l and sigma",
        "N = 2 base points x_1 = (1, -2, 1/2), x_2 = (3/2, 1, -1) with labels 1/2, -1 in the chain; the computation "
        "takes symbolic data",
    ),
    statement=Equal(INV_LHS, INV_RHS, why="the orbit-averaged loss is invariant under g = P acting on the weights"),
    steps=(
        Equal(INV_LHS, INV_ADJOINT,
              source=Source(N002, 1447, r"\mathcal{L}(g_{\bar{\theta}} w) &= \frac{1}{N} \sum_{i=1}^N \int \ell(\sigma\langle w, g^* g_\theta x_i \rangle; y_i) d\theta"),
              why="<g w, x> = <w, g* x>: move g onto the data as its adjoint g* = g^T"),
        Equal(INV_ADJOINT, INV_NO_1_OVER_N,
              source=Source(N002, 1447, r"&= \sum_{i=1}^N \int \ell(\sigma\langle w, g_\theta x_i \rangle; y_i) d\theta"),
              why="as written: reindex theta'' by g* g_theta = g_theta'' ... and the 1/N is gone (here N = 2)",
              correction=Equal(INV_ADJOINT, INV_RHS,
                               why="reindex: g^T g_j runs over G as g_j does (closure), and the 1/N stays")),
        Computed("for every g in C3, C4 and D3 the map g_j -> g^T g_j is a bijection of the group", group_closure,
                 source=Source(N002, 1452, r"$$g_\theta g_{\theta'} = g_{\theta''}$$"),
                 why="the closure g_theta g_theta' = g_theta'' that the reindexing uses (with inverses: g^T = g^{-1} in G)"),
        Computed("L(g w) = L(w) for undefined l and sigma, every g of C3, D3 (R^3) and C4 (R^4)", invariance_for_any_loss,
                 why="the argument never used the form of the loss or the activation"),
    ),
    forms=(
        Equal(INV_ADJOINT, INV_NO_1_OVER_N,
              source=Source(N001, 287, r"& =\sum_{i=1}^N \int \ell\left(\sigma\left\langle w, g_\theta x_i\right\rangle ; y_i\right) d \theta \\"),
              why="001's copy of the middle line: the 1/N is dropped here too",
              correction=Equal(INV_ADJOINT, INV_RHS, why="keep the 1/N")),
        Equal(INV_ADJOINT, INV_NO_1_OVER_N,
              source=Source(N002, 828, r"&= \sum_{i=1}^N \int \ell(\sigma\langle w, g_\theta x_i \rangle; y_i) d\theta"),
              why="the first copy of the slide (002:828): the 1/N is dropped",
              correction=Equal(INV_ADJOINT, INV_RHS, why="keep the 1/N")),
        Equal(INV_LHS, INV_ADJOINT,
              source=Source(N001, 286, r"\mathcal{L}\left(g_{\bar{\theta}} w\right) & =\frac{1}{N} \sum_{i=1}^N \int \ell\left(\sigma\left\langle w, g^* g_\theta x_i\right\rangle ; y_i\right) d \theta \\"),
              why="001's first line: g moves onto the data as its adjoint"),
    ),
    numeric=Numeric(orbit_average_invariance, {"augmentation": every_shift, "ratio": sp.Integer(1)},
                    "cyclic shifts of R^8, loss averaged over full orbits: |L(g w) - L(w)| within the running float64 "
                    "round-off bound gamma_k (m(g w) + m(w)) for every shift g and 32 random (w, data)"),
    mutants=(
        Mutant("partial-orbit", Equal(orbit_sum(P3 * W3, elements=PARTIAL), orbit_sum(W3, elements=PARTIAL)),
               {"augmentation": half_the_shifts, "ratio": sp.Integer(1)},
               "augmenting with part of the orbit ({I, P} of C3; half the shifts numerically) still gives invariance"),
        Mutant("dropped-1-over-n", Equal(INV_LHS, INV_NO_1_OVER_N), {"augmentation": every_shift, "ratio": N_SYM},
               "the notes' middle line taken at its word: L(g w) = N L(w)"),
    ),
    references=(ANSELMI,),
)


# ---------------------------------------------------------------------------------------------
# 2. The Fourier multiplier of the box average
# ---------------------------------------------------------------------------------------------
k = sp.Symbol("k", positive=True)          # the transform is even in k; k = 0 is the limit 2a
a = sp.Symbol("a", positive=True)
w, t, q = sp.symbols("w t q", real=True)
mu = sp.Symbol("mu", real=True)
s_width = sp.Symbol("s", positive=True)


def gaussian(x):
    """f(x) = e^{-x^2/2}, with f^(k) = sqrt(2 pi) e^{-k^2/2}."""
    return sp.exp(-x**2 / 2)


BOX = sp.Integral(gaussian(w - t), (t, -a, a))                      # f_(w) = int_{-a}^{a} f(w - t) dt
BOX_HAT = FourierTransform(BOX, w, k)
F_HAT = FourierTransform(gaussian(w), w, k)
IND_HAT = FourierTransform(Indicator(t, a), t, k)                   # int e^{ikt} Ind_[-a,a](t) dt
MULTIPLIER = 2 * sp.sin(k * a) / k                                  # = 2a sinc(ka), sinc(x) = sin(x)/x
NOTES_MULTIPLIER = 2 * a * sp.sinc(sp.pi * 2 * k * a)               # 2a sinc(2ka), sinc(x) = sin(pi x)/(pi x) (002:1469)


def multiplier_for_other_profiles():
    """F[f_](k) = (2 sin(ka)/k) F[f](k) for f(x) = e^{-(x - mu)^2 / (2 s^2)}, symbolic mu and s > 0:
    the multiplier does not depend on f."""
    f = lambda x: sp.exp(-(x - mu) ** 2 / (2 * s_width**2))  # noqa: E731
    lhs = FourierTransform(sp.Integral(f(w - t), (t, -a, a)), w, k).doit()
    rhs = sp.expand(MULTIPLIER * FourierTransform(f(w), w, k).doit())
    diff = sp.expand(euler(lhs) - euler(rhs))
    return (diff == 0), ("holds for every shifted, scaled Gaussian" if diff == 0 else {"difference": sp.sstr(diff)})


def sinc_as_written_001():
    """001:307 writes 2a sinc(2ka) without defining sinc: test both conventions, sin(pi x)/(pi x)
    (the slides' 002:1469) and sin(x)/x, against int e^{ikt} Ind_[-a,a](t) dt at k = a = 1."""
    point = {k: 1, a: 1}
    exact = float(IND_HAT.doit().subs(point))
    readings = {"sin(pi x)/(pi x)": 2 * a * sp.sin(2 * sp.pi * k * a) / (2 * sp.pi * k * a),
                "sin(x)/x": 2 * a * sp.sin(2 * k * a) / (2 * k * a)}
    values = {name: float(expr.subs(point)) for name, expr in readings.items()}
    wrong = {name: v for name, v in values.items() if abs(v - exact) > 1e-12}
    if len(wrong) == len(readings):
        return False, {"k": "1", "a": "1", "int e^{ikt} Ind dt = 2 sin(1)": f"{exact:.10g}"} | \
            {f"2a sinc(2ka), sinc(x) = {name}": f"{v:.10g}" for name, v in values.items()}
    return True, f"holds for the reading(s) {sorted(set(readings) - set(wrong))}"


box_average_fourier_multiplier = Claim(
    id="box-average-fourier-multiplier",
    title="Averaging over translations in [-a, a] multiplies the Fourier transform by 2 sin(ka)/k = 2a sinc(ka)",
    sources=(
        Source(N001, 298, r"\underline{\mathrm{f}}(w)=\int_{-\infty}^{\infty} d t f(w-t), \quad f: \mathbb{R} \rightarrow \mathbb{R} ."),
        Source(N001, 303, r"\underline{\mathbf{f}}(w)=\int_{-a}^a d t f(w-t)=\int_{-\infty}^{+\infty} d t \operatorname{Ind}_{[-a, a]}(t) f(w-t) ."),
        Source(N002, 1456, r"$\underline{f}(w + q) = \underline{f}(w)$"),
        Source(N001, 307, r"\hat{\mathrm{f}}(k)=\left(\int_{-\infty}^{\infty} d t e^{i k t} \operatorname{Ind} d_{[-a, a]}(t)\right) \hat{f}(k)=2 a \operatorname{sinc}(2 k a) \hat{f}(k) ."),
        Source(N002, 1463, r"$$\underline{f}(w) = \int_{-a}^a dt f(w - t) = \int_{-\infty}^{+\infty} dt \text{Ind}_{[-a,a]}(t) f(w - t).$$"),
        Source(N002, 1467, r"$$\hat{\underline{f}}(k) = \left( \int_{-\infty}^{\infty} dt e^{ikt} \text{Ind}_{[-a,a]}(t) \right) \hat{f}(k) = 2a \text{sinc}(2ka) \hat{f}(k).$$"),
        Source(N002, 1469, r"$$\frac{\sin(\pi x)}{\pi x}$$"),
    ),
    assumptions=(
        "the notes' transform f^(k) = int e^{ikx} f(x) dx (so f(. - t) has transform e^{ikt} f^(k), 001:305, 002:1465)",
        "f(x) = e^{-x^2/2} in the chain (f^(k) = sqrt(2 pi) e^{-k^2/2}); a computation repeats it for every shifted, "
        "scaled Gaussian",
        "a > 0 and k > 0: the multiplier is even in k and tends to 2a at k = 0",
        "sinc as the slides define it at 002:1469: sinc(x) = sin(pi x)/(pi x); written out with sin below",
    ),
    statement=Equal(BOX_HAT, MULTIPLIER * F_HAT, why="the box average's transform is the multiplier times f^"),
    steps=(
        Equal(BOX_HAT, IND_HAT * F_HAT,
              source=Source(N002, 1467, r"\hat{\underline{f}}(k) = \left( \int_{-\infty}^{\infty} dt e^{ikt} \text{Ind}_{[-a,a]}(t) \right) \hat{f}(k)"),
              why="Fubini (the box is finite), then the shift property: the transform of f(. - t) is e^{ikt} f^(k)"),
        Equal(IND_HAT * F_HAT, NOTES_MULTIPLIER * F_HAT,
              source=Source(N002, 1467, r"= 2a \text{sinc}(2ka) \hat{f}(k)."),
              why="as written, with sinc(x) = sin(pi x)/(pi x) from 002:1469: 2a sinc(2ka) = sin(2 pi k a)/(pi k)",
              correction=Equal(IND_HAT * F_HAT, MULTIPLIER * F_HAT,
                               why="int_{-a}^{a} e^{ikt} dt = (e^{ika} - e^{-ika})/(ik) = 2 sin(ka)/k = 2a sinc(ka) with "
                                   "sinc(x) = sin(x)/x; the slides' value is right for the ordinary-frequency transform "
                                   "int e^{2 pi i k t}, not for the e^{ikt} this line integrates")),
        Computed("the same multiplier for f(x) = e^{-(x - mu)^2/(2 s^2)}, symbolic mu and s > 0", multiplier_for_other_profiles,
                 why="the multiplier comes from the indicator alone: it does not depend on f"),
    ),
    forms=(
        Equal(FourierTransform(gaussian(w - t), w, k), sp.exp(sp.I * k * t) * F_HAT,
              source=Source(N002, 1465, r"$\widehat{f(\cdot - t)} = e^{ikt} \hat{f}(k)$"),
              why="the shift property in the notes' convention"),
        Equal(FourierTransform(gaussian(w - t), w, k), sp.exp(sp.I * k * t) * F_HAT,
              source=Source(N001, 305, r"`$\widehat{f(\cdot-t)}=e^{i k t} \hat{f}(k)$`"),
              why="001's copy of the shift property"),
        Equal(sp.Integral(gaussian(w + q - t), (t, -sp.oo, sp.oo)), sp.Integral(gaussian(w - t), (t, -sp.oo, sp.oo)),
              source=Source(N002, 1458, r"$$\underline{f}(w) = \int_{-\infty}^{\infty} dt f(w - t), \quad f : R \rightarrow R.$$"),
              why="averaging over all translations is invariant, f_(w + q) = f_(w) (002:1456): the integral of f "
                  "over the whole line, whatever w"),
        Computed("001:307: 2a sinc(2ka) = int e^{ikt} Ind_[-a,a](t) dt for one of the conventions sinc(x) = sin(pi x)/(pi x) "
                 "or sin(x)/x", sinc_as_written_001,
                 source=Source(N001, 307, r"=2 a \operatorname{sinc}(2 k a) \hat{f}(k)"),
                 why="001 does not define sinc: neither convention makes the line true",
                 correction=Equal(IND_HAT, MULTIPLIER, why="the multiplier is 2 sin(ka)/k = 2a sinc(ka), sinc(x) = sin(x)/x")),
        Equal(IND_HAT, 2 * a * sp.sin(2 * k * a),
              source=Source(N001, 309, r"`$2a sin(2ka)$`"),
              why="001's restatement of the coefficient: 2a sin(2ka), which does not even decay in k",
              correction=Equal(IND_HAT, MULTIPLIER, why="2 sin(ka)/k: bounded by 2a and decaying like 1/k (the low-pass bias)")),
    ),
    numeric=Numeric(_box_average_transform, {"multiplier": MULTIPLIER},
                    "trapezoid-rule Fourier transform of the box average of a Gaussian (step 1/32 on |w| <= 32), 80 "
                    "wavenumbers in (0, 5], a = 0.5, 1, 2: within the Poisson-summation aliasing + tail + float64 "
                    "round-off bound of 2 sin(ka)/k * sqrt(2 pi) e^{-k^2/2}"),
    mutants=(
        Mutant("normalised-sinc-of-2ka", Equal(BOX_HAT, NOTES_MULTIPLIER * F_HAT), {"multiplier": sp.sin(2 * sp.pi * k * a) / (sp.pi * k)},
               "the slides' 2a sinc(2ka) with their sinc(x) = sin(pi x)/(pi x)"),
        Mutant("sinc-of-2ka", Equal(BOX_HAT, sp.sin(2 * k * a) / k * F_HAT), {"multiplier": sp.sin(2 * k * a) / k},
               "2a sinc(2ka) with sinc(x) = sin(x)/x: the box taken as [-2a, 2a] in frequency but of width 2a"),
        Mutant("half-width-box", Equal(BOX_HAT, sp.sin(k * a) / k * F_HAT), {"multiplier": sp.sin(k * a) / k},
               "a sinc(ka): the box [-a, a] counted once from 0 to a"),
    ),
)


# ---------------------------------------------------------------------------------------------
# 3. The gradient of an invariant loss is orthogonal to the orbit
# ---------------------------------------------------------------------------------------------
cos_t, sin_t = sp.symbols("c s")                    # cos(theta), sin(theta) inside the orbit integral
alpha = sp.Symbol("alpha", real=True)
W4 = sp.Matrix(sp.symbols("w_1:5", real=True))
J2 = sp.Matrix([[0, -1], [1, 0]])
J4 = sp.diag(J2, J2)                                 # d/d alpha U_alpha at alpha = 0


def rotation4(c, s) -> sp.Matrix:
    """U = diag(R, R), R = [[c, -s], [s, c]]: the same rotation in both planes of R^4 (= c I + s J)."""
    r = sp.Matrix([[c, -s], [s, c]])
    return sp.diag(r, r)


U_ALPHA = rotation4(sp.cos(alpha), sp.sin(alpha))
ROT_DATA = [sp.Matrix([1, -2, sp.Rational(1, 2), 3]), sp.Matrix([2, 1, -1, sp.Rational(-3, 2)])]
ROT_LABELS = [sp.Rational(1, 2), -1]


def circle_integral(expr, c=cos_t, s=sin_t):
    """int_0^{2 pi} expr d theta for a polynomial in c = cos(theta), s = sin(theta):
    int c^p s^q = 2 Gamma((p+1)/2) Gamma((q+1)/2) / Gamma((p+q)/2 + 1) for p, q even, 0 otherwise."""
    total = sp.Integer(0)
    for (p, r), coeff in sp.Poly(expr, c, s).terms():
        if p % 2 == 0 and r % 2 == 0:
            total += coeff * 2 * sp.gamma(sp.Rational(p + 1, 2)) * sp.gamma(sp.Rational(r + 1, 2)) / sp.gamma(sp.Rational(p + r + 2, 2))
    return total


@functools.lru_cache(maxsize=4)
def rotation_averaged_loss(n_points: int = 2) -> sp.Expr:
    """L(w) = (1/N) sum_i int_0^{2 pi} (sigma(<w, U_theta x_i>) - y_i)^2 d theta, as a polynomial in w."""
    A, B = sp.symbols("A B")
    per_point = circle_integral(sp.expand((activation(A * cos_t + B * sin_t) - sp.Symbol("y")) ** 2))
    total = sp.Integer(0)
    for x, y in list(zip(ROT_DATA, ROT_LABELS))[:n_points]:
        # <w, U_theta x> = cos(theta) <w, x> + sin(theta) <w, J x>
        total += per_point.subs({A: dot(W4, x), B: dot(W4, J4 * x), sp.Symbol("y"): y})
    return sp.Poly(total / n_points, *W4).as_expr()


L_ROT = rotation_averaged_loss()
GRAD_ROT = sp.Matrix([sp.Poly(L_ROT, *W4).diff(wi).as_expr() for wi in W4])
L_ROT_MOVED = L_ROT.xreplace(dict(zip(W4, U_ALPHA * W4)))          # L(U_alpha w), unexpanded
ORBIT_DERIVATIVE = sp.Subs(sp.Derivative(L_ROT_MOVED, alpha), alpha, 0)
TANGENT = U_ALPHA.diff(alpha).subs(alpha, 0) * W4                  # d/d alpha U_alpha w at alpha = 0 (= J w)

def invariance_for_every_angle():
    """L(U_alpha w) = L(w) for every alpha: each orbit integral is a polynomial in
    r_i = <w, x_i>^2 + <w, J x_i>^2 alone (the circle integral kills every other combination of
    A = <w, x>, B = <w, J x>), and r_i(U_alpha w) = (cos^2 + sin^2) r_i(w) = r_i(w)."""
    A, B, r, y = sp.symbols("A B r y")
    per_point = circle_integral(sp.expand((activation(A * cos_t + B * sin_t) - y) ** 2))
    in_r = sp.expand(per_point.subs(B**2, r - A**2))
    if in_r.has(A) or in_r.has(B):
        return False, {"orbit integral": sp.sstr(per_point), "not a polynomial in A^2 + B^2": sp.sstr(in_r)}
    x = sp.Matrix(sp.symbols("x_1:5", real=True))
    moved = U_ALPHA * W4
    gap = sp.expand(dot(moved, x) ** 2 + dot(moved, J4 * x) ** 2 - dot(W4, x) ** 2 - dot(W4, J4 * x) ** 2)
    gap = sp.expand(gap.subs(sp.sin(alpha) ** 2, 1 - sp.cos(alpha) ** 2))
    if gap != 0:
        return False, {"r(U_alpha w) - r(w)": sp.sstr(gap)}
    return True, f"orbit integral = {sp.sstr(sp.factor(in_r))} with r = <w, x>^2 + <w, J x>^2, and r is rotation invariant"


POINT = {W4[0]: sp.Rational(1, 2), W4[1]: -1, W4[2]: sp.Rational(1, 3), W4[3]: 2}
W_AT_POINT = W4.subs(POINT)
GRAD_AT_POINT = GRAD_ROT.subs(POINT)

invariant_loss_gradient_orthogonal_to_orbit = Claim(
    id="invariant-loss-gradient-orthogonal-to-orbit",
    title="An invariant loss has its gradient orthogonal to the orbit: <grad L(w), d/da U_a w |_{a=0}> = 0",
    sources=(
        Source(N001, 313, r"\mathcal{L}\left(g_\theta w ; X, y\right)=\mathcal{L}(w ; X, y), \quad \theta \in R"),
        Source(N001, 317, r"\frac{d}{d \alpha} \mathcal{L}\left(U_\alpha w\right)=0 \rightarrow\left\langle\nabla_w \mathcal{L}(w), \partial_\alpha U_\alpha w\right\rangle=0"),
        Source(N002, 1477, r"$$\mathcal{L}(U_\alpha w; X, y) = \mathcal{L}(w; X, y), \quad \alpha \in R.$$"),
        Source(N002, 1481, r"$$\frac{d}{d\alpha} \mathcal{L}(U_\alpha w) = 0 \rightarrow \langle \nabla_w \mathcal{L}(w), \partial_\alpha U_\alpha w \rangle = 0,$$"),
        Source(N002, 1487, r"$$\frac{dw}{dt} = \nabla \mathcal{L}(w).$$"),
    ),
    assumptions=(
        "U_alpha = diag(R_alpha, R_alpha), the same rotation in both planes of R^4: a one-parameter group, "
        "U_alpha = cos(alpha) I + sin(alpha) J",
        "L(w) = (1/N) sum_i int_0^{2 pi} (sigma(<w, U_theta x_i>) - y_i)^2 d theta, sigma(z) = z + z^2/2: the loss "
        "averaged over the whole orbit of the data, so L(U_alpha w) = L(w) (as 002:1477)",
        "N = 2 fixed data points with rational entries; w symbolic",
        "the notes' partial_alpha U_alpha w is read at alpha = 0 (U_0 = I), where the chain rule pairs it with grad L(w)",
    ),
    statement=Equal(dot(GRAD_ROT, J4 * W4), 0, why="the gradient has no component along the orbit direction J w"),
    steps=(
        Equal(dot(GRAD_ROT, J4 * W4), dot(GRAD_ROT, TANGENT),
              why="J w = d/d alpha U_alpha w at alpha = 0: the direction of the orbit through w"),
        Equal(dot(GRAD_ROT, TANGENT), ORBIT_DERIVATIVE,
              why="chain rule: d/d alpha L(U_alpha w) = <grad L(U_alpha w), d/d alpha U_alpha w>, and U_0 w = w"),
        Equal(ORBIT_DERIVATIVE, 0,
              source=Source(N002, 1481, r"\frac{d}{d\alpha} \mathcal{L}(U_\alpha w) = 0"),
              why="alpha -> L(U_alpha w) is constant (the invariance below), so its derivative vanishes"),
        Computed("L(U_alpha w) = L(w) for every alpha: L is a polynomial in the rotation invariants <w, x_i>^2 + <w, J x_i>^2",
                 invariance_for_every_angle,
                 source=Source(N002, 1477, r"$$\mathcal{L}(U_\alpha w; X, y) = \mathcal{L}(w; X, y), \quad \alpha \in R.$$"),
                 why="the average over all rotations of the data does not see a rotation of the weights"),
    ),
    forms=(
        Equal(dot(GRAD_ROT, TANGENT), 0,
              source=Source(N002, 1481, r"\langle \nabla_w \mathcal{L}(w), \partial_\alpha U_\alpha w \rangle = 0"),
              why="the notes' conclusion, with partial_alpha U_alpha w at alpha = 0"),
        Equal(dot(GRAD_ROT, TANGENT), 0,
              source=Source(N001, 317, r"\left\langle\nabla_w \mathcal{L}(w), \partial_\alpha U_\alpha w\right\rangle=0"),
              why="001's copy of the conclusion"),
        Equal(dot(GRAD_AT_POINT, GRAD_AT_POINT), -dot(GRAD_AT_POINT, GRAD_AT_POINT),
              source=Source(N002, 1487, r"$$\frac{dw}{dt} = \nabla \mathcal{L}(w).$$"),
              why="gradient descent must lower L: dL/dt = <grad L, dw/dt> should be -|grad L|^2; with dw/dt = +grad L as "
                  "written it is +|grad L|^2 (gradient ascent), at w = (1/2, -1, 1/3, 2)",
              correction=Equal(dot(GRAD_AT_POINT, -GRAD_AT_POINT), -dot(GRAD_AT_POINT, GRAD_AT_POINT),
                               why="the gradient flow is dw/dt = -grad L(w)")),
    ),
    numeric=Numeric(orbit_direction_gradient, {"generator": J4},
                    "rotation-averaged polynomial loss on R^4 (8-point rule, exact): |<grad L(w), J w>| within its "
                    "float64 round-off bound (gradient, dot product, first-order effect of the rounded rotations) at "
                    "every iterate of 12 gradient steps from 8 random starts"),
    mutants=(
        # the mutants claim a vanishing for every w; one point w = (1/2, -1, 1/3, 2) refutes them
        Mutant("radial-direction", Equal(dot(GRAD_AT_POINT, W_AT_POINT), 0), {"generator": sp.eye(4)},
               "the gradient orthogonal to w itself (the radial direction) instead of the orbit's tangent"),
        Mutant("tangent-at-alpha-one", Equal(dot(GRAD_AT_POINT, U_ALPHA.diff(alpha).subs(alpha, 1) * W_AT_POINT), 0),
               {"generator": U_ALPHA.diff(alpha).subs(alpha, 1)},
               "partial_alpha U_alpha w taken at alpha = 1 but paired with grad L(w) at alpha = 0"),
    ),
)


# ---------------------------------------------------------------------------------------------
# 4. The Fourier transform after a linear substitution
# ---------------------------------------------------------------------------------------------
V1, V2 = sp.symbols("w_1 w_2", real=True)
K1, K2 = sp.symbols("k_1 k_2", real=True)
VEC = sp.Matrix([V1, V2])
KVEC = sp.Matrix([K1, K2])
GAUSS_A = sp.Matrix([[1, sp.Rational(1, 2)], [sp.Rational(1, 2), 2]])       # the numerics use the same A
SUBST = [sp.Matrix([[1, sp.Rational(1, 2)], [sp.Rational(-1, 4), sp.Rational(5, 4)]]),
         sp.Matrix([[sp.Rational(1, 2), 1], [1, sp.Rational(3, 8)]]),
         sp.Matrix([[sp.Rational(3, 2), 0], [sp.Rational(3, 4), sp.Rational(5, 8)]])]
G1 = SUBST[0]


def gauss2(v: sp.Matrix):
    """f(W) = exp(-W^T A W / 2)."""
    return sp.exp(-(v.T * GAUSS_A * v)[0, 0] / 2)


def transform_of(expr, kvec=KVEC):
    return FourierTransform(expr, sp.Tuple(V1, V2), sp.Tuple(*kvec))


def substituted(g):
    """The transform of W -> f(g W) at K."""
    return transform_of(gauss2(g * VEC))


def predicted(g, arg=lambda g: g.inv().T, factor=lambda d: 1 / sp.Abs(d)):
    """factor(det g) F(arg(g) K): the claim has arg = g^{-T}, factor = |det g|^{-1}."""
    return factor(g.det()) * transform_of(gauss2(VEC), arg(g) * KVEC)


def gaussian_closed_form(m: sp.Matrix, kvec=KVEC):
    """2 pi det(M)^{-1/2} exp(-K^T M^{-1} K / 2): the transform of exp(-W^T M W / 2) in R^2."""
    return 2 * sp.pi / sp.sqrt(m.det()) * sp.exp(-(kvec.T * m.inv() * kvec)[0, 0] / 2)


def statement_for_every_matrix():
    """The identity for the other two substitutions (one with det g < 0), symbolic K."""
    for g in SUBST[1:]:
        diff = sp.expand(substituted(g).doit() - predicted(g).doit())
        if diff != 0:
            return False, {"g": sp.sstr(g.tolist()), "difference": sp.sstr(diff)[:200]}
    return True, "holds for g = " + "; ".join(sp.sstr(g.tolist()) for g in SUBST[1:])


def change_of_variables_symbolic():
    """The two facts behind the substitution U = g W, for a general symbolic 2x2 g: the Jacobian of
    W -> g W is det g (so dW = |det g|^{-1} dU), and K.(g^{-1} U) = (g^{-T} K).U."""
    g = sp.Matrix(2, 2, sp.symbols("g_11 g_12 g_21 g_22", real=True))
    uvec = sp.Matrix(sp.symbols("u_1 u_2", real=True))
    jac = (g * VEC).jacobian(VEC).det()
    if sp.expand(jac - g.det()) != 0:
        return False, {"Jacobian": sp.sstr(jac)}
    pairing = sp.cancel(dot(KVEC, g.inv() * uvec) - dot(g.inv().T * KVEC, uvec))
    if pairing != 0:
        return False, {"K.(g^-1 U) - (g^-T K).U": sp.sstr(pairing)}
    return True, "Jacobian det g; K.(g^{-1} U) = (g^{-T} K).U for symbolic g"


def one_dimensional_scaling():
    """In one dimension: the transform of f(c x) is F(k/c)/|c| for real c != 0 (f Gaussian)."""
    c = sp.Symbol("c", real=True, nonzero=True)
    x, kk = sp.symbols("x kappa", real=True)
    lhs = FourierTransform(sp.exp(-(c * x) ** 2 / 2), x, kk).doit()
    rhs = FourierTransform(sp.exp(-x**2 / 2), x, kk / c).doit() / sp.Abs(c)
    diff = sp.simplify(lhs - rhs)
    return diff == 0, ("F[f(c x)](k) = F[f](k/c)/|c|" if diff == 0 else {"difference": sp.sstr(diff)})


M1 = G1.T * GAUSS_A * G1
GINV_T_K = G1.inv().T * KVEC


def inverse_transpose(g: np.ndarray) -> np.ndarray:
    """g^{-T}"""
    return np.linalg.inv(g).T


def inverse_only(g: np.ndarray) -> np.ndarray:
    """g^{-1}"""
    return np.linalg.inv(g)


DET_G = sp.Symbol("det_g", real=True)

fourier_linear_substitution = Claim(
    id="fourier-linear-substitution",
    title="The Fourier transform of W -> L(gW) is |det g|^{-1} L^((g^T)^{-1} K) (Anselmi et al.)",
    sources=(Source(N001, 326, r"\hat{\mathcal{L}}(g W)(K)=|\operatorname{det} g|^{-1} \hat{\mathcal{L}}\left(\left(g^T\right)^{-1} K\right)"),),
    assumptions=(
        "g an invertible real 2x2 matrix (three of them: a general one, a symmetric one with det g < 0, a triangular one); "
        "L^(K) = int e^{iK.W} L(W) dW (the sign convention does not matter here)",
        "L(W) = exp(-W^T A W / 2), A = [[1, 1/2], [1/2, 2]]: an anisotropic Gaussian, so that g^{-T} and g^{-1} differ",
        "K = (k_1, k_2) symbolic",
    ),
    statement=Equal(substituted(G1), predicted(G1),
                    source=Source(N001, 326, r"\hat{\mathcal{L}}(g W)(K)=|\operatorname{det} g|^{-1} \hat{\mathcal{L}}\left(\left(g^T\right)^{-1} K\right)"),
                    why="the transform of the substituted function"),
    steps=(
        Equal(substituted(G1), gaussian_closed_form(M1),
              why="f(g W) = exp(-W^T M W / 2) with M = g^T A g; complete the square in w_1, then in w_2"),
        Equal(gaussian_closed_form(M1), 2 * sp.pi / (sp.Abs(G1.det()) * sp.sqrt(GAUSS_A.det()))
              * sp.exp(-(GINV_T_K.T * GAUSS_A.inv() * GINV_T_K)[0, 0] / 2),
              why="det M = det(g)^2 det A and M^{-1} = g^{-1} A^{-1} g^{-T}: K^T M^{-1} K = (g^{-T}K)^T A^{-1} (g^{-T}K)"),
        Equal(2 * sp.pi / (sp.Abs(G1.det()) * sp.sqrt(GAUSS_A.det())) * sp.exp(-(GINV_T_K.T * GAUSS_A.inv() * GINV_T_K)[0, 0] / 2),
              predicted(G1), why="this is |det g|^{-1} times the transform of f at g^{-T} K"),
        Computed("for a symbolic 2x2 g: the Jacobian of W -> g W is det g, and K.(g^{-1} U) = (g^{-T} K).U",
                 change_of_variables_symbolic,
                 why="the general argument: substitute U = g W, dW = |det g|^{-1} dU, and move g^{-1} across the pairing"),
        Computed("the identity for g with det g < 0 and a triangular g as well", statement_for_every_matrix,
                 why="the absolute value of the determinant: the orientation does not matter to an integral"),
        Computed("in one dimension, f(c x) has transform F(k/c)/|c| (c real, nonzero)", one_dimensional_scaling,
                 why="the familiar scaling rule is the case n = 1"),
    ),
    numeric=Numeric(linear_substitution_transform, {"argument": inverse_transpose, "factor": 1 / sp.Abs(DET_G)},
                    "2-D trapezoid transform of f(g W) (step 1/8 on |W| <= 16) for three matrices g, 12 random K each: "
                    "within the aliasing + truncation + float64 round-off bound of |det g|^{-1} F(g^{-T} K)"),
    mutants=(
        Mutant("inverse-not-transposed", Equal(substituted(G1), predicted(G1, arg=lambda g: g.inv())),
               {"argument": inverse_only, "factor": 1 / sp.Abs(DET_G)}, "F(g^{-1} K): the transpose forgotten"),
        Mutant("determinant-not-inverted", Equal(substituted(G1), predicted(G1, factor=lambda d: sp.Abs(d))),
               {"argument": inverse_transpose, "factor": sp.Abs(DET_G)}, "|det g| F(g^{-T} K): the Jacobian on the wrong side"),
        Mutant("no-determinant", Equal(substituted(G1), predicted(G1, factor=lambda d: sp.Integer(1))),
               {"argument": inverse_transpose, "factor": sp.Integer(1)}, "F(g^{-T} K): the Jacobian dropped"),
    ),
    references=(ANSELMI,),
)
