"""Deciding one relation with SymPy: a proof, a concrete counterexample, or an honest 'undecided'.

A relation holds when SymPy reduces ``lhs - rhs`` to zero (or, with ``up_to=O(eps**n)``, when the
series of the difference has no term below ``eps**n``). Otherwise we look for a counterexample by
substituting exact values that respect each symbol's assumptions; a nonzero difference there is
a concrete disproof. Neither found: undecided, never a pass.
"""
from __future__ import annotations

import dataclasses
import itertools
import random
from typing import Any

import sympy

from ._claim import Computed, Equal, Holds
from ._status import Verdict

R = sympy.Rational

# Candidate values by assumption, most specific first. Exact rationals so a counterexample is exact.
_CANDIDATES: list[tuple[str, list[Any]]] = [
    ("positive_integer", [1, 2, 3, 4, 5, 7]),
    ("nonnegative_integer", [0, 1, 2, 3, 5]),
    ("integer", [-2, -1, 0, 1, 2, 3]),
    ("positive", [R(1, 3), R(1, 2), 1, R(3, 2), 2, 3, R(5, 7)]),
    ("nonnegative", [0, R(1, 3), 1, 2, R(5, 2)]),
    ("negative", [R(-1, 2), -1, -2, R(-7, 3)]),
    ("real", [R(-3, 2), R(-1, 3), R(1, 2), 1, 2, 3]),
]
# Below this, a numeric difference at a sample point is treated as round-off (30 digits are used).
_ZERO_TOL = sympy.Float("1e-20")
_TRIES = 48


@dataclasses.dataclass(frozen=True)
class SymbolicCheck:
    verdict: Verdict
    detail: str = ""
    counterexample: dict[str, str] | None = None

    @property
    def holds(self) -> bool:
        return self.verdict is Verdict.HOLDS


def _candidates(sym: sympy.Symbol) -> list[Any]:
    a = sym.assumptions0
    if a.get("integer"):
        if a.get("positive"):
            return _CANDIDATES[0][1]
        if a.get("nonnegative"):
            return _CANDIDATES[1][1]
        return _CANDIDATES[2][1]
    if a.get("positive"):
        return _CANDIDATES[3][1]
    if a.get("nonnegative"):
        return _CANDIDATES[4][1]
    if a.get("negative"):
        return _CANDIDATES[5][1]
    return _CANDIDATES[6][1]


def _sample_points(symbols: list[sympy.Symbol], sample: dict | None):
    """Deterministic assignments of exact values to ``symbols`` (``sample`` overrides choices)."""
    sample = dict(sample or {})
    pools = [list(sample[s]) if s in sample else _candidates(s) for s in symbols]
    total = 1
    for p in pools:
        total *= len(p)
    if total <= _TRIES:
        yield from (dict(zip(symbols, combo)) for combo in itertools.product(*pools))
        return
    rng = random.Random(1729)
    for _ in range(_TRIES):
        yield {s: rng.choice(p) for s, p in zip(symbols, pools)}


def _as_matrix(x: Any):
    return x if isinstance(x, sympy.MatrixBase) else None


_CHEAP = (lambda e: e, sympy.expand, sympy.cancel)
_COSTLY = (sympy.simplify, lambda e: sympy.simplify(sympy.expand(e)))


def _is_zero(d: sympy.Basic, simplifiers=_CHEAP + _COSTLY) -> bool:
    """Whether SymPy can reduce ``d`` to zero, cheapest reductions first."""
    if d == 0 or d.is_zero is True:
        return True
    try:
        d = d.doit()
    except Exception:  # noqa: BLE001 - keep the unevaluated form
        pass
    for simplifier in simplifiers:
        try:
            e = simplifier(d)
        except Exception:  # noqa: BLE001 - a simplifier that cannot handle the form: try the next one
            continue
        if e == 0 or getattr(e, "is_zero", None) is True:
            return True
    return False


def _evaluate(expr: sympy.Basic, point: dict) -> sympy.Basic | None:
    try:
        # doit first: an unevaluated operator (an expectation, an integral) binds its own
        # variables, which must not be replaced by sample values before it is evaluated
        value = expr.doit().subs(point).doit()
        num = sympy.N(value, 30)
    except Exception:
        return None
    if not num.is_number or num.has(sympy.nan, sympy.zoo) or not num.is_finite:
        return None
    return num


def _fmt_point(point: dict) -> dict[str, str]:
    return {str(k): str(v) for k, v in point.items()}


def _value(expr, point: dict) -> str:
    v = _evaluate(sympy.sympify(expr), point)
    return "?" if v is None else sympy.sstr(sympy.N(v, 10))


