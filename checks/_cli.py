"""The command line: parses arguments and calls the same runner pytest uses. Errors go to stderr."""
from __future__ import annotations

import argparse
import sys
import time

from rich.console import Console

from . import _report
from ._errors import ChecksError, UnknownClaimError
from ._notes import ENV_VAR as NOTES_ENV
from ._notes import notes_dir
from ._registry import Registry, discover, load_path
from ._runner import SCALES, default_jobs, run_all, run_claim, start_workers, stop_workers
from ._status import ExitCode, Status

DESCRIPTION = """Verify the derivations in the course notes: SymPy proofs, JAX experiments, the notes as written.

commands:
  all                 run every claim
  run ID [ID ...]     run the named claims
  list                list the claims
  explain ID          walk through one claim's proof, step by step
  audit PATH [...]    which display equations of these notes are covered, stale or wrong

exit status: 0 every claim verified/erratum/supported (errata fail under --strict);
1 a claim refuted, inconclusive, unsupported or errored, or a claims file did not load;
4 usage error (unknown claim id, bad option); 5 no claims."""


class _Parser(argparse.ArgumentParser):
    """argparse, but a bad command line exits with the usage-error status (4), as pytest does."""

    def error(self, message):
        self.print_usage(sys.stderr)
        self.exit(ExitCode.USAGE_ERROR, f"{self.prog}: error: {message}\n")


def _positive_int(text: str) -> int:
    try:
        n = int(text)
    except ValueError:
        n = 0
    if n < 1:
        raise argparse.ArgumentTypeError(f"got {text!r}, but it must be a whole number of processes, 1 or more")
    return n


