"""The permutation-equivariant layer (DeepSets, Lemma 3): sigma(Theta x) is permutation equivariant
iff Theta = lambda I + gamma 11^T (001:328-381, 002:1545-1602).

The statement is the matrix half of the lemma, solved as a linear system: the matrices that
commute with the two generators of S_M (the transposition (1 2) and the cycle (1 2 ... M)) are
exactly span{I, 11^T}, for M = 2..6. The proof's steps follow the notes: sigma acts entrywise, so
equivariance is Theta Pi = Pi Theta (sigmoid is invertible); commuting is linear and I, 11^T
commute with every permutation matrix; a transposition ties the diagonal; products of two
transpositions tie the off-diagonal entries. Index statements are checked on every index pattern
of small M with a matrix of symbols Theta_ij, so each entry of a product is identified by name.

Permutation matrices: Pi has rows e_{pi(i)}^T, so (Pi x)_i = x_{pi(i)} and
(Pi Theta Pi^T)_ij = Theta_{pi(i) pi(j)}. Indices are 0-based in code and 1-based in what is
reported.
"""
from __future__ import annotations

import functools
import itertools
from collections.abc import Callable, Iterable

import sympy as sp
from sympy.combinatorics import Permutation, PermutationGroup

from checks import Claim, Computed, Equal, Mutant, Numeric, Reference, Source
from derivations._vectors import vec
from numerics.permutation_equivariance import equivariance_error

N001 = "001_50e63b01264c0263.txt"
N002 = "002_89896ee51b349776.txt"
SOLVE_SIZES = range(2, 7)     # M for the linear system (the statement)
INDEX_SIZES = range(2, 6)     # M for the index-pattern steps (M^4 patterns each)


# ---- permutation matrices ---------------------------------------------------------------------
def perm_matrix(p: Iterable[int]) -> sp.Matrix:
    """The matrix with rows e_{p(i)}^T: (Pi x)_i = x_{p(i)}."""
    p = list(p)
    return sp.Matrix(len(p), len(p), lambda i, j: 1 if j == p[i] else 0)


@functools.lru_cache(maxsize=None)
def transposition(m: int, k: int, l: int) -> sp.ImmutableMatrix:
    """pi_{k,l}: swaps k and l (k != l; the notes define it only then)."""
    if k == l:
        raise ValueError(f"pi_{{{k + 1},{l + 1}}} is not a transposition")
    p = list(range(m))
    p[k], p[l] = p[l], p[k]
    return sp.ImmutableMatrix(perm_matrix(p))  # cached, so immutable


def cycle(m: int) -> sp.Matrix:
    return perm_matrix([(i + 1) % m for i in range(m)])


def generators(m: int) -> dict[str, sp.Matrix]:
    return {"(1 2)": transposition(m, 0, 1), f"(1 2 ... {m})": cycle(m)}


@functools.lru_cache(maxsize=None)
def theta(m: int, name: str = "Theta") -> sp.ImmutableMatrix:
    """A matrix of independent real symbols Theta_ij (1-based names)."""
    return sp.ImmutableMatrix(m, m, lambda i, j: sp.Symbol(f"{name}_{i + 1}{j + 1}", real=True))


def ones(m: int) -> sp.Matrix:
    return sp.ones(m, m)


# ---- the families of weight matrices claimed equivariant ---------------------------------------
lam, gam = sp.symbols("lambda gamma", real=True)


def lemma_family(m: int) -> sp.Matrix:
    """Lemma 3: lambda I + gamma 11^T."""
    return lam * sp.eye(m) + gam * ones(m)


def rank_one_family(m: int) -> sp.Matrix:
    """lambda I + gamma u u^T with u = (1, 2, ..., M): rank one, but not 11^T."""
    u = sp.Matrix(range(1, m + 1))
    return lam * sp.eye(m) + gam * u * u.T


def one_row_family(m: int) -> sp.Matrix:
    """lambda I + gamma J, J with zero diagonal but ones only in its first row."""
    j = sp.zeros(m, m)
    j[0, 1:] = sp.ones(1, m - 1)
    return lam * sp.eye(m) + gam * j


