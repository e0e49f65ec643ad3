"""A report to publish beside the notes: one self-contained HTML page (works offline: the
mathematics is MathML, which browsers render natively, and the figures are embedded PNGs), or
Markdown with LaTeX and the figures in a folder beside it.

Figures are drawn from the data the experiments returned (``Evidence.figure``): no second run.
"""
from __future__ import annotations

import base64
import datetime as _dt
import html
import io
import os
from pathlib import Path
from typing import Any

from ._errors import ChecksError
from ._notes import notes_dir
from ._report import mutants_column, notes_column, numeric_column, summary_line
from ._runner import Outcome, RelationResult, _short
from ._status import Status, Verdict

_COLOURS = {
    Status.VERIFIED: "#1a7f37", Status.ERRATUM: "#9a6700", Status.REFUTED: "#cf222e", Status.INCONCLUSIVE: "#8250df",
    Status.ERROR: "#cf222e", Status.SUPPORTED: "#0969da", Status.UNSUPPORTED: "#cf222e",
}
_VERDICT_MARK = {Verdict.HOLDS: "✓ holds", Verdict.FAILS: "✗ fails", Verdict.UNDECIDED: "? undecided", Verdict.ERROR: "! error"}

CSS = """
body{font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;max-width:70rem;margin:2rem auto;padding:0 1rem;color:#1f2328;line-height:1.45}
table{border-collapse:collapse;margin:.5rem 0}th,td{border:1px solid #d0d7de;padding:.25rem .5rem;text-align:left;vertical-align:top}
th{background:#f6f8fa}.status{font-weight:600;color:#fff;border-radius:1rem;padding:0 .6rem;white-space:nowrap}
section.claim{border-top:2px solid #d0d7de;margin-top:2rem;padding-top:.5rem}
ol.steps>li{margin:.6rem 0}.why{color:#57606a}.holds{color:#1a7f37}.fails{color:#cf222e}.undecided,.error{color:#8250df}
math[display=block]{margin:.3rem 0;font-size:1.1em;overflow-x:auto;overflow-y:hidden}code{background:#f6f8fa;padding:0 .2rem;border-radius:3px}
.erratum{background:#fff8c5;border-left:4px solid #9a6700;padding:.4rem .8rem;margin:.5rem 0}
figure{margin:.5rem 0}figure img{max-width:100%;height:auto;border:1px solid #d0d7de}
"""


def _figure_png(spec: dict[str, Any]) -> bytes:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(5.5, 3.6), dpi=110)
    kind = spec.get("kind", "line")
    x = spec.get("x")
    for name, ys in spec.get("series", {}).items():
        xs, yv = (ys["x"], ys["y"]) if isinstance(ys, dict) else (x, ys)
        style = "o" if kind == "scatter" else ("o-" if len(yv) <= 30 else "-")
        if "predicted" in str(name) or "optimal" in str(name) or "fit" in str(name):
            style = "--"
        ax.plot(xs, yv, style, label=str(name), markersize=4)
    if kind == "loglog":
        ax.set_xscale("log")
        ax.set_yscale("log")
    elif kind == "semilogy":
        ax.set_yscale("log")
    elif kind == "semilogx":
        ax.set_xscale("log")
    ax.set_xlabel(spec.get("xlabel", ""))
    ax.set_ylabel(spec.get("ylabel", ""))
    if spec.get("title"):
        ax.set_title(spec["title"], fontsize=10)
    ax.grid(True, which="both", alpha=0.3)
    ax.legend(fontsize=8)
    fig.tight_layout()
    buf = io.BytesIO()
    fig.savefig(buf, format="png")
    plt.close(fig)
    return buf.getvalue()


def _math(mathml: str) -> str:
    return f'<math display="block" xmlns="http://www.w3.org/1998/Math/MathML">{mathml}</math>'


def _notes_href(report: Path, file: str, line: int) -> str:
    target = notes_dir() / file
    try:
        rel = os.path.relpath(target, report.resolve().parent)
    except ValueError:  # another drive
        rel = str(target)
    return f"{rel}#L{line}"


def _relation_html(r: RelationResult, report: Path) -> str:
    e = html.escape
    parts = [f'<div>{_math(r.mathml) if r.mathml else "<code>" + e(r.text) + "</code>"}</div>']
    parts.append(f'<span class="{r.verdict.label}">{_VERDICT_MARK[r.verdict]}</span> '
                 f'<span class="why">{e(r.why or r.where)}</span>')
    if r.source is not None:
        parts.append(f'<br>notes <a href="{e(_notes_href(report, r.source.file, r.source.line))}">{e(r.source.cite())}</a>: '
                     f"<code>{e(r.source.quote)}</code>")
    if r.counterexample:
        parts.append("<br>counterexample: " + ", ".join(f"<code>{e(str(k))} = {e(str(v))}</code>" for k, v in r.counterexample.items()))
    if r.correction is not None:
        parts.append(f"<br>corrected: {_math(r.correction.mathml) if r.correction.mathml else e(r.correction.text)}"
                     f' <span class="{r.correction.verdict.label}">{_VERDICT_MARK[r.correction.verdict]}</span>')
    return "".join(parts)


