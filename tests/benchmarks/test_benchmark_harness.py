"""The documented benchmark command runs and reports its figures (speed itself is judged
by reading those figures, never asserted here)."""

import json
import subprocess
import sys
from pathlib import Path

from grader.course import load_course

ROOT = Path(__file__).resolve().parents[2]


def test_the_benchmark_command_prints_and_writes_its_figures(tmp_path):
    out = tmp_path / "figures.json"
    proc = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "run.py"), "--quick",
                           "--only", "gradchecks,overhead", "--out", str(out)],
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "sandbox overhead, nag" in proc.stdout and "gradient check" in proc.stdout
    figures = json.loads(out.read_text())
    assert set(figures["overhead"]) == set(load_course())
    for row in figures["overhead"].values():
        # The benchmark itself checks that both modes give the same score; here, that the
        # breakdown accounts for every call and stays within the run it describes.
        breakdown = row["breakdown"]
        assert breakdown["calls"] > 0 and 0 < breakdown["calls_ms"] < breakdown["total_ms"]
        assert row["sandboxed"]["runs"] == 3 and row["ratio"] > 0
    full, direction = figures["gradchecks"]["lstm Wx (D=5, 4H=24)"].values()
    assert full["evaluations"] == 2 * 5 * 24 and direction["evaluations"] == 2
