"""Backward error analysis: the modified flow of the Euler method, and the modified losses of
full-batch GD and of random-shuffling SGD.

Notes: 000_f4da46d2683a41e5.txt lines 391-582 (after Sam Smith's lecture and Smith, Dherin,
Barrett and De 2021), the slides 002_89896ee51b349776.txt lines 1127-1246 and
003_102deae4affe1aa8.txt eqs. (2.15)-(2.23).

Setting of the symbolic checks. Every expansion is about a starting point omega_0; x is a generic
point. A loss is a generic quadratic about omega_0, C(x) = g.(x - omega_0) +
1/2 (x - omega_0)^T H (x - omega_0) with symbolic gradient g and symmetric Hessian H there; a
vector field is a generic affine map f(x) = a + A (x - omega_0). Why that is general: every
statement compares expansions through O(eps^2) at omega_0 (or evaluates an identity at omega_0),
and those coefficients are polynomials in the derivatives of order <= 2 of the losses at omega_0
(order <= 1 for a vector field); a generic quadratic (affine map) realises every such jet, so an
identity proved for symbolic g, H (a, A) holds for every smooth loss (field). Parameters are
planar, except for random shuffling (one parameter; the comment there says why that is general).
Flows are solved by the power-series method through O(t^2), the order every comparison needs.
"""
from __future__ import annotations

import itertools

import sympy as sp

from checks import Claim, Computed, Equal, Mutant, Numeric, Reference, Source
from numerics import modified_loss as experiments
from numerics.modified_loss import (B, BATCH_GRAD_SQ_SUM, EPS, GAMMA, GRAD_SQ, LOSS, M, N,
                                    ORDER_BAND)

A000 = "000_f4da46d2683a41e5.txt"
S002 = "002_89896ee51b349776.txt"
D003 = "003_102deae4affe1aa8.txt"

eps = EPS
alpha = sp.Symbol("alpha", positive=True)  # 003's learning rate; also 000's Euler sub-step
_s = sp.Symbol("s", real=True)

SMITH_2021 = Reference("Smith, Dherin, Barrett, De 2021, On the origin of implicit regularization in stochastic gradient descent",
                       "Sections 2-3, eqs. (2)-(7)", "https://arxiv.org/abs/2101.12176")
BARRETT_DHERIN_2021 = Reference("Barrett, Dherin 2021, Implicit gradient regularization", "Theorem 3.1",
                                "https://arxiv.org/abs/2009.11162")
HAIRER_2006 = Reference("Hairer, Lubich, Wanner, Geometric Numerical Integration", "Chapter IX (backward error analysis)")


# --- helpers ---------------------------------------------------------------------------------

def _expanded(x):
    return x.applyfunc(sp.expand) if isinstance(x, sp.MatrixBase) else sp.expand(x)


def equal(lhs, rhs, **kw) -> Equal:
    """An Equal whose sides are expanded when it holds up to an order: the difference of two
    expanded polynomials collects itself, which keeps SymPy's series cheap. Exact relations keep
    the structure they were written with."""
    if kw.get("up_to") is not None:
        lhs, rhs = _expanded(lhs), _expanded(rhs)
    return Equal(lhs, rhs, **kw)


class Space:
    """Parameter space R^dim: a generic point x, the starting point omega_0, and the calculus
    (gradient, Jacobian, evaluation, flows) the claims use."""

    def __init__(self, dim: int):
        self.dim = dim
        names = ["1", "2"] if dim == 2 else [""]
        self.x = sp.Matrix(sp.symbols([f"x{k}" for k in names], real=True))
        self.w0 = sp.Matrix(sp.symbols([f"omega{k}" for k in names], real=True))
        self._d = sp.symbols([f"d{k}" for k in names], real=True)  # displacement from omega_0
        self._names = names

    def vec(self, name: str) -> sp.Matrix:
        return sp.Matrix(sp.symbols([f"{name}{k}" for k in self._names], real=True))

    def grad(self, expr) -> sp.Matrix:
        """Gradient with respect to the generic point x."""
        return sp.Matrix([sp.expand(sp.diff(expr, v)) for v in self.x])

    def jac(self, field: sp.Matrix) -> sp.Matrix:
        """The Jacobian (the notes' nabla f) of a vector field in x."""
        return field.jacobian(self.x)

    def at(self, expr, point):
        """Evaluate a function of x at a point."""
        return expr.subs(dict(zip(self.x, point)), simultaneous=True)

    def quadratic(self, g: str, h: str):
        """A generic quadratic loss about omega_0 with gradient g and Hessian h there."""
        gv = self.vec(g)
        if self.dim == 2:
            h11, h12, h22 = sp.symbols(f"{h}11 {h}12 {h}22", real=True)
            H = sp.Matrix([[h11, h12], [h12, h22]])
        else:
            H = sp.Matrix([[sp.Symbol(h, real=True)]])
        d = self.x - self.w0
        return sp.expand((gv.T * d)[0, 0] + sp.Rational(1, 2) * (d.T * H * d)[0, 0]), gv, H

    def affine(self, a: str, A: str) -> sp.Matrix:
        """A generic affine vector field about omega_0: value a there, Jacobian A."""
        k = self.dim
        Am = sp.Matrix(k, k, sp.symbols([f"{A}{i}{j}" for i in self._names for j in self._names], real=True))
        return self.vec(a) + Am * (self.x - self.w0)

    def flow(self, field: sp.Matrix, t, order: int = 2, start=None) -> sp.Matrix:
        """The solution of omega' = field(omega), omega(0) = omega_0 (or ``start``), at time t, as
        its Taylor polynomial of degree ``order`` in t, by the power-series method:
        omega(s) = omega_0 + sum_k c_k s^k with (k+1) c_(k+1) = [s^k] field(omega_0 + sum_(j<=k) c_j s^j),
        then without its terms of order eps^3 and higher: it is exact up to O(eps^3) (or O(t^3)),
        the order of every comparison here."""
        w0 = self.w0 if start is None else sp.Matrix(start)
        shift = dict(zip(self.x, w0 + sp.Matrix(self._d)))
        field_d = field.subs(shift, simultaneous=True).applyfunc(sp.expand)
        coeffs = []
        for k in range(order):
            path = sum((c * _s ** (i + 1) for i, c in enumerate(coeffs)), sp.zeros(self.dim, 1))
            composed = field_d.subs(dict(zip(self._d, path)), simultaneous=True)
            coeffs.append(composed.applyfunc(lambda e: sp.expand(e).coeff(_s, k)) / (k + 1))
        result = w0 + sum((c * t ** (i + 1) for i, c in enumerate(coeffs)), sp.zeros(self.dim, 1))
        # t is eps or m eps here and the field may depend on eps: the powers eps^3 and higher are
        # beyond every comparison (all up to O(eps^3)); dropping them keeps the expressions short
        return result.applyfunc(lambda e: sum(sp.expand(e).coeff(eps, k) * eps**k for k in range(3)))


