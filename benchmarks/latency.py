"""Latency: one student's submission graded by a cold `grader grade` process, and where
that time goes (from one more run of the same command with the breakdown timers on)."""

from __future__ import annotations

import json
import sys
import tempfile
import time
from pathlib import Path

import breakdown
from common import ENV, ROOT, Stats, assignments, full_marks, grader_command, run_measured, timed, write_submission

TRACED = ROOT / "benchmarks" / "traced_grade.py"


def measure(repeats: int) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        student = write_submission(Path(tmp) / "student")
        everything = len(assignments())
        results = {}
        for label, assignment, count in ((f"all {everything} assignments", "all", everything),
                                         ("nag alone", "nag", 1)):
            args = ("grade", str(student), "-a", assignment, "--format", "json")
            # Memory is sampled in a run of its own: the sampler's /proc walks would slow
            # the timed runs down.
            sampled = run_measured(grader_command(*args))
            full_marks(sampled.proc, f"grader grade -a {assignment}", count)
            walls = []
            for _ in range(repeats):
                seconds, proc = timed(grader_command(*args), f"grader grade -a {assignment}")
                full_marks(proc, f"grader grade -a {assignment}", count)
                walls.append(seconds)
            results[label] = {"seconds": Stats.of(walls).as_dict(), "peak_mib": sampled.peak_mib,
                              "breakdown_ms": cold_breakdown(args, Path(tmp) / "breakdown.json", count)}
        return results


def cold_breakdown(args: tuple[str, ...], out: Path, count: int) -> dict:
    """One traced cold run: milliseconds per phase, adding up to its wall time."""
    spawned = time.monotonic()
    measured = run_measured([sys.executable, str(TRACED), *args], sample=False,
                            env=dict(ENV, BENCH_SPAWNED=str(spawned), BENCH_BREAKDOWN_OUT=str(out)))
    exited = time.monotonic()
    full_marks(measured.proc, "traced grader grade", count)
    traced = json.loads(out.read_text())
    marks, ms = traced["marks"], dict(traced["ms"])
    phases = {"interpreter start": 1000 * (marks["started"] - spawned),
              "imports and command line": 1000 * (marks["grading_began"] - marks["started"])}
    phases.update(ms)
    phases["report"] = 1000 * (marks["ended"] - marks["grading_ended"]) - ms.get(breakdown.FORK_SERVER_EXIT, 0.0)
    phases["interpreter exit"] = 1000 * (exited - marks["ended"])
    return {"total_ms": round(1000 * measured.seconds, 1), "calls": traced["counts"].get(breakdown.CALLS, 0),
            "phases_ms": {k: round(v, 1) for k, v in phases.items()}}
