"""otter-grader against our grader on the same `nag` content, measured in the same run:
one cold process each, and our per-submission cost when a class is graded in one run."""

from __future__ import annotations

import shutil
import statistics
import tempfile
import time
from pathlib import Path

from common import grader_command, run_measured, write_submission


def measure(repeats: int) -> dict:
    otter = shutil.which("otter")
    if otter is None:
        return {"skipped": "otter-grader is not installed (pip install 'otter-grader[grading]')"}
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        student = write_submission(tmp / "student")
        wall, _, proc = run_measured(grader_command("export", "otter", "nag", str(tmp / "otter")))
        if proc.returncode != 0:
            return {"skipped": f"grader export otter failed: {proc.stderr[-300:]}"}
        zips = sorted((tmp / "otter").rglob("*.zip"))
        ours, theirs = [], []
        for i in range(repeats):
            start = time.perf_counter()
            run_measured(grader_command("grade", str(student), "-a", "nag", "--format", "json"))
            ours.append(time.perf_counter() - start)
            start = time.perf_counter()
            run_measured([otter, "run", "-a", str(zips[0]), "-o", str(tmp / f"o{i}"), str(student / "nag.py")])
            theirs.append(time.perf_counter() - start)
        # otter run grades one submission per process; our class runs amortise start-up
        # over many: the per-submission cost of `grader batch --jobs 1` on the same content.
        roster = tmp / "class"
        for k in range(CLASS_SIZE):
            write_submission(roster / f"student{k:02d}")
        class_wall, _, proc = run_measured(grader_command("batch", str(roster), "-a", "nag", "--jobs", "1",
                                                          "--out", str(tmp / "class-out")))
        if proc.returncode not in (0, 1):
            raise RuntimeError(f"batch failed ({proc.returncode}): {proc.stderr[-500:]}")
        otter_seconds = statistics.median(theirs)
        return {"grader_seconds": statistics.median(ours), "otter_seconds": otter_seconds,
                "speedup": otter_seconds / statistics.median(ours),
                "class_seconds_per_submission": class_wall / CLASS_SIZE,
                "class_speedup": otter_seconds / (class_wall / CLASS_SIZE)}


CLASS_SIZE = 40  # a small class; the throughput benchmark grades 200
