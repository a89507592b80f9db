"""`grader export gradescope`: the zip's layout, and run_autograder in a simulated /autograder.

Each run unpacks the zip as Gradescope does (into <root>/source, file modes kept),
puts a submission in <root>/submission and runs <root>/source/run_autograder with
AUTOGRADER_ROOT=<root>. The grader's dependencies are already installed here, so
setup.sh is not run; GRADER_PYTHON points run_autograder at this Python.
"""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import zipfile
from pathlib import Path

import jsonschema
import pytest

from conftest import ROOT, expected, fixture_submission, run_grader

VISIBILITY = ["hidden", "after_due_date", "after_published", "visible"]
FORMATS = ["text", "html", "simple_format", "md", "ansi"]

# Written from Gradescope's autograder specification of results.json (see
# /work/shared/PLATFORMS.md): every field we emit, with the values Gradescope accepts.
RESULTS_SCHEMA = {
    "type": "object",
    "required": ["score", "execution_time", "output", "tests"],
    "additionalProperties": False,
    "properties": {
        "score": {"type": "number"},
        "execution_time": {"type": "number", "minimum": 0},
        "output": {"type": "string"},
        "output_format": {"enum": FORMATS},
        "visibility": {"enum": VISIBILITY},
        "stdout_visibility": {"enum": VISIBILITY},
        "extra_data": {"type": "object"},
        "leaderboard": {"type": "array"},
        "tests": {
            "type": "array",
            "minItems": 1,
            "items": {
                "type": "object",
                "required": ["score", "max_score", "status", "name", "output", "visibility"],
                "additionalProperties": False,
                "properties": {
                    "score": {"type": "number", "minimum": 0},
                    "max_score": {"type": "number", "minimum": 0},
                    "status": {"enum": ["passed", "failed"]},
                    "name": {"type": "string", "minLength": 1},
                    "number": {"type": "string"},
                    "output": {"type": "string"},
                    "output_format": {"enum": FORMATS},
                    "tags": {"type": "array", "items": {"type": "string"}},
                    "visibility": {"enum": VISIBILITY},
                    "extra_data": {"type": "object"},
                },
            },
        },
    },
}


