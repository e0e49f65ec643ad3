"""Running a claim: both engines, the notes' forms as written, the mutants, under a time limit.

The CLI and the pytest plugin both call :func:`run_claim`; neither has logic of its own.
"""
from __future__ import annotations

import contextlib
import dataclasses
import functools
import importlib
import os
import signal
import threading
import time
import traceback
import zlib
from collections.abc import Callable, Iterable
from typing import Any

from ._claim import Claim, Equal, Evidence, Relation, Source, latex_text
from ._errors import ClaimTimeout
from ._notes import Location, locate
from ._status import Status, Verdict
from ._symbolic import SymbolicCheck, check_relation, same_expression

SCALES = ("small", "large")


def claim_seed(claim_id: str, seed: int) -> int:
    """Each claim draws from its own stream; ``--seed`` re-draws all of them."""
    return (seed * 1_000_003 + zlib.crc32(claim_id.encode())) % (2**31 - 1)


def rerun_command(claim_id: str, seed: int, scale: str, origin: str = "") -> str:
    extra = (f" --seed {seed}" if seed else "") + (f" --scale {scale}" if scale != "small" else "")
    if origin.endswith(".py"):  # a claims file of the user's: load it again
        extra += f" --claims {origin}"
    return f"python -m checks run {claim_id}{extra}"


@dataclasses.dataclass
class RelationResult:
    """One checked relation: a step, the statement, a notes form or a correction."""

    where: str
    why: str
    text: str
    relation: Relation
    verdict: Verdict
    detail: str
    counterexample: dict[str, str] | None
    source: Source | None
    correction: RelationResult | None = None

    # LaTeX and MathML are only needed by explain --latex and the reports; SymPy's printers are
    # slow on large expressions, so they are rendered on first use, not while the claims run.
    @functools.cached_property
    def latex(self) -> str:
        try:
            return self.relation.latex()
        except Exception:  # noqa: BLE001 - a printer failure must not sink the report
            return f"\\text{{{latex_text(self.text)}}}"

    @functools.cached_property
    def mathml(self) -> str:
        try:
            return self.relation.mathml()
        except Exception as err:  # noqa: BLE001
            return f"<mtext>{self.text} ({type(err).__name__})</mtext>"

    @property
    def effective_holds(self) -> bool:
        """Holds as written, or (for a notes form) its correction holds."""
        if self.verdict is Verdict.HOLDS:
            return True
        return self.correction is not None and self.correction.verdict is Verdict.HOLDS


@dataclasses.dataclass
class Erratum:
    file: str
    line: int
    where: str
    as_written: str
    as_encoded: str
    correct: str
    counterexample: dict[str, str]
    detail: str


@dataclasses.dataclass
class MutantResult:
    name: str
    description: str
    symbolic: str  # "rejected", "accepted", or "n/a"
    numeric: str
    symbolic_detail: str = ""
    numeric_detail: str = ""

    @property
    def rejected(self) -> bool:
        return self.symbolic != "accepted" and self.numeric != "accepted"


@dataclasses.dataclass
class SourceResult:
    source: Source
    location: Location


@dataclasses.dataclass
class Outcome:
    claim: Claim
    status: Status
    reason: str
    seed: int
    scale: str
    statement: RelationResult | None = None
    proof: str = ""
    steps: list[RelationResult] = dataclasses.field(default_factory=list)
    forms: list[RelationResult] = dataclasses.field(default_factory=list)
    numeric: Evidence | None = None
    numeric_status: str = "none"
    errata: list[Erratum] = dataclasses.field(default_factory=list)
    mutants: list[MutantResult] = dataclasses.field(default_factory=list)
    sources: list[SourceResult] = dataclasses.field(default_factory=list)
    seconds: float = 0.0
    error: str = ""

    @property
    def symbolic_status(self) -> str:
        if self.claim.kind.evidence_only and self.statement is None:
            return "n/a"
        if self.statement is None:
            return "error" if self.error else "not run"
        return "proved" if self.proof else self.statement.verdict.label

    @property
    def rerun(self) -> str:
        return rerun_command(self.claim.id, self.seed, self.scale, self.claim.origin)


def _check(where: str, rel: Relation) -> RelationResult:
    res: SymbolicCheck = check_relation(rel)
    correction = None
    if res.verdict is not Verdict.HOLDS and rel.correction is not None:
        correction = _check(f"{where} (corrected)", rel.correction)
    return RelationResult(where, rel.why, rel.describe(), rel, res.verdict, res.detail,
                          res.counterexample, rel.source, correction)


