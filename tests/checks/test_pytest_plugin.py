"""The pytest plugin: one item per claim, selectable with -k, failures shown as the failing step."""
from pathlib import Path

pytest_plugins = ["pytester"]

FILES = Path(__file__).parent / "claim_files"


def test_each_claim_is_an_item_and_a_failure_shows_the_step_not_a_traceback(pytester):
    pytester.makeconftest('pytest_plugins = ["checks.pytest_plugin"]')
    for name in ("good.py", "refuted.py"):
        pytester.path.joinpath(name).write_text((FILES / name).read_text())
    result = pytester.runpytest_subprocess("--claims", str(pytester.path), "-p", "no:cacheprovider", "-p", "no:randomly")
    result.assert_outcomes(passed=1, failed=1)
    out = result.stdout.str()
    assert "REFUTED: the statement fails" in out
    assert "counterexample" in out and "rerun: python -m checks run false-square" in out
    assert "Traceback" not in out


def test_claims_are_selected_with_k(pytester):
    pytester.makeconftest('pytest_plugins = ["checks.pytest_plugin"]')
    for name in ("good.py", "refuted.py"):
        pytester.path.joinpath(name).write_text((FILES / name).read_text())
    result = pytester.runpytest_subprocess("--claims", str(pytester.path), "-k", "uniform", "-p", "no:cacheprovider")
    result.assert_outcomes(passed=1)


def test_a_claims_file_that_does_not_load_is_a_collection_error(pytester):
    pytester.makeconftest('pytest_plugins = ["checks.pytest_plugin"]')
    pytester.path.joinpath("malformed.py").write_text((FILES / "malformed.py").read_text())
    result = pytester.runpytest_subprocess("--claims", str(pytester.path), "-p", "no:cacheprovider")
    result.assert_outcomes(errors=1)
    assert "field 'sources'" in result.stdout.str()