@pytest.fixture(scope="module")
def autograder_zip(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("export") / "nag-autograder.zip"
    proc = run_grader("export", "gradescope", "nag", str(out))
    assert proc.returncode == 0, proc.stderr
    return out


@pytest.fixture(scope="module")
def declared(tmp_path_factory) -> list[dict]:
    """The nag tests as our own grader reports them (names, points, hidden)."""
    proc = run_grader("grade", str(ROOT / "solutions" / "nag.py"), "-a", "nag", "--format", "json")
    return json.loads(proc.stdout)["tests"]


def unpack(archive: Path, root: Path) -> Path:
    """Extract like `unzip`: keep the executable bits recorded in the zip."""
    source = root / "source"
    with zipfile.ZipFile(archive) as zf:
        for info in zf.infolist():
            target = Path(zf.extract(info, source))
            mode = (info.external_attr >> 16) & 0o777
            if mode:
                target.chmod(mode)
    (root / "submission").mkdir()
    return source


def run_autograder(archive: Path, root: Path, submission: str, **env) -> dict:
    """Run the unpacked autograder on ``submission`` (the text of nag.py)."""
    source = unpack(archive, root)
    (root / "submission" / "nag.py").write_text(submission)
    full_env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST", "GRADER_"))}
    full_env.update(AUTOGRADER_ROOT=str(root), GRADER_PYTHON=sys.executable, **env)
    proc = subprocess.run([str(source / "run_autograder")], cwd=root, env=full_env,
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-3000:]
    results = root / "results" / "results.json"
    assert results.is_file(), f"no results.json; stderr: {proc.stderr[-3000:]}"
    data = json.loads(results.read_text())
    jsonschema.validate(data, RESULTS_SCHEMA)
    return data


def test_zip_has_setup_and_executable_run_autograder_at_root(autograder_zip):
    with zipfile.ZipFile(autograder_zip) as zf:
        names = zf.namelist()
        run = zf.getinfo("run_autograder")
        assert (run.external_attr >> 16) & stat.S_IXUSR
        assert zf.read("run_autograder").startswith(b"#!")
        assert zf.read("setup.sh").startswith(b"#!")
        requirements = zf.read("dl_grader/requirements.txt").decode()
    assert "setup.sh" in names
    assert "dl_grader/grader/cli.py" in names
    assert "dl_grader/course/assignments/nag/test_hidden.py" in names
    assert "dl_grader/course/solutions/nag.py" in names
    for package in ("numpy", "pytest", "nbformat", "click", "rich"):
        assert package in requirements
    # Only nag's course files travel: no other assignment's tests or solutions.
    assert not [n for n in names if "/course/" in n and "nag" not in n]


def test_reference_gets_full_marks(autograder_zip, declared, tmp_path):
    data = run_autograder(autograder_zip, tmp_path, (ROOT / "solutions" / "nag.py").read_text())
    assert data["score"] == pytest.approx(sum(t["max_score"] for t in declared))
    assert [t["name"] for t in data["tests"]] == [t["name"] for t in declared]
    assert all(t["status"] == "passed" and t["score"] == t["max_score"] for t in data["tests"])
    visibility = {t["name"]: t["visibility"] for t in data["tests"]}
    for test in declared:
        assert visibility[test["name"]] == ("after_published" if test["hidden"] else "visible")


def test_known_mistake_scores_as_our_grader_and_explains(autograder_zip, declared, tmp_path):
    submission = fixture_submission(tmp_path, "nag", "nag_uses_plain_momentum") / "nag.py"
    ours = json.loads(run_grader("grade", str(submission.parent), "-a", "nag", "--format", "json").stdout)
    assert ours["score"] == pytest.approx(expected("nag")["nag_uses_plain_momentum"]["score"])
    data = run_autograder(autograder_zip, tmp_path / "ag", submission.read_text())
    assert data["score"] == pytest.approx(ours["score"])
    assert 0 < data["score"] < sum(t["max_score"] for t in declared)
    by_name = {t["name"]: t for t in data["tests"]}
    for test in ours["tests"]:
        entry = by_name[test["name"]]
        assert entry["score"] == pytest.approx(test["score"])
        assert entry["status"] == ("passed" if test["status"] == "passed" else "failed")
    # The top-level output explains the public failure, never the hidden ones' messages.
    failed_public = [t for t in ours["tests"] if not t["hidden"] and t["status"] != "passed"]
    assert failed_public and all(t["name"] in data["output"] for t in failed_public)
    for test in ours["tests"]:
        if test["hidden"] and test["output"]:
            assert test["output"] not in data["output"]


def test_crash_at_import_still_lists_every_check(autograder_zip, declared, tmp_path):
    data = run_autograder(autograder_zip, tmp_path, "import sys\n\nsys.exit('bye')\n")
    assert len(data["tests"]) == len(declared)
    assert data["score"] == 0
    assert all(t["status"] == "failed" and "exit()" in t["output"] for t in data["tests"])


def test_run_that_overruns_its_budget_falls_back_to_every_check(autograder_zip, declared, tmp_path):
    # The whole run gets 2 s; the looping submission needs far longer, so run_autograder
    # kills grading and must still leave a results.json listing every declared check.
    looping = (ROOT / "solutions" / "nag.py").read_text() + "\n\ndef optimize(*args, **kwargs):\n    while True:\n        pass\n"
    data = run_autograder(autograder_zip, tmp_path, looping, GRADER_TOTAL_SECONDS="2")
    assert [t["name"] for t in data["tests"]] == [t["name"] for t in declared]
    assert data["score"] == 0
    assert "could not finish grading" in data["output"]
    assert {t["visibility"] for t in data["tests"]} == {"visible", "after_published"}


def test_export_of_unknown_assignment_is_a_usage_error(tmp_path):
    proc = run_grader("export", "gradescope", "no_such_assignment", str(tmp_path / "x.zip"))
    assert proc.returncode == 2
    assert "no_such_assignment" in proc.stderr
    assert not (tmp_path / "x.zip").exists()


def test_renderer_takes_the_hidden_visibility_as_an_argument():
    from grader.model import AssignmentResult, Status, SubmissionResult, TestResult
    from grader.render import gradescope

    result = SubmissionResult((AssignmentResult("nag", (
        TestResult("public check", Status.PASSED, 1.0, 1.0, "", hidden=False),
        TestResult("hidden check", Status.TIMEOUT, 0.0, 2.0, "`optimize` did not finish in time", hidden=True),
    ), source="nag.py"),))
    for visibility in ("after_published", "after_due_date", "hidden"):
        data = json.loads(gradescope.render(result, hidden_visibility=visibility))
        jsonschema.validate(data, RESULTS_SCHEMA)
        assert [t["visibility"] for t in data["tests"]] == ["visible", visibility]
    hidden = data["tests"][1]
    assert hidden["status"] == "failed" and hidden["output"].startswith("[timed out]")
    assert "did not finish" not in data["output"]  # hidden messages stay out of the summary
    assert data["score"] == 1.0


def test_export_help_lists_the_three_platforms():
    from click.testing import CliRunner

    from grader.cli import main

    runner = CliRunner()
    listing = runner.invoke(main, ["export", "--help"])
    assert listing.exit_code == 0
    for platform in ("gradescope", "classroom", "otter"):
        assert platform in listing.output
        assert runner.invoke(main, ["export", platform, "--help"]).exit_code == 0