def _find_nonzero(d: sympy.Basic, sample: dict | None, extra_free=(), tries: int = _TRIES):
    """A point where ``d`` is clearly nonzero, or None."""
    try:
        d = d.doit()  # evaluated operators may bring in symbols of their own (a variance, say)
    except Exception:  # noqa: BLE001 - sample the unevaluated form instead
        pass
    free = sorted(d.free_symbols | set(extra_free), key=str)
    free = [s for s in free if isinstance(s, sympy.Symbol)]
    if any(isinstance(f, sympy.core.function.AppliedUndef) for f in d.atoms(sympy.Function)):
        return None  # an abstract function cannot be sampled
    points = _sample_points(free, sample) if free else iter([{}])
    for point in itertools.islice(points, tries):
        v = _evaluate(d, point)
        if v is not None and abs(v) > _ZERO_TOL:
            return point, v
    return None


def _check_scalar_equal(lhs, rhs, up_to, sample) -> SymbolicCheck:
    d = sympy.sympify(lhs) - sympy.sympify(rhs)
    if up_to is not None:
        var = up_to.variables[0]
        n = sympy.degree(up_to.expr, var)
        try:
            expanded = sympy.expand(d.doit())
            if expanded.is_polynomial(var):  # truncating a polynomial is far cheaper than a series
                low = sum((c * var**k for (k,), c in sympy.Poly(expanded, var).terms() if k < n), sympy.Integer(0))
            else:
                # SymPy's series can drop the |.| of an expression free of the small parameter
                # (|g| expanded as g): such factors are constants of the expansion, so they
                # stand in as positive symbols and are put back afterwards.
                consts = {a: sympy.Dummy("abs", positive=True) for a in d.atoms(sympy.Abs) if var not in a.free_symbols}
                low = sympy.series(d.xreplace(consts), var, 0, n).removeO()
                low = low.xreplace({v: k for k, v in consts.items()})
        except Exception as err:  # series of this form is beyond SymPy
            return SymbolicCheck(Verdict.UNDECIDED, f"series in {var} failed: {err}")
        if _is_zero(low):
            return SymbolicCheck(Verdict.HOLDS, f"the difference is O({var}**{n})")
        low = sympy.simplify(low)
        found = _find_nonzero(low, sample)
        if found:
            point, v = found
            ce = _fmt_point(point) | {"terms below order": sympy.sstr(low), "their value": sympy.sstr(sympy.N(v, 8))}
            return SymbolicCheck(Verdict.FAILS, f"lhs - rhs = {sympy.sstr(low)} + O({var}**{n})", ce)
        return SymbolicCheck(Verdict.UNDECIDED, f"could not show {sympy.sstr(low)} vanishes")
    # Cheap reductions, then a few sample points, and only then the costly simplifications:
    # a false relation is usually disproved at the first point it is evaluated at.
    if _is_zero(d, _CHEAP):
        return SymbolicCheck(Verdict.HOLDS, "lhs - rhs simplifies to 0")
    # sample every symbol of both sides, so that the counterexample shows both values even
    # when a symbol cancels from the difference
    both = sympy.sympify(lhs).free_symbols | sympy.sympify(rhs).free_symbols
    found = _find_nonzero(d, sample, both, tries=4)
    if not found and _is_zero(d, _COSTLY):
        return SymbolicCheck(Verdict.HOLDS, "lhs - rhs simplifies to 0")
    found = found or _find_nonzero(d, sample, both)
    if found:
        point, v = found
        ce = _fmt_point(point) | {"lhs": _value(lhs, point), "rhs": _value(rhs, point)}
        return SymbolicCheck(Verdict.FAILS, f"the sides differ by {sympy.sstr(sympy.N(v, 8))} at this point", ce)
    return SymbolicCheck(Verdict.UNDECIDED, f"SymPy could not reduce {sympy.sstr(d)[:200]} to 0 and no counterexample was found")


def check_equal(rel: Equal) -> SymbolicCheck:
    lm, rm = _as_matrix(rel.lhs), _as_matrix(rel.rhs)
    if lm is None and rm is None:
        return _check_scalar_equal(rel.lhs, rel.rhs, rel.up_to, rel.sample)
    if lm is None or rm is None or lm.shape != rm.shape:
        shapes = (getattr(rel.lhs, "shape", "scalar"), getattr(rel.rhs, "shape", "scalar"))
        return SymbolicCheck(Verdict.FAILS, f"the sides have different shapes {shapes[0]} and {shapes[1]}",
                             {"lhs shape": str(shapes[0]), "rhs shape": str(shapes[1])})
    undecided = None
    for i in range(lm.rows):
        for j in range(lm.cols):
            r = _check_scalar_equal(lm[i, j], rm[i, j], rel.up_to, rel.sample)
            if r.verdict is Verdict.FAILS:
                ce = {"entry": f"({i}, {j})"} | (r.counterexample or {})
                return SymbolicCheck(Verdict.FAILS, f"entry ({i}, {j}): {r.detail}", ce)
            if r.verdict is not Verdict.HOLDS and undecided is None:
                undecided = SymbolicCheck(r.verdict, f"entry ({i}, {j}): {r.detail}")
    return undecided or SymbolicCheck(Verdict.HOLDS, f"all {lm.rows}x{lm.cols} entries agree")


