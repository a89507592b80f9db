"""A batch run killed with SIGKILL mid-way resumes: finished students untouched, no row lost or doubled."""

from __future__ import annotations

import os
import signal
import subprocess
import time

from batch_helpers import batch_command, correct, environment, gradebook, run_batch, student

STUDENTS = [f"s{k:02d}" for k in range(4)]


def _wait_for_first_record(proc: subprocess.Popen, students_dir, limit: float = 120) -> None:
    deadline = time.monotonic() + limit  # a safety net against a hung test, not a timing assertion
    while time.monotonic() < deadline and proc.poll() is None:
        if students_dir.is_dir() and any(students_dir.glob("*.json")):
            return
        time.sleep(0.05)
    raise AssertionError(f"no student record appeared (exit code {proc.poll()})")


def test_sigkill_then_rerun_completes_without_regrading(tmp_path):
    roster, out = tmp_path / "roster", tmp_path / "out"
    for sid in STUDENTS:
        student(roster, sid, correct())
    proc = subprocess.Popen(batch_command(roster, out, "--jobs", "1"), env=environment(),
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        _wait_for_first_record(proc, out / "students")
    finally:
        os.killpg(proc.pid, signal.SIGKILL)  # the runner and every grading process it started
        proc.wait()
    finished = {p.stem: p.stat().st_mtime_ns for p in (out / "students").glob("*.json")}
    assert finished and len(finished) < len(STUDENTS)

    rerun = run_batch(roster, out, "--jobs", "2")
    assert rerun.returncode == 0, rerun.stderr
    assert f"{len(finished)} of {len(STUDENTS)} students already graded" in rerun.stderr
    for sid, mtime in finished.items():
        assert (out / "students" / f"{sid}.json").stat().st_mtime_ns == mtime, f"{sid} was regraded"
    rows = gradebook(out)
    assert [r["student"] for r in rows] == STUDENTS
    assert all(float(r["total"]) == 10.0 for r in rows)
    assert not list(out.rglob("*.tmp"))
