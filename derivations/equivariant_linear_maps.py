"""Equivariant linear maps are convolutions (Kondor and Trivedi's theorem; 001:235-271, slides
002:1412-1438).

The cyclic case, solved as a linear system: a matrix W commutes with every cyclic shift iff it is
circulant, W_ij = c_{(i-j) mod n}, i.e. W f = f * c is a circular convolution; the solutions form
an n-dimensional space (n = 2..6). The steps: every cyclic shift is a power of S, so commuting
with S suffices; circulant matrices commute with S; solving S W = W S leaves exactly the
circulant matrices. The notes' formula (f * omega)(u) = sum_g f(u g^{-1}) omega(g) (001:243) is
checked on G = Z_4 (its matrix is circulant and it commutes with shifts), on the non-abelian
group S_3 (it commutes with left translations, and the maps that do are exactly these
convolutions: 6 = |G| dimensions), and the lifting f^G(g) = f(g x_0) (001:267) on Z_6 acting
on Z_3.

Conventions: (S f)_j = f_{j-1} (indices mod n), so (S f)(u) = f(u - 1) is the translation of the
function f on Z_n; on a group, (L_h f)(u) = f(h^{-1} u).
"""
from __future__ import annotations

import functools
from collections.abc import Callable, Iterable

import sympy as sp
from sympy.combinatorics import Permutation
from sympy.combinatorics.named_groups import SymmetricGroup

from checks import Claim, Computed, Equal, Mutant, Numeric, Reference, Source
from derivations._vectors import vec
from derivations.permutation_equivariance import family_basis
from numerics.equivariant_linear_maps import commutant_experiment

N001 = "001_50e63b01264c0263.txt"
N002 = "002_89896ee51b349776.txt"
SOLVE_SIZES = range(2, 7)
N_SYM = 4  # the group Z_4 for the written-out forms


# ---- shifts and families of matrices ---------------------------------------------------------
@functools.lru_cache(maxsize=None)
def shift(n: int, s: int = 1) -> sp.ImmutableMatrix:
    """S^s, (S^s f)_j = f_{(j-s) mod n}."""
    return sp.ImmutableMatrix(n, n, lambda i, j: 1 if (i - j - s) % n == 0 else 0)


def params(n: int, name: str = "c") -> tuple[sp.Symbol, ...]:
    return sp.symbols(f"{name}_0:{n}", real=True)


def circulant_family(n: int) -> sp.Matrix:
    """W_ij = c_{(i-j) mod n}: W f = f * c, the circular convolution."""
    c = params(n)
    return sp.Matrix(n, n, lambda i, j: c[(i - j) % n])


def hankel_family(n: int) -> sp.Matrix:
    """W_ij = c_{(i+j) mod n}: the index i + j in place of i - j (a flipped kernel per output)."""
    c = params(n)
    return sp.Matrix(n, n, lambda i, j: c[(i + j) % n])


def zero_padded_family(n: int) -> sp.Matrix:
    """W_ij = c_{i-j+1} for |i - j| <= 1 and 0 elsewhere: a zero-padded (non-circular) convolution
    with a kernel of length 3, a banded Toeplitz matrix without the wrap-around corners."""
    c = params(3)
    return sp.Matrix(n, n, lambda i, j: c[i - j + 1] if abs(i - j) <= 1 else 0)


def symmetric_circulant_family(n: int) -> sp.Matrix:
    """W_ij = c_{min(k, n-k)}, k = (i-j) mod n: circulant with a symmetric kernel c_k = c_{-k}
    (these commute with the shifts, but are only part of the commutant)."""
    c = params(n)
    return sp.Matrix(n, n, lambda i, j: c[min((i - j) % n, (j - i) % n)])


@functools.lru_cache(maxsize=None)
def generic(n: int) -> sp.ImmutableMatrix:
    return sp.ImmutableMatrix(n, n, lambda i, j: sp.Symbol(f"W_{i}{j}", real=True))


def commutation_system(n: int, shifts: Iterable[int] = (1,)) -> sp.Matrix:
    """The matrix of the linear equations S^s W - W S^s = 0 in the n^2 entries of W."""
    w = generic(n)
    eqs = [e for s in shifts for e in (shift(n, s) * w - w * shift(n, s))]
    a, _ = sp.linear_eq_to_matrix(eqs, list(w))
    return a


