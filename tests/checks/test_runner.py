"""The runner: statuses, errors and hangs reported without stopping the others, seeds."""
from pathlib import Path

import sympy as sp

from checks import Claim, Equal, Mutant, Source, Status, load_path, run_all, run_claim
from checks._runner import claim_seed

FILES = Path(__file__).parent / "claim_files"
a = sp.Symbol("a", positive=True)
SRC = Source("003_102deae4affe1aa8.txt", 641, r"\frac{2}{D_k}")


def load(name):
    return list(load_path(FILES / name).claims.values())[0]


def test_a_correct_claim_is_verified():
    o = run_claim(load("good.py"))
    assert o.status is Status.VERIFIED, o.reason
    assert o.numeric.passed and all(m.rejected for m in o.mutants)
    assert [m.symbolic for m in o.mutants] == ["rejected", "rejected"]
    assert [m.numeric for m in o.mutants] == ["rejected", "rejected"]


def test_a_raising_claim_is_an_error_and_the_next_claim_still_runs():
    outs = run_all([load("raising.py"), load("good.py")])
    assert outs[0].status is Status.ERROR
    assert "the experiment blew up" in outs[0].reason and "raising.py" in outs[0].reason
    assert outs[0].rerun.startswith("python -m checks run raising-claim --claims ") and outs[0].rerun.endswith("raising.py")
    assert outs[1].status is Status.VERIFIED


def test_a_hanging_claim_times_out_and_the_next_claim_still_runs():
    outs = run_all([load("hanging.py"), load("good.py")])
    assert outs[0].status is Status.ERROR and "time limit of 1 s" in outs[0].reason
    assert outs[0].seconds < 5
    assert outs[1].status is Status.VERIFIED


def test_the_timeout_also_works_off_the_main_thread():
    import threading
    box = {}
    t = threading.Thread(target=lambda: box.setdefault("o", run_claim(load("hanging.py"), timeout=0.5)))
    t.start()
    t.join(10)
    assert box["o"].status is Status.ERROR and "time limit" in box["o"].reason


def test_a_false_statement_is_refuted_with_its_counterexample():
    o = run_claim(load("refuted.py"))
    assert o.status is Status.REFUTED
    assert o.statement.counterexample and "differ" in o.statement.detail


def _claim(**kw):
    fields = dict(id="t", title="t", sources=(SRC,), statement=Equal(a, a, why="w"), no_numeric_reason="algebra",
                  mutants=(Mutant("m1", Equal(a, 2 * a), None), Mutant("m2", Equal(a, 3 * a), None)))
    fields.update(kw)
    return Claim(**fields)


def test_a_false_notes_form_is_an_erratum_with_its_line_and_correction():
    form = Equal(2 * a, a, why="as printed", source=SRC, correction=Equal(2 * a, 2 * a))
    o = run_claim(_claim(forms=(form,)))
    assert o.status is Status.ERRATUM
    (e,) = o.errata
    assert (e.file, e.line, e.as_written) == (SRC.file, SRC.line, SRC.quote)
    assert e.correct == "2*a = 2*a" and e.counterexample["lhs"] != e.counterexample["rhs"]


def test_a_false_notes_step_is_corrected_in_the_chain_and_reported():
    x = sp.Symbol("x", positive=True)
    steps = (Equal((x + 1) ** 2, x**2 + 1, why="as printed", source=SRC, correction=Equal((x + 1) ** 2, x**2 + 2 * x + 1)),
             Equal(x**2 + 2 * x + 1, x * (x + 2) + 1, why="factor x"))
    o = run_claim(_claim(statement=Equal((x + 1) ** 2, x * (x + 2) + 1), steps=steps))
    assert o.status is Status.ERRATUM and o.proof == "by the chain of steps"
    assert o.errata[0].where == "step 1"


def test_a_false_own_step_refutes_the_claim():
    o = run_claim(_claim(steps=(Equal(a, 2 * a, why="wrong"),)))
    assert o.status is Status.REFUTED and "step 1" in o.reason


def test_a_mutant_that_passes_makes_the_claim_inconclusive():
    o = run_claim(_claim(mutants=(Mutant("same", Equal(a, a), None), Mutant("m2", Equal(a, 3 * a), None))))
    assert o.status is Status.INCONCLUSIVE and "'same'" in o.reason


def test_an_undecidable_statement_is_inconclusive_not_verified():
    x = sp.Symbol("x", real=True)
    f = sp.Function("f")
    o = run_claim(_claim(statement=Equal(sp.Integral(f(x), (x, -1, 1)), 2 * sp.Integral(f(x), (x, 0, 1)))))
    assert o.status is Status.INCONCLUSIVE


def test_stale_sources_are_reported():
    o = run_claim(_claim(sources=(Source(SRC.file, 5, SRC.quote), Source(SRC.file, 5, "no such text anywhere"))))
    assert [s.location.status for s in o.sources] == ["moved", "gone"]


def test_seeds_give_independent_but_repeatable_streams():
    assert claim_seed("a", 0) == claim_seed("a", 0)
    assert len({claim_seed("a", 0), claim_seed("b", 0), claim_seed("a", 1)}) == 3
    good = load("good.py")
    assert run_claim(good, seed=3).numeric.measured == run_claim(good, seed=3).numeric.measured
    assert run_claim(good, seed=3).numeric.measured != run_claim(good, seed=4).numeric.measured


def test_worker_processes_give_the_same_outcomes_in_the_same_order():
    claims = [load("refuted.py"), load("good.py"), load("raising.py")]
    serial = run_all(claims, jobs=1)
    parallel = run_all(claims, jobs=2)
    assert [o.claim.id for o in parallel] == [c.id for c in claims]
    assert [o.status for o in parallel] == [o.status for o in serial]
    assert [o.reason for o in parallel] == [o.reason for o in serial]
    # the parent's relations are re-attached, so the report can still render them
    good = parallel[1]
    assert good.statement.relation is claims[1].statement and good.statement.latex


def test_a_claim_that_kills_its_worker_is_an_error_and_the_others_still_run():
    crashing = list(load_path(Path(__file__).parent / "worker_files" / "crashing.py").claims.values())[0]
    outs = run_all([crashing, load("good.py"), load("refuted.py")], jobs=2)
    assert outs[0].status is Status.ERROR and "died" in outs[0].reason
    assert outs[1].status is Status.VERIFIED and outs[2].status is Status.REFUTED


def _phenomenon(*forms):
    from checks import Evidence, Kind, Numeric

    def experiment(seed, scale, ok):
        return Evidence(ok, 1.0, 1.0, "ok")

    return Claim(id="phenomenon", title="t", kind=Kind.PHENOMENON, statement=None, sources=(SRC,), forms=forms,
                 numeric=Numeric(experiment, {"ok": True}, "always"),
                 mutants=(Mutant("a", None, {"ok": False}), Mutant("b", None, {"ok": False})))


def test_a_phenomenon_with_a_false_notes_form_is_supported_and_lists_the_erratum():
    o = run_claim(_phenomenon(Equal(a + 1, a + 2, source=SRC)))
    assert o.status is Status.SUPPORTED and "the notes are wrong at 003_102deae4affe1aa8.txt:641" in o.reason
    assert len(o.errata) == 1


def test_a_phenomenon_with_an_undecidable_notes_form_is_inconclusive():
    from checks import Holds

    x, y = sp.symbols("x y", real=True)
    o = run_claim(_phenomenon(Holds(sp.Ge(x**2 * y**2 + x * y**3 + y**4, 0, evaluate=False), source=SRC)))
    assert o.status is Status.INCONCLUSIVE and "could not be decided" in o.reason