def sq(v: sp.Matrix):
    return (v.T * v)[0, 0]


PLANE = Space(2)
X, W0 = PLANE.x, PLANE.w0
grad, jac, at, flow, vec, quadratic, affine = (PLANE.grad, PLANE.jac, PLANE.at, PLANE.flow, PLANE.vec,
                                               PLANE.quadratic, PLANE.affine)


def O3(var=eps):
    return sp.O(var**3)


# --- 1. The modified flow of the Euler method -----------------------------------------------

F1_COEFF = sp.Rational(-1, 2)  # f1 = -1/2 (grad f) f, 000:444

f_field = affine("a", "A")


def euler_corrected_field(c):
    """f + eps f1 with f1 = c (grad f) f."""
    return f_field + eps * c * jac(f_field) * f_field


f1_field = F1_COEFF * jac(f_field) * f_field
modified_field = euler_corrected_field(F1_COEFF)
euler_step = W0 + eps * at(f_field, W0)
f_at, Jf_at = at(f_field, W0), jac(f_field)
taylor_of_flow = W0 + eps * at(modified_field, W0) + eps**2 / 2 * at(jac(modified_field) * modified_field, W0)
collected = W0 + eps * f_at + eps**2 * (at(f1_field, W0) + sp.Rational(1, 2) * Jf_at * f_at)

# n Euler sub-steps of size alpha on a field phi (000:427-429), checked by induction on n: if
# the expansion holds after j sub-steps, one more sub-step gives it for j + 1 (it holds for 0).
j = sp.Symbol("j", integer=True, nonnegative=True)
phi = affine("b", "P")


def n_euler_steps(k):
    """000:429 after k sub-steps: omega_t + k alpha phi + (k/2)(k-1) alpha^2 (grad phi) phi."""
    return W0 + k * alpha * at(phi, W0) + k * (k - 1) / 2 * alpha**2 * at(jac(phi) * phi, W0)


# the n -> oo limit with alpha = eps/n (000:432), componentwise on symbols w, F, G standing for
# omega_t, f~(omega_t) and (grad f~) f~(omega_t)
n = sp.Symbol("n", positive=True, integer=True)
w_, F_, G_ = sp.symbols("w F G", real=True)

# f1 matched at omega_0: only its value there enters at O(eps^2), so it may be a constant field
v_unknown = vec("v")
_gap = (flow(f_field + eps * v_unknown, eps) - euler_step).applyfunc(lambda e: sp.expand(e).coeff(eps, 2))
f1_solved = sp.Matrix([sp.solve(list(_gap), list(v_unknown), dict=True)[0][v] for v in v_unknown])

u_field = affine("u", "U")  # a generic first correction, to check 000:436 for every f1