def _claim_html(o: Outcome, report: Path) -> str:
    e = html.escape
    c = o.claim
    out = [f'<section class="claim" id="{e(c.id)}"><h2>{e(c.title)}</h2>',
           f'<p><code>{e(c.id)}</code> <span class="status" style="background:{_COLOURS[o.status]}">{o.status.label}</span> '
           f"{e(o.reason)}</p>"]
    out.append("<p>Sources: " + ", ".join(
        f'<a href="{e(_notes_href(report, s.source.file, s.source.line))}">{e(s.source.cite())}</a> <code>{e(s.source.quote)}</code>'
        + ("" if s.location.status == "in place" else f" <strong>({e(s.location.status)})</strong>") for s in o.sources) + "</p>")
    if c.assumptions:
        out.append("<p>Assumptions:</p><ul>" + "".join(f"<li>{e(a)}</li>" for a in c.assumptions) + "</ul>")
    if o.statement is not None:
        out.append(f"<h3>Statement</h3>{_relation_html(o.statement, report)}"
                   f"<p>{'proved ' + e(o.proof) if o.proof else 'not proved'}</p>")
    if o.steps:
        out.append("<h3>Proof</h3><ol class='steps'>" + "".join(f"<li>{_relation_html(r, report)}</li>" for r in o.steps) + "</ol>")
    if o.forms:
        out.append("<h3>The notes' forms, as written</h3><ol class='steps'>"
                   + "".join(f"<li>{_relation_html(r, report)}</li>" for r in o.forms) + "</ol>")
    if o.numeric is not None:
        ev = o.numeric
        out.append(f"<h3>Numeric evidence</h3><table><tr><th>measured</th><td>{e(_short(ev.measured))}</td></tr>"
                   f"<tr><th>predicted</th><td>{e(_short(ev.predicted))}</td></tr><tr><th>pass rule</th><td>{e(ev.criterion)}</td></tr>"
                   f"<tr><th>result</th><td>{e(o.numeric_status)}{(' — ' + e(ev.detail)) if ev.detail else ''}</td></tr></table>")
        if ev.figure:
            png = base64.b64encode(_figure_png(dict(ev.figure))).decode()
            caption = ev.figure.get("title") or f"{c.id}: measured against predicted"
            out.append(f'<figure><img alt="{e(caption)}" src="data:image/png;base64,{png}"><figcaption>{e(caption)}</figcaption></figure>')
    elif c.no_numeric_reason:
        out.append(f"<h3>Numeric evidence</h3><p>None: {e(c.no_numeric_reason)}</p>")
    if o.mutants:
        out.append("<h3>Mutants</h3><table><tr><th>mutant</th><th>SymPy</th><th>experiment</th><th>what it changes</th></tr>"
                   + "".join(f"<tr><td>{e(m.name)}</td><td>{m.symbolic}</td><td>{m.numeric}</td><td>{e(m.description)}</td></tr>" for m in o.mutants)
                   + "</table>")
    if c.references:
        out.append("<h3>References</h3><ul>" + "".join(
            f'<li>{e(r.title)}{", " + e(r.where) if r.where else ""}{f" <a href={chr(34)}{e(r.url)}{chr(34)}>{e(r.url)}</a>" if r.url else ""}</li>'
            for r in c.references) + "</ul>")
    out.append("</section>")
    return "\n".join(out)


