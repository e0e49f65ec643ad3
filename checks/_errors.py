"""One root exception; subclasses say what went wrong and how to fix it."""
from __future__ import annotations


class ChecksError(Exception):
    """Root of every error this package raises on purpose."""


class InvalidClaimError(ChecksError):
    """A claim is malformed. The message names the claim, the field, and what is accepted."""

    def __init__(self, claim_id: str, field: str, problem: str, origin: str | None = None):
        self.claim_id = claim_id
        self.field = field
        self.problem = problem
        self.origin = origin
        where = f" (in {origin})" if origin else ""
        super().__init__(f"claim {claim_id!r}{where}, field {field!r}: {problem}")


class DuplicateClaimError(InvalidClaimError):
    """Two claims share an id."""


class UnknownClaimError(ChecksError):
    """An id names no registered claim. Carries close matches."""

    def __init__(self, claim_id: str, close: list[str]):
        self.claim_id = claim_id
        self.close = close
        hint = f"; did you mean {', '.join(close)}?" if close else "; run `python -m checks list` to see the ids"
        super().__init__(f"no claim with id {claim_id!r}{hint}")


class ClaimsLoadError(ChecksError):
    """A claims file given with --claims could not be imported."""


class ClaimTimeout(ChecksError):
    """A claim ran past its time limit."""
