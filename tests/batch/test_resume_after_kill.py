"""A batch run stopped mid-way: SIGKILL, then a rerun resumes (finished students untouched, no row lost
or doubled); SIGTERM stops it at once with a gradebook of who was graded; a runner killed outright
leaves no grading process behind."""

from __future__ import annotations

import os
import signal
import subprocess
import time
from pathlib import Path

import pytest

from batch_helpers import batch_command, correct, environment, gradebook, record, run_batch, student

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


SLEEPS = correct().replace("def optimize(grad_fn, theta0, method, lr, rho=0.9, num_steps=100):",
                           "def optimize(grad_fn, theta0, method, lr, rho=0.9, num_steps=100):\n"
                           "    import time\n    time.sleep(3600)")


def _children(pid: int) -> set[int]:
    """The processes ``pid``'s threads started (Linux /proc)."""
    found = set()
    for task in Path(f"/proc/{pid}/task").iterdir():
        found |= {int(c) for c in (task / "children").read_text().split()}
    return found


def _sleeping_batch(tmp_path):
    """A batch grading s00 (correct, fast) and then s01, whose optimize sleeps: with the
    time limits scaled by 50, s01 alone would take many minutes."""
    roster, out = tmp_path / "roster", tmp_path / "out"
    student(roster, "s00", correct())
    student(roster, "s01", SLEEPS)
    proc = subprocess.Popen(batch_command(roster, out, "--jobs", "1", "--timeout-scale", "50"), env=environment(),
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    _wait_for_first_record(proc, out / "students")
    time.sleep(1.0)  # s01 is being graded (its first optimize call sleeps)
    return proc, out


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="reads /proc")
def test_sigterm_stops_a_batch_at_once_and_its_gradebook_lists_who_was_graded(tmp_path):
    proc, out = _sleeping_batch(tmp_path)
    try:
        proc.send_signal(signal.SIGTERM)
        code = proc.wait(timeout=60)  # a safety net against a hung test; s01 alone takes far longer
    finally:
        _kill_group(proc.pid)
    assert code == 128 + signal.SIGTERM
    assert [r["student"] for r in gradebook(out)] == ["s00"]
    assert not (out / "students" / "s01.json").exists()


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="reads /proc")
def test_a_grading_process_outlives_no_runner_killed_outright(tmp_path):
    proc, out = _sleeping_batch(tmp_path)
    jobs = _children(proc.pid)
    try:
        assert jobs, "the runner has started no grading process"
        os.kill(proc.pid, signal.SIGKILL)  # the runner alone: its grading processes must notice
        proc.wait()
        deadline = time.monotonic() + 60  # a safety net against a hung test, not a timing assertion
        while time.monotonic() < deadline and any(Path(f"/proc/{pid}").exists() for pid in jobs):
            time.sleep(0.1)
        assert not any(Path(f"/proc/{pid}").exists() for pid in jobs), "a grading process outlived the runner"
    finally:
        _kill_group(proc.pid)
    assert not (out / "students" / "s01.json").exists()


def _kill_group(pid: int) -> None:
    try:
        os.killpg(pid, signal.SIGKILL)  # whatever a failed test left running
    except ProcessLookupError:
        pass


def test_a_rerun_grades_again_a_student_whose_grading_crashed(tmp_path):
    roster, out = tmp_path / "roster", tmp_path / "out"
    student(roster, "s00", correct())
    student(roster, "s01", SLEEPS)
    first = run_batch(roster, out, "--jobs", "1", "--student-timeout", "3")  # s01 takes longer: crashed
    assert first.returncode == 3 and record(out, "s01")["internal_error"]
    kept = (out / "students" / "s00.json").stat().st_mtime_ns
    rerun = run_batch(roster, out, "--jobs", "1", "--student-timeout", "3")
    assert "1 of 2 students already graded" in rerun.stderr  # s00 only
    assert (out / "students" / "s00.json").stat().st_mtime_ns == kept
    assert record(out, "s01")["internal_error"]  # graded again (and crashed again: it still sleeps)


def test_ctrl_c_leaves_no_record_for_the_student_being_graded(tmp_path):
    proc, out = _sleeping_batch(tmp_path)
    try:
        os.killpg(proc.pid, signal.SIGINT)  # a terminal's Ctrl-C reaches the runner and its grading processes
        proc.wait(timeout=60)  # a safety net against a hung test, not a timing assertion
    finally:
        _kill_group(proc.pid)
    assert (out / "students" / "s00.json").exists()
    assert not (out / "students" / "s01.json").exists()  # its checks were cut short: no partial score
