"""The claim model: small frozen declarations that validate themselves when built.

A claim ties a derivation in the notes to
- its sources (file, line, the formula as the notes write it),
- a SymPy statement and a proof as a chain of SymPy-checked steps,
- the notes' own forms, checked as written (a false one is an erratum),
- a numeric experiment with a stated pass rule,
- mutants: wrong versions both engines must reject.
"""
from __future__ import annotations

import dataclasses
import html
import re
from collections.abc import Callable, Mapping
from typing import Any, Union

import sympy

from ._errors import InvalidClaimError
from ._status import Kind

ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def _fail(claim_id: str, field: str, problem: str) -> None:
    raise InvalidClaimError(claim_id, field, problem)


@dataclasses.dataclass(frozen=True)
class Source:
    """Where the notes state something: file name in the notes folder, 1-based line, and the
    formula quoted verbatim (a fragment of that line or of the lines just after it)."""

    file: str
    line: int
    quote: str

    def __post_init__(self) -> None:
        if not isinstance(self.file, str) or not self.file or "/" in self.file:
            raise InvalidClaimError("?", "source.file", f"got {self.file!r}, but a source names a file "
                                    "in the notes folder by its bare name, e.g. '003_102deae4affe1aa8.txt'")
        if not isinstance(self.line, int) or isinstance(self.line, bool) or self.line < 1:
            raise InvalidClaimError("?", "source.line", f"got {self.line!r}, but a line is an int >= 1")
        if not isinstance(self.quote, str) or not self.quote.strip():
            raise InvalidClaimError("?", "source.quote", "the formula must be quoted as the notes write it; got an empty quote")

    def cite(self) -> str:
        return f"{self.file}:{self.line}"


Expr = Union[sympy.Basic, sympy.MatrixBase]


_LATEX_SPECIAL = {"\\": r"\textbackslash{}", "&": r"\&", "%": r"\%", "$": r"\$", "#": r"\#", "_": r"\_",
                  "{": r"\{", "}": r"\}", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}"}


def latex_text(text: str) -> str:
    """Plain text made safe inside \\text{...}: LaTeX's special characters escaped."""
    return "".join(_LATEX_SPECIAL.get(ch, ch) for ch in text)


def _text(expr) -> str:
    """One line of plain text: a matrix as its nested rows, [[a, b], [c, d]] (SymPy's own
    printing of a matrix spans several lines, which breaks tables and checklists)."""
    if isinstance(expr, sympy.MatrixBase):
        return sympy.sstr(expr.tolist())
    return sympy.sstr(expr)


def _mathml(expr: Any) -> str:
    """Presentation MathML (rendered natively by browsers, so a report needs no script)."""
    try:
        return sympy.mathml(sympy.sympify(expr), printer="presentation")
    except Exception:  # a form the MathML printer does not know: show it as text
        return f"<mtext>{html.escape(sympy.sstr(expr))}</mtext>"


def _is_sym(x: Any) -> bool:
    return isinstance(x, (sympy.Basic, sympy.MatrixBase))


