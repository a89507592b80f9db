"""Shared pieces of the benchmarks: a complete submission, timing statistics, peak memory."""

from __future__ import annotations

import os
import re
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
_REGION_MARKER = re.compile(r"^\s*### (BEGIN|END) SOLUTION\s*$", re.MULTILINE)


def assignments() -> list[str]:
    return sorted(p.parent.name for p in (ROOT / "assignments").glob("*/assignment.toml")
                  if (ROOT / "solutions" / f"{p.parent.name}.py").is_file())


def write_submission(folder: Path, mistakes: dict[str, str] | None = None) -> Path:
    """A student folder with every assignment's reference (markers removed), optionally
    with a known mistake appended for some assignments ({assignment: mistake stem})."""
    folder.mkdir(parents=True, exist_ok=True)
    for name in assignments():
        source = _REGION_MARKER.sub("", (ROOT / "solutions" / f"{name}.py").read_text())
        mistake = (mistakes or {}).get(name)
        if mistake:
            source += "\n\n" + (ROOT / "solutions" / "mistakes" / name / f"{mistake}.py").read_text()
        (folder / f"{name}.py").write_text(source)
    return folder


@dataclass(frozen=True)
class Stats:
    median: float
    low: float
    high: float
    runs: int

    @classmethod
    def of(cls, samples: list[float]) -> "Stats":
        return cls(statistics.median(samples), min(samples), max(samples), len(samples))

    def as_dict(self) -> dict:
        return {"median": self.median, "min": self.low, "max": self.high, "runs": self.runs}


def grader_command(*args: str) -> list[str]:
    return [sys.executable, "-m", "grader", *args]


# The measured commands run as on a user's machine, where `pip install` has compiled the
# package to bytecode: a PYTHONDONTWRITEBYTECODE inherited from a container setup would
# make every run of an editable install compile the whole grader again (~50 ms).
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def _is_worker(pid: int) -> bool:
    try:
        return b"grader.sandbox.worker" in Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return True


def _descendants(pid: int) -> list[int]:
    found, frontier = [], [pid]
    while frontier:
        parent = frontier.pop()
        try:
            children = Path(f"/proc/{parent}/task/{parent}/children").read_text().split()
        except OSError:
            continue
        for child in map(int, children):
            found.append(child)
            frontier.append(child)
    return found


def _hwm_kib(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def run_measured(cmd: list[str], **kwargs) -> tuple[float, float, subprocess.CompletedProcess]:
    """Run ``cmd``; returns (wall seconds, peak RSS in MiB of the grader processes —
    the command and its non-worker descendants, sampled every 20 ms —, the result)."""
    peak = [0]
    start = time.perf_counter()
    kwargs.setdefault("env", ENV)
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **kwargs)
    done = threading.Event()

    def sample():
        while not done.is_set():
            for pid in [proc.pid, *_descendants(proc.pid)]:
                if pid == proc.pid or not _is_worker(pid):
                    peak[0] = max(peak[0], _hwm_kib(pid))
            done.wait(0.02)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out, err = proc.communicate()
    wall = time.perf_counter() - start
    done.set()
    sampler.join()
    return wall, peak[0] / 1024, subprocess.CompletedProcess(cmd, proc.returncode, out, err)


def environment() -> dict:
    return {"python": sys.version.split()[0], "cpus": os.cpu_count(), "platform": sys.platform,
            "bytecode_cache": "written and used, as after pip install"}
