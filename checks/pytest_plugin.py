"""pytest integration: every claim is one test item (so ``-k``, ``--lf`` and ``-n auto`` work).

A failing claim is reported as the failing step or the measured-vs-predicted numbers, with the
command that reruns it, not as a traceback. Loaded by the project's root ``conftest.py``."""
from __future__ import annotations

import functools
from pathlib import Path

import pytest

from ._claim import Claim
from ._notes import notes_dir
from ._registry import BUILTIN_PACKAGE, discover, load_path
from ._report import explain_text
from ._runner import SCALES, Outcome, run_claim


def pytest_addoption(parser):
    group = parser.getgroup("derivation checks")
    group.addoption("--claims-seed", type=int, default=0, help="seed for the claims' experiments (default 0)")
    group.addoption("--claims-scale", choices=SCALES, default="small", help="experiment sizes (default small)")
    group.addoption("--claims", action="append", default=[], metavar="PATH", dest="claims_paths",
                    help="also collect the claims declared in this Python file or folder")


_OUTCOMES: dict[tuple[int, int, str], Outcome] = {}


def cached_outcome(claim: Claim, seed: int = 0, scale: str = "small") -> Outcome:
    """One run per claim per process, shared by the claim's item and the mutant tests."""
    key = (id(claim), seed, scale)
    if key not in _OUTCOMES:
        _OUTCOMES[key] = run_claim(claim, seed, scale)
    return _OUTCOMES[key]


class ClaimFailed(Exception):
    def __init__(self, outcome: Outcome):
        super().__init__(outcome.reason)
        self.outcome = outcome


class ClaimItem(pytest.Item):
    def __init__(self, *, claim: Claim, **kw):
        super().__init__(**kw)
        self.claim = claim
        self.add_marker(pytest.mark.claim)

    def runtest(self) -> None:
        cfg = self.config
        outcome = cached_outcome(self.claim, cfg.getoption("claims_seed"), cfg.getoption("claims_scale"))
        self.user_properties.append(("status", outcome.status.label))
        self.user_properties.append(("seconds", round(outcome.seconds, 3)))
        if not outcome.status.passed:
            raise ClaimFailed(outcome)

    def repr_failure(self, excinfo, style=None):
        if isinstance(excinfo.value, ClaimFailed):
            o = excinfo.value.outcome
            text = f"{o.status.label.upper()}: {o.reason}\n\n{explain_text(o)}"
            if o.error:
                text += "\n\n" + o.error
            return text
        return super().repr_failure(excinfo, style=style)

    def reportinfo(self):
        src = self.claim.sources[0]
        return notes_dir() / src.file, src.line - 1, f"claim {self.claim.id} ({src.cite()})"


class ClaimModule(pytest.File):
    """A module of ``derivations/``, or a file given with ``--claims``: one item per claim."""

    def collect(self):
        if self.path.parent.name == BUILTIN_PACKAGE:
            reg = _builtin()
            module = f"{BUILTIN_PACKAGE}.{self.path.stem}"
            bad = [p for p in reg.problems if p.origin == module]
            if bad:
                raise pytest.Collector.CollectError("\n".join(f"{p.origin}: {p.message}" for p in bad))
            claims = [c for c in reg if c.origin == module]
        else:
            reg = load_path(self.path)
            if reg.problems:
                raise pytest.Collector.CollectError("\n".join(f"{p.origin}: {p.message}" for p in reg.problems))
            claims = list(reg.claims.values())
        for claim in claims:
            yield ClaimItem.from_parent(self, name=claim.id, claim=claim)


@functools.lru_cache(maxsize=1)
def _builtin():
    return discover()


def pytest_configure(config):
    config.addinivalue_line("markers", "claim: a claim from the notes, run by both engines")


def pytest_collect_file(file_path: Path, parent):
    if file_path.suffix != ".py" or file_path.name.startswith("_"):
        return None
    if file_path.parent.name == BUILTIN_PACKAGE and (file_path.parent / "__init__.py").exists():
        return ClaimModule.from_parent(parent, path=file_path)
    extra = [Path(p).resolve() for p in parent.config.getoption("claims_paths")]
    if any(file_path.resolve() == p or p in file_path.resolve().parents for p in extra):
        return ClaimModule.from_parent(parent, path=file_path)
    return None