@dataclasses.dataclass(frozen=True)
class Equal:
    """A checkable equality ``lhs = rhs``; with ``up_to=sympy.O(eps**n)`` it holds up to that order
    (``lhs - rhs`` has no term below ``eps**n`` as ``eps -> 0``).

    ``why`` is the one-line justification a student reads. ``source`` ties it to the notes: it
    is then checked *as written*; ``correction`` is the true form, used in its place for the proof
    when the written one is false (and reported as an erratum). ``sample`` restricts the values
    tried when searching for a counterexample, e.g. ``{eps: [Rational(1, 10)]}``."""

    lhs: Any
    rhs: Any
    why: str = ""
    up_to: Any = None
    source: Source | None = None
    correction: Equal | None = None
    sample: Mapping[Any, Any] | None = None

    def describe(self) -> str:
        order = f"  + {self.up_to}" if self.up_to is not None else ""
        return f"{_text(self.lhs)} = {_text(self.rhs)}{order}"

    def latex(self) -> str:
        order = f" + {sympy.latex(self.up_to)}" if self.up_to is not None else ""
        return f"{sympy.latex(self.lhs)} = {sympy.latex(self.rhs)}{order}"

    def mathml(self) -> str:
        order = (f"<mo>+</mo><mi mathvariant=\"script\">O</mi><mo>(</mo>{_mathml(self.up_to.expr)}<mo>)</mo>"
                 if self.up_to is not None else "")
        return f"<mrow>{_mathml(self.lhs)}<mo>=</mo>{_mathml(self.rhs)}{order}</mrow>"

    def _validate(self, claim_id: str, field: str) -> None:
        if not _is_sym(self.lhs) and not isinstance(self.lhs, (int, float)):
            _fail(claim_id, f"{field}.lhs", f"got {type(self.lhs).__name__}, but a side must be a SymPy expression or matrix")
        if not _is_sym(self.rhs) and not isinstance(self.rhs, (int, float)):
            _fail(claim_id, f"{field}.rhs", f"got {type(self.rhs).__name__}, but a side must be a SymPy expression or matrix")
        if self.up_to is not None and not isinstance(self.up_to, sympy.Order):
            _fail(claim_id, f"{field}.up_to", f"got {self.up_to!r}, but the order must be written sympy.O(eps**n)")
        if self.correction is not None:
            if self.source is None:
                _fail(claim_id, f"{field}.correction", "only a relation quoted from the notes (with a source) can carry a correction")
            _validate_relation(self.correction, claim_id, f"{field}.correction")


@dataclasses.dataclass(frozen=True)
class Holds:
    """A SymPy relational (``sympy.Le(a, b)``, ``sympy.Gt(x, 0)``, ...) that holds under the symbols'
    assumptions."""

    relation: Any
    why: str = ""
    source: Source | None = None
    correction: Holds | None = None
    sample: Mapping[Any, Any] | None = None
    up_to: None = None

    def describe(self) -> str:
        return sympy.sstr(self.relation)

    def latex(self) -> str:
        return sympy.latex(self.relation)

    def mathml(self) -> str:
        return _mathml(self.relation)

    def _validate(self, claim_id: str, field: str) -> None:
        if isinstance(self.relation, sympy.logic.boolalg.BooleanAtom):
            _fail(claim_id, f"{field}.relation", f"got {self.relation!r}: SymPy evaluated the relation when it was built; "
                  "build it with evaluate=False, e.g. sympy.Ge(expr, 0, evaluate=False), so the engine checks it")
        if not isinstance(self.relation, sympy.core.relational.Relational):
            _fail(claim_id, f"{field}.relation", f"got {self.relation!r}, but Holds takes a SymPy relational such as sympy.Le(a, b)")
        if self.correction is not None:
            if self.source is None:
                _fail(claim_id, f"{field}.correction", "only a relation quoted from the notes (with a source) can carry a correction")
            _validate_relation(self.correction, claim_id, f"{field}.correction")


@dataclasses.dataclass(frozen=True)
class Computed:
    """A fact established by a SymPy computation that is not a single equality (solving a linear
    system, enumerating cases). ``check()`` returns ``True``/``False`` or ``(bool, detail)``; when
    false, the detail should be the counterexample."""

    statement: str
    check: Callable[[], Any]
    why: str = ""
    source: Source | None = None
    correction: Computed | None = None
    latex_form: str | None = None
    up_to: None = None
    sample: None = None

    def describe(self) -> str:
        return self.statement

    def latex(self) -> str:
        return self.latex_form or rf"\text{{{latex_text(self.statement)}}}"

    def mathml(self) -> str:
        return f"<mtext>{html.escape(self.statement)}</mtext>"

    def _validate(self, claim_id: str, field: str) -> None:
        if not callable(self.check):
            _fail(claim_id, f"{field}.check", f"got {self.check!r}, but Computed needs a callable returning a bool")
        if not self.statement.strip():
            _fail(claim_id, f"{field}.statement", "say in words what the computation establishes")
        if self.correction is not None:
            if self.source is None:
                _fail(claim_id, f"{field}.correction", "only a relation quoted from the notes (with a source) can carry a correction")
            _validate_relation(self.correction, claim_id, f"{field}.correction")


Relation = Union[Equal, Holds, Computed]
RELATION_TYPES = (Equal, Holds, Computed)


