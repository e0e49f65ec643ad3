"""Presenting outcomes: the live rich table, plain lines for logs, JSON for CI, and ``explain``."""
from __future__ import annotations

import json
import math
import os
from collections.abc import Iterable
from typing import Any

from rich.console import Console, Group
from rich.live import Live
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from ._claim import Claim, latex_text
from ._runner import Outcome, RelationResult, _short
from ._status import Status, Verdict

JSON_VERSION = 1

STYLE = {
    Status.VERIFIED: "bold green", Status.ERRATUM: "bold yellow", Status.REFUTED: "bold red",
    Status.INCONCLUSIVE: "bold magenta", Status.ERROR: "bold red", Status.SUPPORTED: "bold cyan",
    Status.UNSUPPORTED: "bold red",
}


def _jsonable(x: Any) -> Any:
    """Numbers, strings, lists and dicts only (NumPy/JAX scalars and arrays become floats/lists)."""
    if x is None or isinstance(x, (bool, str, int)):
        return x
    if isinstance(x, float):
        return x if math.isfinite(x) else str(x)
    if isinstance(x, dict):
        return {str(k): _jsonable(v) for k, v in x.items()}
    if isinstance(x, (list, tuple)):
        return [_jsonable(v) for v in x]
    if hasattr(x, "tolist"):
        return _jsonable(x.tolist())
    try:
        return _jsonable(float(x))
    except (TypeError, ValueError):
        return str(x)


def notes_column(o: Outcome) -> str:
    quoted = len(o.claim.quoted_relations())
    stale = [s for s in o.sources if s.location.status != "in place"]
    parts = []
    if o.errata:
        parts.append(f"{len(o.errata)} " + ("erratum" if len(o.errata) == 1 else "errata"))
    elif quoted:
        ok = sum(1 for r in o.steps + o.forms + ([o.statement] if o.statement else []) if r.source is not None and r.verdict is Verdict.HOLDS)
        parts.append(f"{ok}/{quoted} hold")
    else:
        parts.append("quoted")
    if stale:
        parts.append(f"{len(stale)} stale")
    return ", ".join(parts)


def numeric_column(o: Outcome) -> str:
    if o.numeric is None:
        return "none" if not o.claim.no_numeric_reason else "none (by design)"
    return f"{o.numeric_status}: {_short(o.numeric.measured)} vs {_short(o.numeric.predicted)}"


def mutants_column(o: Outcome) -> str:
    if not o.mutants:
        return "-"
    return f"{sum(m.rejected for m in o.mutants)}/{len(o.mutants)} rejected"


def outcome_row(o: Outcome) -> list[str]:
    return [o.claim.id, o.status.label, o.symbolic_status, numeric_column(o), notes_column(o), mutants_column(o), f"{o.seconds:.2f}"]


HEADERS = ["claim", "status", "symbolic", "numeric (measured vs predicted)", "notes as written", "mutants", "s"]


def _table(outcomes: Iterable[Outcome], running: str | None = None) -> Table:
    t = Table(title="Derivation checks", expand=False, show_lines=False)
    for h in HEADERS:
        t.add_column(h, overflow="fold", no_wrap=h in ("claim", "status", "s"))
    for o in outcomes:
        row = outcome_row(o)
        row[1] = f"[{STYLE[o.status]}]{row[1]}[/]"
        t.add_row(*row)
    if running:
        t.add_row(running, "[dim]running…[/]", "", "", "", "", "")
    return t


class LiveTable:
    """A table that grows as claims finish, with a progress bar under it."""

    def __init__(self, console: Console, total: int):
        self.console = console
        self.outcomes: list[Outcome] = []
        self.progress = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(), console=console)
        self.task = self.progress.add_task("checking claims", total=total)
        self.running: str | None = None
        self.live = Live(self._render(), console=console, refresh_per_second=8, transient=False)

    def _render(self):
        return Group(_table(self.outcomes, self.running), self.progress)

    def __enter__(self):
        self.live.__enter__()
        return self

    def __exit__(self, *exc):
        self.running = None
        self.live.update(Group(_table(self.outcomes)))
        self.live.__exit__(*exc)

    def start(self, claim: Claim) -> None:
        self.running = claim.id
        self.live.update(self._render())

    def done(self, o: Outcome) -> None:
        self.outcomes.append(o)
        self.running = None
        self.progress.advance(self.task)
        self.live.update(self._render())


