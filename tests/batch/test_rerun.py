"""Running `grader batch` again into the same output folder: what it keeps, regrades or refuses."""

from __future__ import annotations

import subprocess
import sys

from batch_helpers import correct, environment, gradebook, student


def _batch(roster, out, *extra) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "grader", "batch", str(roster), "--out", str(out), "--jobs", "2",
                           *extra], capture_output=True, text=True, env=environment(), timeout=300)


def test_several_assignments_and_what_a_rerun_keeps(tmp_path):
    roster, out = tmp_path / "roster", tmp_path / "out"
    for sid in ("s1", "s2"):
        student(roster, sid, correct())
    first = _batch(roster, out, "-a", "clipping,nag")
    assert first.returncode == 1, first.stderr  # nag right, clipping missing
    assert list(gradebook(out)[0]) == ["student", "nag", "clipping", "total"]  # the lecture's order
    assert "2 of 2 students already graded" in _batch(roster, out, "-a", "nag,clipping").stderr
    # Another set of assignments would replace those results: refused, unless forced.
    other = _batch(roster, out, "-a", "dropout")
    assert other.returncode == 2 and "holds results for nag, clipping" in other.stderr
    assert [r["nag"] for r in gradebook(out)] == ["10", "10"]
    # Another seed makes every earlier result stale: all are graded again.
    reseeded = _batch(roster, out, "-a", "nag,clipping", "--seed", "5")
    assert "already graded" not in reseeded.stderr and "2 graded" in reseeded.stderr
    assert _batch(roster, out, "-a", "dropout", "--force").returncode == 1
    assert list(gradebook(out)[0]) == ["student", "dropout", "total"]


def test_a_folder_left_out_is_no_success(tmp_path):
    roster, out = tmp_path / "roster", tmp_path / "out"
    student(roster, "s1", correct())
    (roster / "hw-nag-=cmd|calc").mkdir()  # no valid id: left out, with a warning
    proc = _batch(roster, out, "-a", "nag")
    assert "is not a valid student id" in proc.stderr and [r["nag"] for r in gradebook(out)] == ["10"]
    assert proc.returncode == 1  # one student is missing from the gradebook
