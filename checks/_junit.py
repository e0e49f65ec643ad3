"""JUnit XML: one test case per claim, so CI systems list the claims like tests."""
from __future__ import annotations

import xml.etree.ElementTree as ET

from ._report import explain_text
from ._status import Status


def junit_tree(outcomes, problems=(), strict: bool = False) -> ET.ElementTree:
    failed = [o for o in outcomes if o.status in (Status.REFUTED, Status.INCONCLUSIVE, Status.UNSUPPORTED)
              or (strict and (o.status is Status.ERRATUM or bool(o.errata)))]
    errored = [o for o in outcomes if o.status is Status.ERROR]
    total = sum(o.seconds for o in outcomes)
    suites = ET.Element("testsuites", name="derivation checks", tests=str(len(outcomes) + len(problems)),
                        failures=str(len(failed)), errors=str(len(errored) + len(problems)), time=f"{total:.3f}")
    suite = ET.SubElement(suites, "testsuite", name="claims", tests=str(len(outcomes) + len(problems)),
                          failures=str(len(failed)), errors=str(len(errored) + len(problems)), skipped="0",
                          time=f"{total:.3f}")
    for o in outcomes:
        case = ET.SubElement(suite, "testcase", classname=o.claim.origin or "claims", name=o.claim.id,
                             time=f"{o.seconds:.3f}", file=o.claim.sources[0].file, line=str(o.claim.sources[0].line))
        props = ET.SubElement(case, "properties")
        ET.SubElement(props, "property", name="status", value=o.status.label)
        ET.SubElement(props, "property", name="errata", value=str(len(o.errata)))
        ET.SubElement(props, "property", name="rerun", value=o.rerun)
        if o.status is Status.ERROR:
            ET.SubElement(case, "error", message=o.reason, type="error").text = o.error or o.reason
        elif o in failed:
            ET.SubElement(case, "failure", message=o.reason, type=o.status.label).text = explain_text(o)
        ET.SubElement(case, "system-out").text = explain_text(o)
    for p in problems:
        case = ET.SubElement(suite, "testcase", classname="load", name=p.origin, time="0")
        ET.SubElement(case, "error", message=p.message, type="load error").text = p.message
    ET.indent(suites)
    return ET.ElementTree(suites)


def write_junit(path: str, outcomes, problems=(), strict: bool = False) -> None:
    junit_tree(outcomes, problems, strict).write(path, encoding="utf-8", xml_declaration=True)
