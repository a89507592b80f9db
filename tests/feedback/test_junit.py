"""`grader grade --format junit`: well-formed JUnit XML whose counts match the JSON report."""

from __future__ import annotations

import json
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from grader.model import AssignmentResult, Status, SubmissionResult, TestResult
from grader.render import junit

ROOT = Path(__file__).resolve().parents[2]

# The JUnit schema as documented for Jenkins/Ant (testsuites > testsuite > testcase with
# failure/error/skipped), written down here so validation needs no network.
JUNIT_XSD = """<?xml version="1.0" encoding="UTF-8"?>
<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" elementFormDefault="qualified">
  <xs:element name="testsuites">
    <xs:complexType><xs:sequence>
      <xs:element ref="testsuite" minOccurs="0" maxOccurs="unbounded"/></xs:sequence>
      <xs:attribute name="name" type="xs:string"/><xs:attribute name="time" type="xs:decimal"/>
      <xs:attribute name="tests" type="xs:int"/><xs:attribute name="failures" type="xs:int"/>
      <xs:attribute name="errors" type="xs:int"/><xs:attribute name="skipped" type="xs:int"/>
    </xs:complexType>
  </xs:element>
  <xs:element name="testsuite">
    <xs:complexType><xs:sequence>
      <xs:element name="properties" minOccurs="0"><xs:complexType><xs:sequence>
        <xs:element name="property" minOccurs="0" maxOccurs="unbounded"><xs:complexType>
          <xs:attribute name="name" type="xs:string" use="required"/>
          <xs:attribute name="value" type="xs:string" use="required"/></xs:complexType></xs:element>
      </xs:sequence></xs:complexType></xs:element>
      <xs:element name="testcase" minOccurs="0" maxOccurs="unbounded"><xs:complexType><xs:sequence>
        <xs:choice minOccurs="0" maxOccurs="unbounded">
          <xs:element name="skipped"><xs:complexType><xs:simpleContent><xs:extension base="xs:string">
            <xs:attribute name="message" type="xs:string"/></xs:extension></xs:simpleContent></xs:complexType>
          </xs:element>
          <xs:element name="error" type="problem"/><xs:element name="failure" type="problem"/>
        </xs:choice>
        <xs:element name="system-out" type="xs:string" minOccurs="0"/>
        <xs:element name="system-err" type="xs:string" minOccurs="0"/></xs:sequence>
        <xs:attribute name="name" type="xs:string" use="required"/>
        <xs:attribute name="classname" type="xs:string"/><xs:attribute name="time" type="xs:decimal"/>
      </xs:complexType></xs:element>
      <xs:element name="system-out" type="xs:string" minOccurs="0"/>
      <xs:element name="system-err" type="xs:string" minOccurs="0"/></xs:sequence>
      <xs:attribute name="name" type="xs:string" use="required"/>
      <xs:attribute name="tests" type="xs:int" use="required"/><xs:attribute name="failures" type="xs:int"/>
      <xs:attribute name="errors" type="xs:int"/><xs:attribute name="skipped" type="xs:int"/>
      <xs:attribute name="time" type="xs:decimal"/>
    </xs:complexType>
  </xs:element>
  <xs:complexType name="problem"><xs:simpleContent><xs:extension base="xs:string">
    <xs:attribute name="message" type="xs:string"/><xs:attribute name="type" type="xs:string"/>
  </xs:extension></xs:simpleContent></xs:complexType>
</xs:schema>
"""


def _grade(path: Path, fmt: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "grader", "grade", str(path), "-a", "nag", "--format", fmt],
                          capture_output=True, text=True, timeout=120)


@pytest.fixture(scope="module")
def mistaken(tmp_path_factory):
    folder = tmp_path_factory.mktemp("student")
    (folder / "nag.py").write_text((ROOT / "solutions" / "nag.py").read_text() + "\n"
                                   + (ROOT / "solutions" / "mistakes" / "nag" / "gradient_at_theta.py").read_text())
    return folder


@pytest.fixture(scope="module")
def junit_run(mistaken):
    return _grade(mistaken, "junit")


def test_junit_counts_match_the_json_report(mistaken, junit_run):
    proc = junit_run
    assert proc.returncode == 1, proc.stderr
    root = ET.fromstring(proc.stdout)
    report = json.loads(_grade(mistaken, "json").stdout)
    assert root.tag == "testsuites"
    (suite,) = root.findall("testsuite")
    cases = suite.findall("testcase")
    assert suite.get("name") == "nag" and len(cases) == len(report["tests"]) == int(suite.get("tests"))
    failed = [t for t in report["tests"] if t["status"] in ("failed", "missing")]
    assert int(suite.get("failures")) == len(failed) == len(suite.findall("testcase/failure")) > 0
    assert int(suite.get("errors")) == 0
    props = {p.get("name"): p.get("value") for p in suite.iter("property")}
    assert float(props["score"]) == report["score"] and float(props["max_score"]) == report["max_score"]
    names = [c.get("name") for c in cases]
    assert names == [t["name"] for t in report["tests"]]
    first_failure = suite.find("testcase/failure")
    assert first_failure.get("message").startswith("0/") and "nag_step" in first_failure.get("message")


def test_errors_skips_and_control_characters():
    tests = (TestResult("ok", Status.PASSED, 1, 1, "", False),
             TestResult("boom", Status.ERROR, 0, 1, "raised \x1b[31mValueError\x00: <b>&", False),
             TestResult("slow", Status.TIMEOUT, 0, 1, "did not finish", True),
             TestResult("gone", Status.MISSING, 0, 1, "no function", False),
             TestResult("later", Status.SKIPPED, 0, 1, "skipped", False))
    xml = junit.render(SubmissionResult((AssignmentResult("nag", tests),)), show_hidden_names=False)
    root = ET.fromstring(xml)
    assert (root.get("tests"), root.get("failures"), root.get("errors"), root.get("skipped")) == ("5", "1", "2", "1")
    boom = root.find(".//testcase[@name='boom']/error")
    assert boom.get("type") == "error" and "<b>&" in boom.text and "\x00" not in boom.text
    assert root.find(".//testcase[@name='hidden test 1']/error").get("type") == "timeout"
    assert root.find(".//testcase[@name='later']/skipped") is not None


def test_junit_validates_against_the_documented_schema(junit_run):
    etree = pytest.importorskip("lxml.etree")
    schema = etree.XMLSchema(etree.fromstring(JUNIT_XSD.encode()))
    document = etree.fromstring(junit_run.stdout.encode())
    assert schema.validate(document), schema.error_log
