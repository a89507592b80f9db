"""otter-grader against our grader on the same `nag` content, measured in the same run."""

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
        return {"grader_seconds": statistics.median(ours), "otter_seconds": statistics.median(theirs),
                "speedup": statistics.median(theirs) / statistics.median(ours)}
