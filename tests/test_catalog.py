"""Meta-tests over the whole registry: every claim is well formed, points into the notes where
the notes really say it, and every mutant is rejected by BOTH engines."""
import pytest

from checks import Kind, discover
from checks._notes import locate
from checks.pytest_plugin import cached_outcome

REGISTRY = discover()
CLAIMS = list(REGISTRY)
MUTANTS = [(c, m) for c in CLAIMS for m in c.mutants]


def test_every_builtin_module_loads():
    assert REGISTRY.problems == []


def test_the_catalog_is_not_empty():
    assert len(CLAIMS) >= 1


@pytest.mark.parametrize("claim", CLAIMS, ids=lambda c: c.id)
def test_every_source_quote_is_found_at_its_line(claim):
    for src in claim.sources + tuple(r.source for _, r in claim.quoted_relations()):
        loc = locate(src)
        assert loc.status == "in place", f"{claim.id}: {src.cite()} {src.quote!r}: {loc.detail}"


@pytest.mark.parametrize("claim", CLAIMS, ids=lambda c: c.id)
def test_every_claim_has_a_proof_or_is_marked_as_evidence(claim):
    if claim.kind is Kind.DERIVATION:
        assert claim.statement is not None
    else:
        assert claim.numeric is not None


@pytest.mark.parametrize("claim, mutant", MUTANTS, ids=[f"{c.id}::{m.name}" for c, m in MUTANTS])
def test_every_mutant_is_rejected_by_both_engines(claim, mutant):
    outcome = cached_outcome(claim)
    (result,) = [r for r in outcome.mutants if r.name == mutant.name]
    if not claim.kind.evidence_only:
        assert result.symbolic == "rejected", f"SymPy does not reject {mutant.name!r}: {result.symbolic_detail}"
    if claim.numeric is not None:
        assert result.numeric == "rejected", f"the experiment does not reject {mutant.name!r}: {result.numeric_detail}"