def _erratum(r: RelationResult) -> Erratum:
    src = r.source
    correct = r.correction.text if r.correction is not None else "(no correction given)"
    if r.correction is not None and r.correction.verdict is not Verdict.HOLDS:
        correct += f"  [the correction itself is {r.correction.verdict.label}]"
    return Erratum(src.file, src.line, r.where, src.quote, r.text, correct, dict(r.counterexample or {}), r.detail)


def _chain_proves(statement: Relation, steps: tuple[Relation, ...], results: list[RelationResult]) -> bool:
    """An Equal chain from the statement's lhs to its rhs whose every link holds (as written or
    corrected) proves the statement by transitivity."""
    if not isinstance(statement, Equal):
        return False
    # The chain is the Equal steps in order; other steps (Holds, Computed) are side facts that
    # must hold too.
    if not all(r.effective_holds for r in results):
        return False
    pairs = [(s, r) for s, r in zip(steps, results) if isinstance(s, Equal)]
    if not pairs:
        return False
    links = [s if r.verdict is Verdict.HOLDS else s.correction for s, r in pairs]
    if any(link is None for link in links):
        return False
    if statement.up_to is None and any(link.up_to is not None for link in links):
        return False
    if statement.up_to is not None:
        n = statement.up_to
        for link in links:
            if link.up_to is not None and (link.up_to.variables != n.variables or
                                           not (link.up_to.expr / n.expr).is_polynomial(*n.variables)):
                return False
    if not same_expression(links[0].lhs, statement.lhs) or not same_expression(links[-1].rhs, statement.rhs):
        return False
    return all(same_expression(a.rhs, b.lhs) for a, b in zip(links, links[1:]))


@contextlib.contextmanager
def time_limit(seconds: float):
    """Raise ClaimTimeout after ``seconds`` (SIGALRM in the main thread; elsewhere no limit here:
    the caller runs the claim in a watched thread instead)."""
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "setitimer"):
        yield
        return

    def _raise(signum, frame):
        raise ClaimTimeout(f"ran past its time limit of {seconds:g} s")

    previous = signal.signal(signal.SIGALRM, _raise)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _symbolic(claim: Claim, out: Outcome) -> None:
    out.steps = [_check(f"step {i + 1}", s) for i, s in enumerate(claim.steps)]
    out.forms = [_check(f"form {i + 1}", f) for i, f in enumerate(claim.forms)]
    if claim.statement is None:
        return
    if _chain_proves(claim.statement, claim.steps, out.steps):
        st = claim.statement
        out.statement = RelationResult("statement", st.why, st.describe(), st, Verdict.HOLDS,
                                       "follows from the chain of steps by transitivity", None, st.source, None)
        out.proof = "by the chain of steps"
        if st.source is not None:  # the notes' statement is also checked on its own, as written
            direct = _check("statement", st)
            if direct.verdict is Verdict.FAILS:
                out.statement = direct
    else:
        out.statement = _check("statement", claim.statement)
        if out.statement.effective_holds:
            out.proof = "directly" if out.statement.verdict is Verdict.HOLDS else "directly (as corrected)"


def _numeric(claim: Claim, out: Outcome, seed: int, scale: str) -> None:
    if claim.numeric is None:
        return
    ev = claim.numeric.experiment(claim_seed(claim.id, seed), scale, **claim.numeric.hypothesis)
    if not isinstance(ev, Evidence):
        raise TypeError(f"claim {claim.id!r}: the experiment returned {type(ev).__name__}, but it must return Evidence")
    out.numeric = ev
    out.numeric_status = "agrees" if ev.passed else "disagrees"


def _mutants(claim: Claim, out: Outcome, seed: int, scale: str) -> None:
    for m in claim.mutants:
        sym, sym_detail = "n/a", ""
        if m.statement is not None:
            r = check_relation(m.statement)
            sym = "rejected" if r.verdict is Verdict.FAILS else "accepted"
            sym_detail = r.detail if r.verdict is Verdict.FAILS else f"not refuted: {r.verdict.label} ({r.detail})"
        num, num_detail = "n/a", ""
        if claim.numeric is not None and m.hypothesis is not None:
            ev = claim.numeric.experiment(claim_seed(claim.id, seed), scale, **m.hypothesis)
            num = "accepted" if ev.passed else "rejected"
            num_detail = f"measured {_short(ev.measured)} vs mutant's {_short(ev.predicted)}: {ev.criterion}"
        out.mutants.append(MutantResult(m.name, m.description, sym, num, sym_detail, num_detail))