def diagonal_family(m: int) -> sp.Matrix:
    """diag(d_1, ..., d_M) with free (distinct) entries: no tying at all."""
    return sp.diag(*sp.symbols(f"d_1:{m + 1}", real=True))


def family_basis(family: Callable[[int], sp.Matrix], m: int) -> tuple[list[sp.Symbol], list[sp.Matrix]]:
    """The family's parameters and the matrix multiplying each (the families are linear)."""
    mat = family(m)
    params = sorted(mat.free_symbols, key=str)
    if mat.subs({p: 0 for p in params}) != sp.zeros(m, m):
        raise ValueError(f"{family.__name__} is not linear in its parameters")
    return params, [mat.diff(p) for p in params]


def commutant(m: int) -> tuple[list[sp.Symbol], sp.Matrix]:
    """Solve Theta P = P Theta for both generators of S_M: the unknowns and the system matrix."""
    th = theta(m)
    unknowns = list(th)
    eqs = [e for p in generators(m).values() for e in (th * p - p * th)]
    a, _ = sp.linear_eq_to_matrix(eqs, unknowns)
    return unknowns, a


def general_solution(m: int) -> sp.Matrix:
    """The general solution Theta of the system, as SymPy's linsolve returns it."""
    th = theta(m)
    unknowns = list(th)
    eqs = [e for p in generators(m).values() for e in (th * p - p * th)]
    (sol,) = sp.linsolve(eqs, unknowns)
    return sp.Matrix(m, m, list(sol))


def commutant_is_span(family: Callable[[int], sp.Matrix], sizes: Iterable[int] = SOLVE_SIZES):
    """Whether {Theta : Theta P = P Theta for all P in S_M} = span of the family's matrices, each M.

    First the family's matrices must commute with the generators (the 'if' part, with a concrete
    non-commuting case as counterexample); then the solution space of the linear system must lie
    in their span (the 'only if' part: equal ranks)."""
    dims = {}
    for m in sizes:
        _, basis = family_basis(family, m)
        for b in basis:
            for name, p in generators(m).items():
                comm = b * p - p * b
                if comm != sp.zeros(m, m):
                    return False, {"M": m, "matrix of the family": sp.sstr(b.tolist()), "permutation": name,
                                   "B P - P B": sp.sstr(comm.tolist())}
        _, a = commutant(m)
        null = a.nullspace()
        span = sp.Matrix.hstack(*[vec(b) for b in basis])
        both = sp.Matrix.hstack(span, *null)
        if not (span.rank() == len(null) == both.rank()):
            return False, {"M": m, "dimension of the solution space": len(null), "dimension of the family": span.rank(),
                           "a solution outside the family": sp.sstr(null[0].reshape(m, m).tolist())}
        dims[m] = len(null)
    return True, {"M": f"{min(dims)}..{max(dims)}", "solution space dimension": sorted(set(dims.values())),
                  "general solution, M = 3": sp.sstr(general_solution(3).tolist())}


def generators_generate(sizes: Iterable[int] = SOLVE_SIZES):
    """(1 2) and (1 2 ... M) generate S_M: the group they generate has M! elements."""
    for m in sizes:
        g = PermutationGroup([Permutation([1, 0] + list(range(2, m))), Permutation([(i + 1) % m for i in range(m)])])
        if g.order() != sp.factorial(m):
            return False, {"M": m, "order": g.order(), "M!": sp.factorial(m)}
    return True, {"M": f"{min(sizes)}..{max(sizes)}", "order": "M! each"}


def family_commutes_with_every_permutation(family: Callable[[int], sp.Matrix], sizes: Iterable[int] = range(2, 6)):
    """Theta P = P Theta for the family's symbolic Theta and every P in S_M."""
    count = 0
    for m in sizes:
        th = family(m)
        for p in itertools.permutations(range(m)):
            pm = perm_matrix(p)
            if sp.expand(th * pm - pm * th) != sp.zeros(m, m):
                return False, {"M": m, "permutation": str([i + 1 for i in p])}
            count += 1
    return True, {"permutations checked": count}


