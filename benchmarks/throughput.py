"""Throughput: a synthetic class graded by `grader batch`, checked, and where a student's
time goes in a grading process.

The class: most students hand in every assignment's reference; some a known mistake
from ``solutions/mistakes/`` (taken in turn from every assignment); a few are broken
(an endless loop, ``os._exit``, a segmentation fault, a syntax error). Every student must
be in the gradebook with a complete record, the reference students with full marks and
the others without: a run that grades wrongly is a failure, not a figure.
"""

from __future__ import annotations

import csv
import gc
import re
import statistics
import tempfile
import time
from pathlib import Path

import breakdown
from common import (ROOT, BenchmarkFailure, assignments, checked, grader_command, one_of, run_measured,
                    write_submission)
from grader.batch.job import freeze_heap, run as grade_like_a_job
from grader.course import load_course
from grader.batch.roster import Student, discover
from grader.batch.records import is_done, read_record, record_path
from grader.batch.runner import BatchPlan, request_for
from grader.sandbox.launcher import ForkServer
from inprocess import InProcessStudent, grade_in_process

BROKEN = {
    "loops": "\n\ndef optimize(*args, **kwargs):\n    while True:\n        pass\n",
    "exits": "\n\ndef nag_step(*args, **kwargs):\n    import os\n    os._exit(1)\n",
    "segfaults": "\n\ndef gd_step(*args, **kwargs):\n    import ctypes\n    return ctypes.string_at(0)\n",
    "syntax": "\n\ndef broken(:\n",
}


