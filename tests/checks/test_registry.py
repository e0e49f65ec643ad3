"""The registry finds claims where they are declared and reports loading problems."""
from pathlib import Path

import pytest

from checks import ChecksError, UnknownClaimError, load_path
from checks._registry import Registry

FILES = Path(__file__).parent / "claim_files"


def test_a_folder_loads_every_good_claim_and_reports_each_bad_file():
    reg = load_path(FILES)
    assert {"uniform-mean", "raising-claim", "hanging-claim", "false-square"} <= set(reg.claims)
    problems = {Path(p.origin).name: p for p in reg.problems}
    assert set(problems) == {"not_importing.py", "malformed.py"}
    assert "ModuleNotFoundError" in problems["not_importing.py"].message
    bad = problems["malformed.py"]
    assert (bad.claim_id, bad.field) == ("no-source", "sources")


def test_duplicate_ids_are_a_load_problem_naming_both_places():
    reg = Registry()
    reg.merge(load_path(FILES / "good.py"))
    other = load_path(FILES / "good.py")
    reg.merge(other)
    assert len(reg.claims) == 1
    assert any("declared twice" in p.message for p in reg.problems)


def test_unknown_ids_name_close_matches():
    reg = load_path(FILES / "good.py")
    with pytest.raises(UnknownClaimError) as info:
        reg.select(["uniform-maen"])
    assert info.value.close == ["uniform-mean"]
    assert "did you mean uniform-mean" in str(info.value)


def test_missing_paths_and_non_python_files_are_clear_errors(tmp_path):
    with pytest.raises(ChecksError, match="no such file"):
        load_path(tmp_path / "nope.py")
    (tmp_path / "notes.md").write_text("x")
    with pytest.raises(ChecksError, match="not a Python file"):
        load_path(tmp_path / "notes.md")


def test_asking_for_ids_imports_only_the_modules_that_declare_them():
    import sys

    from checks import discover

    reg = discover(ids=["relu-second-moment-symmetric"])
    assert "relu-second-moment-symmetric" in reg.claims
    assert {c.origin for c in reg.claims.values()} == {"derivations.relu_moments"}
    assert "derivations.relu_moments" in sys.modules


def test_an_id_no_module_mentions_falls_back_to_every_module():
    from checks import discover

    reg = discover(ids=["no-such-claim-anywhere"])
    assert len({c.origin for c in reg.claims.values()}) > 1 and "no-such-claim-anywhere" not in reg.claims