def report_html(outcomes: list[Outcome], report: Path, strict: bool = False) -> str:
    e = html.escape
    rows = "".join(
        f'<tr><td><a href="#{e(o.claim.id)}">{e(o.claim.id)}</a></td><td><span class="status" style="background:{_COLOURS[o.status]}">'
        f"{o.status.label}</span></td><td>{e(o.symbolic_status)}</td><td>{e(numeric_column(o))}</td><td>{e(notes_column(o))}</td>"
        f"<td>{e(mutants_column(o))}</td><td>{o.seconds:.2f}</td></tr>" for o in outcomes)
    errata = [(o, er) for o in outcomes for er in o.errata]
    errata_html = "".join(
        f'<div class="erratum"><strong><a href="{e(_notes_href(report, er.file, er.line))}">{e(er.file)}, line {er.line}</a></strong>'
        f' (<a href="#{e(o.claim.id)}">{e(o.claim.id)}</a>, {e(er.where)})<br>as written: <code>{e(er.as_written)}</code>'
        f"<br>encoded: <code>{e(er.as_encoded)}</code><br>correct: <code>{e(er.correct)}</code><br>counterexample: "
        + ", ".join(f"<code>{e(str(k))} = {e(str(v))}</code>" for k, v in er.counterexample.items()) + "</div>"
        for o, er in errata) or "<p>No errata.</p>"
    when = _dt.datetime.now(_dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    body = "\n".join(_claim_html(o, report) for o in outcomes)
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Derivation checks</title><style>{CSS}</style></head>
<body><h1>Derivation checks</h1>
<p>{e(summary_line(outcomes))}. Generated {when}{' in strict mode' if strict else ''}.</p>
<table id="summary"><tr><th>claim</th><th>status</th><th>symbolic</th><th>numeric (measured vs predicted)</th><th>notes as written</th><th>mutants</th><th>s</th></tr>{rows}</table>
<h2 id="errata">Errata in the notes ({len(errata)})</h2>{errata_html}
{body}
</body></html>
"""


def _relation_md(r: RelationResult) -> list[str]:
    lines = [f"$$ {r.latex} $$", f"{_VERDICT_MARK[r.verdict]} — {r.why or r.where}"]
    if r.source is not None:
        lines.append(f"notes {r.source.cite()}: `{r.source.quote}`")
    if r.counterexample:
        lines.append("counterexample: " + ", ".join(f"`{k} = {v}`" for k, v in r.counterexample.items()))
    if r.correction is not None:
        lines.append(f"corrected: $ {r.correction.latex} $ ({r.correction.verdict.label})")
    return lines


def report_markdown(outcomes: list[Outcome], report: Path) -> str:
    out = ["# Derivation checks", "", summary_line(outcomes), "",
           "| claim | status | symbolic | numeric | notes as written | mutants | s |", "|---|---|---|---|---|---|---|"]
    for o in outcomes:
        out.append(f"| [{o.claim.id}](#{o.claim.id}) | {o.status.label} | {o.symbolic_status} | {numeric_column(o)} | "
                   f"{notes_column(o)} | {mutants_column(o)} | {o.seconds:.2f} |")
    errata = [(o, er) for o in outcomes for er in o.errata]
    out += ["", f"## Errata ({len(errata)})", ""]
    for o, er in errata:
        ce = ", ".join(f"`{k} = {v}`" for k, v in er.counterexample.items())
        out.append(f"- **[{er.file}, line {er.line}]({_notes_href(report, er.file, er.line)})** ({o.claim.id}): "
                   f"as written `{er.as_written}`; correct `{er.correct}`; counterexample {ce}")
    figdir = report.with_name(report.stem + "_figures")
    for o in outcomes:
        c = o.claim
        out += ["", f"## {c.title}", "", f'<a id="{c.id}"></a>`{c.id}` — **{o.status.label}**: {o.reason}', ""]
        out.append("Sources: " + ", ".join(f"[{s.source.cite()}]({_notes_href(report, s.source.file, s.source.line)})" for s in o.sources))
        if c.assumptions:
            out += ["", "Assumptions:"] + [f"- {a}" for a in c.assumptions]
        if o.statement is not None:
            out += ["", "### Statement", ""] + _relation_md(o.statement)
        if o.steps:
            out += ["", "### Proof", ""]
            for i, r in enumerate(o.steps, 1):
                out += [f"{i}. " + "  \n   ".join(_relation_md(r))]
        if o.forms:
            out += ["", "### The notes' forms, as written", ""]
            for i, r in enumerate(o.forms, 1):
                out += [f"{i}. " + "  \n   ".join(_relation_md(r))]
        if o.numeric is not None:
            ev = o.numeric
            out += ["", "### Numeric evidence", "", f"- measured: {_short(ev.measured)}", f"- predicted: {_short(ev.predicted)}",
                    f"- pass rule: {ev.criterion}", f"- result: {o.numeric_status}"]
            if ev.figure:
                figdir.mkdir(parents=True, exist_ok=True)
                (figdir / f"{c.id}.png").write_bytes(_figure_png(dict(ev.figure)))
                out += ["", f"![{c.id}]({figdir.name}/{c.id}.png)"]
        if o.mutants:
            out += ["", "| mutant | SymPy | experiment |", "|---|---|---|"] + [f"| {m.name} | {m.symbolic} | {m.numeric} |" for m in o.mutants]
    return "\n".join(out) + "\n"


def write_report(path: str | Path, outcomes: list[Outcome], strict: bool = False) -> None:
    path = Path(path)
    if path.suffix.lower() in (".html", ".htm"):
        path.write_text(report_html(outcomes, path, strict), encoding="utf-8")
    elif path.suffix.lower() in (".md", ".markdown"):
        path.write_text(report_markdown(outcomes, path), encoding="utf-8")
    else:
        raise ChecksError(f"--report {path}: unknown format {path.suffix!r}; give a file ending in .html or .md")