euler_modified_flow = Claim(
    id="euler-modified-flow-first-correction",
    title="Backward error analysis: one Euler step follows the modified flow f + eps f1, f1 = -1/2 (grad f) f, to O(eps^3)",
    sources=(
        Source(A000, 419, r"\tilde{f}(\omega)=f(\omega)+\epsilon f_1(\omega)+\epsilon^2 f_2(\omega)+\ldots"),
        Source(A000, 444, r"f_{1}(\omega(t)) = - \frac{1}{2} \nabla f(\omega(t)) f(\omega(t))"),
        Source(S002, 1185, r"\dot{\omega} = f_{\text{mod}}(\omega) = f(\omega) + \epsilon f_1(\omega) + \epsilon^2 f_2(\omega) + \dots"),
        Source(D003, 1019, r"\frac{\partial \theta}{\partial t} \approx g(\theta) + \alpha g_1(\theta) + \mathcal{O}(\alpha^2) \quad (2.16)"),
        Source(D003, 1037, r"\frac{\partial \theta}{\partial t} \approx g(\theta) - \frac{\alpha}{2} \frac{\partial g}{\partial \theta} g(\theta) \quad (2.20)"),
    ),
    assumptions=(
        "f smooth; checked on a generic affine field f(x) = a + A (x - omega_0) in the plane (the O(eps^2) terms involve only f and grad f at omega_0)",
        "the modified flow is started at the Euler step's starting point omega_0 and run for time eps",
    ),
    statement=equal(flow(modified_field, eps), euler_step, up_to=O3(),
                    why="the flow of f + eps f1 over time eps lands on the Euler step omega_0 + eps f(omega_0) up to O(eps^3)"),
    steps=(
        equal(flow(modified_field, eps), taylor_of_flow, up_to=O3(),
              why="Taylor expansion of the flow: omega' = f~ and omega'' = (grad f~) omega' = (grad f~) f~ (the n -> oo limit of n Euler sub-steps)",
              source=Source(A000, 435, r"\omega(t+\epsilon) &=\omega(t)+\epsilon \tilde{f}(\omega(t))+\left(\epsilon^2 / 2 \right) \nabla \tilde{f}(\omega(t)) \tilde{f}(\omega(t))+O(\epsilon^3)")),
        equal(taylor_of_flow, collected, up_to=O3(),
              why="insert f~ = f + eps f1 and collect powers of eps; with f1 = -1/2 (grad f) f the eps^2 bracket is zero",
              source=Source(A000, 436, r"\epsilon^2(\underbrace{.f_1(\omega(t))+(1 / 2) \nabla f(\omega(t)) f(\omega(t))})")),
        equal(collected, euler_step, why="the eps^2 bracket f1 + 1/2 (grad f) f vanishes for f1 = -1/2 (grad f) f (000:444)"),
    ),
    forms=(
        equal(n_euler_steps(j) + alpha * at(phi, n_euler_steps(j)), n_euler_steps(j + 1), up_to=O3(alpha),
              why="n Euler sub-steps of size alpha on f~ (000:427), by induction on n: one more sub-step from the n-step expansion gives the (n+1)-step one",
              source=Source(A000, 429, r"=\omega_t+n \alpha \tilde{f}\left(\omega_t\right)+(n / 2)(n-1) \alpha^2 \nabla \tilde{f}\left(\omega_t\right) \tilde{f}\left(\omega_t\right)+O\left(n^3 \alpha^3\right)")),
        equal(sp.Limit((w_ + n * alpha * F_ + n * (n - 1) / 2 * alpha**2 * G_).subs(alpha, eps / n), n, sp.oo),
              w_ + eps * F_ + eps**2 / 2 * G_,
              why="n -> oo with alpha = eps/n: n alpha = eps and n(n-1)/2 alpha^2 -> eps^2/2, the Taylor expansion of the flow (000:435)",
              source=Source(A000, 432, r"\alpha=\epsilon / n")),
        equal(flow(f_field + eps * u_field, eps), W0 + eps * f_at + eps**2 * (at(u_field, W0) + sp.Rational(1, 2) * Jf_at * f_at),
              up_to=O3(), why="the flow of f + eps f1 for any first correction f1: Euler step plus eps^2 (f1 + 1/2 (grad f) f)",
              source=Source(A000, 436, r"\epsilon^2(\underbrace{.f_1(\omega(t))+(1 / 2) \nabla f(\omega(t)) f(\omega(t))})")),
        equal(flow(f_field + eps * u_field, eps).subs(eps, alpha),
              W0 + alpha * f_at + alpha**2 * (at(u_field, W0) + sp.Rational(1, 2) * Jf_at * f_at), up_to=O3(alpha),
              why="003's (2.18) in its notation: theta(t + alpha) with theta' = g + alpha g1",
              source=Source(D003, 1027, r"&\approx \theta(t) + \alpha g(\theta) + \alpha^2 \left(g_1(\theta) + \frac{1}{2} \frac{\partial g}{\partial \theta} g(\theta) \right) + \mathcal{O}(\alpha^3)")),
        equal(flow(f_field, eps), W0 + eps * f_at + eps**2 / 2 * at(jac(f_field) * f_field, W0), up_to=O3(),
              why="the slides' Taylor series of the next point of the flow omega' = f, with omega'' = (grad f) f",
              source=Source(S002, 1193, r"\omega_{i+1} = \omega_i + \epsilon \dot{\omega}_i + \frac{\epsilon^2}{2} \ddot{\omega}_i + \mathcal{O}(\epsilon^3)")),
        equal(f1_solved, at(f1_field, W0),
              why="setting the eps^2 term of flow minus Euler step to zero and solving for f1(omega_0)",
              source=Source(A000, 444, r"f_{1}(\omega(t)) = - \frac{1}{2} \nabla f(\omega(t)) f(\omega(t))")),
        equal(f1_solved, at(f1_field, W0), why="the same, as the slides write it",
              source=Source(S002, 1207, r"f_1(\omega) = -\frac{1}{2} \nabla f(\omega) f(\omega)")),
        equal(f1_solved, at(f1_field, W0), why="the same, as 003 writes it (2.19)",
              source=Source(D003, 1033, r"g_1(\theta) = -\frac{1}{2} \frac{\partial g}{\partial \theta} g(\theta) \quad (2.19)")),
    ),
    numeric=Numeric(
        experiments.euler_step_local_order, {"f1_coefficient": F1_COEFF},
        f"log-log slope of the RMS ||Euler step - flow of f + eps f1|| against eps is 3 +- {ORDER_BAND}, that of the "
        f"uncorrected flow (f1 = 0) 2 +- {ORDER_BAND} (scale small: 8 "
        "learning rates in [0.004, 0.064], a planar non-gradient f, 16 random starts, RK4 with 32 steps)"),
    mutants=(
        Mutant("plus-half", equal(flow(euler_corrected_field(sp.Rational(1, 2)), eps), euler_step, up_to=O3()),
               {"f1_coefficient": sp.Rational(1, 2)}, "wrong sign: f1 = +1/2 (grad f) f"),
        Mutant("quarter", equal(flow(euler_corrected_field(sp.Rational(-1, 4)), eps), euler_step, up_to=O3()),
               {"f1_coefficient": sp.Rational(-1, 4)}, "wrong factor: f1 = -1/4 (grad f) f"),
        Mutant("no-correction", equal(flow(f_field, eps), euler_step, up_to=O3()),
               {"f1_coefficient": 0}, "the Euler step follows the original flow to O(eps^3)"),
    ),
    references=(HAIRER_2006, BARRETT_DHERIN_2021, SMITH_2021),
)


# --- 2. The modified loss of full-batch gradient descent ------------------------------------

GD_REG = sp.Rational(1, 4)


def gd_modified_loss(loss, grad_sq, lr, coeff=GD_REG):
    """C~_GD = C + (eps/4) ||grad C||^2 (000:470), with the regulariser's coefficient explicit."""
    return loss + coeff * lr * grad_sq


C_gd, g, H = quadratic("g", "h")
gradC = grad(C_gd)
normsq_grad = sq(gradC)  # ||grad C||^2 as a function of x
C_tilde_gd = gd_modified_loss(C_gd, normsq_grad, eps)
gd_step = W0 - eps * g  # 000:399, grad C(omega_0) = g
F_gd = -grad(C_tilde_gd)
grad_normsq_at = at(grad(normsq_grad), W0)  # grad ||grad C||^2 at omega_0


def gd_flow_mutant(coeff):
    return equal(flow(-grad(gd_modified_loss(C_gd, normsq_grad, eps, coeff)), eps), gd_step, up_to=O3())


f_gd = -gradC  # the field GD integrates
f1_gd = -sp.Rational(1, 2) * jac(f_gd) * f_gd