def _validate_relation(rel: Any, claim_id: str, field: str) -> None:
    if not isinstance(rel, RELATION_TYPES):
        hint = ""
        if isinstance(rel, sympy.Equality):
            hint = " (wrap it: Equal(lhs, rhs, why=...))"
        elif isinstance(rel, bool):
            hint = " (a Python bool was evaluated too early: build the relation from SymPy objects)"
        _fail(claim_id, field, f"got {type(rel).__name__} {str(rel)[:60]!r}, but a step is Equal, Holds or Computed{hint}")
    rel._validate(claim_id, field)


@dataclasses.dataclass(frozen=True)
class Evidence:
    """What a numeric experiment measured and whether its pass rule accepts the hypothesis.

    ``measured`` and ``predicted`` are numbers or small dicts of numbers; ``criterion`` states the
    rule with its numbers (e.g. "|mean - pred| < 4.4 SE (99.999% CI)"). ``figure`` may hold data a
    report can plot: ``{"kind": "loglog"|"line"|"scatter", "x": [...], "series": {name: [...]}, ...}``."""

    passed: bool
    measured: Any
    predicted: Any
    criterion: str
    detail: str = ""
    figure: Mapping[str, Any] | None = None


@dataclasses.dataclass(frozen=True)
class Numeric:
    """A numeric experiment. ``experiment(seed, scale, **hypothesis)`` returns :class:`Evidence`.

    ``hypothesis`` holds the predictions it tests (ideally SymPy expressions from the statement,
    so both engines test the same formula); a mutant swaps in its own. ``seed`` is an int (make a
    key with ``jax.random.PRNGKey(seed)``); ``scale`` is "small" (2-core CPU) or "large" (GPU)."""

    experiment: Callable[..., Evidence]
    hypothesis: Mapping[str, Any]
    criterion: str

    def _validate(self, claim_id: str) -> None:
        if not callable(self.experiment):
            _fail(claim_id, "numeric.experiment", f"got {self.experiment!r}, but it must be a callable (seed, scale, **hypothesis) -> Evidence")
        if not isinstance(self.hypothesis, Mapping):
            _fail(claim_id, "numeric.hypothesis", f"got {type(self.hypothesis).__name__}, but it must be a mapping of predictions")
        if not isinstance(self.criterion, str) or not self.criterion.strip():
            _fail(claim_id, "numeric.criterion", "state the pass rule (e.g. '99.9% confidence interval contains the prediction')")


@dataclasses.dataclass(frozen=True)
class Mutant:
    """A plausible wrong version. ``statement`` must fail symbolically; the experiment run with
    ``hypothesis`` must fail its pass rule."""

    name: str
    statement: Relation | None
    hypothesis: Mapping[str, Any] | None
    description: str = ""


@dataclasses.dataclass(frozen=True)
class Reference:
    """A paper or book the notes cite."""

    title: str
    where: str = ""
    url: str = ""

    def __str__(self) -> str:
        parts = [self.title] + [p for p in (self.where, self.url) if p]
        return ", ".join(parts)


