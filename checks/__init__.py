"""Verify the derivations in course notes: SymPy proofs, JAX experiments, the notes as written.

Public API for writing claims (see README.md for a worked example)::

    from checks import Claim, Source, Equal, Holds, Computed, Numeric, Evidence, Mutant, Reference
"""
from ._claim import Claim, Computed, Equal, Evidence, Holds, Mutant, Numeric, Reference, Source
from ._errors import ChecksError, ClaimsLoadError, ClaimTimeout, DuplicateClaimError, InvalidClaimError, UnknownClaimError
from ._registry import Registry, discover, load_path
from ._runner import Outcome, claim_seed, run_all, run_claim
from ._status import ExitCode, Kind, Status, Verdict
from ._symbolic import check_relation

__all__ = [
    "Claim", "Computed", "Equal", "Evidence", "Holds", "Mutant", "Numeric", "Reference", "Source",
    "ChecksError", "ClaimsLoadError", "ClaimTimeout", "DuplicateClaimError", "InvalidClaimError", "UnknownClaimError",
    "Registry", "discover", "load_path",
    "Outcome", "claim_seed", "run_all", "run_claim",
    "ExitCode", "Kind", "Status", "Verdict",
    "check_relation",
]
