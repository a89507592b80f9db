"""Waiting for the other side of a pipe: a short watch first, then sleep.

A request and its answer follow each other closely: a student's call takes tens of
microseconds to a millisecond, and a test's own work between two calls about as long.
Sleeping in ``poll`` for each costs a wake-up of an idle CPU, twice a round trip (~40 µs
each on a virtual machine, and the code then runs on cold caches). So each side first
watches its pipe for a short while, yielding to any other runnable process on its CPU,
and only then sleeps: the grader for a call's answer (``ANSWER_WATCH``), the worker for
the next request (``REQUEST_WATCH``, sent in its setup). Measured on two vCPUs
(``benchmarks/run.py``): a bare pipe round trip 37 µs sleeping, 7 µs watching; the
sandboxed/in-process ratio of the assignments ×1.16–×1.42 sleeping, ×1.14–×1.25 watching.

Only where CPUs are free to watch on: two for each grading process running side by side
(the grader and its worker each watch while the other works). With fewer, watching
takes time from the side it waits for or from the other grading processes: a class
graded with ``--jobs 2`` on two cores took 76 s instead of 50 with both watching.
"""

from __future__ import annotations

import functools
import os
import select
import time
from pathlib import Path

ANSWER_WATCH = 0.0005  # most students' calls answer within it
REQUEST_WATCH = 0.002  # a test's own work between two calls mostly fits in it

_side_by_side = 1  # grading processes running at once, this one included


def readable_soon(poller: select.poll, seconds: float) -> bool:
    """Whether ``poller`` reports its descriptor ready within ``seconds``, watched
    without sleeping (a yield between two looks)."""
    if poller.poll(0):
        return True
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        os.sched_yield()
        if poller.poll(0):
            return True
    return False


def grading_side_by_side(processes: int) -> None:
    """Say how many grading processes run at once, this one included (``grader batch
    --jobs N``: N)."""
    global _side_by_side
    _side_by_side = max(1, processes)


def cpus_to_watch_on(side_by_side: int | None = None) -> bool:
    """Whether the grader and its worker may watch rather than sleep here: two CPUs for
    each grading process running side by side (``side_by_side``, by default as this
    process was told), among the CPUs this process may run on and within its CPU quota."""
    cpus, quota = _cpus()
    return min(cpus, quota if quota is not None else cpus) >= 2 * (side_by_side or _side_by_side)


def watches() -> tuple[float, float]:
    """How long the grader watches for an answer and the worker for a request, in seconds
    (both 0 where the CPUs are not there for it): decided once per worker, at its start."""
    return (ANSWER_WATCH, REQUEST_WATCH) if cpus_to_watch_on() else (0.0, 0.0)


@functools.cache
def _cpus() -> tuple[int, float | None]:
    """The CPUs this process may run on, and its cgroup's CPU quota (None: none)."""
    try:
        cpus = len(os.sched_getaffinity(0))
    except AttributeError:  # macOS: no affinity, every CPU
        cpus = os.cpu_count() or 1
    return cpus, cpu_quota(Path("/sys/fs/cgroup"))


def cpu_quota(cgroup: Path) -> float | None:
    """CPUs' worth of time the quota of the cgroup mounted at ``cgroup`` allows (as a
    container's ``--cpus`` sets it; cgroup v2's ``cpu.max``, else v1's CFS files); None
    without a quota or a readable cgroup."""
    try:
        quota, period = (cgroup / "cpu.max").read_text().split()[:2]
    except (OSError, ValueError):
        try:
            quota = (cgroup / "cpu" / "cpu.cfs_quota_us").read_text().strip()
            period = (cgroup / "cpu" / "cpu.cfs_period_us").read_text().strip()
        except OSError:
            return None
    try:
        return int(quota) / int(period) if int(quota) > 0 else None
    except (ValueError, ZeroDivisionError):  # "max": no quota
        return None
