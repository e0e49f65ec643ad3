"""The claim model rejects malformed claims with a message naming the claim and the field."""
import pytest
import sympy as sp

from checks import Claim, Computed, Equal, Holds, InvalidClaimError, Kind, Mutant, Numeric, Source

a = sp.Symbol("a", positive=True)
SRC = Source("003_102deae4affe1aa8.txt", 641, r"\frac{2}{D_k}")
MUTANTS = (Mutant("m1", Equal(a, 2 * a), {"v": 2}), Mutant("m2", Equal(a, 3 * a), {"v": 3}))


def experiment(seed, scale, v):
    raise AssertionError("not run in these tests")


def make(**changes):
    fields = dict(id="good-claim", title="A good claim", sources=(SRC,), statement=Equal(a, a, why="reflexive"),
                  numeric=Numeric(experiment, {"v": 1}, "rule"), mutants=MUTANTS)
    fields.update(changes)
    return Claim(**fields)


def test_a_well_formed_claim_builds():
    c = make()
    assert c.id == "good-claim" and len(c.mutants) == 2


MALFORMED = [
    ({"id": "Bad_ID"}, "id", "kebab-case"),
    ({"id": ""}, "id", "kebab-case"),
    ({"title": " "}, "title", "title"),
    ({"sources": ()}, "sources", "at least one Source"),
    ({"sources": ("003.txt:5",)}, "sources[0]", "Source(file, line, quote)"),
    ({"statement": None}, "statement", "states what it proves"),
    ({"statement": sp.Eq(a, a)}, "statement", "Equal"),
    ({"statement": True}, "statement", "evaluated too early"),
    ({"statement": Equal("a", a)}, "statement.lhs", "SymPy expression"),
    ({"statement": Equal(a, a, up_to=2)}, "statement.up_to", "sympy.O"),
    ({"statement": Holds(a)}, "statement.relation", "relational"),
    ({"statement": Computed("x", check=3)}, "statement.check", "callable"),
    ({"steps": (Equal(a, a),)}, "steps[0].why", "justification"),
    ({"steps": (Equal(a, a, why="w", correction=Equal(a, a)),)}, "steps[0].correction", "only a relation quoted"),
    ({"forms": (Equal(a, a, why="w"),)}, "forms[0].source", "as the notes write it"),
    ({"numeric": None}, "numeric", "no_numeric_reason"),
    ({"numeric": Numeric(experiment, {"v": 1}, "")}, "numeric.criterion", "pass rule"),
    ({"numeric": Numeric(42, {"v": 1}, "rule")}, "numeric.experiment", "callable"),
    ({"mutants": MUTANTS[:1]}, "mutants", "at least two mutants"),
    ({"mutants": (MUTANTS[0], MUTANTS[0])}, "mutants[1].name", "used twice"),
    ({"mutants": (Mutant("m1", None, {"v": 2}), MUTANTS[1])}, "mutants[0].statement", "wrong statement"),
    ({"mutants": (Mutant("m1", Equal(a, 2 * a), None), MUTANTS[1])}, "mutants[0].hypothesis", "wrong hypothesis"),
    ({"timeout": 0}, "timeout", "positive"),
    ({"kind": "conjecture"}, "kind", "DERIVATION"),
    ({"kind": Kind.CONJECTURE, "numeric": None, "no_numeric_reason": "none"}, "numeric", "numeric evidence only"),
]


@pytest.mark.parametrize("changes, field, words", MALFORMED, ids=[m[1] + "-" + m[2].split()[0] for m in MALFORMED])
def test_malformed_claims_are_rejected_naming_the_field(changes, field, words):
    with pytest.raises(InvalidClaimError) as info:
        make(**changes)
    assert info.value.field == field
    assert words in str(info.value)
    assert "claim" in str(info.value)


@pytest.mark.parametrize("file, line, quote, field", [
    ("../notes/003.txt", 1, "x", "source.file"), ("003.txt", 0, "x", "source.line"), ("003.txt", 3, "  ", "source.quote"),
])
def test_malformed_sources_are_rejected(file, line, quote, field):
    with pytest.raises(InvalidClaimError) as info:
        Source(file, line, quote)
    assert info.value.field == field


def test_lists_are_accepted_where_tuples_are_expected():
    c = make(sources=[SRC], mutants=list(MUTANTS))
    assert isinstance(c.sources, tuple) and isinstance(c.mutants, tuple)


def test_a_conjecture_needs_no_statement_and_no_symbolic_mutants():
    c = make(kind=Kind.CONJECTURE, statement=None, mutants=(Mutant("m1", None, {"v": 2}), Mutant("m2", None, {"v": 3})))
    assert c.kind.evidence_only


def test_quoted_relations_lists_every_notes_form():
    c = make(steps=(Equal(a, a, why="w", source=SRC), Equal(a, a, why="own step")), forms=(Equal(a, a, source=SRC),))
    assert [w for w, _ in c.quoted_relations()] == ["step 1", "form 1"]