@dataclasses.dataclass(frozen=True)
class Claim:
    """One derivation (or conjecture) in the notes, declared at module level; the registry finds it.

    ``statement`` is what is proved; ``steps`` the proof, in order (an ``Equal`` chain from the
    statement's left side to its right side proves it by transitivity); ``forms`` are further
    formulas as the notes write them (checked as written). Steps and forms with a ``source`` are
    the notes' own; a false one is an erratum."""

    id: str
    title: str
    sources: tuple[Source, ...]
    statement: Relation | None
    assumptions: tuple[str, ...] = ()
    steps: tuple[Relation, ...] = ()
    forms: tuple[Relation, ...] = ()
    numeric: Numeric | None = None
    no_numeric_reason: str = ""
    mutants: tuple[Mutant, ...] = ()
    references: tuple[Reference, ...] = ()
    kind: Kind = Kind.DERIVATION
    timeout: float = 60.0
    origin: str = ""  # set by the registry: the module or file that declares the claim

    def __post_init__(self) -> None:
        cid = self.id if isinstance(self.id, str) else repr(self.id)
        try:
            self._validate(cid)
        except InvalidClaimError as err:
            if err.claim_id == "?":
                raise InvalidClaimError(cid, err.field, err.problem) from None
            raise

    def _validate(self, cid: str) -> None:
        if not isinstance(self.id, str) or not ID_PATTERN.match(self.id):
            _fail(cid, "id", f"got {self.id!r}, but an id is kebab-case: lowercase words and digits joined by '-', e.g. 'relu-second-moment'")
        if not isinstance(self.title, str) or not self.title.strip():
            _fail(cid, "title", "give a short human title")
        for name in ("sources", "assumptions", "steps", "forms", "mutants", "references"):
            value = getattr(self, name)
            if isinstance(value, list):
                object.__setattr__(self, name, tuple(value))
            elif not isinstance(value, tuple):
                _fail(cid, name, f"got {type(value).__name__}, but {name} is a tuple")
        if not self.sources:
            _fail(cid, "sources", "every claim points into the notes: give at least one Source(file, line, quote)")
        for i, src in enumerate(self.sources):
            if not isinstance(src, Source):
                _fail(cid, f"sources[{i}]", f"got {type(src).__name__}, but a source is Source(file, line, quote)")
        if not isinstance(self.kind, Kind):
            _fail(cid, "kind", f"got {self.kind!r}, but kind is one of {', '.join(k.name for k in Kind)}")
        if self.kind is Kind.DERIVATION:
            if self.statement is None:
                _fail(cid, "statement", "a derivation states what it proves: give an Equal, Holds or Computed")
        if self.statement is not None:
            _validate_relation(self.statement, cid, "statement")
        for i, step in enumerate(self.steps):
            _validate_relation(step, cid, f"steps[{i}]")
            if not step.why.strip():
                _fail(cid, f"steps[{i}].why", "each proof step needs a one-line justification a student can follow")
        for i, form in enumerate(self.forms):
            _validate_relation(form, cid, f"forms[{i}]")
            if form.source is None:
                _fail(cid, f"forms[{i}].source", "a form is a formula as the notes write it: give its Source(file, line, quote)")
        if self.numeric is None:
            if not self.no_numeric_reason.strip():
                _fail(cid, "numeric", "give a Numeric experiment, or say in no_numeric_reason why none can confirm this claim")
        elif not isinstance(self.numeric, Numeric):
            _fail(cid, "numeric", f"got {type(self.numeric).__name__}, but it must be Numeric(experiment, hypothesis, criterion)")
        else:
            self.numeric._validate(cid)
        if self.kind.evidence_only and self.numeric is None:
            _fail(cid, "numeric", "a conjecture or phenomenon is supported by numeric evidence only: give a Numeric experiment")
        if len(self.mutants) < 2:
            _fail(cid, "mutants", f"got {len(self.mutants)}, but a claim needs at least two mutants (a check its mutant passes proves nothing)")
        names = set()
        for i, m in enumerate(self.mutants):
            if not isinstance(m, Mutant):
                _fail(cid, f"mutants[{i}]", f"got {type(m).__name__}, but a mutant is Mutant(name, statement, hypothesis)")
            if m.name in names:
                _fail(cid, f"mutants[{i}].name", f"mutant name {m.name!r} is used twice")
            names.add(m.name)
            if not self.kind.evidence_only:
                if m.statement is None:
                    _fail(cid, f"mutants[{i}].statement", f"mutant {m.name!r} needs a wrong statement for SymPy to reject")
                _validate_relation(m.statement, cid, f"mutants[{i}].statement")
            if self.numeric is not None:
                if not isinstance(m.hypothesis, Mapping):
                    _fail(cid, f"mutants[{i}].hypothesis", f"mutant {m.name!r} needs a wrong hypothesis for the experiment to reject")
        if not isinstance(self.timeout, (int, float)) or self.timeout <= 0:
            _fail(cid, "timeout", f"got {self.timeout!r}, but the time limit is a positive number of seconds")

    def quoted_relations(self) -> list[tuple[str, Relation]]:
        """Every relation that quotes the notes, with where it sits in the claim."""
        out: list[tuple[str, Relation]] = []
        if self.statement is not None and self.statement.source is not None:
            out.append(("statement", self.statement))
        out += [(f"step {i + 1}", s) for i, s in enumerate(self.steps) if s.source is not None]
        out += [(f"form {i + 1}", f) for i, f in enumerate(self.forms)]
        return out