def _short(x: Any) -> str:
    if isinstance(x, float):
        return f"{x:.4g}"
    if isinstance(x, dict):
        return "{" + ", ".join(f"{k}: {_short(v)}" for k, v in list(x.items())[:4]) + ("…" if len(x) > 4 else "") + "}"
    if isinstance(x, (list, tuple)):
        return "[" + ", ".join(_short(v) for v in list(x)[:4]) + ("…" if len(x) > 4 else "") + "]"
    return str(x)


def _decide(claim: Claim, out: Outcome) -> tuple[Status, str]:
    sourced = [r for r in out.steps + out.forms + ([out.statement] if out.statement else []) if r.source is not None]
    errors = [r for r in out.steps + out.forms + ([out.statement] if out.statement else []) if r.verdict is Verdict.ERROR]
    out.errata = [_erratum(r) for r in sourced if r.verdict is Verdict.FAILS]
    if errors:
        return Status.ERROR, f"{errors[0].where}: SymPy raised: {errors[0].detail}"
    accepted = [m for m in out.mutants if not m.rejected]
    if claim.kind.evidence_only:
        if out.numeric is None or not out.numeric.passed:
            return Status.UNSUPPORTED, "the numeric evidence does not support it"
        if accepted:
            m = accepted[0]
            return Status.INCONCLUSIVE, f"mutant {m.name!r} is supported by the same evidence: it does not discriminate"
        # The notes' formulas quoted beside a conjecture are checked like any other: one SymPy
        # cannot decide leaves the claim inconclusive; a false one is listed as an erratum
        # (and fails --strict) while the evidence still supports the conjecture.
        undecided = [r for r in out.steps + out.forms if r.verdict is Verdict.UNDECIDED]
        if undecided:
            r = undecided[0]
            return Status.INCONCLUSIVE, f"{r.where} could not be decided: {r.detail}"
        if out.errata:
            e = out.errata[0]
            more = f" (and {len(out.errata) - 1} more)" if len(out.errata) > 1 else ""
            return Status.SUPPORTED, f"the numeric evidence supports it; the notes are wrong at {e.file}:{e.line}{more}"
        return Status.SUPPORTED, "the numeric evidence supports it and rejects every mutant"
    own_fail = [r for r in out.steps if r.source is None and r.verdict is Verdict.FAILS]
    if own_fail:
        r = own_fail[0]
        return Status.REFUTED, f"{r.where} ({r.why}) fails: {r.detail}"
    bad_correction = [r for r in sourced if r.correction is not None and r.correction.verdict is not Verdict.HOLDS
                      and r.verdict is not Verdict.HOLDS]
    if bad_correction:
        r = bad_correction[0]
        return Status.REFUTED, f"{r.where}: the correction offered for the notes is itself {r.correction.verdict.label}: {r.correction.detail}"
    if out.statement is None or not out.proof:
        st = out.statement
        if st is not None and st.verdict is Verdict.FAILS:
            return Status.REFUTED, f"the statement fails: {st.detail}"
        return Status.INCONCLUSIVE, f"the statement is not proved: {st.detail if st else 'no statement'}"
    if out.numeric is not None and not out.numeric.passed:
        return Status.REFUTED, f"the numeric experiment disagrees: measured {_short(out.numeric.measured)}, predicted {_short(out.numeric.predicted)} ({out.numeric.criterion})"
    # A notes form SymPy cannot decide is not known to hold, whatever its correction says.
    undecided = [r for r in out.steps + out.forms
                 if r.verdict is Verdict.UNDECIDED and (r.source is not None or not r.effective_holds)]
    if undecided:
        r = undecided[0]
        return Status.INCONCLUSIVE, f"{r.where} could not be decided: {r.detail}"
    if accepted:
        m = accepted[0]
        engine = "symbolic" if m.symbolic == "accepted" else "numeric"
        return Status.INCONCLUSIVE, f"mutant {m.name!r} passes the {engine} check too: that check does not discriminate"
    if out.errata:
        e = out.errata[0]
        more = f" (and {len(out.errata) - 1} more)" if len(out.errata) > 1 else ""
        return Status.ERRATUM, f"the notes are wrong at {e.file}:{e.line}{more}"
    return Status.VERIFIED, "proved " + out.proof + (", confirmed numerically" if out.numeric else "") + ", mutants rejected"


def _evaluate(claim: Claim, seed: int, scale: str) -> Outcome:
    out = Outcome(claim, Status.ERROR, "", seed, scale)
    out.sources = [SourceResult(s, locate(s)) for s in claim.sources]
    _symbolic(claim, out)
    _numeric(claim, out, seed, scale)
    _mutants(claim, out, seed, scale)
    out.status, out.reason = _decide(claim, out)
    return out