_ORDER = {sympy.LessThan: (1, False), sympy.StrictLessThan: (1, True), sympy.GreaterThan: (-1, False), sympy.StrictGreaterThan: (-1, True)}


def check_holds(rel: Holds) -> SymbolicCheck:
    r = rel.relation
    if isinstance(r, sympy.Equality):
        return check_equal(Equal(r.lhs, r.rhs, sample=rel.sample))
    try:
        simplified = sympy.simplify(r)
    except Exception:
        simplified = r
    if simplified is sympy.true:
        return SymbolicCheck(Verdict.HOLDS, "SymPy reduces it to True")
    if simplified is sympy.false:
        ce = {"lhs": _value(r.lhs, {}), "rhs": _value(r.rhs, {})} if not r.free_symbols and hasattr(r, "lhs") else {}
        return SymbolicCheck(Verdict.FAILS, "SymPy reduces it to False for every value", ce)
    if type(r) in _ORDER:
        sign, strict = _ORDER[type(r)]
        gap = sympy.simplify(sign * (r.rhs - r.lhs))  # must be >= 0 (> 0 if strict)
        known = None
        for form in (gap, sympy.factor(gap), sympy.expand(gap)):
            known = form.is_positive if strict else form.is_nonnegative
            if known is not None:
                break
        if known is True:
            return SymbolicCheck(Verdict.HOLDS, f"the gap {sympy.sstr(gap)} is {'positive' if strict else 'nonnegative'} under the assumptions")
        free = sorted(gap.free_symbols, key=str)
        for point in _sample_points(free, rel.sample) if free else iter([{}]):
            v = _evaluate(gap, point)
            if v is not None and (v < -_ZERO_TOL or (strict and abs(v) <= _ZERO_TOL)):
                return SymbolicCheck(Verdict.FAILS, f"violated: the gap is {sympy.sstr(sympy.N(v, 8))}",
                                     _fmt_point(point) | {"lhs": _value(r.lhs, point), "rhs": _value(r.rhs, point)})
        return SymbolicCheck(Verdict.UNDECIDED, f"could not show {sympy.sstr(gap)} has the required sign")
    return SymbolicCheck(Verdict.UNDECIDED, f"cannot decide a {type(r).__name__}")


def check_computed(rel: Computed) -> SymbolicCheck:
    result = rel.check()
    detail = ""
    if isinstance(result, tuple):
        result, detail = result
    # a detail may be a dict of whatever the check computed (SymPy numbers included): reports
    # and JSON get text
    text = "; ".join(f"{k}={v}" for k, v in detail.items()) if isinstance(detail, dict) else str(detail)
    if result is None:
        return SymbolicCheck(Verdict.UNDECIDED, text or "the computation could not decide")
    if bool(result):
        return SymbolicCheck(Verdict.HOLDS, text or "the computation confirms it")
    ce = {str(k): str(v) for k, v in detail.items()} if isinstance(detail, dict) else {"detail": text}
    return SymbolicCheck(Verdict.FAILS, text, ce)


def check_relation(rel) -> SymbolicCheck:
    """Decide any relation; an exception inside SymPy is reported, not raised."""
    try:
        if isinstance(rel, Equal):
            return check_equal(rel)
        if isinstance(rel, Holds):
            return check_holds(rel)
        if isinstance(rel, Computed):
            return check_computed(rel)
    except Exception as err:  # noqa: BLE001 - reported as this relation's error
        return SymbolicCheck(Verdict.ERROR, f"{type(err).__name__}: {err}")
    return SymbolicCheck(Verdict.ERROR, f"not a relation: {rel!r}")


def same_expression(a, b) -> bool:
    """Whether two chain endpoints are the same expression (for proof by transitivity)."""
    if isinstance(a, sympy.MatrixBase) or isinstance(b, sympy.MatrixBase):
        if not (isinstance(a, sympy.MatrixBase) and isinstance(b, sympy.MatrixBase)) or a.shape != b.shape:
            return False
        return all(same_expression(x, y) for x, y in zip(a, b))
    a, b = sympy.sympify(a), sympy.sympify(b)
    return a == b or _is_zero(a - b)