# ---- the statement and its steps --------------------------------------------------------------
def commutant_is_span(family: Callable[[int], sp.Matrix], sizes: Iterable[int] = SOLVE_SIZES):
    """{W : S W = W S} equals the span of the family's matrices, for each n: the family's matrices
    commute with S (the 'if'), and the solution space has the same dimension as the family and
    contains it (the 'only if')."""
    dims = {}
    for n in sizes:
        _, basis = family_basis(family, n)
        for b in basis:
            comm = shift(n) * b - b * shift(n)
            if comm != sp.zeros(n, n):
                return False, {"n": n, "matrix of the family": sp.sstr(b.tolist()), "S B - B S": sp.sstr(comm.tolist())}
        null = commutation_system(n).nullspace()
        span = sp.Matrix.hstack(*[vec(b) for b in basis])
        if not (span.rank() == len(null) == sp.Matrix.hstack(span, *null).rank()):
            return False, {"n": n, "dimension of the commutant": len(null), "dimension of the family": span.rank()}
        dims[n] = len(null)
    return True, {"n": f"{min(dims)}..{max(dims)}", "dimension of the commutant": [dims[n] for n in sorted(dims)]}


def shifts_are_powers_of_s(sizes: Iterable[int] = SOLVE_SIZES):
    """S^n = I and S^0..S^{n-1} are distinct: G = {S^s}, so if S W = W S then, by induction,
    S^{s+1} W = S W S^s = W S^{s+1}: commuting with S is commuting with all of G."""
    for n in sizes:
        powers = [shift(n, s) for s in range(n)]
        if shift(n) ** n != sp.eye(n) or len(set(powers)) != n or any(shift(n) ** s != powers[s] for s in range(n)):
            return False, {"n": n, "problem": "the shifts are not the n distinct powers of S"}
    return True, {"n": f"{min(sizes)}..{max(sizes)}", "G": "{S^0, ..., S^(n-1)}"}


def family_commutes_with_every_shift(family: Callable[[int], sp.Matrix], sizes: Iterable[int] = SOLVE_SIZES):
    """S^s W = W S^s for the family's symbolic W, every n and every shift s (the 'if' part)."""
    count = 0
    for n in sizes:
        w = family(n)
        for s in range(n):
            if sp.expand(shift(n, s) * w - w * shift(n, s)) != sp.zeros(n, n):
                return False, {"n": n, "s": s}
            count += 1
    return True, {"(n, s) checked": count}


def general_solution_is_circulant(sizes: Iterable[int] = SOLVE_SIZES):
    """linsolve(S W = W S) gives W with W_ij = W_{(i-j) mod n, 0}: circulant, n free parameters."""
    example = None
    for n in sizes:
        w = generic(n)
        (sol,) = sp.linsolve(list(shift(n) * w - w * shift(n)), list(w))
        general = sp.Matrix(n, n, list(sol))
        first_column = [general[k, 0] for k in range(n)]
        if general != sp.Matrix(n, n, lambda i, j: first_column[(i - j) % n]) or len(general.free_symbols) != n:
            return False, {"n": n, "general solution": sp.sstr(general.tolist())}
        if n == 3:
            example = sp.sstr(general.tolist())
    return True, {"general solution, n = 3": example}


# ---- the notes' convolution formula on groups -------------------------------------------------
f_sym = sp.Matrix(params(N_SYM, "f"))
omega_sym = sp.Matrix(params(N_SYM, "omega"))


def cyclic_convolution(f: sp.Matrix, omega: sp.Matrix) -> sp.Matrix:
    """(f * omega)(u) = sum_{g in Z_n} f(u g^{-1}) omega(g) with u g^{-1} = u - g (001:243)."""
    n = f.rows
    return sp.Matrix([sum(f[(u - g) % n] * omega[g] for g in range(n)) for u in range(n)])


CONV_Z4 = cyclic_convolution(f_sym, omega_sym)


@functools.lru_cache(maxsize=None)
def s3() -> tuple[list[Permutation], dict]:
    """The elements of S_3 in a fixed order, and the index of each."""
    elems = list(SymmetricGroup(3).generate())
    return elems, {e: i for i, e in enumerate(elems)}


def group_convolution_matrix(omega) -> sp.Matrix:
    """The matrix of f -> f * omega on functions S_3 -> R, (f * omega)(u) = sum_g f(u g^{-1}) omega(g)."""
    elems, index = s3()
    m = sp.zeros(len(elems), len(elems))
    for ui, u in enumerate(elems):
        for gi, g in enumerate(elems):
            m[ui, index[u * g**-1]] += omega[gi]
    return m


