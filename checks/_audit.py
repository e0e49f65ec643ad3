"""Auditing a set of notes: which display equations the claims cover, which they do not, which
claims went stale because the notes changed, and every erratum at its line.

Everything here is text processing: notes content is never evaluated (no eval, sympify or
parse_expr), since those run Python. Quotes are matched after whitespace normalisation.
"""
from __future__ import annotations

import dataclasses
import re
from pathlib import Path

from ._claim import Claim, Source
from ._notes import Location, _norm, locate, read_lines
from ._runner import Outcome

NOTE_SUFFIXES = (".txt", ".md", ".markdown")
_ENVIRONMENTS = r"(?:align|aligned|equation|gather|multline|eqnarray|split|alignat)\*?"
_BEGIN = re.compile(r"\\begin\{(" + _ENVIRONMENTS + r")\}")
# Display math counts as an equation when it relates two things.
_RELATION = re.compile(r"(?<![<>\\])=|<|>|\\(?:le|ge|leq|geq|neq|ne|approx|simeq|equiv|propto|sim|to|rightarrow|Rightarrow|mapsto|iff|Leftrightarrow)\b")
_INLINE_ALONE = re.compile(r"^`?\s*\$(?!\$)([^$]+)\$\s*`?\s*[.,;:]?\s*$")


@dataclasses.dataclass
class Equation:
    file: str
    line: int
    end_line: int
    text: str
    claims: list[tuple[str, str]] = dataclasses.field(default_factory=list)  # (claim id, status)


def find_equations(path: Path) -> list[Equation]:
    """Display equations: ``$$…$$`` blocks, LaTeX environments outside them, and inline math
    standing alone on its line; only those containing a relation (=, ≤, ≈, →, …)."""
    lines = read_lines(str(path))
    found: list[Equation] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        if "$$" in line:
            start = i
            before, _, rest = line.partition("$$")
            if "$$" in rest:
                body, _, after = rest.partition("$$")
                found.append(Equation(path.name, i + 1, i + 1, body))
                if "$$" in after:  # a second block on the same line
                    for extra in re.findall(r"\$\$(.*?)\$\$", after):
                        found.append(Equation(path.name, i + 1, i + 1, extra))
                i += 1
                continue
            body = [rest]
            i += 1
            while i < len(lines) and "$$" not in lines[i]:
                body.append(lines[i])
                i += 1
            if i < len(lines):
                body.append(lines[i].partition("$$")[0])
            found.append(Equation(path.name, start + 1, min(i, len(lines) - 1) + 1, "\n".join(body)))
            i += 1
            continue
        m = _BEGIN.search(line)
        if m:
            start, env = i, m.group(1)
            end_tag = "\\end{" + env + "}"
            body = [line]
            while end_tag not in lines[i] and i + 1 < len(lines):
                i += 1
                body.append(lines[i])
            found.append(Equation(path.name, start + 1, i + 1, "\n".join(body)))
            i += 1
            continue
        m = _INLINE_ALONE.match(line.strip())
        if m:
            found.append(Equation(path.name, i + 1, i + 1, m.group(1)))
        i += 1
    return [e for e in found if _RELATION.search(e.text)]


def note_files(paths: list[str | Path]) -> list[Path]:
    files: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            files += sorted(f for f in p.iterdir() if f.suffix in NOTE_SUFFIXES and f.name.lower() != "readme.md")
        elif p.is_file():
            files.append(p)
        else:
            raise FileNotFoundError(f"{p}: no such file or folder; give notes files or folders of them")
    return files


def claim_sources(claim: Claim) -> list[Source]:
    """Every place a claim quotes the notes: its sources and its quoted steps and forms."""
    seen, out = set(), []
    for src in list(claim.sources) + [r.source for _, r in claim.quoted_relations()]:
        if src not in seen:
            seen.add(src)
            out.append(src)
    return out


@dataclasses.dataclass
class StaleSource:
    claim_id: str
    source: Source
    location: Location


@dataclasses.dataclass
class FileAudit:
    path: Path
    equations: list[Equation]

    @property
    def covered(self) -> list[Equation]:
        return [e for e in self.equations if e.claims]

    @property
    def uncovered(self) -> list[Equation]:
        return [e for e in self.equations if not e.claims]


@dataclasses.dataclass
class Audit:
    files: list[FileAudit]
    stale: list[StaleSource]
    outcomes: list[Outcome]

    @property
    def errata(self):
        names = {f.path.name for f in self.files}
        return [(o, e) for o in self.outcomes for e in o.errata if e.file in names]