def run_claim(claim: Claim, seed: int = 0, scale: str = "small", timeout: float | None = None) -> Outcome:
    """Run one claim; whatever it raises or however long it hangs, an Outcome comes back."""
    if scale not in SCALES:
        raise ValueError(f"got scale={scale!r}, but the only valid values are {', '.join(SCALES)}")
    limit = timeout if timeout is not None else claim.timeout
    start = time.perf_counter()
    try:
        if threading.current_thread() is threading.main_thread():
            with time_limit(limit):
                out = _evaluate(claim, seed, scale)
        else:
            out = _run_in_thread(claim, seed, scale, limit)
    except Exception as err:  # noqa: BLE001 - the claim is reported as an error; others go on
        out = Outcome(claim, Status.ERROR, "", seed, scale)
        out.sources = [SourceResult(s, locate(s)) for s in claim.sources]
        tb = traceback.extract_tb(err.__traceback__)
        ours = [f for f in tb if "site-packages" not in f.filename and "/lib/python" not in f.filename]
        frame = (ours or tb)[-1] if tb else None
        where = f" (at {frame.filename.rsplit('/', 1)[-1]}:{frame.lineno})" if frame and not isinstance(err, ClaimTimeout) else ""
        out.reason = f"{type(err).__name__}: {err}{where}"
        out.error = "".join(traceback.format_exception(err))
    out.seconds = time.perf_counter() - start
    return out


def _run_in_thread(claim: Claim, seed: int, scale: str, limit: float) -> Outcome:
    box: dict[str, Any] = {}

    def target():
        try:
            box["out"] = _evaluate(claim, seed, scale)
        except BaseException as err:  # noqa: BLE001 - handed back to the caller
            box["err"] = err

    t = threading.Thread(target=target, daemon=True, name=f"claim-{claim.id}")
    t.start()
    t.join(limit)
    if t.is_alive():
        raise ClaimTimeout(f"ran past its time limit of {limit:g} s")
    if "err" in box:
        raise box["err"]
    return box["out"]


def run_all(claims: Iterable[Claim], seed: int = 0, scale: str = "small", timeout: float | None = None,
            on_start: Callable[[Claim], None] | None = None,
            on_done: Callable[[Outcome], None] | None = None, jobs: int = 1) -> list[Outcome]:
    """Run every claim; with ``jobs`` > 1 in that many worker processes, one module's claims per
    task (so each module is imported once). Outcomes come back in the order of ``claims``;
    ``on_done`` is called as each finishes."""
    claims = list(claims)
    # a claim built outside a module the registry loaded has no origin to re-import it from
    if jobs > 1 and len(claims) > 1 and all(c.origin for c in claims):
        return _run_parallel(claims, seed, scale, timeout, on_done, jobs)
    outcomes = []
    for claim in claims:
        if on_start:
            on_start(claim)
        out = run_claim(claim, seed, scale, timeout)
        outcomes.append(out)
        if on_done:
            on_done(out)
    return outcomes


def default_jobs() -> int:
    """One worker per core, at most 4: the claims are small and a worker costs an import."""
    return max(1, min(4, os.cpu_count() or 1))


# ---- worker processes ------------------------------------------------------------------------
# Claims hold lambdas and closures, which do not pickle: a worker imports the claim's module by
# its origin, runs the claim there, and sends back the Outcome without its Python objects; the
# parent re-attaches its own Claim and relations (the structure mirrors claim.steps and .forms).
_WORKER_MODULES: dict[str, dict[str, Claim]] = {}


def _claims_from(origin: str) -> dict[str, Claim]:
    if origin not in _WORKER_MODULES:
        from ._registry import Registry, load_path

        if origin.endswith(".py"):
            reg = load_path(origin)
        else:
            reg = Registry()
            reg.add_module(importlib.import_module(origin), origin)
        _WORKER_MODULES[origin] = reg.claims
    return _WORKER_MODULES[origin]


def _detach(r: RelationResult | None) -> None:
    while r is not None:
        r.relation = None
        r.__dict__.pop("latex", None)
        r.__dict__.pop("mathml", None)
        r = r.correction


def _attach(r: RelationResult | None, rel: Relation | None) -> None:
    while r is not None and rel is not None:
        r.relation = rel
        r, rel = r.correction, rel.correction