def translation_matrix(h: Permutation, side: str = "left") -> sp.Matrix:
    """(L_h f)(u) = f(h^{-1} u), or (R_h f)(u) = f(u h) for side='right', as a matrix."""
    elems, index = s3()
    m = sp.zeros(len(elems), len(elems))
    for ui, u in enumerate(elems):
        m[ui, index[h**-1 * u if side == "left" else u * h]] = 1
    return m


@functools.lru_cache(maxsize=None)
def group_convolution_theorem():
    """On G = S_3 (non-abelian): f -> f * omega commutes with every left translation; the linear
    maps that commute with all left translations form a 6 = |G| dimensional space, spanned by
    these convolutions; a right translation does not commute with them in general."""
    elems, _ = s3()
    omega = params(len(elems), "omega")
    conv = group_convolution_matrix(omega)
    for h in elems:
        lh = translation_matrix(h)
        if sp.expand(conv * lh - lh * conv) != sp.zeros(6, 6):
            return False, {"h": str(h), "problem": "f * omega does not commute with L_h"}
    w = sp.Matrix(6, 6, lambda i, j: sp.Symbol(f"W_{i}{j}"))
    eqs = [e for h in elems for e in (w * translation_matrix(h) - translation_matrix(h) * w)]
    a, _ = sp.linear_eq_to_matrix(eqs, list(w))
    null = a.nullspace()
    convs = sp.Matrix.hstack(*[vec(conv.diff(o)) for o in omega])
    if not (len(null) == 6 == convs.rank() == sp.Matrix.hstack(convs, *null).rank()):
        return False, {"dimension of the commutant": len(null), "dimension of the convolutions": convs.rank()}
    right = [h for h in elems if sp.expand(conv * translation_matrix(h, "right") - translation_matrix(h, "right") * conv) != sp.zeros(6, 6)]
    if not right:
        return False, {"problem": "every right translation commutes too: the check cannot tell the sides apart"}
    return True, {"|G|": 6, "dimension of the commutant": 6, "right translations that do not commute": len(right)}


@functools.lru_cache(maxsize=None)
def lifting_to_the_group():
    """G = Z_6 acting on X = Z_3 by g.x = x + g mod 3, x_0 = 0: the stabilizer H_0 = {0, 3} is a
    subgroup, {g : g.x_0 = x} is the coset x + H_0, f^G(g) = f(g.x_0) (001:267) is constant on
    cosets, and (f^G * omega) for any omega on G is again constant on cosets: a function on X.
    The map it induces on functions on X commutes with the action of G."""
    act = lambda g, x: (x + g) % 3  # noqa: E731
    group = range(6)
    stab = {g for g in group if act(g, 0) == 0}
    if stab != {0, 3} or any((a + b) % 6 not in stab for a in stab for b in stab):
        return False, {"stabilizer": sorted(stab)}
    for x in range(3):
        if {g for g in group if act(g, 0) == x} != {(x + h) % 6 for h in stab}:
            return False, {"x": x, "problem": "the elements sending x_0 to x are not a coset of H_0"}
    f, omega = params(3, "f"), params(6, "omega")
    lifted = [f[act(g, 0)] for g in group]
    conv = [sum(lifted[(u - g) % 6] * omega[g] for g in group) for u in group]
    if any(sp.expand(conv[u] - conv[(u + 3) % 6]) != 0 for u in group):
        return False, {"problem": "f^G * omega is not constant on the cosets u + H_0"}
    on_x = sp.Matrix([conv[x] for x in range(3)])  # (f^G * omega) read back on X through x = u.x_0
    for t in group:
        moved = [f[act(-t, x)] for x in range(3)]  # (t.f)(x) = f(t^{-1}.x)
        lifted_t = [moved[act(g, 0)] for g in group]
        conv_t = sp.Matrix([sum(lifted_t[(x - g) % 6] * omega[g] for g in group) for x in range(3)])
        if sp.expand(conv_t - sp.Matrix([on_x[act(-t, x)] for x in range(3)])) != sp.zeros(3, 1):
            return False, {"t": t, "problem": "the induced map on X does not commute with t"}
    return True, {"H_0": sorted(stab), "cosets": "x + H_0, x = 0, 1, 2"}


