"""`--container` for real: Podman (runc) on the host's own root filesystem.

Grading in the container must give what a direct run gives: the same JSON scores and
tests, the same text report, the same exit codes, the same batch gradebook and records,
with only the isolation label saying where it ran. Skipped, with the reason, where Podman
cannot run a container (not root, podman/runc missing, no namespaces for containers).
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import jsonschema
import pytest

from conftest import ROOT, run_grader
from podman_rootfs import host_rootfs, unavailable

SCHEMA = json.loads((ROOT / "grader" / "schemas" / "report.schema.json").read_text())
SUBMISSIONS = {"correct": ROOT / "solutions" / "nag.py", "wrong": ROOT / "examples" / "alice" / "nag.py"}
LABEL = "container (podman): root (full)"


@pytest.fixture(scope="module")
def podman():
    why = unavailable()
    if why:
        pytest.skip(why)
    with host_rootfs() as (env, why):
        if env is None:
            pytest.skip(why)
        yield env


def _student(tmp_path: Path, name: str) -> Path:
    folder = tmp_path / name
    folder.mkdir()
    shutil.copy(SUBMISSIONS[name], folder / "nag.py")
    return folder


def _without_isolation(report: dict) -> dict:
    return {k: v for k, v in report.items() if k != "isolation"}


@pytest.mark.parametrize("name,code,score", [("correct", 0, 10), ("wrong", 1, 5.25)])
def test_grade_in_a_container_gives_the_direct_json_and_exit_code(podman, tmp_path, name, code, score):
    folder = _student(tmp_path, name)
    direct = run_grader("grade", str(folder), "-a", "nag", "--format", "json")
    inside = run_grader("grade", str(folder), "-a", "nag", "--format", "json", "--container", env_extra=podman)
    assert (direct.returncode, inside.returncode) == (code, code), inside.stderr[-2000:]
    ours, theirs = json.loads(direct.stdout), json.loads(inside.stdout)
    jsonschema.validate(theirs, SCHEMA)
    assert theirs["score"] == ours["score"] == score
    assert _without_isolation(theirs) == _without_isolation(ours)
    assert theirs["isolation"] == LABEL and ours["isolation"] == "root (full)"
    assert theirs["warnings"] == []  # the sandbox inside had everything it needed


def test_the_text_report_and_check_match_a_direct_run(podman, tmp_path):
    folder = _student(tmp_path, "wrong")
    for command in (["grade"], ["check"]):
        direct = run_grader(*command, str(folder), "-a", "nag")
        inside = run_grader(*command, str(folder), "-a", "nag", "--container", env_extra=podman)
        assert inside.returncode == direct.returncode == 1
        first, *rest = inside.stdout.splitlines()
        assert first == f"isolation: {LABEL}"
        assert rest == direct.stdout.splitlines()[1:]


def test_a_batch_in_a_container_gives_the_same_gradebook(podman, tmp_path):
    roster = tmp_path / "class"
    for name, source in SUBMISSIONS.items():
        (roster / f"hw-nag-{name}").mkdir(parents=True)
        shutil.copy(source, roster / f"hw-nag-{name}" / "nag.py")
    (roster / "hw-nag-empty").mkdir()  # a student who handed nothing in
    direct = run_grader("batch", str(roster), "-a", "nag", "--out", str(tmp_path / "direct"), "--jobs", "2")
    inside = run_grader("batch", str(roster), "-a", "nag", "--out", str(tmp_path / "inside"), "--jobs", "2",
                        "--container", env_extra=podman)
    assert inside.returncode == direct.returncode == 1, inside.stderr[-2000:]
    assert inside.stdout == f"{tmp_path / 'inside' / 'gradebook.csv'}\n"
    gradebook = (tmp_path / "inside" / "gradebook.csv").read_text()
    assert gradebook == (tmp_path / "direct" / "gradebook.csv").read_text()
    assert gradebook.splitlines()[1:] == ["correct,10,10", "empty,0,0", "wrong,5.25,5.25"]
    for sid in ("correct", "empty", "wrong"):
        ours = json.loads((tmp_path / "direct" / "students" / f"{sid}.json").read_text())
        theirs = json.loads((tmp_path / "inside" / "students" / f"{sid}.json").read_text())
        assert theirs["result"].pop("isolation") == LABEL
        ours["result"].pop("isolation")
        assert theirs == ours
        page = (tmp_path / "inside" / "feedback" / f"{sid}.html").read_text()
        assert f'<p class="isolation">isolation: {LABEL}</p>' in page
    assert json.loads((tmp_path / "inside" / "shard.json").read_text())["isolation"] == LABEL
    assert f"isolation: {LABEL}; gradebook:" in inside.stderr


def test_a_usage_error_inside_exits_2_and_a_missing_image_exits_3(podman, tmp_path):
    folder = _student(tmp_path, "correct")
    unknown = run_grader("grade", str(folder), "-a", "no_such_assignment", "--container", env_extra=podman)
    assert unknown.returncode == 2 and "no_such_assignment" in unknown.stderr
    no_rootfs = {**podman, "GRADER_CONTAINER_ROOTFS": ""}
    missing = run_grader("grade", str(folder), "-a", "nag", "--container", "--container-image",
                         "dl-grader-test:absent", env_extra=no_rootfs)
    assert missing.returncode == 3 and missing.stdout == ""
    assert "gave no result" in missing.stderr and "dl-grader-test:absent" in missing.stderr


def test_doctor_says_whether_the_engine_runs_a_container(podman):
    runs = json.loads(run_grader("doctor", "--json", env_extra=podman).stdout)["container"]
    assert runs["runs"] and runs["engine"] == "podman" and runs["detail"] == ""
    absent = {**podman, "GRADER_CONTAINER_ROOTFS": "", "GRADER_CONTAINER_IMAGE": "dl-grader-test:absent"}
    text = run_grader("doctor", env_extra=absent).stdout
    assert "--container: no, podman (image dl-grader-test:absent) cannot run a container" in text
    assert "grader container build" in text
