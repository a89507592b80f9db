"""JUnit XML for generic CI (Jenkins, GitLab, GitHub test reporters).

One ``<testsuite>`` per assignment (its score in ``<properties>``), one ``<testcase>``
per check. Status mapping: failed and missing → ``<failure>`` (a missing function
costs its points, so CI must not count it as skipped), error and timeout →
``<error>``, skipped → ``<skipped>``. Each message starts with the points earned.
Student-controlled text is escaped by ElementTree; characters that XML 1.0 cannot
hold at all (NUL, terminal escapes) are replaced first, so the file always parses.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from grader.model import AssignmentResult, Status, SubmissionResult, TestResult

_INVALID_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_FAILURES = {Status.FAILED: "failure", Status.MISSING: "failure", Status.ERROR: "error",
             Status.TIMEOUT: "error", Status.SKIPPED: "skipped"}


def clean(text: str) -> str:
    """``text`` with characters XML 1.0 forbids replaced by U+FFFD."""
    return _INVALID_XML.sub("\ufffd", str(text))


def _points(x: float) -> str:
    return f"{x:g}"


def _counts(tests) -> dict[str, int]:
    kinds = [_FAILURES.get(t.status) for t in tests]
    return {"tests": len(kinds), "failures": kinds.count("failure"), "errors": kinds.count("error"),
            "skipped": kinds.count("skipped")}


def _testcase(parent: ET.Element, suite: str, test: TestResult, show_hidden_names: bool, index: int) -> None:
    name = test.name if show_hidden_names or not test.hidden else f"hidden test {index}"
    case = ET.SubElement(parent, "testcase", classname=clean(suite), name=clean(name),
                         time=f"{max(test.seconds, 0.0):.3f}")
    kind = _FAILURES.get(test.status)
    if kind is None:
        return
    message = clean(f"{_points(test.score)}/{_points(test.max_score)} points, {test.status.value}"
                    + (f": {test.output}" if test.output else ""))
    element = ET.SubElement(case, kind, message=message)
    if kind != "skipped":
        element.set("type", test.status.value)
        element.text = clean(test.output)


def _suite(parent: ET.Element, result: AssignmentResult, show_hidden_names: bool) -> None:
    counts = _counts(result.tests)
    seconds = sum(max(t.seconds, 0.0) for t in result.tests)
    suite = ET.SubElement(parent, "testsuite", name=clean(result.assignment),
                          **{k: str(v) for k, v in counts.items()}, time=f"{seconds:.3f}")
    properties = ET.SubElement(suite, "properties")
    for key, value in (("score", _points(result.score)), ("max_score", _points(result.max_score)),
                       ("source", result.source)):
        ET.SubElement(properties, "property", name=key, value=clean(value))
    hidden_index = 0
    for test in result.tests:
        hidden_index += test.hidden
        _testcase(suite, result.assignment, test, show_hidden_names, hidden_index)
    if result.warnings:
        ET.SubElement(suite, "system-err").text = clean("\n".join(result.warnings))


def render(result: SubmissionResult, *, show_hidden_names: bool = True, **_options) -> str:
    """The JUnit XML document of ``result`` (a ``<testsuites>`` root)."""
    every = [t for r in result.results for t in r.tests]
    root = ET.Element("testsuites", name="dl-grader", **{k: str(v) for k, v in _counts(every).items()},
                      time=f"{sum(max(t.seconds, 0.0) for t in every):.3f}")
    for assignment in result.results:
        _suite(root, assignment, show_hidden_names)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
