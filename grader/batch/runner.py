"""The resumable, parallel batch runner.

Students are graded by ``jobs`` long-lived grader processes (``python -m
grader.batch.job``, see processes.py), each grading one student at a time, so a crash,
a hang or a memory blow-up while grading one student ends only that process: the runner
then writes that student's record with every check ``error``, starts a fresh process,
and goes on. Students with a complete record from an earlier run are skipped (unless
``force``), and the gradebook is rebuilt from the records as students finish.
"""

from __future__ import annotations

import os
import sys
import time
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path

from grader.batch import gradebook, records
from grader.batch.processes import JobPool
from grader.batch.roster import Student
from grader.batch.seeds import student_seed
from grader.files import write_atomic
from grader.course import load_course

GRADEBOOK = "gradebook.csv"
EXIT_PASSED, EXIT_FAILED, EXIT_INTERNAL = 0, 1, 3
GRADEBOOK_EVERY = 1.0  # seconds between gradebook rewrites during a run


@dataclass(frozen=True)
class BatchPlan:
    """What to grade and how: the students of this shard and the run's settings."""

    students: tuple[Student, ...]
    out: Path
    assignments: tuple[str, ...]
    secret: bytes | None = None
    fixed_seed: int = 0
    jobs: int = 1
    force: bool = False
    timeout_scale: float = 1.0
    student_timeout: float = 900.0
    require_isolation: bool = False


@dataclass(frozen=True)
class ChildOutcome:
    """How one student's grading process ended: its record, or why there is none."""

    record: dict | None
    note: str
    seconds: float


@dataclass(frozen=True)
class BatchSummary:
    records: dict
    graded: int
    resumed: int
    crashed: int

    @property
    def exit_code(self) -> int:
        values = self.records.values()
        if any(r.get("internal_error") for r in values):
            return EXIT_INTERNAL
        return EXIT_PASSED if all(r.get("all_passed") for r in values) else EXIT_FAILED


def run_batch(plan: BatchPlan, progress_factory) -> BatchSummary:
    """Grade every student of ``plan`` not graded yet; return all their records."""
    names = list(plan.assignments)
    _remove_stale_temp_files(plan.out)
    done = {}
    for student in plan.students:
        record = records.read_record(records.record_path(plan.out, student.id))
        seed = student_seed(plan.secret, student.id, plan.fixed_seed)
        if not plan.force and records.is_finished(record, student.id, names, seed):
            done[student.id] = record
    todo = [s for s in plan.students if s.id not in done]
    resumed, crashed, declared = len(done), 0, {}
    last_write = 0.0
    with progress_factory(len(plan.students), resumed) as progress, JobPool(max(1, plan.jobs)) as processes, \
            ThreadPoolExecutor(max_workers=max(1, plan.jobs)) as pool:
        futures = {pool.submit(grade_in_child, plan, s, processes): s for s in todo}
        try:
            for future in as_completed(futures):
                student = futures[future]
                outcome = future.result()
                record = outcome.record
                if record is None:
                    crashed += 1
                    record = _crash_record(plan, student, outcome.note, declared)
                done[student.id] = record
                progress.finished(student.id, record, outcome.seconds)
                if time.monotonic() - last_write >= GRADEBOOK_EVERY:
                    write_gradebook(plan.out, done, names)
                    last_write = time.monotonic()
        except BaseException:  # a SIGTERM (SystemExit), Ctrl-C
            pool.shutdown(wait=False, cancel_futures=True)
            # Stop the grading processes now: the threads waiting on them then return at
            # once, not after up to a student's time limit; the gradebook lists every
            # student graded so far (a rerun resumes from their records).
            processes.stop_all()
            write_gradebook(plan.out, done, names)
            raise
    write_gradebook(plan.out, done, names)
    return BatchSummary(done, len(todo), resumed, crashed)


def _remove_stale_temp_files(out: Path) -> None:
    """Temp files of atomic writes cut short by a kill (never read: records are complete or absent)."""
    for folder in (out / records.STUDENTS, out / records.FEEDBACK, out):
        for temp in folder.glob(".*.tmp"):
            temp.unlink(missing_ok=True)


def write_gradebook(out: Path, done: dict, names: list[str]) -> None:
    write_atomic(out / GRADEBOOK, gradebook.render_csv(done, names))


def request_for(plan: BatchPlan, student: Student) -> dict:
    return {"student": student.id, "path": str(student.path.resolve()), "submission": student.path.name,
            "assignments": list(plan.assignments), "out": str(plan.out.resolve()),
            "seed": student_seed(plan.secret, student.id, plan.fixed_seed),
            "timeout_scale": plan.timeout_scale, "require_isolation": plan.require_isolation,
            "remember_reference": plan.secret is None}  # one seed for all: the reference's answers repeat


def grade_in_child(plan: BatchPlan, student: Student, processes: JobPool) -> ChildOutcome:
    """Grade one student in a pooled grading process (at most ``student_timeout``)."""
    start = time.monotonic()
    answer, note = processes.grade(request_for(plan, student), plan.student_timeout)
    seconds = time.monotonic() - start
    record = records.read_record(records.record_path(plan.out, student.id))
    if answer == "done" and records.is_done(record, student.id, list(plan.assignments)):
        return ChildOutcome(record, "", seconds)
    return ChildOutcome(None, note or f"grading failed ({answer})", seconds)


def _crash_record(plan: BatchPlan, student: Student, note: str, declared: dict) -> dict:
    """An all-``error`` record (and page) for a student whose grading process failed."""
    from grader.render import feedback_html  # with the engine: see declared_tests

    print(f"grader: internal error while grading {student.id}: {note}", file=sys.stderr, flush=True)
    if not declared:
        declared.update(declared_tests(plan.assignments))
    result = records.errored_result(declared, "the grader failed on this submission (internal error; "
                                    "tell your instructor)")
    seed = student_seed(plan.secret, student.id, plan.fixed_seed)
    record = records.make_record(student.id, student.path.name, list(plan.assignments), seed, result,
                                 status="crashed", note=note)
    write_atomic(records.feedback_path(plan.out, student.id), feedback_html.render(result, student=student.id))
    write_atomic(records.record_path(plan.out, student.id), records.dumps(record))
    return record


def declared_tests(names) -> dict:
    """Assignment → its declared tests (names, points, hidden), by grading an absent submission."""
    # Imported here, on this rare path: the runner itself never grades, and without the
    # engine (pytest, NumPy) it starts its grading processes ~0.25 s sooner.
    from grader.engine.grade import GradeOptions, grade_assignment

    course = load_course()
    absent = Path(os.devnull) / "no-submission"
    declared = {}
    for name in names:
        declared[name] = grade_assignment(absent, course[name], GradeOptions()).tests
    return declared
