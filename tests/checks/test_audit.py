"""Auditing notes: equations found, coverage, drift (stale claims) and errata, all by text only."""
import builtins
import shutil
from pathlib import Path

import sympy as sp

from checks import Claim, Equal, Mutant, Source, run_all
from checks._audit import audit, audit_text, errata_markdown, find_equations
from checks._cli import main
from checks._notes import notes_dir

NOTE = "003_102deae4affe1aa8.txt"
a = sp.Symbol("a", positive=True)
QUOTE = r"(\sigma^2)^k = \frac{2}{D_k} \tag{1.18}"


def claim(forms=()):
    return Claim(id="he-demo", title="demo", sources=(Source(NOTE, 641, QUOTE),), statement=Equal(a, a, why="w"),
                 no_numeric_reason="algebra", forms=forms,
                 mutants=(Mutant("m1", Equal(a, 2 * a), None), Mutant("m2", Equal(a, 3 * a), None)))


def test_equations_are_found_in_every_display_form(tmp_path):
    f = tmp_path / "n.md"
    f.write_text("\n".join([
        "text $x$ inline is not display",      # 1
        "$$a = b$$",                           # 2 single-line block
        "`$$",                                 # 3 multi-line block, as the blog notes write it
        "c \\le d",                            # 4
        "$$`",                                 # 5
        "$$\\tanh(x)$$",                       # 6 no relation: not an equation
        "\\begin{align}",                      # 7 environment outside $$
        "e &= f \\\\",                         # 8
        "\\end{align}",                        # 9
        " $= g + h$ .",                        # 10 inline math alone on its line
    ]))
    eqs = find_equations(f)
    assert [(e.line, e.end_line) for e in eqs] == [(2, 2), (3, 5), (7, 9), (10, 10)]


def test_the_real_notes_have_equations_in_each_file():
    for name in ("000_f4da46d2683a41e5.txt", "001_50e63b01264c0263.txt", "002_89896ee51b349776.txt", NOTE, "004_eb6a47582e049a09.txt"):
        assert len(find_equations(notes_dir() / name)) > 10


def test_a_claim_covers_the_equation_it_quotes_and_nothing_is_stale():
    result = audit([notes_dir() / NOTE], [claim()], [])
    (f,) = result.files
    covering = [e for e in f.equations if e.claims]
    assert [e.line for e in covering] == [641]
    assert covering[0].claims == [("he-demo", "not run")]
    assert result.stale == []
    assert len(f.uncovered) == len(f.equations) - 1


def test_editing_a_formula_in_a_copy_of_the_notes_makes_its_claim_stale(tmp_path):
    copy = tmp_path / NOTE
    shutil.copy(notes_dir() / NOTE, copy)
    lines = copy.read_text().splitlines()
    assert QUOTE in lines[640]
    lines[640] = lines[640].replace(r"\frac{2}{D_k}", r"\frac{1}{D_k}")
    copy.write_text("\n".join(lines) + "\n")
    result = audit([copy], [claim()], [])
    assert [(s.claim_id, s.location.status) for s in result.stale] == [("he-demo", "gone")]
    assert "Stale claims (1)" in audit_text(result)


def test_a_formula_moved_by_inserted_lines_is_reported_where_it_went(tmp_path):
    copy = tmp_path / NOTE
    text = (notes_dir() / NOTE).read_text().splitlines()
    copy.write_text("\n".join(["new paragraph"] * 10 + text) + "\n")
    result = audit([copy], [claim()], [])
    assert [(s.location.status, s.location.line) for s in result.stale] == [("moved", 651)]


def test_errata_are_listed_as_markdown_at_their_lines():
    form = Equal(2 * a, a, why="as printed", source=Source(NOTE, 641, QUOTE), correction=Equal(2 * a, 2 * a))
    c = claim(forms=(form,))
    result = audit([notes_dir() / NOTE], [c], run_all([c]))
    md = errata_markdown(result)
    assert f"- [ ] **{NOTE}, line 641** (he-demo, form 1)" in md
    assert "as written: `(\\sigma^2)^k = \\frac{2}{D_k} \\tag{1.18}`" in md and "correct: `2*a = 2*a`" in md


def test_auditing_never_evaluates_notes_text(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("notes text must not be evaluated")
    monkeypatch.setattr(sp, "sympify", refuse)
    monkeypatch.setattr(sp.parsing.sympy_parser, "parse_expr", refuse)
    monkeypatch.setattr(builtins, "eval", refuse)
    monkeypatch.setattr(builtins, "exec", refuse)
    result = audit([notes_dir()], [claim()], [])
    assert len(result.files) == 5


def test_the_audit_command_prints_coverage_and_writes_errata(tmp_path, capsys):
    errata = tmp_path / "errata.md"
    code = main(["audit", str(notes_dir() / NOTE), "--plain", "--only-claims", "--errata-md", str(errata), "--uncovered", "2"])
    assert code == 0
    out = capsys.readouterr().out
    assert f"{NOTE}" in out and "Uncovered in" in out and "and " in out
    assert errata.read_text().startswith("# Errata in the notes")


def test_the_audit_command_rejects_a_missing_path(capsys):
    assert main(["audit", "/nonexistent/notes", "--plain", "--only-claims"]) == 4
    assert "no such file or folder" in capsys.readouterr().err
