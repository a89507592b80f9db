"""Sandbox overhead: the same tests with the sandboxed worker and in-process (benchmark only)."""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from breakdown import timers
from common import Stats, write_submission
from grader.course import load_course
from grader.engine.grade import GradeOptions, run_tests, grade_assignment
from grader.sandbox.launcher import ForkServer
from inprocess import InProcessStudent


def measure(repeats: int) -> dict:
    course = load_course()
    results = {}
    with tempfile.TemporaryDirectory() as tmp, ForkServer() as launcher:
        student = write_submission(Path(tmp) / "student")
        for name in sorted(p.stem for p in student.glob("*.py")):
            assignment = course[name]
            source = (student / f"{name}.py").read_text()
            sandboxed, inproc = [], []
            for _ in range(repeats + 1):  # the first round warms imports and caches
                start = time.perf_counter()
                graded = grade_assignment(student, assignment, GradeOptions(), launcher)
                sandboxed.append(time.perf_counter() - start)
                start = time.perf_counter()
                local = run_tests(assignment, InProcessStudent(source, f"{name}.py", assignment),
                                   GradeOptions(), source_name=f"{name}.py", warnings=())
                inproc.append(time.perf_counter() - start)
                if graded.score != local.score:
                    raise RuntimeError(f"{name}: sandboxed {graded.score} != in-process {local.score}")
            s, i = Stats.of(sandboxed[1:]), Stats.of(inproc[1:])
            # The fastest runs too: on a shared virtual machine the medians swing by ±20 %.
            results[name] = {"sandboxed": s.as_dict(), "in_process": i.as_dict(), "ratio": s.median / i.median,
                             "ratio_of_fastest": s.low / i.low,
                             "breakdown": _breakdown(student, assignment, launcher, source)}
    return results


def _breakdown(student: Path, assignment, launcher, source: str) -> dict:
    """One more run of each kind with timers at the trust boundary (milliseconds)."""
    with timers((("calls", InProcessStudent, "call"),)) as local:
        run_tests(assignment, InProcessStudent(source, f"{assignment.name}.py", assignment),
                   GradeOptions(), source_name=f"{assignment.name}.py", warnings=())
    with timers() as spent:
        start = time.perf_counter()
        grade_assignment(student, assignment, GradeOptions(), launcher)
        total = time.perf_counter() - start
    ms = {label: round(1000 * seconds, 2) for label, (seconds, _) in spent.items()}
    calls = spent["student calls"][1]
    # A call's time includes the import and the wait for the worker that its first call triggers.
    own = ms.get("student calls", 0.0) - ms.get("import of the submission", 0.0) \
        - ms.get("worker start (wait for lock-down)", 0.0)
    return {"total_ms": round(1000 * total, 2), "calls": calls, "calls_ms": round(own, 2),
            "calls_in_process_ms": round(1000 * local["calls"][0], 2),
            "ms_per_call": round(own / calls, 3) if calls else 0.0,
            "start_wait_ms": ms.get("worker start (wait for lock-down)", 0.0),
            "import_ms": ms.get("import of the submission", 0.0),
            "shutdown_ms": ms.get("worker shutdown", 0.0)}
