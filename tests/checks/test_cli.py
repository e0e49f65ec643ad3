"""The command line: exit statuses, JSON output, unknown ids, explain."""
import json
from pathlib import Path

import pytest

from checks import ExitCode
from checks._cli import main

FILES = Path(__file__).parent / "claim_files"


def cli(*args):
    return main(["--only-claims" if a == "ONLY" else a for a in args])


def run_args(*names, extra=()):
    args = ["--plain"]
    for n in names:
        args += ["--claims", str(FILES / n)]
    return [*args, "--only-claims", *extra]


def test_all_verified_exits_0_and_writes_the_json_fields(tmp_path, capsys):
    out = tmp_path / "r.json"
    code = main(["all", *run_args("good.py"), "--json", str(out)])
    assert code == ExitCode.OK
    doc = json.loads(out.read_text())
    (c,) = doc["claims"]
    assert c["id"] == "uniform-mean" and c["status"] == "verified"
    assert {"id", "title", "status", "sources", "symbolic", "numeric", "errata", "mutants", "seconds"} <= set(c)
    assert set(c["sources"][0]) >= {"file", "line", "quote"}
    assert c["symbolic"]["status"] == "proved"
    assert {"status", "measured", "predicted", "criterion"} <= set(c["numeric"])
    assert [(m["symbolic"], m["numeric"]) for m in c["mutants"]] == [("rejected", "rejected")] * 2
    assert "VERIFIED" in capsys.readouterr().out


def test_a_refuted_claim_exits_1(capsys):
    assert main(["all", *run_args("good.py", "refuted.py")]) == ExitCode.FAILED
    out = capsys.readouterr().out
    assert "REFUTED false-square" in out and "rerun: python -m checks run false-square" in out


def test_an_error_in_one_claim_does_not_stop_the_others(tmp_path, capsys):
    out = tmp_path / "r.json"
    code = main(["all", *run_args("raising.py", "hanging.py", "good.py"), "--json", str(out)])
    assert code == ExitCode.FAILED
    statuses = {c["id"]: c["status"] for c in json.loads(out.read_text())["claims"]}
    assert statuses == {"raising-claim": "error", "hanging-claim": "error", "uniform-mean": "verified"}


def test_unknown_id_exits_4_naming_close_matches_and_runs_nothing(capsys):
    code = main(["run", "uniform-maen", *run_args("good.py")])
    assert code == ExitCode.USAGE_ERROR
    cap = capsys.readouterr()
    assert "did you mean uniform-mean" in cap.err
    assert "VERIFIED" not in cap.out


def test_files_that_do_not_load_are_named_and_the_rest_still_run(capsys):
    code = main(["all", "--plain", "--claims", str(FILES / "malformed.py"), "--claims", str(FILES / "good.py"), "--only-claims"])
    assert code == ExitCode.FAILED
    cap = capsys.readouterr()
    assert "malformed.py" in cap.err and "'no-source'" in cap.err and "'sources'" in cap.err
    assert "VERIFIED" in cap.out


def test_strict_fails_on_errata(tmp_path):
    claim = tmp_path / "errat.py"
    claim.write_text('''
import sympy as sp
from checks import Claim, Equal, Mutant, Source
a = sp.Symbol("a", positive=True)
SRC = Source("003_102deae4affe1aa8.txt", 641, r"\\frac{2}{D_k}")
c = Claim(id="errat", title="t", sources=(SRC,), statement=Equal(a, a, why="w"), no_numeric_reason="algebra",
          forms=(Equal(2 * a, a, source=SRC, correction=Equal(2 * a, 2 * a)),),
          mutants=(Mutant("m1", Equal(a, 2 * a), None), Mutant("m2", Equal(a, 3 * a), None)))
''')
    base = ["all", "--plain", "--claims", str(claim), "--only-claims"]
    assert main(base) == ExitCode.OK
    assert main([*base, "--strict"]) == ExitCode.FAILED


def test_list_and_explain(capsys):
    assert main(["list", "--claims", str(FILES / "good.py"), "--only-claims"]) == ExitCode.OK
    assert "uniform-mean" in capsys.readouterr().out
    assert main(["explain", "uniform-mean", "--claims", str(FILES / "good.py"), "--only-claims"]) == ExitCode.OK
    text = capsys.readouterr().out
    assert "Statement:" in text and "proved directly" in text and "Mutants" in text
    assert main(["explain", "uniform-mean", "--latex", "--claims", str(FILES / "good.py"), "--only-claims"]) == ExitCode.OK
    assert r"\begin{align*}" in capsys.readouterr().out


def test_no_claims_exits_5(tmp_path):
    (tmp_path / "empty.py").write_text("x = 1\n")
    assert main(["all", "--plain", "--claims", str(tmp_path / "empty.py"), "--only-claims"]) == ExitCode.NO_CLAIMS


def test_no_command_prints_help_and_is_a_usage_error(capsys):
    assert main([]) == ExitCode.USAGE_ERROR
    assert "commands:" in capsys.readouterr().out


@pytest.mark.parametrize("argv", [["all", "--scale", "huge"], ["frobnicate"], ["run"]])
def test_bad_command_lines_exit_4_with_a_message(argv, capsys):
    with pytest.raises(SystemExit) as info:
        main(argv)
    assert info.value.code == ExitCode.USAGE_ERROR
    assert "error:" in capsys.readouterr().err


def test_json_takes_sympy_numbers_in_a_computed_detail(tmp_path):
    claims = tmp_path / "detail.py"
    claims.write_text('''
import sympy as sp
from checks import Claim, Computed, Equal, Mutant, Source
x = sp.Symbol("x", real=True)
c = Claim(id="json-detail", title="t",
          sources=(Source("002_89896ee51b349776.txt", 88, r"\\sigma(x) = \\frac{1}{1+e^{-x}}"),),
          statement=Equal(x, x, why="w"),
          steps=(Computed("side", lambda: (True, {"value": sp.Integer(1), "ratio": sp.Rational(1, 3)}), why="w"),),
          no_numeric_reason="no experiment: a test of the JSON writer",
          mutants=(Mutant("a", Equal(x, x + 1), None), Mutant("b", Equal(x, 2 * x), None)))
''')
    out = tmp_path / "r.json"
    assert main(["run", "json-detail", "--plain", "--claims", str(claims), "--only-claims", "--json", str(out)]) == ExitCode.OK
    (c,) = json.loads(out.read_text())["claims"]
    assert c["symbolic"]["steps"][0]["detail"] == "value=1; ratio=1/3"
