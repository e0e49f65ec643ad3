"""The published report, checked where it matters: rendered in a real headless Chromium
(the mathematics lays out as mathematics, the figures load), plus Markdown and JUnit XML."""
import os
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import sympy as sp

from checks import Claim, Equal, Mutant, Source, load_path, run_all
from checks._junit import write_junit
from checks._publish import write_report

FILES = Path(__file__).parent / "claim_files"
CHROMIUM, CHROMEDRIVER = "/usr/bin/chromium", "/usr/bin/chromedriver"
a = sp.Symbol("a", positive=True)
SRC = Source("003_102deae4affe1aa8.txt", 641, r"\frac{2}{D_k}")
ERRATUM = Claim(id="erratum-claim", title="A claim with a false notes form", sources=(SRC,),
                statement=Equal(sp.Rational(1, 2) * (a + 1) ** 2, (a + 1) ** 2 / 2, why="w"), no_numeric_reason="algebra",
                forms=(Equal(2 * a / (a + 1), a, why="as printed", source=SRC, correction=Equal(2 * a / (a + 1), 2 * a / (a + 1))),),
                mutants=(Mutant("m1", Equal(a, 2 * a), None), Mutant("m2", Equal(a, 3 * a), None)))


@pytest.fixture(scope="module")
def outcomes():
    claims = list(load_path(FILES / "good.py").claims.values()) + [ERRATUM] + list(load_path(FILES / "refuted.py").claims.values())
    return run_all(claims)


def _driver():
    if not (os.path.exists(CHROMIUM) and os.path.exists(CHROMEDRIVER)):
        if os.environ.get("CHECKS_REQUIRE_BROWSER"):
            pytest.fail(f"{CHROMIUM} and {CHROMEDRIVER} are required (apt-get install chromium chromium-driver)")
        pytest.skip("Debian's chromium and chromium-driver are not installed")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    opts = webdriver.ChromeOptions()
    opts.binary_location = CHROMIUM
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync", "--window-size=1200,900"):
        opts.add_argument(flag)
    return webdriver.Chrome(service=Service(CHROMEDRIVER), options=opts)


MEASURE = """
const maths = [...document.querySelectorAll('math')];
const fracs = [...document.querySelectorAll('mfrac')].map(f => {
  const [num, den] = f.children; const n = num.getBoundingClientRect(), d = den.getBoundingClientRect();
  return {numBottom: n.bottom, denTop: d.top, numWidth: n.width};
});
const imgs = [...document.querySelectorAll('img')].map(i => ({complete: i.complete, natural: i.naturalWidth, shown: i.getBoundingClientRect().width}));
return {maths: maths.map(m => { const r = m.getBoundingClientRect(); return [r.width, r.height]; }),
        fracs, imgs, rows: document.querySelectorAll('#summary tr').length, text: document.body.innerText};
"""


def test_the_html_report_renders_its_mathematics_and_figures_in_chromium(outcomes, tmp_path):
    page = tmp_path / "report.html"
    write_report(page, outcomes)
    driver = _driver()
    try:
        driver.get(page.as_uri())
        got = driver.execute_script(MEASURE)
    finally:
        driver.quit()
    assert got["rows"] == 1 + len(outcomes)
    assert got["maths"] and all(w > 0 and h > 0 for w, h in got["maths"])
    # MathML is laid out as mathematics: every fraction's numerator sits above its denominator
    assert got["fracs"] and all(f["numBottom"] <= f["denTop"] + 1 and f["numWidth"] > 0 for f in got["fracs"])
    assert got["imgs"] and all(i["complete"] and i["natural"] > 0 and i["shown"] > 0 for i in got["imgs"])
    text = got["text"]
    assert "Errata in the notes (1)" in text and "003_102deae4affe1aa8.txt, line 641" in text
    assert "refuted" in text and "verified" in text and "erratum" in text


def test_the_html_report_is_self_contained(outcomes, tmp_path):
    page = tmp_path / "report.html"
    write_report(page, outcomes)
    html = page.read_text()
    assert "<script" not in html and "http://" not in html.replace("http://www.w3.org/1998/Math/MathML", "")
    assert "https://" not in html and 'src="data:image/png;base64,' in html


def test_the_markdown_report_has_latex_and_its_figures_beside_it(outcomes, tmp_path):
    md = tmp_path / "report.md"
    write_report(md, outcomes)
    text = md.read_text()
    assert "$$ " in text and "## Errata (1)" in text
    assert (tmp_path / "report_figures" / "uniform-mean.png").stat().st_size > 1000


def test_junit_has_one_testcase_per_claim_and_marks_failures(outcomes, tmp_path):
    path = tmp_path / "junit.xml"
    write_junit(str(path), outcomes)
    root = ET.parse(path).getroot()
    assert root.tag == "testsuites"
    (suite,) = root.findall("testsuite")
    cases = suite.findall("testcase")
    assert [c.get("name") for c in cases] == [o.claim.id for o in outcomes]
    assert int(suite.get("tests")) == len(cases)
    assert int(suite.get("failures")) == len(suite.findall("testcase/failure")) == 1
    assert int(suite.get("errors")) == len(suite.findall("testcase/error")) == 0
    for c in cases:
        assert c.get("classname") and float(c.get("time")) >= 0
    failed = [c.get("name") for c in cases if c.find("failure") is not None]
    assert failed == ["false-square"]
    strict = tmp_path / "strict.xml"
    write_junit(str(strict), outcomes, strict=True)
    assert len(ET.parse(strict).getroot().findall("testsuite/testcase/failure")) == 2


def test_an_unknown_report_format_is_a_usage_error_before_anything_runs(capsys):
    from checks._cli import main
    assert main(["all", "--report", "r.pdf", "--claims", str(FILES / "good.py"), "--only-claims", "--plain"]) == 4
    assert "give a file ending in .html or .md" in capsys.readouterr().err