gd_modified = Claim(
    id="gd-modified-loss",
    title="Gradient descent follows the gradient flow of C + (eps/4) ||grad C||^2 to O(eps^3) per step",
    sources=(
        Source(A000, 399, r"\omega_{i+1}=\omega_i-\epsilon \nabla C\left(\omega_i\right)"),
        Source(A000, 470, r"\widetilde{C}_{G D}(\omega)=\underbrace{C(\omega)}_{\text{Original Loss}}+\underbrace{(\epsilon / 4)\|\nabla C(\omega)\|^2}_{Regularization}"),
        Source(S002, 1163, r"\tilde{C}_{GD}(\omega) = C(\omega) + \frac{\epsilon}{4} \|\nabla C(\omega)\|^2"),
        Source(S002, 1225, r"C_{\text{mod}}(\omega) = C(\omega) + \frac{\epsilon}{4}||\nabla C(\omega)||^2"),
        Source(S002, 1242, r"\tilde{C}_{GD}(\omega) &= C(\omega) + (\epsilon/4)||\nabla C(\omega)||^2"),
        Source(D003, 1045, r"L_{GD}(\theta) = L(\theta) + \frac{\alpha}{4} \left\| \frac{\partial L(\theta)}{\partial \theta} \right\|^2 \quad (2.22)"),
    ),
    assumptions=(
        "C smooth; checked on a generic quadratic about omega_0 (gradient g, Hessian H): the O(eps^2) terms involve only g and H",
        "one GD step omega_0 - eps grad C(omega_0) (000:399) against the flow of -grad C~_GD from omega_0 for time eps",
    ),
    statement=equal(flow(F_gd, eps), gd_step, up_to=O3(),
                    why="the gradient flow of C~_GD over time eps lands on the GD step up to O(eps^3)"),
    steps=(
        equal(flow(F_gd, eps), W0 + eps * at(F_gd, W0) + eps**2 / 2 * at(jac(F_gd) * F_gd, W0), up_to=O3(),
              why="Taylor expansion of the flow (000:435) with f~ = -grad C~_GD"),
        equal(W0 + eps * at(F_gd, W0) + eps**2 / 2 * at(jac(F_gd) * F_gd, W0),
              W0 - eps * g - eps**2 / 4 * grad_normsq_at + eps**2 / 2 * H * g, up_to=O3(),
              why="grad C~_GD = grad C + (eps/4) grad ||grad C||^2, and (grad f~) f~ = H grad C + O(eps)"),
        equal(W0 - eps * g - eps**2 / 4 * grad_normsq_at + eps**2 / 2 * H * g, gd_step,
              why="(1/4) grad ||grad C||^2 = (1/2) H grad C (000:461): the eps^2 terms cancel"),
    ),
    forms=(
        equal((gd_step - W0) / eps, at(gradC, W0),
              why="the field f that GD integrates: GD (000:399) is the Euler step omega + eps f, so f = (omega_(i+1) - omega_i)/eps",
              source=Source(A000, 456, r"f(\omega) = \nabla C(\omega)"),
              correction=equal((gd_step - W0) / eps, -at(gradC, W0), why="f = -grad C (as 002:1213 and 000:401 say)")),
        equal(at(f1_gd, W0), -sp.Rational(1, 2) * H * g,
              why="f1 = -1/2 (grad f) f with f = -grad C, grad f = -H: f1 = -1/2 H grad C",
              source=Source(A000, 460, r"f_1(\omega(t)) & =-(1 / 2) \nabla \nabla C(\omega) \nabla C(\omega)")),
        equal(-sp.Rational(1, 2) * H * g, -sp.Rational(1, 4) * grad_normsq_at,
              why="grad ||grad C||^2 = 2 H grad C",
              source=Source(A000, 461, r"& =-(1 / 4) \nabla\left(\|\nabla C(\omega)\|^2\right)")),
        equal(at(f_gd + eps * f1_gd, W0), at(F_gd, W0), up_to=sp.O(eps**2),
              why="the modified flow f + eps f1 is the gradient flow of C~_GD",
              source=Source(A000, 469, r"\dot{\omega}=-\nabla \widetilde{C}_{G D}(\omega)+O\left(\epsilon^2\right)")),
        equal(at(gradC, W0 + eps / 2 * g), g + eps / 2 * H * g, up_to=sp.O(eps**2),
              why="Taylor expansion of the gradient half a step away",
              source=Source(A000, 477, r"\nabla C(\omega+(\epsilon / 2) \nabla C) & \approx \nabla C+(\epsilon / 2) \nabla \nabla C \nabla C")),
        equal(g + eps / 2 * H * g, g + eps / 4 * grad_normsq_at, why="grad ||grad C||^2 = 2 H grad C",
              source=Source(A000, 478, r"& =\nabla C+(\epsilon / 4) \nabla\left(\|\nabla C\|^2\right)")),
        equal(at(gradC, W0 + eps / 2 * g), g + eps / 4 * grad_normsq_at, up_to=sp.O(eps**2),
              why="the slides' intuition, both lines at once",
              source=Source(S002, 1231, r"\nabla C(\omega + (\epsilon/2)\nabla C) &\approx \nabla C + (\epsilon/2)\nabla \nabla C \nabla C \\ &= \nabla C + (\epsilon/4)\nabla (||\nabla C||^2)")),
        equal(at(grad(C_tilde_gd), W0 - eps / 2 * g), g, up_to=sp.O(eps**2),
              why="half a step stale: the gradient GD uses at omega_0 is the modified loss's gradient at the midpoint of the step",
              source=Source(S002, 1234, "is half a step stale")),
        equal(at(f1_gd, W0), -sp.Rational(1, 2) * H * g, why="the slides' f1 for f = -grad C",
              source=Source(S002, 1217, r"f_1(\omega) = -\frac{1}{2}\nabla\nabla C(\omega)\nabla C(\omega)")),
        equal(at(f_gd + eps * f1_gd, W0), -g - eps / 4 * grad_normsq_at, why="the slides' corrected flow",
              source=Source(S002, 1221, r"\dot{\omega} = -\nabla C(\omega) - \frac{\epsilon}{4}\nabla||\nabla C(\omega)||^2")),
        equal(at(f_gd - alpha / 2 * jac(f_gd) * f_gd, W0), -g - alpha / 2 * H * g,
              why="(2.20) with g = -dL/dtheta: (dg/dtheta) g = H dL/dtheta",
              source=Source(D003, 1041, r"\frac{\partial \theta}{\partial t} \approx -\frac{\partial L(\theta)}{\partial \theta} - \frac{\alpha}{2} \frac{\partial^2 L(\theta)}{\partial \theta^2} \frac{\partial L(\theta)}{\partial \theta} \quad (2.21)")),
        equal(-at(grad(gd_modified_loss(C_gd, normsq_grad, alpha)), W0), -g - alpha / 2 * H * g,
              why="undoing the derivative: -grad L_GD is the right side of (2.21)",
              source=Source(D003, 1045, r"L_{GD}(\theta) = L(\theta) + \frac{\alpha}{4} \left\| \frac{\partial L(\theta)}{\partial \theta} \right\|^2 \quad (2.22)")),
    ),
    numeric=Numeric(
        experiments.gd_step_local_order, {"modified_loss": gd_modified_loss(LOSS, GRAD_SQ, EPS)},
        f"log-log slope of the RMS ||GD step - gradient flow of C~|| against eps is 3 +- {ORDER_BAND}, that of the "
        f"gradient flow of C itself 2 +- {ORDER_BAND} (scale small: 8 "
        "learning rates in [0.004, 0.064], tanh regression on 8 points, 16 random starts, RK4 with 32 steps)"),
    mutants=(
        Mutant("eps-over-2", gd_flow_mutant(sp.Rational(1, 2)), {"modified_loss": gd_modified_loss(LOSS, GRAD_SQ, EPS, sp.Rational(1, 2))},
               "factor 2 instead of 4: C + (eps/2) ||grad C||^2"),
        Mutant("minus-sign", gd_flow_mutant(-GD_REG), {"modified_loss": gd_modified_loss(LOSS, GRAD_SQ, EPS, -GD_REG)},
               "wrong sign: C - (eps/4) ||grad C||^2"),
        Mutant("original-loss", gd_flow_mutant(0), {"modified_loss": LOSS},
               "GD follows the gradient flow of C itself to O(eps^3)"),
    ),
    references=(BARRETT_DHERIN_2021, SMITH_2021),
)