def build_roster(folder: Path, students: int) -> tuple[Path, dict[str, str]]:
    """The class folder and each student's kind ("reference", "mistake <assignment>/<name>"
    or "broken <kind>"): 1 in 30 broken, 1 in 8 with a known mistake, the rest references."""
    by_assignment = {name: sorted(p.stem for p in (ROOT / "solutions" / "mistakes" / name).glob("*.py"))
                     for name in assignments()}
    by_assignment = {name: stems for name, stems in by_assignment.items() if stems}
    names = sorted(by_assignment)
    roster, kinds, mistakes_given = folder / "roster", {}, 0
    for i in range(students):
        sid = f"course-student{i:03d}"
        student = roster / sid
        if i % 30 == 7:
            write_submission(student)
            kind = list(BROKEN)[(i // 30) % len(BROKEN)]
            with (student / "nag.py").open("a") as fh:
                fh.write(BROKEN[kind])
            kinds[sid] = f"broken {kind}"
        elif i % 8 == 3 and names:
            name = names[mistakes_given % len(names)]
            stem = by_assignment[name][(mistakes_given // len(names)) % len(by_assignment[name])]
            mistakes_given += 1
            write_submission(student, {name: stem})
            kinds[sid] = f"mistake {name}/{stem}"
        else:
            write_submission(student)
            kinds[sid] = "reference"
    return roster, kinds


def measure(students: int, jobs: int, sample: int) -> dict:
    if not (ROOT / "grader" / "commands" / "batch.py").is_file():
        return {"skipped": "grader batch is not available"}
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        roster, kinds = build_roster(tmp, students)
        out = tmp / "out"
        run = run_measured(grader_command("batch", str(roster), "--assignment", "all", "--jobs", str(jobs),
                                          "--out", str(out)))
        checked(run.proc, "grader batch", codes=(0, 1))
        ids = {student.path.name: student.id for student in discover(roster)[0]}
        kinds = {ids.get(folder, folder): kind for folder, kind in kinds.items()}
        graded = _check_gradebook(out, kinds)
        by_kind = _seconds_by_kind(run.proc.stderr, kinds)
        per_student = _per_student(tmp, sample, jobs)
        own_work = per_student.pop("students_own_work_s")
        floor = students * own_work / jobs
        return {"students": students, "assignments": len(assignments()), "graded": graded, "jobs": jobs,
                "seconds": run.seconds,
                "students_per_second": students / run.seconds, "peak_mib": run.peak_mib,
                "kinds": {k: sum(1 for v in kinds.values() if v.split()[0] == k)
                          for k in ("reference", "mistake", "broken")},
                "students_own_work_s": own_work, "floor_seconds": floor, "seconds_by_kind": by_kind,
                "per_student": per_student}


_PROGRESS = re.compile(r"^\[\d+/\d+\] (\S+): .* \(([\d.]+) s\)$", re.MULTILINE)


def _seconds_by_kind(progress: str, kinds: dict[str, str]) -> dict:
    """Students' grading times in the class run itself (from its progress lines, 0.1 s
    resolution), by kind: count, total and median seconds."""
    times: dict[str, list[float]] = {}
    for sid, seconds in _PROGRESS.findall(progress):
        times.setdefault(kinds.get(sid, "?").split()[0], []).append(float(seconds))
    if sum(map(len, times.values())) != len(kinds):
        raise BenchmarkFailure(f"grader batch reported {sum(map(len, times.values()))} students of {len(kinds)}")
    return {kind: {"students": len(v), "total": round(sum(v), 1), "median": statistics.median(v)}
            for kind, v in times.items()}


def _check_gradebook(out: Path, kinds: dict[str, str]) -> int:
    """How many students were graded: all of them, or BenchmarkFailure."""
    names = assignments()
    with (out / "gradebook.csv").open() as fh:
        rows = {row["student"]: row for row in csv.DictReader(fh)}
    if set(rows) != set(kinds):
        raise BenchmarkFailure(f"the gradebook has {len(rows)} students of {len(kinds)}; missing: "
                               f"{sorted(set(kinds) - set(rows))[:5]}")
    wrong = []
    for sid, kind in kinds.items():
        record = read_record(record_path(out, sid))
        if not is_done(record, sid, list(record["assignments"]) if record else names) \
                or sorted(record["assignments"]) != names or record.get("status") != "graded":
            wrong.append(f"{sid}: no complete record")
            continue
        result = record["result"]
        full = result.get("score") == result.get("max_score") and float(rows[sid]["total"]) == result.get("score")
        if full != (kind == "reference"):
            wrong.append(f"{sid} ({kind}): {result.get('score')} of {result.get('max_score')}")
    if wrong:
        raise BenchmarkFailure("the class was graded wrongly: " + "; ".join(wrong[:5]))
    return len(rows)


def _per_student(tmp: Path, sample: int, jobs: int) -> dict:
    """Where a reference student's time goes in a grading process (``grader.batch.job.run``
    in this process, on a warm fork server, timers on: median over ``sample`` students,
    after two to warm up; as one of ``jobs`` grading processes, which decides whether the
    grader and its worker watch or sleep), and the student's own work (their functions'
    time in-process).
    Every student gets seed 0 and the memo, as in the class run (no seed secret): from the
    second on, the reference's answers come from the process's memo, as in the class."""
    student = write_submission(tmp / "sample-student")
    out = tmp / "sample-out"
    names = assignments()
    phases: dict[str, list[float]] = {}
    totals = []
    plan = BatchPlan((), out, tuple(names))  # no seed secret, as in the class run
    with one_of(jobs), ForkServer() as launcher:
        for i in range(sample + 2):
            if i == 1:  # as a grading process does after its first student
                freeze_heap()
            request = request_for(plan, Student(f"s{i}", student))
            with breakdown.traced() as clock:
                start = time.perf_counter()
                grade_like_a_job(request, launcher)
                total = time.perf_counter() - start
            if i < 2:
                continue
            totals.append(total)
            ms = clock.milliseconds()
            ms["feedback page and record"] = 1000 * total - sum(v for k, v in ms.items() if breakdown.BACKGROUND not in k)
            for label, value in ms.items():
                phases.setdefault(label, []).append(value)
    gc.unfreeze()
    own, course = 0.0, load_course()
    for name in names:
        with breakdown.traced(((breakdown.CALLS, InProcessStudent, "call"),)) as clock:
            grade_in_process((student / f"{name}.py").read_text(), course[name])
        own += clock.spent.get(breakdown.CALLS, 0.0)
    return {"seconds": statistics.median(totals), "students_own_work_s": own,
            "phases_ms": {label: round(statistics.median(v), 1) for label, v in phases.items()}}
