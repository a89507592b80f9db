"""The documented benchmark command runs and reports its figures (speed itself is judged
by reading those figures, never asserted here), and a timed run that fails is reported
as a failure, never as a figure."""

import json
import subprocess
import sys
from pathlib import Path

from grader.course import load_course

ROOT = Path(__file__).resolve().parents[2]


def _run(tmp_path, *args):
    out = tmp_path / "figures.json"
    proc = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "run.py"), "--quick", *args, "--out", str(out)],
                          capture_output=True, text=True, timeout=600)
    return proc, json.loads(out.read_text())


def test_the_benchmark_command_prints_and_writes_its_figures_for_every_assignment(tmp_path):
    proc, figures = _run(tmp_path, "--only", "gradchecks,overhead,latency")
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "grader grade, all 13 assignments" in proc.stdout and "Sandboxed / in-process" in proc.stdout
    assert "gradient check" in proc.stdout.lower() and "FAILED" not in proc.stdout
    course = set(load_course())
    assert len(course) == 13 and set(figures["overhead"]) == course
    for row in figures["overhead"].values():
        # Both conditions, each a ratio of medians; the benchmark itself checks that both
        # modes give the reference full marks. The breakdown accounts for every call.
        assert row["batch"]["sandboxed"]["runs"] == 3 and row["batch"]["ratio"] > 0 and row["cold"]["ratio"] > 0
        # Beside it, the same with both sides sleeping, as in a class run with a CPU short.
        assert row["batch_sleeping"]["sandboxed"]["runs"] == 3 and row["batch_sleeping"]["ratio"] > 0
        assert row["batch_sleeping"]["watching"] is False and isinstance(row["batch"]["watching"], bool)
        breakdown = row["breakdown"]
        calls_ms = breakdown["phases_ms"]["student calls (round trips and the student's work)"]
        assert breakdown["calls"] > 0 and 0 < calls_ms < breakdown["total_ms"]
    # The price of one real call, split between the two processes, beside the student's own work.
    real = figures["round_trip"]["real_call"]
    assert real["wall_us"]["median"] > real["in_process_us"]["median"] > 0
    assert real["grader_cpu_us"]["median"] > 0 and real["worker_cpu_us"]["median"] > 0
    assert "A real call" in proc.stdout
    # The floors of a round trip, sleeping and watching, and the mode the figures were taken in.
    trip = figures["round_trip"]
    assert trip["pipe_us"]["median"] > 0 and trip["watched_pipe_us"]["median"] > 0
    assert isinstance(trip["watching"], bool) and "both sides sleeping" in proc.stdout
    cold = figures["latency"]["all 13 assignments"]
    phases = cold["breakdown_ms"]["phases_ms"]
    # Exclusive timers: the phases (less the background ones, which overlap) add up to the run.
    foreground = sum(ms for label, ms in phases.items() if "background" not in label)
    assert abs(foreground - cold["breakdown_ms"]["total_ms"]) < 0.02 * cold["breakdown_ms"]["total_ms"] + 2
    assert cold["breakdown_ms"]["calls"] > 13 and cold["peak_mib"]["worker"] > 0 and cold["peak_mib"]["grader"] > 0
    full, direction = figures["gradchecks"]["lstm Wx (D=5, 4H=24)"].values()
    assert full["evaluations"] == 2 * 5 * 24 and direction["evaluations"] == 2


def test_a_failing_timed_run_is_a_failure_not_a_speed_up(tmp_path):
    # /bin/false stands for an otter run that fails: a real process exiting 1.
    proc, figures = _run(tmp_path, "--only", "otter", "--otter", "/bin/false")
    assert proc.returncode == 1
    assert "FAILED: otter: otter run failed with exit code 1" in proc.stderr
    assert figures["otter"].keys() == {"failed"} and "speedup" not in proc.stdout