# --- 3. Random shuffling: the modified loss of SGD ------------------------------------------
# One parameter suffices here, and keeps SymPy fast: every O(eps^2) term of the mean iterate and
# of the modified flow is a product H_j g_k of a minibatch Hessian and a minibatch gradient at
# omega_0 (the flow's H grad C = (1/m^2) sum_(j,k) H_j g_k, and grad ||grad C_hat_k||^2 =
# 2 H_k g_k), so their difference is sum_(j,k) c_jk H_j g_k with numbers c_jk that do not depend
# on the dimension. With scalar symbols h_j, g_k the monomials h_j g_k are independent, so the
# identity in one dimension forces every c_jk = 0, hence the identity for matrices and vectors.
# The non-commuting forms of 000:533-534 below check the matrix algebra directly.

SGD_REG = sp.Rational(1, 4)
m3 = 3  # minibatches in the symbolic check; the experiment uses 4 (and 5 at scale large)
LINE = Space(1)
W1 = LINE.w0


def sgd_modified_loss(loss, batch_grad_sq_sum, lr, batches, coeff=SGD_REG, power=1):
    """C~_SGD = C + eps/(4m) sum_k ||grad C_hat_k||^2 (000:557), constants explicit."""
    return loss + coeff * lr / batches**power * batch_grad_sq_sum


batch_losses = [LINE.quadratic(f"g{k}", f"h{k}") for k in range(m3)]
C_hat = [c for c, _, _ in batch_losses]
g_hat = [gk for _, gk, _ in batch_losses]
H_hat = [Hk for _, _, Hk in batch_losses]
C_sgd = sum(C_hat) / m3  # 000:502
g_sgd = sum(g_hat, sp.zeros(1, 1)) / m3
H_sgd = sum(H_hat, sp.zeros(1, 1)) / m3
batch_normsq_sum = sum(sq(LINE.grad(c)) for c in C_hat)
C_tilde_sgd = sgd_modified_loss(C_sgd, batch_normsq_sum, eps, m3)
F_sgd = -LINE.grad(C_tilde_sgd)


def sgd_epoch(order):
    """One epoch of SGD, omega_(i+1) = omega_i - eps grad C_hat_(order[i])(omega_i), exactly."""
    w = W1
    for k in order:
        w = w - eps * LINE.at(LINE.grad(C_hat[k]), w)
    return w.applyfunc(sp.expand)


orders = list(itertools.permutations(range(m3)))
mean_iterate = sum((sgd_epoch(o) for o in orders), sp.zeros(1, 1)) / len(orders)


def xi(order):
    """xi = sum_j sum_(k<j) H_(order j) g_(order k) (000:528) for one order of the minibatches."""
    return sum((H_hat[order[p]] * g_hat[order[q]] for p in range(m3) for q in range(p)), sp.zeros(1, 1))


mean_xi = sum((xi(o) for o in orders), sp.zeros(1, 1)) / len(orders)
pairs_sum = sum((H_hat[a] * g_hat[b] for a in range(m3) for b in range(m3) if a != b), sp.zeros(1, 1))
diag_sum = sum((H_hat[a] * g_hat[a] for a in range(m3)), sp.zeros(1, 1))
grad_full_normsq_at = LINE.at(LINE.grad(sq(LINE.grad(C_sgd))), W1)
grad_batch_normsq_at = LINE.at(LINE.grad(batch_normsq_sum), W1)
f1_sgd = -grad_batch_normsq_at / (4 * m3)
drift = W1 - m3 * eps * g_sgd


def _noncommuting(mm):
    return sp.symbols(f"H0:{mm}", commutative=False), sp.symbols(f"g0:{mm}", commutative=False)


def _mean_over_orders_matches(ms=(2, 3, 4, 5)):
    """000:533 for several m, with non-commuting symbols H_j (Hessians) and g_k (gradients)."""
    for mm in ms:
        Hs, gs = _noncommuting(mm)
        perms = list(itertools.permutations(range(mm)))
        mean = sp.Add(*[Hs[o[p]] * gs[o[q]] for o in perms for p in range(mm) for q in range(p)]) / len(perms)
        half = sp.Rational(1, 2) * sp.Add(*[Hs[a] * gs[b] for a in range(mm) for b in range(mm) if a != b])
        if sp.expand(mean - half) != 0:
            return False, {"m": mm, "difference": str(sp.expand(mean - half))}
    return True, f"exact for m = {', '.join(map(str, ms))} with non-commuting H_j, g_k"


def _pairs_regrouped(ms=(2, 3, 4, 5)):
    """000:534 for several m, non-commuting: 1/2 sum_(j != k) H_j g_k = m^2/2 H g - 1/2 sum H_j g_j
    with H = (1/m) sum H_j and g = (1/m) sum g_k the full-batch Hessian and gradient."""
    for mm in ms:
        Hs, gs = _noncommuting(mm)
        half = sp.Rational(1, 2) * sp.Add(*[Hs[a] * gs[b] for a in range(mm) for b in range(mm) if a != b])
        Hbar, gbar = sp.Add(*Hs) / mm, sp.Add(*gs) / mm
        rhs = sp.Rational(mm**2, 2) * Hbar * gbar - sp.Rational(1, 2) * sp.Add(*[Hs[a] * gs[a] for a in range(mm)])
        if sp.expand(half - rhs) != 0:
            return False, {"m": mm, "difference": str(sp.expand(half - rhs))}
    return True, f"exact for m = {', '.join(map(str, ms))} with non-commuting H_j, g_k"


# 000:549 for symbolic m: a generic quadratic C and a generic first correction f1
C_gen, g_gen, _ = LINE.quadratic("p", "q")
u_gen = LINE.affine("u", "U")
flow_m = LINE.flow(-LINE.grad(C_gen) + eps * u_gen, M * eps)
grad_gen_normsq_at = LINE.at(LINE.grad(sq(LINE.grad(C_gen))), W1)

# 000:552-557, "solve for f1": the eps^2 terms of the mean iterate (000:542) and of the flow
# (000:549 corrected), with symbols for the vectors grad C, grad ||grad C||^2 and
# grad sum_j ||grad C_hat_j||^2 at omega_0 (planar, to keep them vectors); m symbolic.
gC_s, R_s, S_s, v_s = vec("gradC"), vec("gradnormsq"), vec("gradbatchsum"), vec("v")
_eq = M**2 / 4 * (R_s - S_s / M**2) - (M * v_s + M**2 / 4 * R_s)
f1_sgd_solved = sp.Matrix([sp.solve(list(_eq), list(v_s), dict=True)[0][v] for v in v_s])