def plain_line(o: Outcome) -> str:
    row = outcome_row(o)
    return (f"{row[1].upper():<12} {row[0]}  symbolic={row[2]}  numeric={row[3]}  notes={row[4]}  "
            f"mutants={row[5]}  {row[6]}s")


def print_details(console: Console, outcomes: list[Outcome], plain: bool) -> None:
    """After the table: why each failure failed (and how to rerun it), then every erratum."""
    for o in outcomes:
        if not o.status.passed:
            console.print(f"\n{o.status.label.upper()} {o.claim.id}: {o.reason}", markup=False, highlight=False, soft_wrap=True)
            console.print(f"  rerun: {o.rerun}", markup=False, highlight=False, soft_wrap=True)
    errata = [(o, e) for o in outcomes for e in o.errata]
    if errata:
        console.print(f"\nErrata in the notes ({len(errata)}):", markup=False, style=None if plain else "bold yellow")
        for o, e in errata:
            ce = ", ".join(f"{k}={v}" for k, v in e.counterexample.items())
            console.print(f"  {e.file}:{e.line} [{o.claim.id}, {e.where}]\n"
                          f"    as written: {e.as_written}\n    encoded:    {e.as_encoded}\n"
                          f"    correct:    {e.correct}\n    counterexample: {ce or e.detail}",
                          markup=False, highlight=False, soft_wrap=True)
    stale = [(o, s) for o in outcomes for s in o.sources if s.location.status != "in place"]
    for o, s in stale:
        console.print(f"\nSTALE source of {o.claim.id}: {s.source.cite()} {s.location.status}: {s.location.detail}",
                      markup=False, highlight=False, soft_wrap=True)


def summary_line(outcomes: list[Outcome]) -> str:
    counts: dict[str, int] = {}
    for o in outcomes:
        counts[o.status.label] = counts.get(o.status.label, 0) + 1
    total = sum(o.seconds for o in outcomes)
    return f"{len(outcomes)} claims: " + ", ".join(f"{n} {k}" for k, n in sorted(counts.items())) + f" ({total:.1f} s of claim time)"


def _relation_json(r: RelationResult) -> dict[str, Any]:
    d: dict[str, Any] = {"label": r.where, "why": r.why, "relation": r.text, "status": r.verdict.label, "detail": r.detail}
    if r.source is not None:
        d["source"] = {"file": r.source.file, "line": r.source.line, "quote": r.source.quote}
    if r.counterexample:
        d["counterexample"] = r.counterexample
    if r.correction is not None:
        d["correction"] = {"relation": r.correction.text, "status": r.correction.verdict.label}
    return d


def outcome_json(o: Outcome) -> dict[str, Any]:
    c = o.claim
    return {
        "id": c.id,
        "title": c.title,
        "kind": c.kind.label,
        "status": o.status.label,
        "reason": o.reason,
        "sources": [{"file": s.source.file, "line": s.source.line, "quote": s.source.quote,
                     "location": s.location.status, "found_at": s.location.line} for s in o.sources],
        "assumptions": list(c.assumptions),
        "symbolic": {
            "status": o.symbolic_status,
            "statement": _relation_json(o.statement) if o.statement else None,
            "proof": o.proof,
            "steps": [_relation_json(r) for r in o.steps],
            "forms": [_relation_json(r) for r in o.forms],
        },
        "numeric": None if o.numeric is None else {
            "status": o.numeric_status,
            "measured": _jsonable(o.numeric.measured),
            "predicted": _jsonable(o.numeric.predicted),
            "criterion": o.numeric.criterion,
            "detail": o.numeric.detail,
        },
        "errata": [{"file": e.file, "line": e.line, "where": e.where, "as_written": e.as_written, "encoded": e.as_encoded,
                    "correct": e.correct, "counterexample": e.counterexample} for e in o.errata],
        "mutants": [{"name": m.name, "description": m.description, "symbolic": m.symbolic, "numeric": m.numeric,
                     "symbolic_detail": m.symbolic_detail, "numeric_detail": m.numeric_detail} for m in o.mutants],
        "references": [str(r) for r in c.references],
        "seconds": round(o.seconds, 4),
        "seed": o.seed,
        "scale": o.scale,
        "rerun": o.rerun,
        "error": o.error or None,
    }


