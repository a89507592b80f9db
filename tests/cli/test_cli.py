"""The `grader` CLI through a subprocess: help, exit codes, JSON schema."""

import json
import shutil

import jsonschema
import pytest

from conftest import ROOT, grade_json, run_grader

SCHEMA = json.loads((ROOT / "grader" / "schemas" / "report.schema.json").read_text())
COMMANDS = ["grade", "check", "list", "validate"]


def test_top_level_help_lists_the_commands():
    proc = run_grader("--help")
    assert proc.returncode == 0
    for name in COMMANDS:
        assert name in proc.stdout


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help(command):
    proc = run_grader(command, "--help")
    assert proc.returncode == 0 and "Usage:" in proc.stdout


def test_reference_passes_with_exit_0_and_valid_json(tmp_path):
    shutil.copy(ROOT / "solutions/nag.py", tmp_path / "nag.py")
    report, proc = grade_json(tmp_path, "nag")
    assert proc.returncode == 0
    jsonschema.validate(report, SCHEMA)
    assert report["assignment"] == "nag" and report["score"] == report["max_score"] == 10


def test_a_wrong_submission_exits_1_with_partial_credit(tmp_path):
    shutil.copy(ROOT / "examples/alice/nag.py", tmp_path / "nag.py")
    report, proc = grade_json(tmp_path, "nag")
    assert proc.returncode == 1
    jsonschema.validate(report, SCHEMA)
    assert 0 < report["score"] < report["max_score"]
    assert any(t["hidden"] for t in report["tests"]) and any(not t["hidden"] for t in report["tests"])


def test_all_assignments_report_totals(tmp_path):
    shutil.copy(ROOT / "solutions/nag.py", tmp_path / "nag.py")
    proc = run_grader("grade", str(tmp_path), "--assignment", "all", "--format", "json")
    report = json.loads(proc.stdout)
    jsonschema.validate(report, SCHEMA)
    assert set(report["assignments"]) >= {"nag"}
    assert report["score"] == pytest.approx(sum(a["score"] for a in report["assignments"].values()))


@pytest.mark.parametrize("args", [
    ["grade", "{path}", "--assignment", "no_such_assignment"],
    ["grade", "{path}", "--format", "yaml"],
    ["grade", "/no/such/path"],
    ["frobnicate"],
])
def test_usage_errors_exit_2(tmp_path, args):
    proc = run_grader(*[a.format(path=tmp_path) for a in args])
    assert proc.returncode == 2, proc.stderr


def test_output_file_and_text_report(tmp_path):
    shutil.copy(ROOT / "examples/alice/nag.py", tmp_path / "nag.py")
    out = tmp_path / "report.json"
    proc = run_grader("grade", str(tmp_path), "-a", "nag", "--format", "json", "--output", str(out))
    assert proc.returncode == 1 and proc.stdout == ""
    jsonschema.validate(json.loads(out.read_text()), SCHEMA)
    text = run_grader("grade", str(tmp_path), "-a", "nag").stdout
    assert "nag: 5.25 / 10" in text and "look-ahead" in text


def test_check_runs_public_tests_only(tmp_path):
    shutil.copy(ROOT / "examples/alice/nag.py", tmp_path / "nag.py")
    proc = run_grader("check", str(tmp_path), "-a", "nag")
    assert proc.returncode == 1
    assert "(hidden)" not in proc.stdout and "nag: 2 / 2.5" in proc.stdout


def test_list_shows_points():
    proc = run_grader("list")
    assert proc.returncode == 0 and "nag" in proc.stdout and "10" in proc.stdout


def test_internal_error_exits_3_and_still_writes_every_result(tmp_path):
    course = tmp_path / "course"
    shutil.copytree(ROOT / "assignments" / "nag", course / "assignments" / "nag")
    shutil.copytree(ROOT / "solutions", course / "solutions", ignore=shutil.ignore_patterns("__pycache__"))
    (course / "assignments/nag/test_public.py").write_text(
        (course / "assignments/nag/test_public.py").read_text()
        + "\n\n@pytest.mark.points(1)\ndef test_broken(student):\n    return {}['oops']\n")
    shutil.copy(ROOT / "solutions/nag.py", tmp_path / "nag.py")
    proc = run_grader("grade", str(tmp_path), "-a", "nag", "--format", "json", env_extra={"GRADER_COURSE": str(course)})
    assert proc.returncode == 3, proc.stderr
    report = json.loads(proc.stdout)
    jsonschema.validate(report, SCHEMA)
    broken = [t for t in report["tests"] if t["name"] == "broken"]
    assert broken and broken[0]["status"] == "error" and "internal error" in broken[0]["output"]
    assert len(report["tests"]) == 15 and "KeyError" in proc.stderr


def test_check_prints_the_public_tests_as_json(tmp_path):
    (tmp_path / "nag.py").write_text((ROOT / "solutions" / "nag.py").read_text())
    proc = run_grader("check", str(tmp_path), "-a", "nag", "--format", "json")
    report = json.loads(proc.stdout)
    assert proc.returncode == 0 and report["score"] == report["max_score"] == 2.5
    assert report["tests"] and not any(t["hidden"] for t in report["tests"])


def test_check_takes_several_assignments_as_grade_does(tmp_path):
    for name in ("nag", "dropout"):
        (tmp_path / f"{name}.py").write_text((ROOT / "solutions" / f"{name}.py").read_text())
    proc = run_grader("check", str(tmp_path), "-a", "nag, dropout", "--format", "json")
    report = json.loads(proc.stdout)
    assert proc.returncode == 0, proc.stderr
    assert sorted(report["assignments"]) == ["dropout", "nag"] and report["score"] == report["max_score"] == 5.0
    assert all(not t["hidden"] for a in report["assignments"].values() for t in a["tests"])