def _parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--claims", action="append", default=[], metavar="PATH",
                        help="also load claims from a Python file or a folder of them (repeatable)")
    common.add_argument("--only-claims", action="store_true", help="with --claims: skip the built-in claims")
    running = argparse.ArgumentParser(add_help=False)
    running.add_argument("--seed", type=int, default=0, help="re-draw every experiment's randomness (default 0)")
    running.add_argument("--scale", choices=SCALES, default="small", help="experiment sizes: small (2-core CPU, default) or large (GPU)")
    running.add_argument("--json", metavar="FILE", help="write the results as JSON")
    running.add_argument("--strict", action="store_true", help="errata fail the run too (for checking notes before publishing)")
    running.add_argument("--plain", action="store_true", help="plain lines instead of a live table (automatic when not a terminal)")
    running.add_argument("--timeout", type=float, default=None, metavar="S", help="per-claim time limit in seconds (default: each claim's own, 60 s)")
    running.add_argument("--report", metavar="FILE", help="write a report to publish beside the notes: FILE.html (self-contained) or FILE.md")
    running.add_argument("--junit", metavar="FILE", help="write JUnit XML, one test case per claim")
    running.add_argument("--jobs", "-j", type=_positive_int, default=default_jobs(), metavar="N",
                         help=f"run claims in N worker processes (default: one per core, here {default_jobs()}; 1 runs them in this process)")

    p = _Parser(prog="python -m checks", description=DESCRIPTION, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = p.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    sub.add_parser("all", parents=[common, running], help="run every claim")
    r = sub.add_parser("run", parents=[common, running], help="run the named claims")
    r.add_argument("ids", nargs="+", metavar="ID")
    ls = sub.add_parser("list", parents=[common], help="list the claims")
    ls.add_argument("--plain", action="store_true")
    au = sub.add_parser("audit", parents=[common, running], help="audit notes files or folders")
    au.add_argument("paths", nargs="+", metavar="PATH")
    au.add_argument("--errata-md", metavar="FILE", help="write the errata as a Markdown checklist")
    au.add_argument("--uncovered", type=int, default=None, metavar="N", help="show at most N uncovered equations per file")
    e = sub.add_parser("explain", parents=[common], help="show a claim's proof steps and their checks")
    e.add_argument("id", metavar="ID")
    e.add_argument("--latex", action="store_true", help="print the steps as a LaTeX align environment")
    e.add_argument("--seed", type=int, default=0)
    e.add_argument("--scale", choices=SCALES, default="small")
    return p


def _load(args, err: Console) -> Registry:
    folder = notes_dir()
    if not folder.is_dir():
        err.print(f"warning: no notes folder at {folder}: every source will be reported stale; "
                  f"set {NOTES_ENV}=/path/to/notes", markup=False, highlight=False, soft_wrap=True)
    # run and explain import only the modules that declare the requested ids (see discover)
    ids = args.ids if args.command == "run" else [args.id] if args.command == "explain" else None
    reg = Registry() if args.only_claims else discover(ids=ids)
    for path in args.claims:
        reg.merge(load_path(path))
    for prob in reg.problems:
        err.print(f"LOAD ERROR {prob.origin}: {prob.message}", markup=False, highlight=False, soft_wrap=True)
    return reg


def _exit_code(outcomes, problems, strict: bool) -> ExitCode:
    if not outcomes and not problems:
        return ExitCode.NO_CLAIMS
    bad = any(not o.status.passed for o in outcomes) or bool(problems)
    if strict:
        bad = bad or any(o.status is Status.ERRATUM or o.errata or any(s.location.status != "in place" for s in o.sources)
                         for o in outcomes)
    return ExitCode.FAILED if bad else ExitCode.OK


def _execute(claims, args, out: Console):
    plain = args.plain or not out.is_terminal
    if plain:
        outcomes = run_all(claims, args.seed, args.scale, args.timeout, jobs=args.jobs,
                           on_done=lambda o: out.print(_report.plain_line(o), markup=False, highlight=False, soft_wrap=True))
    else:
        with _report.LiveTable(out, len(claims)) as live:
            outcomes = run_all(claims, args.seed, args.scale, args.timeout, on_start=live.start, on_done=live.done,
                               jobs=args.jobs)
    return outcomes, plain


def _write_outputs(args, outcomes, reg: Registry) -> None:
    if args.json and args.command != "audit":
        _report.write_json(args.json, outcomes, reg.problems)
    if args.report:
        from ._publish import write_report
        write_report(args.report, outcomes, strict=args.strict)
    if args.junit:
        from ._junit import write_junit
        write_junit(args.junit, outcomes, reg.problems, args.strict)


def _run(claims, args, reg: Registry, out: Console) -> ExitCode:
    start = time.perf_counter()
    outcomes, plain = _execute(claims, args, out)
    wall = time.perf_counter() - start
    _report.print_details(out, outcomes, plain)
    out.print("\n" + _report.summary_line(outcomes) + f", {wall:.1f} s wall with {args.jobs} worker{'s' if args.jobs > 1 else ''}",
              markup=False, highlight=False, soft_wrap=True)
    _write_outputs(args, outcomes, reg)
    return _exit_code(outcomes, reg.problems, args.strict)


def _audit(args, reg: Registry, out: Console) -> ExitCode:
    from . import _audit as au
    claims = au.claims_touching(args.paths, list(reg))
    outcomes, plain = _execute(claims, args, out)
    result = au.audit(args.paths, list(reg), outcomes)
    for o in outcomes:
        if not o.status.passed:
            out.print(f"\n{o.status.label.upper()} {o.claim.id}: {o.reason}\n  rerun: {o.rerun}", markup=False, highlight=False, soft_wrap=True)
    out.print("\n" + au.audit_text(result, args.uncovered), markup=False, highlight=False, soft_wrap=True)
    if args.errata_md:
        with open(args.errata_md, "w", encoding="utf-8") as fh:
            fh.write(au.errata_markdown(result))
    if args.json:
        doc = {"version": _report.JSON_VERSION, "audit": au.audit_json(result),
               "claims": [_report.outcome_json(o) for o in outcomes],
               "load_problems": [{"origin": p.origin, "message": p.message} for p in reg.problems]}
        _report.write_json_file(args.json, doc)
    _write_outputs(args, outcomes, reg)
    code = _exit_code(outcomes, reg.problems, args.strict)
    if args.strict and result.stale and code == ExitCode.OK:
        code = ExitCode.FAILED
    return ExitCode.OK if code == ExitCode.NO_CLAIMS and result.files else code


def main(argv: list[str] | None = None) -> int:
    out, err = Console(), Console(stderr=True)
    parser = _parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return ExitCode.USAGE_ERROR
    try:
        report = getattr(args, "report", None)
        if report and not report.lower().endswith((".html", ".htm", ".md", ".markdown")):
            raise ChecksError(f"--report {report}: unknown format; give a file ending in .html or .md")
        if args.command == "all" or args.command == "audit" or (args.command == "run" and len(set(args.ids)) > 1):
            start_workers(args.jobs)  # they import their libraries while this process loads the claims
        reg = _load(args, err)
        if args.command == "list":
            for c in reg:
                src = ", ".join(s.cite() for s in c.sources)
                out.print(f"{c.id:<44} {c.kind.label:<10} {c.title}  [{src}]", markup=False, highlight=False, soft_wrap=True)
            return ExitCode.OK if len(reg) else ExitCode.NO_CLAIMS
        if args.command == "explain":
            claim = reg.select([args.id])[0]
            o = run_claim(claim, args.seed, args.scale)
            out.print(_report.explain_latex(o) if args.latex else _report.explain_text(o), markup=False, highlight=False, soft_wrap=True)
            return ExitCode.OK if o.status.passed else ExitCode.FAILED
        if args.command == "audit":
            return _audit(args, reg, out)
        claims = list(reg) if args.command == "all" else reg.select(args.ids)
        return _run(claims, args, reg, out)
    except UnknownClaimError as e:
        err.print(f"error: {e}", markup=False, highlight=False, soft_wrap=True)
        return ExitCode.USAGE_ERROR
    except (ChecksError, FileNotFoundError) as e:
        err.print(f"error: {e}", markup=False, highlight=False, soft_wrap=True)
        return ExitCode.USAGE_ERROR
    except KeyboardInterrupt:
        err.print("interrupted", markup=False)
        return ExitCode.INTERRUPTED
    finally:
        stop_workers()


if __name__ == "__main__":
    sys.exit(main())
