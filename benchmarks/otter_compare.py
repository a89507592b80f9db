"""otter-grader against our grader on the same `nag` content, measured in the same run:
one cold process each, and our per-submission cost when a class is graded in one run.

Every timed run is checked: exit code 0, and full marks for the reference submission
(otter's results.json, our JSON report and gradebook). A run that failed raises
``BenchmarkFailure``: its time is never turned into a speed-up.
"""

from __future__ import annotations

import csv
import json
import shutil
import statistics
import tempfile
from pathlib import Path

from common import BenchmarkFailure, full_marks, grader_command, timed, write_submission

CLASS_SIZE = 40  # a small class; the throughput benchmark grades 200
ASSIGNMENT = "nag"


def measure(repeats: int, otter: str | None = None) -> dict:
    """``otter``: the otter executable to time (default: ``otter`` on PATH)."""
    otter = otter or shutil.which("otter")
    if otter is None:
        return {"skipped": "otter-grader is not installed (pip install 'otter-grader[grading]')"}
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        student = write_submission(tmp / "student")
        _, proc = timed(grader_command("export", "otter", ASSIGNMENT, str(tmp / "otter")), "grader export otter")
        zips = sorted((tmp / "otter").rglob("*.zip"))
        if not zips:
            raise BenchmarkFailure(f"grader export otter wrote no autograder zip: {proc.stderr[-300:]}")
        ours, theirs = [], []
        for i in range(repeats):
            seconds, proc = timed(grader_command("grade", str(student), "-a", ASSIGNMENT, "--format", "json"),
                                  "grader grade")
            full = full_marks(proc, "grader grade", 1)["max_score"]
            ours.append(seconds)
            results = tmp / f"otter-{i}"
            results.mkdir()
            seconds, _ = timed([otter, "run", "-a", str(zips[0]), "-o", str(results), str(student / f"{ASSIGNMENT}.py")],
                               "otter run")
            _otter_full_marks(results / "results.json")
            theirs.append(seconds)
        # otter run grades one submission per process; our class runs amortise start-up
        # over many: the per-submission cost of `grader batch --jobs 1` on the same content.
        roster = tmp / "class"
        for k in range(CLASS_SIZE):
            write_submission(roster / f"student{k:02d}")
        class_seconds, _ = timed(grader_command("batch", str(roster), "-a", ASSIGNMENT, "--jobs", "1",
                                                "--out", str(tmp / "class-out")), "grader batch")
        _class_full_marks(tmp / "class-out" / "gradebook.csv", full)
        otter_seconds, grader_seconds = statistics.median(theirs), statistics.median(ours)
        per_submission = class_seconds / CLASS_SIZE
        return {"assignment": ASSIGNMENT, "grader_seconds": grader_seconds, "otter_seconds": otter_seconds,
                "otter_range": [min(theirs), max(theirs)], "grader_range": [min(ours), max(ours)],
                "runs": repeats, "speedup": otter_seconds / grader_seconds,
                "class_size": CLASS_SIZE, "class_seconds_per_submission": per_submission,
                "class_speedup": otter_seconds / per_submission}


def _otter_full_marks(results: Path) -> None:
    try:
        tests = json.loads(results.read_text())["tests"]
    except (OSError, ValueError, KeyError):
        raise BenchmarkFailure(f"otter run wrote no results ({results.name})") from None
    score = sum(t.get("score") or 0 for t in tests)
    possible = sum(t.get("max_score") or 0 for t in tests)
    if not possible or score != possible:
        raise BenchmarkFailure(f"otter run gave the reference {score} of {possible}")


def _class_full_marks(gradebook: Path, full: float) -> None:
    with gradebook.open() as fh:
        rows = list(csv.DictReader(fh))
    low = [r["student"] for r in rows if float(r["total"]) != full]
    if len(rows) != CLASS_SIZE or low:
        raise BenchmarkFailure(f"grader batch graded {len(rows)} of {CLASS_SIZE}; not full marks: {low[:5]}")

