"""Latency: one student's submission graded by a cold `grader grade` process."""

from __future__ import annotations

import subprocess
import tempfile
import time
from pathlib import Path

from common import ENV, Stats, grader_command, run_measured, write_submission


def measure(repeats: int) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        student = write_submission(Path(tmp) / "student")
        results = {}
        for label, assignment in (("all assignments", "all"), ("nag alone", "nag")):
            command = grader_command("grade", str(student), "-a", assignment, "--format", "json")
            # Memory is sampled in a run of its own: the sampler's /proc walks would slow
            # the timed runs down.
            _, peak, proc = run_measured(command)
            if proc.returncode != 0:
                raise RuntimeError(f"reference submission did not pass: {proc.stderr[-500:]}")
            walls = []
            for _ in range(repeats):
                start = time.perf_counter()
                subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True, env=ENV)
                walls.append(time.perf_counter() - start)
            results[label] = {"seconds": Stats.of(walls).as_dict(), "peak_mib": peak}
        return results