def identity_and_ones_commute(sizes: Iterable[int] = range(2, 6)):
    """I and 11^T commute with every permutation matrix of S_M (rows and columns of Pi sum to 1)."""
    count = 0
    for m in sizes:
        for p in itertools.permutations(range(m)):
            pm = perm_matrix(p)
            if pm * ones(m) != ones(m) * pm or pm * sp.eye(m) != sp.eye(m) * pm:
                return False, {"M": m, "permutation": str([i + 1 for i in p])}
            count += 1
    return True, {"permutations checked": count}


# ---- the index steps ----------------------------------------------------------------------------
def diagonal_step(sizes: Iterable[int] = INDEX_SIZES):
    """002:1591-1593: pi_{l,k} = pi_{k,l}^T = pi_{k,l}^{-1} and (pi_{k,l} Theta pi_{l,k})_{l,l} = Theta_{k,k}."""
    count = 0
    for m in sizes:
        th = theta(m)
        for k, l in itertools.permutations(range(m), 2):
            t, t_back = transposition(m, k, l), transposition(m, l, k)
            if not (t_back == t.T and t * t_back == sp.eye(m)):
                return False, {"M": m, "(k, l)": (k + 1, l + 1), "problem": "pi_{l,k} is not the inverse of pi_{k,l}"}
            got = (t * th * t_back)[l, l]
            if got != th[k, k]:
                return False, {"M": m, "(k, l)": (k + 1, l + 1), "entry (l, l)": str(got), "Theta_kk": str(th[k, k])}
            count += 1
    return True, {"(M, k, l) checked": count}


def _pairs(m: int):
    """Ordered pairs of off-diagonal positions ((i, j), (i', j'))."""
    cells = [(i, j) for i in range(m) for j in range(m) if i != j]
    return itertools.product(cells, cells)


def notes_conjugation_entry(m: int, i: int, j: int, i2: int, j2: int) -> sp.Expr:
    """The (i, j) entry of pi_{j',j} pi_{i,i'} Theta pi_{i',i} pi_{j,j'} (002:1599), symbolic Theta:
    row i of the left factor times Theta times column j of the right one."""
    left = transposition(m, j2, j) * transposition(m, i, i2)
    right = transposition(m, i2, i) * transposition(m, j, j2)
    if left * right != sp.eye(m):
        raise AssertionError("(pi_{j',j} pi_{i,i'})^{-1} != pi_{i',i} pi_{j,j'}")
    return (left[i, :] * theta(m) * right[:, j])[0, 0]


def _gives(m: int, i: int, j: int, i2: int, j2: int) -> bool:
    """Whether the notes' conjugation carries Theta_{i',j'} to position (i, j)."""
    return notes_conjugation_entry(m, i, j, i2, j2) == theta(m)[i2, j2]


def _one_based(*idx: int) -> tuple[int, ...]:
    return tuple(k + 1 for k in idx)


def offdiagonal_step_as_written(sizes: Iterable[int] = INDEX_SIZES):
    """002:1599-1602 as written: under i != i', j != j', i != j, i' != j' the (i, j) entry of
    pi_{j',j} pi_{i,i'} Theta pi_{i',i} pi_{j,j'} is Theta_{i',j'} (so commuting gives
    Theta_{i',j'} = Theta_{i,j}). Reports the first failure with (i', j') != (j, i), the first
    with (i', j') = (j, i), and how many patterns fail for each M."""
    failures, total, found, only_i_eq_j2 = {}, {}, {}, True
    for m in sizes:
        th = theta(m)
        failures[m], total[m] = 0, 0
        for (i, j), (i2, j2) in _pairs(m):
            if i == i2 or j == j2:
                continue
            total[m] += 1
            got = notes_conjugation_entry(m, i, j, i2, j2)
            if got != th[i2, j2]:
                failures[m] += 1
                only_i_eq_j2 = only_i_eq_j2 and i == j2
                kind = "swapped pair (i', j') = (j, i)" if (i2, j2) == (j, i) else "generic"
                found.setdefault(kind, f"M={m}, (i, j, i', j') = {_one_based(i, j, i2, j2)}: the entry is {got}, "
                                       f"not {th[i2, j2]}")
    if not found:
        return True, {"patterns": sum(total.values())}
    label = "failing patterns (all with i = j')" if only_i_eq_j2 else "failing patterns"
    detail = {f"counterexample ({k})": v for k, v in sorted(found.items())}
    detail[label] = ", ".join(f"M={m}: {failures[m]} of {total[m]}" for m in failures)
    return False, detail


