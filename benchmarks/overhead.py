"""Sandbox overhead: the same tests with the sandboxed worker and in-process (benchmark only).

Three conditions, printed side by side:

- batch: in this one process, with one warm fork server for every run, the way a
  `grader batch` grading process works (imports done, fork server booted, the heap
  frozen after its first student); the first round of each assignment is left out (it
  warms caches). One grading process on this machine: where it has two CPUs, the grader
  and its worker watch their pipes rather than sleep (``grader/sandbox/waiting.py``).
  Beside it, the same with both sides sleeping, as in a class run of ``--jobs N`` with
  fewer than 2N CPUs (two jobs on two cores);
- cold: a fresh process per run, `grader grade -a NAME` against
  `python benchmarks/inprocess.py STUDENT NAME`, start-up included on both sides.
"""

from __future__ import annotations

import gc
import sys
import tempfile
import time
from pathlib import Path

import breakdown
from common import ROOT, BenchmarkFailure, Stats, full_marks, grader_command, one_of, timed, write_submission
from grader.batch.job import freeze_heap
from grader.course import load_course
from grader.engine.grade import GradeOptions, grade_assignment
from grader.sandbox import waiting
from grader.sandbox.launcher import ForkServer
from inprocess import InProcessStudent, grade_in_process

IN_PROCESS = ROOT / "benchmarks" / "inprocess.py"


def measure(repeats: int, cold_repeats: int) -> dict:
    try:
        return _measure(repeats, cold_repeats)
    finally:
        gc.unfreeze()  # the benchmarks after this one run on the heap they would have had


def _measure(repeats: int, cold_repeats: int) -> dict:
    course = load_course()
    results = {}
    with tempfile.TemporaryDirectory() as tmp, ForkServer() as launcher:
        student = write_submission(Path(tmp) / "student")
        for name in sorted(p.stem for p in student.glob("*.py")):
            assignment = course[name]
            source = (student / assignment.filename).read_text()
            sandboxed, sleeping, inproc = [], [], []
            for repeat in range(repeats + 1):
                if repeat == 1:  # after the warm-up round, as a batch grading process after its first student
                    freeze_heap()
                sandboxed.append(_sandboxed(student, assignment, launcher, side_by_side=1))
                sleeping.append(_sandboxed(student, assignment, launcher, side_by_side=_SLEEPING))
                start = time.perf_counter()
                local = grade_in_process(source, assignment)
                inproc.append(time.perf_counter() - start)
                if local.score != local.max_score:
                    raise BenchmarkFailure(f"{name}: in-process {local.score} of {local.max_score}: "
                                           "the reference must get full marks both ways")
            s, z, i = Stats.of(sandboxed[1:]), Stats.of(sleeping[1:]), Stats.of(inproc[1:])
            results[name] = {"batch": {"sandboxed": s.as_dict(), "in_process": i.as_dict(),
                                       "ratio": s.median / i.median, "watching": waiting.cpus_to_watch_on(1)},
                             "batch_sleeping": {"sandboxed": z.as_dict(), "ratio": z.median / i.median,
                                                "watching": waiting.cpus_to_watch_on(_SLEEPING)},
                             "cold": _cold(student, name, cold_repeats),
                             "breakdown": _breakdown(student, source, assignment, launcher)}
    return results


_SLEEPING = 1_000_000  # grading processes side by side: more than any machine has CPUs to watch on


def _sandboxed(student: Path, assignment, launcher, side_by_side: int) -> float:
    """Seconds to grade ``assignment`` sandboxed, as one of ``side_by_side`` grading
    processes (which decides whether the grader and its worker watch or sleep)."""
    with one_of(side_by_side):
        start = time.perf_counter()
        graded = grade_assignment(student, assignment, GradeOptions(), launcher)
        seconds = time.perf_counter() - start
    # The worker's reap (~4 ms in the fork server) is left to run after the grader has
    # gone on; here it would run into whatever is timed next.
    launcher.settle()
    if graded.score != graded.max_score:
        raise BenchmarkFailure(f"{assignment.name}: sandboxed {graded.score} of {graded.max_score}: "
                               "the reference must get full marks both ways")
    return seconds


def _cold(student: Path, name: str, repeats: int) -> dict:
    sandboxed, inproc = [], []
    for _ in range(repeats):
        seconds, proc = timed(grader_command("grade", str(student), "-a", name, "--format", "json"),
                              f"grader grade -a {name}")
        full_marks(proc, f"grader grade -a {name}", 1)
        sandboxed.append(seconds)
        seconds, proc = timed([sys.executable, str(IN_PROCESS), str(student), name], f"in-process {name}")
        full_marks(proc, f"in-process {name}", 1)
        inproc.append(seconds)
    s, i = Stats.of(sandboxed), Stats.of(inproc)
    return {"sandboxed": s.as_dict(), "in_process": i.as_dict(), "ratio": s.median / i.median}


def _breakdown(student: Path, source: str, assignment, launcher) -> dict:
    """One more run of each kind, in batch conditions, with the breakdown timers on
    (milliseconds, exclusive: see breakdown.py)."""
    in_process_calls = ((breakdown.CALLS, InProcessStudent, "call"),)
    with breakdown.traced(breakdown.TIMED + in_process_calls) as local:
        grade_in_process(source, assignment)
    with breakdown.traced() as sandboxed:
        start = time.perf_counter()
        grade_assignment(student, assignment, GradeOptions(), launcher)
        total = time.perf_counter() - start
    launcher.settle()
    calls = sandboxed.count.get(breakdown.CALLS, 0)
    ms, here = sandboxed.milliseconds(), local.milliseconds()
    boundary = ms.get(breakdown.CALLS, 0.0) - here.get(breakdown.CALLS, 0.0)
    return {"total_ms": round(1000 * total, 2), "calls": calls, "phases_ms": ms, "in_process_phases_ms": here,
            "extra_ms_per_call": round(boundary / calls, 3) if calls else 0.0}
