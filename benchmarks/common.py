"""Shared pieces of the benchmarks: a complete submission, timing statistics, peak memory."""

from __future__ import annotations

import contextlib
import json
import os
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from grader.authoring.regions import without_markers
from grader.sandbox import waiting

ROOT = Path(__file__).resolve().parents[1]


def assignments() -> list[str]:
    return sorted(p.parent.name for p in (ROOT / "assignments").glob("*/assignment.toml")
                  if (ROOT / "solutions" / f"{p.parent.name}.py").is_file())


def reference_source(name: str) -> str:
    """The reference solution of assignment ``name`` as a student would hand it in (markers removed)."""
    return without_markers((ROOT / "solutions" / f"{name}.py").read_text(), f"{name}.py")


def write_submission(folder: Path, mistakes: dict[str, str] | None = None) -> Path:
    """A student folder with every assignment's reference (markers removed), optionally
    with a known mistake appended for some assignments ({assignment: mistake stem})."""
    folder.mkdir(parents=True, exist_ok=True)
    for name in assignments():
        source = reference_source(name)
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


class BenchmarkFailure(RuntimeError):
    """A timed command failed or graded wrongly: its time is no figure at all."""


def checked(proc: subprocess.CompletedProcess, what: str, codes=(0,)) -> subprocess.CompletedProcess:
    """``proc`` if it exited with one of ``codes``; BenchmarkFailure (with its stderr) otherwise."""
    if proc.returncode not in codes:
        raise BenchmarkFailure(f"{what} failed with exit code {proc.returncode}: "
                               f"{(proc.stderr or proc.stdout or '')[-600:]}")
    return proc


def full_marks(proc: subprocess.CompletedProcess, what: str, assignments_expected: int) -> dict:
    """The JSON report of a ``grader grade --format json`` run that must grade
    ``assignments_expected`` assignments with full marks; BenchmarkFailure otherwise."""
    checked(proc, what)
    try:
        report = json.loads(proc.stdout)
    except ValueError:
        raise BenchmarkFailure(f"{what} printed no JSON report: {proc.stdout[-300:]!r}") from None
    # One assignment's report is that assignment's; several are under "assignments".
    graded = report.get("assignments", {}) if "assignments" in report else {report.get("assignment"): report}
    if len(graded) != assignments_expected or report.get("score") != report.get("max_score"):
        raise BenchmarkFailure(f"{what}: {len(graded)} assignment(s) graded, score {report.get('score')} of "
                               f"{report.get('max_score')} (expected {assignments_expected}, full marks)")
    return report


def _cmdline(pid: int) -> bytes:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return b""


def children(pid: int) -> list[int]:
    """Children of every thread of ``pid`` (a child belongs to the thread that started it)."""
    found = []
    try:
        tasks = list(Path(f"/proc/{pid}/task").iterdir())
    except OSError:  # the process ended while the tree was walked
        return found
    for task in tasks:
        try:
            found += [int(c) for c in (task / "children").read_text().split()]
        except OSError:
            continue
    return found


def classify(root: int) -> dict[int, str]:
    """Every live process under ``root`` (included): "grader", "fork server" or "worker".

    A worker is any process below a fork server (forked workers keep the fork server's
    command line, so the command line cannot tell them apart) or started as
    ``grader.sandbox.worker`` (workers started directly), with everything below it."""
    kinds, frontier = {}, [(root, "grader")]
    while frontier:
        pid, inherited = frontier.pop()
        kind = inherited
        if inherited == "grader":
            line = _cmdline(pid)
            if b"grader.sandbox.forkserver" in line:
                kind = "fork server"
            elif b"grader.sandbox.worker" in line:
                kind = "worker"
        kinds[pid] = kind
        below = "worker" if kind in ("fork server", "worker") else "grader"
        frontier.extend((child, below) for child in children(pid))
    return kinds


def _hwm_kib(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


@dataclass(frozen=True)
class Measured:
    """A command's wall time, its exit, and peak resident memory (MiB) per kind of process:
    ``grader`` (the command and its grading processes), ``fork server``, ``worker`` (the
    largest single worker)."""

    seconds: float
    proc: subprocess.CompletedProcess
    peak_mib: dict


def run_measured(cmd: list[str], sample: bool = True, **kwargs) -> Measured:
    """Run ``cmd`` to its end. With ``sample``, peak memory (VmHWM) is sampled every 20 ms
    in every live process below it, by kind (see ``classify``); the command's own peak is
    not taken from the kernel's ru_maxrss at exit, which counts every descendant the
    process reaped (the fork server, and through it the workers). VmHWM only grows, so a
    sample misses at most the last 20 ms of a process's life."""
    peaks = {"grader": 0, "fork server": 0, "worker": 0}
    kwargs.setdefault("env", ENV)
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, **kwargs)
    streams = {}
    readers = [threading.Thread(target=lambda n=n, s=s: streams.__setitem__(n, s.read()), daemon=True)
               for n, s in (("out", proc.stdout), ("err", proc.stderr))]
    for reader in readers:
        reader.start()
    done = threading.Event()

    def sampler():
        while not done.is_set():
            for pid, kind in classify(proc.pid).items():
                peaks[kind] = max(peaks[kind], _hwm_kib(pid))
            done.wait(0.02)

    thread = threading.Thread(target=sampler, daemon=True)
    if sample:
        thread.start()
    _, status = os.waitpid(proc.pid, 0)
    seconds = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    done.set()
    for reader in readers:
        reader.join()
    if sample:
        thread.join()
    result = subprocess.CompletedProcess(cmd, proc.returncode, streams["out"].decode("utf-8", "replace"),
                                         streams["err"].decode("utf-8", "replace"))
    return Measured(seconds, result, {k: round(v / 1024, 1) for k, v in peaks.items()} if sample else {})


def timed(cmd: list[str], what: str, **kwargs) -> tuple[float, subprocess.CompletedProcess]:
    """(wall seconds, result) of one run of ``cmd`` without memory sampling (whose /proc
    walks would slow it down); BenchmarkFailure if it did not exit 0."""
    measured = run_measured(cmd, sample=False, **kwargs)
    return measured.seconds, checked(measured.proc, what)


def environment() -> dict:
    return {"python": sys.version.split()[0], "cpus": os.cpu_count(), "platform": sys.platform,
            "bytecode_cache": "written and used, as after pip install"}


@contextlib.contextmanager
def one_of(processes: int):
    """Grade in this process as one of ``processes`` grading processes side by side (which
    decides whether the grader and its worker watch or sleep: ``waiting.py``), then as
    the one process it is again."""
    waiting.grading_side_by_side(processes)
    try:
        yield
    finally:
        waiting.grading_side_by_side(1)