def offdiagonal_step_corrected(sizes: Iterable[int] = INDEX_SIZES):
    """Every pair of off-diagonal positions is linked by one conjugation Theta -> P Theta P^T:
    the notes' pi_{j',j} pi_{i,i'} when also i != j'; the other order pi_{i,i'} pi_{j',j} when
    i = j' (then i' != j unless (i', j') = (j, i)); the transposition pi_{i,j} for (i', j') = (j, i);
    and the single transposition pi_{j,j'} (pi_{i,i'}) when i = i' (j = j')."""
    count = 0
    for m in sizes:
        th = theta(m)
        for (i, j), (i2, j2) in _pairs(m):
            if (i, j) == (i2, j2):
                continue
            if i != i2 and j != j2 and i != j2:
                p = transposition(m, j2, j) * transposition(m, i, i2)
            elif i != i2 and j != j2 and i2 != j:
                p = transposition(m, i, i2) * transposition(m, j2, j)
            elif (i2, j2) == (j, i):
                p = transposition(m, i, j)
            elif i == i2:
                p = transposition(m, j, j2)
            else:
                p = transposition(m, i, i2)
            if (p[i, :] * th * p.T[:, j])[0, 0] != th[i2, j2]:
                return False, {"M": m, "(i, j, i', j')": _one_based(i, j, i2, j2)}
            count += 1
    return True, {"ordered pairs of off-diagonal positions linked": count}


def _linked(m: int, a: tuple[int, int], b: tuple[int, int]) -> bool:
    """Whether the notes' conjugation, read in either direction, gives Theta_a = Theta_b."""
    (i, j), (i2, j2) = a, b
    if i == i2 or j == j2:
        return False  # the notes' transpositions pi_{i,i'}, pi_{j,j'} do not exist
    return _gives(m, i, j, i2, j2) or _gives(m, i2, j2, i, j)


def fallback_as_written(sizes: Iterable[int] = range(3, 6)):
    """002:1602 as written: when i = i' or j = j', some (i'', j'') with i'' != i, i' and
    j'' != j, j' is linked by 'the above' (the conjugation of 002:1599) to both (i, j) and (i', j')."""
    for m in sizes:
        for (i, j), (i2, j2) in _pairs(m):
            if (i, j) == (i2, j2) or not (i == i2 or j == j2):
                continue
            mids = [(a, b) for a in range(m) for b in range(m)
                    if a != b and a not in (i, i2) and b not in (j, j2)]
            if not any(_linked(m, (i, j), c) and _linked(m, (i2, j2), c) for c in mids):
                return False, {"M": m, "(i, j)": _one_based(i, j), "(i', j')": _one_based(i2, j2),
                               "candidates (i'', j'')": str([_one_based(*c) for c in mids]),
                               "why none works": "for each candidate one of the two links has i = j' in both "
                                                 "directions, where the conjugation does not give the entry"}
    return True, {"M": f"{min(sizes)}..{max(sizes)}"}


