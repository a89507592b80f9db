"""Where a grading run spends its time: exclusive timers around the grader's own functions.

Each timed function gets a label; a label's time is *exclusive*: time spent in another
timed function called from it counts for that one only, so the labels add up to the
time of the outermost one, and nothing is counted twice (the wait for the worker's
start is inside the first import, which is inside the first call: each is counted once,
under its own label). Installed by patching, in benchmark processes only.
"""

from __future__ import annotations

import contextlib
import functools
import threading
import time
from collections import defaultdict

import pytest

import grader.feedback.figures as figures
from grader.engine import grade
from grader.engine.judge import Solution
from grader.engine.plugin import GradingPlugin
from grader.sandbox.host import WorkerHost
from grader.sandbox.launcher import ForkServer
from grader.sandbox.supervisor import Sandbox

PYTEST_SETUP = "pytest configuration"
COLLECTION = "pytest collection of the test files"
PER_TEST = "pytest's per-test work (fixtures, reports)"
TESTS = "the tests' own work (checks, reference runs)"
REFERENCE = "reference runs (within the tests)"
CALLS = "student calls (round trips and the student's work)"
IMPORT = "import of the submission in the worker"
START = "worker start (wait for its lock-down)"
FORK = "worker start (fork request; waits for a booting fork server)"
BACKGROUND = ", in the background (overlaps the rest)"
FIGURES = "feedback figures (their calls included)"
SHUTDOWN = "worker shutdown"

# (label, owner, attribute): the functions timed during a grading run.
TIMED = (
    (PYTEST_SETUP, grade, "_pytest"),
    (TESTS, GradingPlugin, "_outcome"),
    (REFERENCE, Solution, "run"),
    (CALLS, Sandbox, "calls"),
    (IMPORT, WorkerHost, "load"),
    (START, WorkerHost, "_finish_setup"),
    (FORK, ForkServer, "spawn"),
    (SHUTDOWN, WorkerHost, "kill"),
    (FIGURES, figures, "gather_figures"),
)
OPAQUE = {FIGURES}  # labels whose time includes everything they call


class Clock:
    """Exclusive time per label: a stack of running timers."""

    def __init__(self):
        self.spent: dict[str, float] = defaultdict(float)
        self.count: dict[str, int] = defaultdict(int)
        self._stacks: dict[int, list[list]] = defaultdict(list)  # thread → [label, start, time of timed callees]

    @property
    def _stack(self) -> list[list]:
        return self._stacks[threading.get_ident()]

    def enter(self, label: str) -> bool:
        if any(frame[0] in OPAQUE for frame in self._stack):
            return False
        if threading.current_thread() is not threading.main_thread():
            label += BACKGROUND
        self._stack.append([label, time.perf_counter(), 0.0])
        return True

    def leave(self) -> None:
        stack = self._stack
        label, start, inner = stack.pop()
        elapsed = time.perf_counter() - start
        self.spent[label] += elapsed - inner
        self.count[label] += 1
        if stack:
            stack[-1][2] += elapsed

    @contextlib.contextmanager
    def timing(self, label: str):
        entered = self.enter(label)
        try:
            yield
        finally:
            if entered:
                self.leave()

    def wrap(self, label: str, function):
        @functools.wraps(function)
        def timed(*args, **kwargs):
            with self.timing(label):
                return function(*args, **kwargs)
        return timed

    def milliseconds(self) -> dict[str, float]:
        return {label: round(1000 * seconds, 2) for label, seconds in self.spent.items()}


class _PytestPhases:
    """Times pytest's collection and its run loop (the loop's own time is pytest's per-test work)."""

    def __init__(self, clock: Clock):
        self.clock = clock

    @pytest.hookimpl(hookwrapper=True)
    def pytest_collection(self, session):
        with self.clock.timing(COLLECTION):
            yield

    @pytest.hookimpl(hookwrapper=True)
    def pytest_runtestloop(self, session):
        with self.clock.timing(PER_TEST):
            yield


@contextlib.contextmanager
def traced(timed=TIMED):
    """Yields a ``Clock`` filled while the block runs; ``timed`` lists (label, owner, attribute)."""
    clock = Clock()
    saved = [(owner, name, getattr(owner, name)) for _, owner, name in timed]
    for label, owner, name in timed:
        setattr(owner, name, clock.wrap(label, getattr(owner, name)))
    pytest_main = pytest.main
    pytest.main = lambda args, plugins=(): pytest_main(args, plugins=[*plugins, _PytestPhases(clock)])
    try:
        yield clock
    finally:
        pytest.main = pytest_main
        for owner, name, original in saved:
            setattr(owner, name, original)


GRADING = "grading set-up (course, files, sandboxes)"
FORK_SERVER_EXIT = "fork server shutdown (queued reaps)"


def cold_timed():
    """TIMED plus what a cold `grader grade` does around the tests."""
    return TIMED + ((GRADING, grade, "grade_submission"), (FORK_SERVER_EXIT, ForkServer, "__exit__"))
