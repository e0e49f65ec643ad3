"""Statuses and exit codes. Enum values are sentences a reader can act on."""
from __future__ import annotations

import enum


class Status(enum.Enum):
    """Overall result of one claim."""

    VERIFIED = "statement proved, numerics agree, mutants rejected, the notes' forms hold"
    ERRATUM = "statement proved, but a form or step in the notes is false: see the errata"
    REFUTED = "the claim's own statement or proof step fails: fix the claim"
    INCONCLUSIVE = "could not be decided (or a mutant passes too): not a pass"
    ERROR = "the check raised or ran out of time: rerun it alone to see why"
    SUPPORTED = "a conjecture or phenomenon: the numeric evidence supports it (not a proof)"
    UNSUPPORTED = "a conjecture or phenomenon: the numeric evidence does not support it"

    @property
    def label(self) -> str:
        return self.name.lower()

    @property
    def passed(self) -> bool:
        return self in (Status.VERIFIED, Status.ERRATUM, Status.SUPPORTED)


class Verdict(enum.Enum):
    """Result of one symbolic check (a step, a statement, a notes form, a mutant)."""

    HOLDS = "SymPy proved it"
    FAILS = "a concrete counterexample shows it is false"
    UNDECIDED = "SymPy could not decide and no counterexample was found"
    ERROR = "the check raised"

    @property
    def label(self) -> str:
        return self.name.lower()


class Kind(enum.Enum):
    """What sort of statement a claim is."""

    DERIVATION = "a derivation: proved symbolically and confirmed numerically"
    CONJECTURE = "a conjecture: numeric evidence only, never reported as proved"
    PHENOMENON = "an empirical phenomenon: numeric evidence only, never reported as proved"

    @property
    def label(self) -> str:
        return self.name.lower()

    @property
    def evidence_only(self) -> bool:
        return self is not Kind.DERIVATION


class ExitCode(enum.IntEnum):
    """Exit statuses, following pytest's numbering."""

    OK = 0  # every claim verified, erratum or supported (erratum fails under --strict)
    FAILED = 1  # some claim refuted, inconclusive, unsupported or errored
    INTERRUPTED = 2
    INTERNAL_ERROR = 3
    USAGE_ERROR = 4  # bad command line, unknown claim id, a --claims path that does not exist
    NO_CLAIMS = 5
