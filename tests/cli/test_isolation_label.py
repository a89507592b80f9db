"""Every report says which isolation graded the submission, through the real CLI."""

from __future__ import annotations

import json
import os
import shutil

import jsonschema
import pytest

from conftest import ROOT, run_grader
from grader.model import SubmissionResult
from grader.render import feedback_html
from grader.sandbox import modes

SCHEMA = json.loads((ROOT / "grader" / "schemas" / "report.schema.json").read_text())
DEFAULT = "root (full)" if os.geteuid() == 0 else "userns"


@pytest.mark.parametrize("level,complete,isolate,environ,text", [
    ("root", True, True, {}, "root (full)"),
    ("root", False, True, {}, "root (incomplete)"),
    ("bwrap", True, True, {}, "bwrap"),
    ("userns", True, False, {}, "none (isolation turned off)"),
    ("root", True, True, {modes.CONTAINER_VARIABLE: "docker"}, "container (docker): root (full)"),
    ("root", True, True, {modes.CONTAINER_VARIABLE: "x; rm -rf"}, "root (full)"),
])
def test_labels(level, complete, isolate, environ, text):
    assert modes.label(level, complete, isolate, environ) == text
    jsonschema.validate({"score": 0, "max_score": 0, "assignments": {}, "warnings": [], "isolation": text}, SCHEMA)


@pytest.fixture
def alice(tmp_path):
    shutil.copy(ROOT / "examples" / "alice" / "nag.py", tmp_path / "nag.py")
    return tmp_path


@pytest.mark.parametrize("forced", ["auto", "none", "bwrap"])
def test_the_json_report_names_the_level_that_graded_it(alice, forced):
    if forced == "bwrap" and not modes.working_bwrap():
        pytest.skip("bubblewrap is not installed or cannot create namespaces here")
    env = {"GRADER_ISOLATION": forced}
    one = run_grader("grade", str(alice), "-a", "nag", "--format", "json", env_extra=env)
    every = run_grader("grade", str(alice), "--format", "json", env_extra=env)
    for report in (json.loads(one.stdout), json.loads(every.stdout)):
        jsonschema.validate(report, SCHEMA)
        assert report["isolation"] == {"auto": DEFAULT, "none": "none", "bwrap": "bwrap"}[forced]
    if forced == "none":  # the warnings stay
        assert any("isolation" in w for w in json.loads(one.stdout)["warnings"])


def test_the_text_report_starts_with_the_isolation(alice):
    proc = run_grader("grade", str(alice), "-a", "nag")
    assert proc.stdout.splitlines()[0] == f"isolation: {DEFAULT}"


def test_the_feedback_page_shows_it_escaped():
    page = feedback_html.render(SubmissionResult((), (), "root (full)"))
    assert '<p class="isolation">isolation: root (full)</p>' in page
    assert "<b>" not in feedback_html.render(SubmissionResult((), (), "<b>"))
    assert 'class="isolation"' not in feedback_html.render(SubmissionResult(()))


def test_a_batch_records_it_per_student_in_its_manifest_and_summary(alice, tmp_path):
    roster = tmp_path / "class"
    (roster / "hw-nag-alice").mkdir(parents=True)
    shutil.copy(alice / "nag.py", roster / "hw-nag-alice" / "nag.py")
    proc = run_grader("batch", str(roster), "-a", "nag", "--out", str(tmp_path / "out"), "--jobs", "1", "--prefix", "hw-nag-",
                      env_extra={"GRADER_ISOLATION": "none"})
    assert proc.returncode == 1, proc.stderr[-2000:]
    record = json.loads((tmp_path / "out" / "students" / "alice.json").read_text())
    assert record["result"]["isolation"] == "none"
    assert json.loads((tmp_path / "out" / "shard.json").read_text())["isolation"] == "none"
    assert "isolation: none; gradebook:" in proc.stderr
    assert 'class="isolation">isolation: none<' in (tmp_path / "out" / "feedback" / "alice.html").read_text()
