"""The price of one round trip to the sandbox, beside its floor (batch conditions).

- a bare pipe round trip between two processes (64 bytes each way): what the operating
  system charges for waking a process and being woken, with no Python work around it;
- a trivial call through the sandbox (``f(x) = x`` on a (4, 5) array, a warm worker, no
  check for in-place writes, as most calls):
  that plus the grader's and the worker's framing, checks and bookkeeping;
- the same trivial call with ~3 ms of the grader's own work between two calls (Python
  walking a large heap, as pytest and the checks do between a test's calls): the price of
  a round trip once the caches and the idle CPU have gone cold;
- the same function called in-process on a copy of its argument, as the in-process
  comparison passes arguments (without its bookkeeping: the floor of a call).

The sandboxed/in-process ratio of an assignment follows from these: its round trips
times the difference, against the time its tests take in-process.
"""

from __future__ import annotations

import os
import statistics
import time

import numpy as np

from common import Stats
from grader.checks.inputs import local_copy
from grader.course import course_root, protected_paths
from grader.sandbox.launcher import ForkServer
from grader.sandbox.limits import Limits
from grader.sandbox.supervisor import Sandbox

SOURCE = "def f(x):\n    return x\n"


def measure(repeats: int, calls: int = 2000) -> dict:
    pipe = [_pipe_round_trip(calls) for _ in range(repeats)]
    sandboxed, cold, here = [], [], []
    x = np.arange(20.0).reshape(4, 5)
    heap = [{"n": i, "name": str(i)} for i in range(200_000)]  # a heap the size of a grading process's
    with ForkServer() as launcher, Sandbox.alone("trivial.py", SOURCE, "trivial", Limits(),
                                                  protected_paths(course_root()), launcher=launcher) as box:
        for _ in range(50):  # the worker started, the module imported, caches warm
            box.call("f", (x,), {}, (), 5.0, track_inputs=False)
        for _ in range(repeats):
            start = time.perf_counter()
            for _ in range(calls):
                box.call("f", (x,), {}, (), 5.0, track_inputs=False)
            sandboxed.append((time.perf_counter() - start) / calls)
            cold.append(_between_work(box, x, calls // 20, heap))
            start = time.perf_counter()
            for _ in range(calls):
                _f(local_copy(x))
            here.append((time.perf_counter() - start) / calls)
    return {"pipe_us": Stats.of([1e6 * s for s in pipe]).as_dict(),
            "sandboxed_call_us": Stats.of([1e6 * s for s in sandboxed]).as_dict(),
            "sandboxed_call_between_work_us": Stats.of([1e6 * s for s in cold]).as_dict(),
            "in_process_call_us": Stats.of([1e6 * s for s in here]).as_dict(), "calls": calls}


def _f(x):
    return x


def _between_work(box, x, calls: int, heap: list, gap: float = 0.003) -> float:
    """Median seconds of a trivial call made after ``gap`` seconds of walking ``heap``."""
    times, i = [], 0
    for _ in range(calls):
        until = time.perf_counter() + gap
        while time.perf_counter() < until:
            for item in heap[i:i + 200]:
                item["n"] += 1
            i = (i + 200) % len(heap)
        start = time.perf_counter()
        box.call("f", (x,), {}, (), 5.0, track_inputs=False)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _pipe_round_trip(n: int) -> float:
    """Seconds per round trip of 64 bytes between this process and a forked echo."""
    to_child, from_parent = os.pipe()
    to_parent, from_child = os.pipe()
    pid = os.fork()
    if pid == 0:  # the echo: nothing but read and write
        os.close(from_parent)
        os.close(to_parent)
        while True:
            data = os.read(to_child, 64)
            if not data:
                os._exit(0)
            os.write(from_child, data)
    os.close(to_child)
    os.close(from_child)
    message = b"x" * 64
    times = []
    try:
        for _ in range(5):
            start = time.perf_counter()
            for _ in range(n // 5):
                os.write(from_parent, message)
                os.read(to_parent, 64)
            times.append((time.perf_counter() - start) / (n // 5))
    finally:
        os.close(from_parent)
        os.close(to_parent)
        os.waitpid(pid, 0)
    return statistics.median(times)