def fallback_corrected(sizes: Iterable[int] = range(3, 6)):
    """With i = i' the single transposition pi_{j,j'} gives (pi_{j,j'} Theta pi_{j,j'})_{i,j} = Theta_{i,j'};
    with j = j', pi_{i,i'} gives Theta_{i',j}: no intermediate position is needed."""
    count = 0
    for m in sizes:
        th = theta(m)
        for (i, j), (i2, j2) in _pairs(m):
            if (i, j) == (i2, j2) or not (i == i2 or j == j2):
                continue
            t = transposition(m, j, j2) if i == i2 else transposition(m, i, i2)
            if (t * th * t)[i, j] != th[i2, j2]:
                return False, {"M": m, "(i, j, i', j')": _one_based(i, j, i2, j2)}
            count += 1
    return True, {"pairs with i = i' or j = j'": count}


def case_assumption_001(sizes: Iterable[int] = range(2, 6)):
    """001:372-373 as written: the first case assumes i != j and i' != j' (which every pair of
    off-diagonal positions satisfies), and then uses the transpositions pi_{i,i'}, pi_{j,j'}."""
    for m in sizes:
        for (i, j), (i2, j2) in _pairs(m):
            if (i, j) != (i2, j2) and (i == i2 or j == j2):
                return False, {"M": m, "(i, j, i', j')": _one_based(i, j, i2, j2),
                               "problem": f"pi_{{{i + 1},{i2 + 1}}} or pi_{{{j + 1},{j2 + 1}}} swaps an index with itself: "
                                          "not a transposition"}
    return True, {}


def case_assumption_corrected(sizes: Iterable[int] = range(2, 6)):
    """Assume i != i' and j != j' (002:1597, and 001's own list at 001:381): both transpositions
    exist, and the remaining pairs are exactly those with i = i' or j = j', the cases treated after."""
    for m in sizes:
        for (i, j), (i2, j2) in _pairs(m):
            first = i != i2 and j != j2
            if first:
                transposition(m, i, i2), transposition(m, j, j2)
            elif not (i == i2 or j == j2):
                return False, {"M": m, "(i, j, i', j')": _one_based(i, j, i2, j2)}
    return True, {}


# ---- symbolic objects for the Equal steps ---------------------------------------------------
sigma = sp.Function("sigma")
t_real = sp.Symbol("t", real=True)
a_, b_ = sp.symbols("a b", real=True)
M4, M5 = 4, 5
TH4, X4 = theta(M4), sp.Matrix([sp.Symbol(f"x_{k}", real=True) for k in range(1, M4 + 1)])
PI4 = perm_matrix([2, 0, 3, 1])            # a permutation of 4 with no fixed point
PI5_LIST = [2, 4, 0, 1, 3]                  # a 5-cycle
PI5, TH5 = perm_matrix(PI5_LIST), theta(M5)
TH3A, TH3B, PI3 = theta(3, "A"), theta(3, "B"), perm_matrix([1, 2, 0])


def _entrywise(f, v: sp.Matrix) -> sp.Matrix:
    return v.applyfunc(f)


SIGMOID = 1 / (1 + sp.exp(-t_real))
M6 = 6
LEMMA6 = lemma_family(M6)


