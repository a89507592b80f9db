"""The price of one round trip to the sandbox, beside its floor (batch conditions).

- a bare pipe round trip between two processes (64 bytes each way): what the operating
  system charges for waking a process and being woken, with no Python work around it;
  and the same with both sides watching their pipe (``grader/sandbox/waiting.py``), as
  the grader and its worker do where they have two CPUs: the floor they meet instead;
- a trivial call through the sandbox (``f(x) = x`` on a (4, 5) array, a warm worker, no
  check for in-place writes, as most calls):
  that plus the grader's and the worker's framing, checks and bookkeeping;
- the same trivial call with ~3 ms of the grader's own work between two calls (Python
  walking a large heap, as pytest and the checks do between a test's calls): the price of
  a round trip once the caches and the idle CPU have gone cold;
- the same function called in-process on a copy of its argument, as the in-process
  comparison passes arguments (without its bookkeeping: the floor of a call);
- a real call, as hidden tests make it: the reference rnn's forward and backward pass
  (``student.forward_backward``, five arrays in, six out and a kept cache), its wall time
  split into the grader's CPU time, the worker's CPU time (its processes' user and
  system time, where ``/proc`` has them) and, beside, the same two calls in-process: the
  student's own work, which the worker's time includes.

The sandboxed/in-process ratio of an assignment follows from these: its round trips
times the difference, against the time its tests take in-process.
"""

from __future__ import annotations

import os
import select
import statistics
import time

import numpy as np

from common import Stats, children, reference_source
from grader.checks import recurrent_sequence
from grader.checks.inputs import local_copy
from grader.course import course_root, load_course, protected_paths
from grader.engine.proxy import StudentProxy
from grader.sandbox import waiting
from grader.sandbox.launcher import ForkServer
from grader.sandbox.limits import Limits
from grader.sandbox.supervisor import Sandbox

SOURCE = "def f(x):\n    return x\n"


def measure(repeats: int, calls: int = 2000) -> dict:
    pipe = [_pipe_round_trip(calls) for _ in range(repeats)]
    watched = [_pipe_round_trip(calls, watch=True) for _ in range(repeats)]
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
        real = [_real_call(launcher, calls // 2) for _ in range(repeats)]
    return {"pipe_us": Stats.of([1e6 * s for s in pipe]).as_dict(),
            "watched_pipe_us": Stats.of([1e6 * s for s in watched]).as_dict(),
            "watching": waiting.cpus_to_watch_on(),
            "sandboxed_call_us": Stats.of([1e6 * s for s in sandboxed]).as_dict(),
            "sandboxed_call_between_work_us": Stats.of([1e6 * s for s in cold]).as_dict(),
            "in_process_call_us": Stats.of([1e6 * s for s in here]).as_dict(), "calls": calls,
            "real_call": {key: Stats.of([r[key] for r in real]).as_dict() if all(r[key] is not None for r in real)
                          else None for key in real[0]}}


def _real_call(launcher, calls: int) -> dict:
    """Microseconds per ``forward_backward`` of the reference rnn (N=2, T=4, D=3, H=4): wall,
    the grader's and the worker's CPU time, and the same two calls in-process."""
    assignment = load_course()["rnn"]
    source = reference_source("rnn")
    args, (dh,) = recurrent_sequence(np.random.default_rng(0), 2, 4, 3, 4, blocks=1)
    module: dict = {}
    exec(compile(source, "rnn.py", "exec"), module)
    with Sandbox.alone("rnn.py", source, "rnn", Limits(), protected_paths(course_root()), launcher=launcher) as box:
        student = StudentProxy(box, assignment, Limits())
        for _ in range(50):
            student.forward_backward("rnn_forward", args, "rnn_backward", [dh])
        worker = _cpu_seconds(box.host.worker_pid())
        start, grader = time.perf_counter(), time.thread_time()
        for _ in range(calls):
            student.forward_backward("rnn_forward", args, "rnn_backward", [dh])
        wall, grader = time.perf_counter() - start, time.thread_time() - grader
        worker = _cpu_seconds(box.host.worker_pid()) - worker if worker is not None else None
    start = time.perf_counter()
    for _ in range(calls):
        out = module["rnn_forward"](*[local_copy(a) for a in args])
        module["rnn_backward"](local_copy(dh), out[-1])
    here = time.perf_counter() - start
    per_call = 1e6 / calls
    return {"wall_us": wall * per_call, "grader_cpu_us": grader * per_call,
            "worker_cpu_us": worker * per_call if worker is not None else None, "in_process_us": here * per_call}


def _cpu_seconds(root: int | None) -> float | None:
    """User + system CPU seconds of ``root`` and every process below it (None without /proc)."""
    if root is None:
        return None
    total, frontier, tick = 0.0, [root], os.sysconf("SC_CLK_TCK")
    while frontier:
        pid = frontier.pop()
        try:
            fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
        except OSError:
            return None
        total += (int(fields[11]) + int(fields[12])) / tick
        frontier.extend(children(pid))
    return total


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


def _pipe_round_trip(n: int, watch: bool = False) -> float:
    """Seconds per round trip of 64 bytes between this process and a forked echo; with
    ``watch``, each side watches its pipe for up to the grader's and the worker's time
    before it reads."""
    to_child, from_parent = os.pipe()
    to_parent, from_child = os.pipe()
    pid = os.fork()
    if pid == 0:  # the echo: nothing but read and write
        os.close(from_parent)
        os.close(to_parent)
        incoming = _poller(to_child)
        while True:
            if watch:
                waiting.readable_soon(incoming, waiting.REQUEST_WATCH)
            data = os.read(to_child, 64)
            if not data:
                os._exit(0)
            os.write(from_child, data)
    os.close(to_child)
    os.close(from_child)
    message = b"x" * 64
    times = []
    answers = _poller(to_parent)
    try:
        for _ in range(5):
            start = time.perf_counter()
            for _ in range(n // 5):
                os.write(from_parent, message)
                if watch:
                    waiting.readable_soon(answers, waiting.ANSWER_WATCH)
                os.read(to_parent, 64)
            times.append((time.perf_counter() - start) / (n // 5))
    finally:
        os.close(from_parent)
        os.close(to_parent)
        os.waitpid(pid, 0)
    return statistics.median(times)


def _poller(fd: int) -> select.poll:
    poller = select.poll()
    poller.register(fd, select.POLLIN)
    return poller