# 003 (2.23) writes B for the number of minibatches (m here) and L_b for their losses
eq_223 = C_sgd + eps / 4 * sq(LINE.grad(C_sgd)) + eps / (4 * m3) * sum(sq(LINE.grad(c) - LINE.grad(C_sgd)) for c in C_hat)

# 000:490-502 with N = 6 examples in m = 3 minibatches of B = 2
_ex = sp.symbols("c1:7", real=True)
_batch_means = [sum(_ex[jj - 1] for jj in range(i * 2 + 1, (i + 1) * 2 + 1)) / 2 for i in range(3)]


def sgd_flow_mutant(coeff=SGD_REG, power=1, full_batch=False):
    loss = (gd_modified_loss(C_sgd, sq(LINE.grad(C_sgd)), eps) if full_batch
            else sgd_modified_loss(C_sgd, batch_normsq_sum, eps, m3, coeff, power))
    return equal(mean_iterate, LINE.flow(-LINE.grad(loss), m3 * eps), up_to=O3())


sgd_modified = Claim(
    id="sgd-random-shuffling-modified-loss",
    title="Random-shuffling SGD: the mean iterate over minibatch orders follows the flow of C + eps/(4m) sum_k ||grad C_hat_k||^2",
    sources=(
        Source(A000, 509, r"\mathbb{E}\left(\omega_m\right) & =\omega(m \epsilon)+O\left(m^3 \epsilon^3\right)"),
        Source(A000, 515, r"\widetilde{C}_{S G D}(\omega)=C(\omega)+\frac{\epsilon}{4 m} \sum_{k=0}^{m-1}\left\|\nabla \hat{C}_k(\omega)\right\|^2"),
        Source(A000, 555, r"\mathbb{E}\left(\omega_m\right)=\omega(m \epsilon)+O\left(m^3 \epsilon^3\right)"),
        Source(D003, 1051, r"\tilde{L}_{SGD}(\theta) = L(\theta) + \frac{\alpha}{4} \left\| \frac{\partial L}{\partial \theta} \right\|^2 + \frac{\alpha}{4B} \sum_{b=1}^B"),
    ),
    assumptions=(
        "fixed minibatches C_hat_k, visited once per epoch in a uniformly random order; the expectation is over the order only (000:517)",
        "the symbolic check has m = 3 minibatches, each a generic quadratic about omega_0 in one parameter (the O(eps^2) terms are bilinear in the minibatch Hessians and gradients there, which makes one dimension general)",
        "the mean iterate after one epoch against the flow of -grad C~_SGD from omega_0 for time m eps",
    ),
    statement=equal(mean_iterate, LINE.flow(F_sgd, m3 * eps), up_to=O3(),
                    why="the mean over all m! orders of one epoch lands on the modified flow at time m eps up to O(eps^3)"),
    steps=(
        equal(mean_iterate, drift + eps**2 * mean_xi, up_to=O3(),
              why="average the expansion of one epoch (000:524-525) over the orders; its O(eps) term is the same for every order"),
        equal(drift + eps**2 * mean_xi, drift + eps**2 * pairs_sum / 2,
              why="over a uniform order every ordered pair of distinct minibatches is equally likely, so E xi = 1/2 sum_(k != j)",
              source=Source(A000, 533, r"\mathbb{E}(\xi(\omega)) & =\frac{1}{2}\left(\sum_{j=0}^{m-1} \sum_{k \neq j} \nabla \nabla \hat{C}_j(\omega) \nabla \hat{C}_k(\omega)\right)")),
        equal(drift + eps**2 * pairs_sum / 2, drift + eps**2 * (sp.Rational(m3**2, 2) * H_sgd * g_sgd - diag_sum / 2),
              why="sum over k != j = (sum_j H_j)(sum_k g_k) - sum_j H_j g_j, with sum_j H_j = m H and sum_k g_k = m grad C",
              source=Source(A000, 534, r"& =\frac{m^2}{2} \nabla \nabla C(\omega) \nabla C(\omega)-\frac{1}{2} \sum_{j=0}^{m-1} \nabla \nabla \hat{C}_j \nabla \hat{C}_j")),
        equal(drift + eps**2 * (sp.Rational(m3**2, 2) * H_sgd * g_sgd - diag_sum / 2),
              drift + sp.Rational(m3**2, 4) * eps**2 * (grad_full_normsq_at - grad_batch_normsq_at / m3**2),
              why="grad ||grad C||^2 = 2 H grad C, also for each minibatch",
              source=Source(A000, 542, r"& +\frac{m^2 \epsilon^2}{4} \nabla\left(\left\|\nabla C\left(\omega_0\right)\right\|^2-\left(1 / m^2\right) \sum_{j=0}^{m-1}\left\|\nabla \hat{C}_j\left(\omega_0\right)\right\|^2\right)+O\left(m^3 \epsilon^3\right)")),
        equal(drift + sp.Rational(m3**2, 4) * eps**2 * (grad_full_normsq_at - grad_batch_normsq_at / m3**2),
              drift + m3 * eps**2 * f1_sgd + sp.Rational(m3**2, 4) * eps**2 * grad_full_normsq_at,
              why="regroup as the modified flow's expansion (000:549, corrected) with f1 = -(1/(4m)) grad sum_j ||grad C_hat_j||^2"),
        equal(drift + m3 * eps**2 * f1_sgd + sp.Rational(m3**2, 4) * eps**2 * grad_full_normsq_at, LINE.flow(F_sgd, m3 * eps), up_to=O3(),
              why="the flow of f~ = -grad C + eps f1 = -grad C~_SGD for time m eps, expanded (000:549 corrected)"),
    ),
    forms=(
        equal(sum(_ex) / 6, sum(_batch_means) / 3,
              why="N = 6 examples, B = 2, m = 3: the full loss is the mean of the minibatch losses C_hat_i (000:490)",
              source=Source(A000, 502, r"& =(1 / m) \sum_{i=0}^{m-1} \hat{C}_i(\omega)")),
        equal(sgd_epoch(range(m3)), W1 - eps * sum(g_hat, sp.zeros(1, 1)) + eps**2 * xi(range(m3)), up_to=O3(),
              why="one epoch in the order 0, 1, ..., m-1: Taylor-expand each gradient about omega_0",
              source=Source(A000, 524, r"& =\omega_0-\epsilon \sum_{j=0}^{m-1} \nabla \hat{C}_j\left(\omega_0\right)+\epsilon^2 \sum_{j=0}^{m-1} \sum_{k<j} \nabla \nabla \hat{C}_j\left(\omega_0\right) \nabla \hat{C}_k\left(\omega_0\right)+O\left(m^3 \epsilon^3\right)")),
        equal(W1 - eps * sum(g_hat, sp.zeros(1, 1)) + eps**2 * xi(range(m3)), drift + eps**2 * xi(range(m3)),
              why="sum_j grad C_hat_j = m grad C",
              source=Source(A000, 525, r"& =\omega_0-m \epsilon \nabla C\left(\omega_0\right)+\epsilon^2 \xi\left(\omega_0\right)")),
        Computed("the mean of xi over all m! orders is 1/2 sum_j sum_(k != j) H_j g_k (m = 2..5, non-commuting symbols)",
                 _mean_over_orders_matches, why="exact average over all permutations",
                 source=Source(A000, 533, r"\mathbb{E}(\xi(\omega)) & =\frac{1}{2}\left(\sum_{j=0}^{m-1} \sum_{k \neq j} \nabla \nabla \hat{C}_j(\omega) \nabla \hat{C}_k(\omega)\right)")),
        Computed("1/2 sum_(k != j) H_j g_k = m^2/2 H g - 1/2 sum_j H_j g_j (m = 2..5, non-commuting symbols)",
                 _pairs_regrouped, why="expand the product of the sums",
                 source=Source(A000, 534, r"& =\frac{m^2}{2} \nabla \nabla C(\omega) \nabla C(\omega)-\frac{1}{2} \sum_{j=0}^{m-1} \nabla \nabla \hat{C}_j \nabla \hat{C}_j")),
        equal(sp.Rational(m3**2, 2) * H_sgd * g_sgd - diag_sum / 2,
              sp.Rational(m3**2, 4) * (grad_full_normsq_at - grad_batch_normsq_at / m3**2),
              why="grad ||grad C||^2 = 2 H grad C, also for each minibatch",
              source=Source(A000, 535, r"& =\frac{m^2}{4} \nabla\left(\|\nabla C(\omega)\|^2-\frac{1}{m^2} \sum_{j=0}^{m-1}\left\|\nabla \hat{C}_j(\omega)\right\|^2\right)")),
        equal(flow_m, W1 - M * eps * g_gen + M**2 * eps**2 * (LINE.at(u_gen, W1) + grad_gen_normsq_at / 4), up_to=O3(),
              why="the flow of f~ = -grad C + eps f1 for time m eps, for symbolic m and a generic f1",
              source=Source(A000, 549, r"\omega(m \epsilon)=\omega_0-m \epsilon \nabla C\left(\omega_0\right)+m^2 \epsilon^2\left(f_1\left(\omega_0\right)+(1 / 4) \nabla\left\|\nabla C\left(\omega_0\right)\right\|^2\right)+O\left(m^3 \epsilon^3\right)"),
              correction=equal(flow_m, W1 - M * eps * g_gen + M**2 * eps**2 * (LINE.at(u_gen, W1) / M + grad_gen_normsq_at / 4), up_to=O3(),
                               why="the eps f1 term acts for time m eps: it contributes m eps^2 f1 = m^2 eps^2 (f1/m)")),
        equal(-gC_s + eps * f1_sgd_solved, -(gC_s + eps / (4 * M) * S_s),
              why="equating the eps^2 terms of E(omega_m) (000:542) and of the flow (000:549 corrected) gives f1 = -grad sum_j ||grad C_hat_j||^2/(4m), so f~ = -grad C~_SGD",
              source=Source(A000, 557, r"\widetilde{C}_{S G D}(\omega)=C(\omega)+\frac{\epsilon}{4 m} \sum_{k=0}^{m-1}\left\|\nabla \hat{C}_k(\omega)\right\|^2")),
        equal(_expanded(C_tilde_sgd), _expanded(eq_223),
              why="003's (2.23), with alpha = eps and B = m the number of minibatches: (1/m) sum ||a_k||^2 = ||mean a||^2 + (1/m) sum ||a_k - mean a||^2",
              source=Source(D003, 1051, r"\tilde{L}_{SGD}(\theta) = L(\theta) + \frac{\alpha}{4} \left\| \frac{\partial L}{\partial \theta} \right\|^2 + \frac{\alpha}{4B} \sum_{b=1}^B \left\| \frac{\partial L_b}{\partial \theta} - \frac{\partial L}{\partial \theta} \right\|^2")),
    ),
    numeric=Numeric(
        experiments.sgd_mean_iterate_local_order,
        {"modified_loss": sgd_modified_loss(LOSS, BATCH_GRAD_SQ_SUM, EPS, M)},
        f"log-log slope of the RMS ||mean over all m! orders of one SGD epoch - flow of -grad C~ for time m eps|| against "
        f"eps is 3 +- {ORDER_BAND}, that against the gradient flow of C itself 2 +- {ORDER_BAND} (scale small: 8 "
        "learning rates in [0.002, 0.032], tanh regression with N = 8, B = 2, "
        "m = 4 (24 orders), 16 random starts)"),
    mutants=(
        Mutant("m-squared", sgd_flow_mutant(power=2), {"modified_loss": sgd_modified_loss(LOSS, BATCH_GRAD_SQ_SUM, EPS, M, power=2)},
               "eps/(4 m^2): what solving with 000:549 as written gives"),
        Mutant("gd-loss", sgd_flow_mutant(full_batch=True), {"modified_loss": gd_modified_loss(LOSS, GRAD_SQ, EPS)},
               "the mean SGD iterate follows full-batch GD's modified loss C + (eps/4) ||grad C||^2"),
        Mutant("eps-over-2m", sgd_flow_mutant(coeff=sp.Rational(1, 2)),
               {"modified_loss": sgd_modified_loss(LOSS, BATCH_GRAD_SQ_SUM, EPS, M, coeff=sp.Rational(1, 2))},
               "factor 2 instead of 4: C + eps/(2m) sum_k ||grad C_hat_k||^2"),
    ),
    references=(SMITH_2021,),
)