def _worker_run(origin: str, ids: list[str], seed: int, scale: str, timeout: float | None) -> list[Outcome]:
    outs = []
    try:
        claims = _claims_from(origin)
    except Exception as err:  # noqa: BLE001 - the parent turns this into an error per claim
        raise RuntimeError(f"{origin} does not import in a worker: {type(err).__name__}: {err}") from None
    for claim_id in ids:
        out = run_claim(claims[claim_id], seed, scale, timeout)
        out.claim = None
        for r in [out.statement, *out.steps, *out.forms]:
            _detach(r)
        outs.append(out)
    return outs


def _reattach(out: Outcome, claim: Claim) -> Outcome:
    out.claim = claim
    for r, rel in zip(out.steps, claim.steps):
        _attach(r, rel)
    for r, rel in zip(out.forms, claim.forms):
        _attach(r, rel)
    _attach(out.statement, claim.statement)
    return out


def _worker_failed(claim: Claim, seed: int, scale: str, err: BaseException) -> Outcome:
    out = Outcome(claim, Status.ERROR, f"the worker process failed: {type(err).__name__}: {err}", seed, scale)
    out.sources = [SourceResult(s, locate(s)) for s in claim.sources]
    out.error = "".join(traceback.format_exception(err))
    return out


_POOL: Any = None


def _warm() -> None:
    """Import the heavy libraries in a fresh worker while the parent discovers the claims."""
    import jax  # noqa: F401
    import sympy  # noqa: F401


def _new_pool(workers: int):
    import concurrent.futures as cf
    import multiprocessing as mp

    # several processes may share one GPU: none of them may grab most of its memory up front
    os.environ.setdefault("XLA_PYTHON_CLIENT_PREALLOCATE", "false")
    ctx = mp.get_context("spawn")  # fork after JAX has started threads can deadlock
    return cf.ProcessPoolExecutor(max_workers=workers, mp_context=ctx)


def start_workers(jobs: int) -> None:
    """Start the worker processes now (they import their libraries while the caller loads the
    claims); ``run_all`` with the same ``jobs`` then uses them."""
    global _POOL
    if _POOL is None and jobs > 1:
        _POOL = _new_pool(jobs)
        for _ in range(jobs):
            _POOL.submit(_warm)


def stop_workers() -> None:
    global _POOL
    if _POOL is not None:
        _POOL.shutdown(wait=True, cancel_futures=True)
        _POOL = None


def _pool_round(pool, tasks, seed, scale, timeout, finish) -> list[list[Claim]]:
    """Run each task (a list of one module's claims) in ``pool``; ``finish`` gets each outcome.
    Returns the tasks lost because a worker process died (the pool is then broken)."""
    import concurrent.futures as cf
    from concurrent.futures.process import BrokenProcessPool

    lost = []
    futures = {pool.submit(_worker_run, cs[0].origin, [c.id for c in cs], seed, scale, timeout): cs for cs in tasks}
    for fut in cf.as_completed(futures):
        cs = futures[fut]
        try:
            outs = [_reattach(o, c) for o, c in zip(fut.result(), cs)]
        except BrokenProcessPool:
            lost.append(cs)
            continue
        except Exception as err:  # noqa: BLE001 - e.g. the module does not import in a worker
            outs = [_worker_failed(c, seed, scale, err) for c in cs]
        for o in outs:
            finish(o)
    return lost


def _run_parallel(claims, seed, scale, timeout, on_done, jobs) -> list[Outcome]:
    by_origin: dict[str, list[Claim]] = {}
    for c in claims:
        by_origin.setdefault(c.origin, []).append(c)
    # largest modules first, so the last task to start is a short one
    tasks = sorted(by_origin.values(), key=len, reverse=True)
    done: dict[str, Outcome] = {}

    def finish(o: Outcome) -> None:
        done[o.claim.id] = o
        if on_done:
            on_done(o)

    start_workers(jobs)
    try:
        lost = _pool_round(_POOL, tasks, seed, scale, timeout, finish)
    finally:
        stop_workers()
    # A worker died (a claim crashed the interpreter, or ran it out of memory): the claims it
    # took down with it run again one per task, then alone, so that only the culprit is lost.
    lost = [c for cs in lost for c in cs if c.id not in done]
    if lost:
        with _new_pool(jobs) as pool:
            lost = [c for (c,) in _pool_round(pool, [[c] for c in lost], seed, scale, timeout, finish)]
    for c in lost:
        with _new_pool(1) as pool:
            if _pool_round(pool, [[c]], seed, scale, timeout, finish):
                finish(_worker_failed(c, seed, scale, RuntimeError(
                    "the process running this claim died (a crash in native code, or out of memory)")))
    return [done[c.id] for c in claims]
