"""Throughput: a synthetic class graded by `grader batch`."""

from __future__ import annotations

import csv
import tempfile
from pathlib import Path

from common import ROOT, assignments, grader_command, run_measured, write_submission

BROKEN = {
    "loops": "\n\ndef optimize(*args, **kwargs):\n    while True:\n        pass\n",
    "exits": "\n\ndef nag_step(*args, **kwargs):\n    import os\n    os._exit(1)\n",
    "segfaults": "\n\ndef gd_step(*args, **kwargs):\n    import ctypes\n    return ctypes.string_at(0)\n",
    "syntax": "\n\ndef broken(:\n",
}


def build_roster(folder: Path, students: int) -> Path:
    """~90% correct, ~7% with a known mistake, the rest broken (timeouts, crashes)."""
    mistakes = [(name, p.stem) for name in assignments()
                for p in sorted((ROOT / "solutions" / "mistakes" / name).glob("*.py"))]
    roster = folder / "roster"
    for i in range(students):
        student = roster / f"course-student{i:03d}"
        if i % 30 == 7:
            write_submission(student)
            kind = list(BROKEN)[(i // 30) % len(BROKEN)]
            with (student / "nag.py").open("a") as fh:
                fh.write(BROKEN[kind])
        elif i % 14 == 3 and mistakes:
            name, stem = mistakes[(i // 14) % len(mistakes)]
            write_submission(student, {name: stem})
        else:
            write_submission(student)
    return roster


def measure(students: int, jobs: int) -> dict:
    if not (ROOT / "grader" / "commands" / "batch.py").is_file():
        return {"skipped": "grader batch is not available"}
    with tempfile.TemporaryDirectory() as tmp:
        roster = build_roster(Path(tmp), students)
        out = Path(tmp) / "out"
        wall, peak, proc = run_measured(grader_command("batch", str(roster), "--assignment", "all",
                                                       "--jobs", str(jobs), "--out", str(out)))
        if proc.returncode not in (0, 1):
            raise RuntimeError(f"batch failed ({proc.returncode}): {proc.stderr[-1000:]}")
        with (out / "gradebook.csv").open() as fh:
            rows = list(csv.DictReader(fh))
        return {"students": students, "graded": len(rows), "jobs": jobs, "seconds": wall,
                "students_per_second": students / wall, "peak_mib_per_grader_process": peak}