# --- 4. The expectation over minibatch composition: (N - B)/(N - 1) ---------------------------

def expected_sgd_loss(correction=(N - B) / (N - 1), per_batch=4 * B):
    """E C~_SGD = C + (eps/4) ||grad C||^2 + (N-B)/(N-1) (eps/(4B)) Gamma (000:569)."""
    return LOSS + EPS / 4 * GRAD_SQ + correction * EPS / per_batch * GAMMA


# Indicators I_i of "example i is in the minibatch": P(I_i) and P(I_i I_j), i != j, count
# B-subsets; with deviations d_i = grad C_i - grad C, sum_i d_i = 0 and sum_i ||d_i||^2 = N Gamma:
# E ||grad C_hat - grad C||^2 = (1/B^2) [P(I_i) sum ||d_i||^2 + P(I_i I_j) sum_(i != j) d_i.d_j]
# and sum_(i != j) d_i.d_j = ||sum d_i||^2 - sum ||d_i||^2 = -N Gamma.
P_one = sp.binomial(N - 1, B - 1) / sp.binomial(N, B)
P_two = sp.binomial(N - 2, B - 2) / sp.binomial(N, B)
variance_by_counting = (P_one * N * GAMMA + P_two * (0 - N * GAMMA)) / B**2
variance_simplified = (B / N * N * GAMMA - B * (B - 1) / (N * (N - 1)) * N * GAMMA) / B**2
E_loss_by_counting = LOSS + EPS / 4 * (GRAD_SQ + variance_by_counting)