permutation_equivariant_layer = Claim(
    id="permutation-equivariant-layer",
    title="DeepSets Lemma 3: sigma(Theta x) is permutation equivariant iff Theta = lambda I + gamma 11^T",
    sources=(
        Source(N001, 332, r"\mathrm{f}_{\Theta}(\mathbf{x}) \doteq \sigma(\Theta \mathbf{x}) \quad \Theta \in \mathbb{R}^{M \times M}"),
        Source(N001, 338, r"\Theta=\lambda \mathbf{I}+\gamma\left(\mathbf{1 1}^{\boldsymbol{\top}}\right) \quad \lambda, \gamma \in \mathbf{R}"),
        Source(N002, 1555, r"$$\mathbf{f}_\Theta(\mathbf{x}) \doteq \sigma(\Theta\mathbf{x}) \quad \Theta \in \mathbb{R}^{M \times M} \tag{20}$$"),
        Source(N002, 1561, r"$$\Theta = \lambda\mathbf{I} + \gamma(\mathbf{1}\mathbf{1}^\top) \quad \lambda, \gamma \in \mathbb{R}"),
    ),
    assumptions=(
        "sigma acts entrywise and is injective (the sigmoid, as 002:1581 assumes)",
        "Pi has rows e_{pi(i)}^T: (Pi x)_i = x_{pi(i)}; pi_{k,l} swaps k and l",
        "the matrix statement is solved for M = 2..6; index steps are checked on every pattern for M = 2..5",
    ),
    statement=Computed(
        "for M = 2..6, the solutions Theta of Theta P = P Theta for the generators (1 2) and (1 2 ... M) of S_M "
        "are exactly Theta = lambda I + gamma 11^T (a two-dimensional solution space spanned by I and 11^T)",
        lambda: commutant_is_span(lemma_family),
        why="the linear system in the M^2 unknowns Theta_ij, solved by SymPy",
        latex_form=r"\Theta\Pi = \Pi\Theta\ \forall \Pi \in S_M \iff \Theta = \lambda I + \gamma \mathbf{1}\mathbf{1}^\top"),
    steps=(
        Equal(PI4 * _entrywise(sigma, TH4 * X4), _entrywise(sigma, PI4 * TH4 * X4),
              source=Source(N001, 345, r"\sigma(\Theta \Pi x) - \sigma(\Pi \Theta x) = 0"),
              why="sigma acts entrywise, so permuting its outputs permutes its inputs: Pi sigma(Theta x) = sigma(Pi Theta x); "
                  "equivariance sigma(Theta Pi x) = Pi sigma(Theta x) becomes sigma(Theta Pi x) - sigma(Pi Theta x) = 0"),
        Equal(sp.log(SIGMOID / (1 - SIGMOID)), t_real,
              source=Source(N002, 1581, "(assuming sigmoid is a bijection) is equivalent to"),
              why="the logit undoes the sigmoid, so sigma(Theta Pi x) = sigma(Pi Theta x) gives Theta Pi x = Pi Theta x "
                  "for every x; x = e_k compares column k: Theta Pi = Pi Theta"),
        Equal(PI4.T * TH4 * PI4 - TH4, PI4.T * (TH4 * PI4 - PI4 * TH4),
              source=Source(N001, 349, r"\Pi^{top} \Theta \Pi = \Theta"),
              why="Pi^T Pi = I, so Pi^T Theta Pi = Theta (invariance under conjugation) is the same condition as "
                  "Theta Pi = Pi Theta"),
        Computed("(1 2) and (1 2 ... M) generate S_M for M = 2..6, so commuting with both is commuting with every "
                 "permutation matrix", generators_generate,
                 why="the group they generate has M! elements; a matrix commuting with P and Q commutes with PQ"),
        Equal((a_ * TH3A + b_ * TH3B) * PI3 - PI3 * (a_ * TH3A + b_ * TH3B),
              a_ * (TH3A * PI3 - PI3 * TH3A) + b_ * (TH3B * PI3 - PI3 * TH3B),
              source=Source(N002, 1585, r"(a\Theta_1 + b\Theta_2)\pi = \pi(a\Theta_1 + b\Theta_2)"),
              why="the commutator Theta Pi - Pi Theta is linear in Theta: commuting is a linear condition"),
        Computed("I and 11^T commute with every permutation matrix of S_M, M = 2..5", identity_and_ones_commute,
                 source=Source(N002, 1587, r"constant matrix  $\mathbf{1}\mathbf{1}^\top$ , commute with any permutation matrix"),
                 why="Pi 1 = 1 and 1^T Pi = 1^T: each row and each column of Pi holds a single 1"),
        Computed("(lambda I + gamma 11^T) Pi = Pi (lambda I + gamma 11^T) for symbolic lambda, gamma and every Pi "
                 "in S_M, M = 2..5", lambda: family_commutes_with_every_permutation(lemma_family),
                 source=Source(N002, 1587, r"so does their linear combination  $\Theta = \lambda \mathbf{I} + \gamma (\mathbf{1}\mathbf{1}^\top)$"),
                 why="the two previous steps: a linear combination of commuting matrices commutes"),
        Equal(LEMMA6 * cycle(M6), cycle(M6) * LEMMA6,
              why="the converse for M = 6 on the generators: the cycle ..."),
        Equal(LEMMA6 * transposition(M6, 0, 1), transposition(M6, 0, 1) * LEMMA6,
              why="... and the transposition (1 2); by the generator step, every Pi in S_6"),
        Equal(PI5 * TH5 * PI5.T, sp.Matrix(M5, M5, lambda i, j: TH5[PI5_LIST[i], PI5_LIST[j]]),
              why="(Pi Theta Pi^T)_ij = sum_ab Pi_ia Theta_ab Pi_jb = Theta_{pi(i) pi(j)}: conjugation relabels rows "
                  "and columns together (a 5-cycle, symbolic Theta)"),
        Computed("pi_{l,k} = pi_{k,l}^T = pi_{k,l}^{-1} and (pi_{k,l} Theta pi_{l,k})_{l,l} = Theta_{k,k} for every k != l, "
                 "M = 2..5", diagonal_step,
                 source=Source(N002, 1593, r"(\pi_{k,l} \Theta \pi_{l,k})_{l,l} = \Theta_{l,l} \Rightarrow \Theta_{k,k} = \Theta_{l,l}"),
                 why="commuting with pi_{k,l} gives pi_{k,l} Theta pi_{l,k} = Theta; its (l, l) entry is Theta_kk: "
                     "the diagonal is constant"),
        Computed("for every i != i', j != j', i != j, i' != j' (M = 2..5) the (i, j) entry of "
                 "pi_{j',j} pi_{i,i'} Theta pi_{i',i} pi_{j,j'} is Theta_{i',j'}", offdiagonal_step_as_written,
                 source=Source(N002, 1602, r"where in the last step we used our assumptions that  $i \neq i'$ ,  $j \neq j'$ ,  $i \neq j$  and  $i' \neq j'$"),
                 why="as written: the last implication of 002:1599 reads Theta_{i',j'} off the (i, j) entry",
                 correction=Computed("the (i, j) entry is Theta_{i',j'} when also i != j'; for i = j' the other order "
                                     "pi_{i,i'} pi_{j',j} (or pi_{i,j} when (i', j') = (j, i)) does it, and for i = i' "
                                     "(j = j') the single transposition pi_{j,j'} (pi_{i,i'}): every two off-diagonal "
                                     "positions are linked, M = 2..5", offdiagonal_step_corrected,
                                     why="(P Theta P^T)_ij = Theta_{p(i) p(j)}; the product of the two transpositions "
                                         "must send i to i' and j to j', which fails for this order when i = j'")),
        Computed("when i = i' or j = j', some (i'', j'') with i'' != i, i' and j'' != j, j' is linked to both (i, j) "
                 "and (i', j') by the conjugation above (either direction), M = 3..5", fallback_as_written,
                 source=Source(N002, 1602, r"for some  $i'' \neq i, i'$  and  $j'' \neq j, j'$ , and conclude  $\Theta_{i,j} = \Theta_{i',j'}$"),
                 why="as written: route the remaining cases through an intermediate off-diagonal position",
                 correction=Computed("when i = i' (j = j') the single transposition pi_{j,j'} (pi_{i,i'}) gives "
                                     "Theta_{i,j} = Theta_{i',j'} directly, M = 3..5", fallback_corrected,
                                     why="(pi_{j,j'} Theta pi_{j,j'})_{i,j} = Theta_{i,j'} since i is neither j nor j'")),
    ),
    forms=(
        Equal(PI4 * _entrywise(sigma, TH4 * X4), _entrywise(sigma, PI4 * TH4 * X4),
              source=Source(N001, 344, r"\sigma(\Theta \Pi x) = \Pi \sigma(\Theta x) \\"),
              why="equivariance of sigma(Theta x); its right side equals sigma(Pi Theta x) entrywise"),
        Equal((a_ * TH3A + b_ * TH3B) * PI3 - PI3 * (a_ * TH3A + b_ * TH3B),
              a_ * (TH3A * PI3 - PI3 * TH3A) + b_ * (TH3B * PI3 - PI3 * TH3B),
              source=Source(N001, 358, r"\Theta_1 \pi=\pi \Theta_1 \wedge \Theta_2 \pi=\pi \Theta_2 \quad \Rightarrow \quad\left(a \Theta_1+b \Theta_2\right) \pi=\pi\left(a \Theta_1+b \Theta_2\right)"),
              why="001's linearity display (the same display is repeated at 001:366 where the transposition step belongs)"),
        Computed("as 001 writes the first case (i != j and i' != j' only), pi_{i,i'} and pi_{j,j'} are transpositions "
                 "for every pair of off-diagonal positions (M = 2..5)", case_assumption_001,
                 source=Source(N001, 372, r"Moreover, for now assume $i \neq j$ and $i' \neq j'$"),
                 why="the transpositions of the first case need i != i' and j != j'",
                 correction=Computed("assume i != i' and j != j' (as 002:1597 and 001:381 list them): both transpositions "
                                     "exist, and the pairs left are those with i = i' or j = j'", case_assumption_corrected,
                                     why="the case split of the proof")),
        Computed("001's copy of the off-diagonal step: for every i != i', j != j', i != j, i' != j' (M = 2..5) the (i, j) "
                 "entry of pi_{j',j} pi_{i,i'} Theta pi_{i',i} pi_{j,j'} is Theta_{i',j'}", offdiagonal_step_as_written,
                 source=Source(N001, 381, r"where in the last step we used our assumptions that $i \neq i^{\prime}, j \neq j^{\prime}, i \neq j$ and $i' \neq j'$"),
                 why="as written in 001, identical to 002:1599-1602",
                 correction=Computed("as corrected for 002:1602: the notes' order needs also i != j'; the other cases are "
                                     "linked by the other order or a single transposition", offdiagonal_step_corrected,
                                     why="(P Theta P^T)_ij = Theta_{p(i) p(j)}")),
        Computed("001's copy of the fallback: some (i'', j'') with i'' != i, i' and j'' != j, j' is linked to both pairs "
                 "by the conjugation above, M = 3..5", fallback_as_written,
                 source=Source(N001, 381, r"for some `$i^{\prime \prime} \neq i, i^{\prime}$ and $j^{\prime \prime} \neq j, j^{\prime}$`"),
                 why="as written in 001, identical to 002:1602",
                 correction=Computed("a single transposition links the pair directly", fallback_corrected,
                                     why="(pi_{j,j'} Theta pi_{j,j'})_{i,j} = Theta_{i,j'}")),
    ),
    numeric=Numeric(
        equivariance_error, {"family": lemma_family},
        "max |sigma(Theta Pi x) - Pi sigma(Theta x)| <= the float64 round-off bound for every Theta of the family, "
        "random Pi and x; above it for every random Theta and every Theta of the family plus a 1e-6 perturbation "
        "orthogonal to the family"),
    mutants=(
        Mutant("rank-one-u", Computed("for M = 2..6 the commutant is span{I, u u^T}, u = (1, ..., M)",
                                      lambda: commutant_is_span(rank_one_family)),
               {"family": rank_one_family}, "lambda I + gamma u u^T with u = (1, 2, ..., M) != 1: rank one is not enough"),
        Mutant("one-row-ties", Computed("for M = 2..6 the commutant is span{I, J}, J zero-diagonal ones in row 1 only",
                                        lambda: commutant_is_span(one_row_family)),
               {"family": one_row_family}, "lambda I + gamma J, J with zero diagonal and ones in its first row only"),
        Mutant("diagonal-only", Computed("for M = 2..6 the commutant is the diagonal matrices",
                                         lambda: commutant_is_span(diagonal_family)),
               {"family": diagonal_family}, "Theta = diag(d) with distinct entries: an entrywise layer with per-slot weights"),
    ),
    references=(Reference("Zaheer et al. 2017, Deep Sets", "Lemma 3 and its proof (appendix)", "https://arxiv.org/abs/1703.06114"),),
)