def audit(paths: list[str | Path], claims: list[Claim], outcomes: list[Outcome]) -> Audit:
    """Map the claims (and their outcomes) onto the display equations of the notes in ``paths``."""
    status = {o.claim.id: o.status.label for o in outcomes}
    files = note_files(paths)
    result: list[FileAudit] = []
    stale: list[StaleSource] = []
    for path in files:
        equations = find_equations(path)
        for claim in claims:
            for src in claim_sources(claim):
                if src.file != path.name:
                    continue
                loc = locate(src, directory=path.parent)
                if loc.status != "in place":
                    stale.append(StaleSource(claim.id, src, loc))
                if loc.line is None:
                    continue
                quote = _norm(src.quote)
                for eq in equations:
                    if eq.line <= loc.line <= eq.end_line or quote in _norm(eq.text):
                        entry = (claim.id, status.get(claim.id, "not run"))
                        if entry not in eq.claims:
                            eq.claims.append(entry)
        result.append(FileAudit(path, equations))
    return Audit(result, stale, outcomes)


def claims_touching(paths: list[str | Path], claims: list[Claim]) -> list[Claim]:
    names = {p.name for p in note_files(paths)}
    return [c for c in claims if any(s.file in names for s in claim_sources(c))]


def errata_markdown(a: Audit) -> str:
    """The errata as a checklist a note author can work through, ordered by file and line."""
    rows = sorted(a.errata, key=lambda oe: (oe[1].file, oe[1].line))
    out = ["# Errata in the notes", ""]
    if not rows:
        out.append("No errata found.")
    for o, e in rows:
        ce = ", ".join(f"`{k} = {v}`" for k, v in e.counterexample.items()) or e.detail
        out += [f"- [ ] **{e.file}, line {e.line}** ({o.claim.id}, {e.where})",
                f"  - as written: `{e.as_written}`",
                f"  - encoded as: `{e.as_encoded}`",
                f"  - correct: `{e.correct}`",
                f"  - counterexample: {ce}", ""]
    return "\n".join(out) + "\n"


def audit_json(a: Audit) -> dict:
    return {
        "files": [{
            "file": str(f.path), "found": len(f.equations), "covered": len(f.covered),
            "equations": [{"line": e.line, "end_line": e.end_line, "text": e.text.strip(),
                           "claims": [{"id": cid, "status": st} for cid, st in e.claims]} for e in f.equations],
        } for f in a.files],
        "stale": [{"claim": s.claim_id, "file": s.source.file, "line": s.source.line, "quote": s.source.quote,
                   "status": s.location.status, "found_at": s.location.line} for s in a.stale],
        "errata": [{"claim": o.claim.id, "file": e.file, "line": e.line, "as_written": e.as_written,
                    "correct": e.correct, "counterexample": e.counterexample} for o, e in a.errata],
    }


def audit_text(a: Audit, uncovered_limit: int | None = None) -> str:
    out = ["Coverage (display equations with a relation, covered by a claim / found):"]
    for f in a.files:
        n, k = len(f.equations), len(f.covered)
        pct = f"{100 * k / n:.0f}%" if n else "-"
        out.append(f"  {f.path.name:<34} {k:>4} / {n:<4} {pct:>5}")
    for f in a.files:
        unc = f.uncovered
        if not unc:
            continue
        out.append(f"\nUncovered in {f.path.name} ({len(unc)}):")
        shown = unc if uncovered_limit is None else unc[:uncovered_limit]
        for e in shown:
            snippet = _norm(e.text)
            out.append(f"  line {e.line}: {snippet[:100]}{'…' if len(snippet) > 100 else ''}")
        if len(shown) < len(unc):
            out.append(f"  … and {len(unc) - len(shown)} more (see --json)")
    if a.stale:
        out.append(f"\nStale claims ({len(a.stale)}): the notes changed since the claim was written")
        for s in a.stale:
            where = f"moved to line {s.location.line}" if s.location.status == "moved" else "gone"
            out.append(f"  {s.claim_id}: {s.source.cite()} {where}: {s.source.quote[:80]}")
    else:
        out.append("\nNo stale claims: every quoted formula is at its recorded line.")
    errata = sorted(a.errata, key=lambda oe: (oe[1].file, oe[1].line))
    out.append(f"\nErrata ({len(errata)}):" if errata else "\nNo errata.")
    for o, e in errata:
        ce = ", ".join(f"{k}={v}" for k, v in e.counterexample.items())
        out.append(f"  {e.file}:{e.line} [{o.claim.id}] as written: {e.as_written}\n"
                   f"      correct: {e.correct}\n      counterexample: {ce or e.detail}")
    return "\n".join(out)