def haar_integral_convolution_is_equivariant():
    """G = (R, +), locally compact, Haar measure dg: psi(f)(u) = int f(u - g) omega(g) dg (001:247 with
    u g^{-1} = u - g) commutes with translations T_a f(u) = f(u - a), for any f and omega: the
    integrand of psi(T_a f)(u) is f(u - a - g) omega(g), that of psi(f)(u - a)."""
    f, omega = sp.Function("f"), sp.Function("omega")
    u, g, a = sp.symbols("u g a", real=True)

    def psi(func, at):
        return sp.Integral(func(at - g) * omega(g), (g, -sp.oo, sp.oo))

    t = sp.Symbol("t", real=True)
    translated = psi(sp.Lambda(t, f(t - a)), u)                                  # psi(T_a f)(u)
    if translated != psi(f, u - a):
        return False, {"psi(T_a f)(u)": sp.sstr(translated), "psi(f)(u - a)": sp.sstr(psi(f, u - a))}
    if translated == psi(f, u + a):
        return False, {"problem": "the check cannot tell u - a from u + a"}
    return True, {"psi(T_a f)(u)": sp.sstr(translated)}


def lift_is_well_defined_on_cosets():
    """f^G(g) = f(g x_0) takes one value on each coset g H_0 (H_0 fixes x_0), so it is a function on
    G / H_0 as 001:264 writes it; checked with Z_6 acting on Z_3 (the lifting example)."""
    ok, detail = lifting_to_the_group()
    if not ok:
        return ok, detail
    f = params(3, "f")
    lifted = [f[g % 3] for g in range(6)]
    cosets = [{g, (g + 3) % 6} for g in range(3)]
    if any(len({lifted[g] for g in c}) != 1 for c in cosets):
        return False, {"problem": "f^G differs within a coset"}
    return True, {"values on G / H_0": [str(lifted[min(c)]) for c in cosets]}


KONDOR_TRIVEDI = Reference(
    "Kondor and Trivedi 2018, On the Generalization of Equivariance and Convolution in Neural Networks to the Action "
    "of Compact Groups", "main theorem: a feed-forward layer is equivariant iff it is a generalized convolution",
    "https://arxiv.org/abs/1802.03690")

