"""The README's worked example is a real claims file: it must load and verify as the README says."""
import json
import re
from pathlib import Path

from checks import ExitCode
from checks._cli import main

README = Path(__file__).parent.parent / "README.md"


def worked_example() -> str:
    text = README.read_text()
    block = re.search(r"<!-- worked-example:start -->\s*```python\n(.*?)```\s*<!-- worked-example:end -->", text, re.S)
    assert block, "README lost its worked example markers"
    return block.group(1)


def test_the_worked_example_verifies(tmp_path, capsys):
    path = tmp_path / "my_claims.py"
    path.write_text(worked_example())
    out = tmp_path / "r.json"
    code = main(["run", "my-sigmoid-derivative", "--claims", str(path), "--only-claims", "--plain", "--json", str(out)])
    (claim,) = json.loads(out.read_text())["claims"]
    assert code == ExitCode.OK, claim["reason"]
    assert claim["status"] == "verified"
    assert claim["symbolic"]["proof"] == "by the chain of steps"
    assert [(m["symbolic"], m["numeric"]) for m in claim["mutants"]] == [("rejected", "rejected")] * 2


def test_the_readme_error_message_is_what_a_missing_source_gives(tmp_path, capsys):
    path = tmp_path / "my_claims.py"
    path.write_text(worked_example().replace('id="my-sigmoid-derivative"', 'id="x"').replace(
        'sources=(Source("002_89896ee51b349776.txt", 88, r"\\sigma(x) = \\frac{1}{1+e^{-x}}"),)', "sources=()"))
    assert main(["all", "--claims", str(path), "--only-claims", "--plain"]) == ExitCode.FAILED
    err = capsys.readouterr().err
    assert f"LOAD ERROR {path}: claim 'x', field 'sources': every claim points" in err