def write_json(path: str, outcomes: list[Outcome], problems: list | None = None) -> None:
    doc = {"version": JSON_VERSION, "claims": [outcome_json(o) for o in outcomes],
           "load_problems": [{"origin": p.origin, "message": p.message} for p in (problems or [])]}
    write_json_file(path, doc)


def write_json_file(path: str, doc: dict) -> None:
    """Write ``doc`` as JSON whole or not at all: a reader never sees a truncated file."""
    text = json.dumps(_jsonable(doc), indent=2) + "\n"
    tmp = f"{path}.tmp{os.getpid()}"
    with open(tmp, "w", encoding="utf-8") as fh:
        fh.write(text)
    os.replace(tmp, path)


# ---------------------------------------------------------------- explain

_MARK = {Verdict.HOLDS: "✓", Verdict.FAILS: "✗", Verdict.UNDECIDED: "?", Verdict.ERROR: "!"}


def _explain_relation(r: RelationResult, n: str) -> list[str]:
    lines = [f"{n} {_MARK[r.verdict]} {r.why or r.where}", f"      {r.text}"]
    if r.source is not None:
        lines.append(f"      notes {r.source.cite()}: {r.source.quote}")
    lines.append(f"      SymPy: {r.verdict.label} — {r.detail}")
    if r.counterexample:
        lines.append("      counterexample: " + ", ".join(f"{k}={v}" for k, v in r.counterexample.items()))
    if r.correction is not None:
        lines.append(f"      corrected: {r.correction.text}  [{r.correction.verdict.label}]")
    return lines


def explain_text(o: Outcome) -> str:
    c = o.claim
    out = [f"{c.id}: {c.title}", f"status: {o.status.label} — {o.reason}", ""]
    out.append("Sources in the notes:")
    for s in o.sources:
        out.append(f"  {s.source.cite()} ({s.location.status}): {s.source.quote}")
    if c.assumptions:
        out.append("Assumptions:")
        out += [f"  - {a}" for a in c.assumptions]
    if o.statement is not None:
        out.append("Statement:")
        out += _explain_relation(o.statement, "  ")[1:]
        out.append(f"      proved {o.proof}" if o.proof else "      not proved")
    if o.steps:
        out.append("Proof:")
        for i, r in enumerate(o.steps, 1):
            out += _explain_relation(r, f"  {i:>2}.")
    if o.forms:
        out.append("The notes' forms, as written:")
        for i, r in enumerate(o.forms, 1):
            out += _explain_relation(r, f"  {i:>2}.")
    if o.numeric is not None:
        ev = o.numeric
        out += ["Numeric experiment:", f"  measured:  {_short(ev.measured)}", f"  predicted: {_short(ev.predicted)}",
                f"  rule:      {ev.criterion}", f"  result:    {o.numeric_status}" + (f" — {ev.detail}" if ev.detail else "")]
    elif c.no_numeric_reason:
        out += ["Numeric experiment: none — " + c.no_numeric_reason]
    if o.mutants:
        out.append("Mutants (each must be rejected by both engines):")
        for m in o.mutants:
            out.append(f"  - {m.name}: symbolic {m.symbolic}, numeric {m.numeric}" + (f" — {m.description}" if m.description else ""))
    if c.references:
        out.append("References:")
        out += [f"  - {r}" for r in c.references]
    out.append(f"\nrerun: {o.rerun}")
    return "\n".join(out)


def explain_latex(o: Outcome) -> str:
    c = o.claim
    out = [f"% {c.id}: {c.title} ({o.status.label})", r"\begin{align*}"]
    rows = []
    if o.statement is not None:
        rows.append(rf"&{o.statement.latex} && \text{{(statement, {o.statement.verdict.label})}}")
    for i, r in enumerate(o.steps, 1):
        rows.append(rf"&{r.latex} && \text{{({i}) {latex_text(r.why)} [{r.verdict.label}]}}")
    for i, r in enumerate(o.forms, 1):
        rows.append(rf"&{r.latex} && \text{{(notes {latex_text(r.source.cite())}: {r.verdict.label})}}")
    out.append(" \\\\\n".join(rows))
    out.append(r"\end{align*}")
    return "\n".join(out)