def _enumerate(check_full: bool, sizes=range(2, 7)):
    """Exact SymPy averages over all partitions of N examples (N in ``sizes``) into minibatches
    of size B (every B < N dividing N) with symbolic per-example gradients; one coordinate
    suffices, both sides being sums over coordinates."""
    for n_ex in sizes:
        gs = sp.symbols(f"g1:{n_ex + 1}", real=True)
        gbar = sum(gs) / n_ex
        gamma = sum((gi - gbar) ** 2 for gi in gs) / n_ex  # 000:576
        for b in [d for d in range(1, n_ex) if n_ex % d == 0]:
            m = n_ex // b
            parts = list(experiments.set_partitions(n_ex, b))
            by_partition = sum(LOSS + EPS / (4 * m) * sum((sum(gs[i] for i in blk) / b) ** 2 for blk in p) for p in parts) / len(parts)
            if check_full:
                target = LOSS + EPS / 4 * gbar**2 + sp.Rational(n_ex - b, n_ex - 1) * EPS / (4 * b) * gamma
            else:
                subsets = list(itertools.combinations(range(n_ex), b))
                target = LOSS + EPS / 4 * sum((sum(gs[i] for i in s) / b) ** 2 for s in subsets) / len(subsets)
            if sp.expand(by_partition - target) != 0:
                return False, {"N": n_ex, "B": b, "difference": str(sp.factor(by_partition - target))}
    return True, f"exact for N in {list(sizes)} and every B < N dividing N"


batch_size = Claim(
    id="sgd-modified-loss-batch-size",
    title="Averaged over minibatch composition, C~_SGD = C + (eps/4) ||grad C||^2 + (N-B)/(N-1) (eps/(4B)) Gamma",
    sources=(
        Source(A000, 568, r"\mathbb{E}\left(\tilde{C}_{S G D}(\omega)\right) & =C(\omega)+(\epsilon / 4) \mathbb{E}\left(\|\nabla \hat{C}(\omega)\|^2\right)"),
        Source(A000, 569, r"& =C(\omega)+(\epsilon / 4)\|\nabla C(\omega)\|^2+\frac{(N-B)}{(N-1)}(\epsilon / 4 B) \Gamma(\omega)"),
        Source(A000, 576, r"\Gamma(\omega)=(1 / N) \sum_{i=1}^N\left\|\nabla C_i(\omega)-\nabla C(\omega)\right\|^2"),
    ),
    assumptions=(
        "N examples split uniformly at random into m = N/B minibatches of B (sampling without replacement)",
        "C = (1/N) sum_i C_i, Gamma = (1/N) sum_i ||grad C_i - grad C||^2 (000:576); N >= 2",
    ),
    statement=equal(E_loss_by_counting, expected_sgd_loss(),
                    why="E C~_SGD = C + (eps/4)(||grad C||^2 + E ||grad C_hat - grad C||^2), the variance counted over B-subsets"),
    steps=(
        equal(E_loss_by_counting, LOSS + EPS / 4 * (GRAD_SQ + variance_simplified),
              why="binom(N-1, B-1) of the binom(N, B) subsets hold a given example (P = B/N), binom(N-2, B-2) a given pair (P = B(B-1)/(N(N-1)))"),
        equal(LOSS + EPS / 4 * (GRAD_SQ + variance_simplified),
              LOSS + EPS / 4 * GRAD_SQ + EPS / 4 * GAMMA / B * (1 - (B - 1) / (N - 1)),
              why="collect the Gamma terms"),
        equal(LOSS + EPS / 4 * GRAD_SQ + EPS / 4 * GAMMA / B * (1 - (B - 1) / (N - 1)), expected_sgd_loss(),
              why="1 - (B-1)/(N-1) = (N-B)/(N-1), the finite-population correction",
              source=Source(A000, 569, r"& =C(\omega)+(\epsilon / 4)\|\nabla C(\omega)\|^2+\frac{(N-B)}{(N-1)}(\epsilon / 4 B) \Gamma(\omega)")),
    ),
    forms=(
        Computed("averaged over all partitions, C + eps/(4m) sum_k ||grad C_hat_k||^2 equals C + (eps/4) times the mean over B-subsets of ||grad C_hat||^2 (N <= 6)",
                 lambda: _enumerate(False), why="each minibatch of a uniform partition is a uniform B-subset",
                 source=Source(A000, 568, r"\mathbb{E}\left(\tilde{C}_{S G D}(\omega)\right) & =C(\omega)+(\epsilon / 4) \mathbb{E}\left(\|\nabla \hat{C}(\omega)\|^2\right)")),
        Computed("averaged over all partitions, C~_SGD equals C + (eps/4) ||grad C||^2 + (N-B)/(N-1) (eps/(4B)) Gamma (N <= 6, symbolic gradients)",
                 lambda: _enumerate(True), why="exact enumeration of the minibatch compositions",
                 source=Source(A000, 569, r"& =C(\omega)+(\epsilon / 4)\|\nabla C(\omega)\|^2+\frac{(N-B)}{(N-1)}(\epsilon / 4 B) \Gamma(\omega)")),
    ),
    numeric=Numeric(
        experiments.batch_composition_expectation, {"expected_loss": expected_sgd_loss()},
        "exact means over all partitions (and over all B-subsets) of per-example tanh-regression gradients equal the "
        "prediction to 1e-10 of its eps-term (round-off); scale small: (N, B) = (6,2) (6,3) (8,2) (8,4) (9,3)"),
    mutants=(
        Mutant("over-N", equal(E_loss_by_counting, expected_sgd_loss((N - B) / N)),
               {"expected_loss": expected_sgd_loss((N - B) / N)}, "finite-population factor (N-B)/N"),
        Mutant("with-replacement", equal(E_loss_by_counting, expected_sgd_loss(1)),
               {"expected_loss": expected_sgd_loss(1)}, "no finite-population factor (sampling with replacement)"),
        Mutant("eps-over-2B", equal(E_loss_by_counting, expected_sgd_loss(per_batch=2 * B)),
               {"expected_loss": expected_sgd_loss(per_batch=2 * B)}, "eps/(2B) instead of eps/(4B)"),
    ),
    references=(SMITH_2021,),
)