equivariant_linear_maps_are_convolutions = Claim(
    id="equivariant-linear-maps-are-convolutions",
    title="A linear map commutes with every cyclic shift iff it is a circular convolution (circulant matrix)",
    sources=(
        Source(N001, 241, r"A neural network layer (linear map) `$\phi$` is G-equivariant if and only if its form is a convolution operator `$*$`"),
        Source(N001, 243, r"\psi(f)=(f * \omega)(u)=\sum_{g \in G} f \uparrow^G\left(u g^{-1}\right) \omega \uparrow^G(g)"),
        Source(N002, 1412, r"Equivariance and convolutionality are one to one"),
    ),
    assumptions=(
        "G = Z_n, the cyclic shifts S^s of R^n, (S f)_j = f_{j-1}, indices mod n",
        "a layer is a linear map W: R^n -> R^n; G-equivariant means S^s W = W S^s for every s",
        "solved for n = 2..6; the notes' general formula is also checked on S_3 and on Z_6 acting on Z_3",
    ),
    statement=Computed("for n = 2..6: S W = W S iff W is circulant, W_ij = c_{(i-j) mod n} (W f = f * c); "
                       "the solutions form an n-dimensional space", lambda: commutant_is_span(circulant_family)),
    steps=(
        Computed("every cyclic shift is a power of S (n = 2..6)", shifts_are_powers_of_s,
                 why="G is generated by the one-step shift S, so S W = W S gives S^s W = W S^s by induction"),
        Computed("circulant matrices commute with every cyclic shift (n = 2..6)",
                 lambda: family_commutes_with_every_shift(circulant_family),
                 why="(S W S^{-1})_ij = W_{i-1, j-1} = c_{(i-j) mod n} = W_ij: the 'if' part"),
        Computed("the general solution of S W = W S is W_ij = W_{(i-j) mod n, 0}, with n free parameters (n = 2..6)",
                 general_solution_is_circulant,
                 why="S W = W S says W_{i-1, j} = W_{i, j+1}: every entry equals the first-column entry on its wrapped diagonal"),
    ),
    forms=(
        Equal(CONV_Z4.jacobian(f_sym), circulant_family(N_SYM).subs(dict(zip(params(N_SYM), omega_sym))),
              why="on G = Z_4 the notes' f -> f * omega has matrix entries omega(u - v): circulant",
              source=Source(N001, 243, r"\psi(f)=(f * \omega)(u)=\sum_{g \in G} f \uparrow^G\left(u g^{-1}\right) \omega \uparrow^G(g)")),
        Equal(cyclic_convolution(shift(N_SYM) * f_sym, omega_sym), shift(N_SYM) * CONV_Z4,
              why="the notes' convolution commutes with the shift on Z_4: (T f) * omega = T (f * omega)",
              source=Source(N001, 241, r"is G-equivariant if and only if its form is a convolution operator")),
        Computed("on the non-abelian S_3 the notes' sum_g f(u g^{-1}) omega(g) commutes with left translations, and "
                 "the maps that do are exactly these convolutions (6 = |G| dimensions)", group_convolution_theorem,
                 why="the theorem for a finite group acting on itself, with the counting (Haar) measure",
                 source=Source(N002, 1432, r"(f * g)(u) = \int_G f(uv^{-1}) g(v) d\mu(v)")),
        Computed("001's copy of the group convolution: the same check on S_3", group_convolution_theorem,
                 why="the counting measure is the Haar measure of a finite group",
                 source=Source(N001, 259, r"(f * g)(u)=\int_G f\left(u v^{-1}\right) g(v) d \mu(v)")),
        Computed("for G = (R, +) with its Haar (Lebesgue) measure, psi(f)(u) = int f(u - g) omega(g) dg commutes with "
                 "every translation, for any f and omega", haar_integral_convolution_is_equivariant,
                 why="psi(T_a f)(u) = int f(u - a - g) omega(g) dg = psi(f)(u - a)",
                 source=Source(N001, 247, r"\psi(f)=(f * \omega)(u)=\int_G f \uparrow^G\left(u g^{-1}\right) \omega \uparrow^G(g) d \mu(g)")),
        Computed("the lift is constant on the cosets g H_0, so it is well defined on G / H_0 (Z_6 acting on Z_3)",
                 lift_is_well_defined_on_cosets, why="h in H_0 fixes x_0: f(g h x_0) = f(g x_0)",
                 source=Source(N001, 264, r"f \uparrow^G(g):\frac{G}{H_{0}} \rightarrow V")),
        Computed("Z_6 acting on Z_3: the elements fixing x_0 form a subgroup H_0 = {0, 3}, and those sending x_0 to x "
                 "form the coset x + H_0", lifting_to_the_group, why="g x_0 = g' x_0 iff g^{-1} g' fixes x_0",
                 source=Source(N001, 262, r'is a subgroup $H_{0}$ called the "stabilizer" and all the $g_{i}$ that sends $x_{0}$ are coset of this stabilizer')),
        Computed("lifting f^G(g) = f(g x_0) for Z_6 acting on Z_3: constant on the cosets of the stabilizer, and its "
                 "convolution over G is again a function on X, equivariant under G", lifting_to_the_group,
                 why="x = g x_0 indexes X by the cosets g H_0",
                 source=Source(N001, 267, r"f \uparrow^G(g)=f\left(g x_0\right)")),
    ),
    numeric=Numeric(
        commutant_experiment, {"family": circulant_family},
        "float64, n = 8 (32 at scale large): every matrix of the family commutes with random shifts to within the round-off bound "
        "gamma_n(|W||x|) on both sides; every random matrix exceeds it; the average of S^{-k} W S^k over k of a random "
        "W lies in the family's span to within (gamma_n + u) max|W|"),
    mutants=(
        Mutant("hankel", Computed("for n = 2..6 the commutant of S is the matrices W_ij = c_{(i+j) mod n}",
                                  lambda: commutant_is_span(hankel_family)),
               {"family": hankel_family}, "i + j in place of i - j"),
        Mutant("zero-padded", Computed("for n = 3..6 the commutant of S is the zero-padded convolutions (banded Toeplitz)",
                                       lambda: commutant_is_span(zero_padded_family, range(3, 7))),
               {"family": zero_padded_family}, "a non-circular convolution claimed to commute with cyclic shifts"),
        Mutant("symmetric-kernel", Computed("for n = 2..6 the commutant of S is the circulants with a symmetric kernel",
                                            lambda: commutant_is_span(symmetric_circulant_family)),
               {"family": symmetric_circulant_family},
               "only the symmetric kernels c_k = c_{-k}: they commute, but they are not all the equivariant maps"),
    ),
    references=(KONDOR_TRIVEDI,),
)
