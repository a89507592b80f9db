"""Latency: one student's submission graded by a cold `grader grade` process."""

from __future__ import annotations

import tempfile
from pathlib import Path

from common import Stats, grader_command, run_measured, write_submission


def measure(repeats: int) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        student = write_submission(Path(tmp) / "student")
        results = {}
        for label, assignment in (("all assignments", "all"), ("nag alone", "nag")):
            walls, peaks = [], []
            run_measured(grader_command("grade", str(student), "-a", assignment, "--format", "json"))  # warm disk cache
            for _ in range(repeats):
                wall, peak, proc = run_measured(grader_command("grade", str(student), "-a", assignment,
                                                               "--format", "json"))
                if proc.returncode != 0:
                    raise RuntimeError(f"reference submission did not pass: {proc.stderr[-500:]}")
                walls.append(wall)
                peaks.append(peak)
            results[label] = {"seconds": Stats.of(walls).as_dict(), "peak_mib": max(peaks)}
        return results
