"""Record what an assignment's tests ask of a submission, answered by the reference.

The assignment's own tests run against the reference solution in the sandbox (exactly
as they run against a student), through a proxy that writes down every call: the
function, its arguments as plain data (arrays, objective specs, seeds, or "output j of
an earlier call" for opaque values such as ``cache``), how the test used it, and what
the reference returned or raised. ``otter_source`` turns these records into otter tests.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from grader.checks.inputs import wire
from grader.course import Assignment, course_root, protected_paths
from grader.engine.grade import GradeOptions, run_tests
from grader.engine.one_by_one import OneByOne
from grader.engine.proxy import CacheRef, StudentProxy
from grader.model import AssignmentResult, Status
from grader.sandbox.limits import Limits
from grader.sandbox.protocol import Foreign, Handle, RngSpec
from grader.sandbox.supervisor import Sandbox

# How a test used a call: "value" when it asked for the returned values
# (``student.nag_step(...)``); otherwise ("outcome", "call") the fields of the raw
# outcome it read tell what it checked: ``mutated`` (argument mutation), ``grad_points``
# (where grad_fn was evaluated), ``error`` (what was raised), ``result`` (the values).
WATCHED = ("result", "error", "mutated", "grad_points", "grad_calls")


class ExportError(Exception):
    """The assignment's tests cannot be turned into otter tests (the message says why)."""


@dataclass(frozen=True)
class OutputRef:
    """Output ``index`` of call ``call`` of the same test (an opaque value such as a cache)."""

    call: int
    index: int


@dataclass(frozen=True)
class RecordedCall:
    func: str
    mode: str
    args: tuple
    kwargs: dict
    outputs: tuple | None  # the reference's outputs (None for opaque ones); None if it raised
    raised: str | None
    grad_points: tuple
    used: set  # the WATCHED fields of the outcome the test read


class _Watched:
    """A ``CallOutcome`` that notes which of its fields the test reads."""

    def __init__(self, outcome, used: set):
        self._outcome = outcome
        self._used = used

    def __getattr__(self, name):
        if name in WATCHED:
            self._used.add(name)
        return getattr(self._outcome, name)


class RecordingProxy(OneByOne, StudentProxy):
    """A ``StudentProxy`` over the reference solution that records every call per test."""

    def __init__(self, sandbox: Sandbox, assignment: Assignment, limits: Limits):
        super().__init__(sandbox, assignment, limits)
        self.tests: list[list[RecordedCall]] = []
        self._handles: dict[int, tuple[int, OutputRef]] = {}
        self._mode: str | None = None

    def start_test(self, timeout, hidden=False):
        super().start_test(timeout, hidden)
        self.tests.append([])

    def value(self, name, *args, **kwargs):
        return self._in_mode("value", super().value, name, args, kwargs)

    def outcome(self, name, *args, **kwargs):
        return self._in_mode("outcome", super().outcome, name, args, kwargs)

    def _in_mode(self, mode, method, name, args, kwargs):
        outer = self._mode is None
        if outer:
            self._mode = mode
        try:
            return method(name, *args, **kwargs)
        finally:
            if outer:
                self._mode = None

    def call(self, name, *args, **kwargs):
        if not self.tests:
            raise ExportError("a test called the submission before it started")
        sent_args = tuple(self._data(a) for a in args)
        sent_kwargs = {k: self._data(v) for k, v in kwargs.items()}
        outcome = super().call(name, *args, **kwargs)
        calls = self.tests[-1]
        if outcome.failure:
            raise ExportError(f"the reference's `{name}` did not finish: {outcome.failure[1]}")
        outputs, raised = None, None
        if outcome.ok:
            api = self._assignment.function(name)
            items = (outcome.result,) if api.single else tuple(outcome.result)
            for index, item in enumerate(items):
                if isinstance(item, Handle):
                    self._handles[item.id] = (len(self.tests), OutputRef(len(calls), index))
            outputs = tuple(None if isinstance(i, (Handle, Foreign)) else i for i in items)
        else:
            raised = str((outcome.error or {}).get("type", "Exception"))
        used: set = set()
        calls.append(RecordedCall(name, self._mode or "call", sent_args, sent_kwargs, outputs, raised,
                                  tuple(outcome.grad_points), used))
        return _Watched(outcome, used)

    def _data(self, value):
        if isinstance(value, CacheRef):
            test, ref = self._handles.get(value.handle.id, (None, None))
            if test != len(self.tests):
                raise ExportError("a test reuses an opaque output (cache) of another test")
            return ref
        if isinstance(value, list):
            return [self._data(v) for v in value]
        if isinstance(value, tuple):
            return tuple(self._data(v) for v in value)
        # A snapshot: the test may go on to change its arrays after the call.
        return wire(value.copy() if isinstance(value, np.ndarray) else value)


def record(assignment: Assignment, seed: int = 0) -> tuple[AssignmentResult, list[list[RecordedCall]]]:
    """Run every test of ``assignment`` on its reference; the results and each test's calls."""
    limits = Limits()
    source = assignment.solution.read_text(encoding="utf-8")
    with Sandbox.alone(assignment.filename, source, assignment.name, limits, protected_paths(course_root())) as box:
        proxy = RecordingProxy(box, assignment, limits)
        result = run_tests(assignment, proxy, GradeOptions(hidden=True, seed=seed), source_name="", warnings=())
    failed = [t.name for t in result.tests if t.status is not Status.PASSED]
    if failed or result.internal_error:
        raise ExportError(f"the reference solution does not pass every test ({', '.join(failed) or 'internal error'})")
    if len(proxy.tests) != len(result.tests):
        raise ExportError("could not match the recorded calls to the tests")
    drawn = sorted({call.func for calls in proxy.tests for call in calls
                    if _draws(call) and (call.mode == "value" or "result" in call.used)})
    if drawn:
        raise ExportError(f"the tests of {assignment.name} judge the random draws of {', '.join(drawn)} (from "
                          "`rng`) by their statistics; otter can only compare values, so correct code that draws "
                          f"differently would fail: grade {assignment.name} with `grader grade` or `grader batch`")
    return result, proxy.tests


def _draws(call: RecordedCall) -> bool:
    """Whether the call is given a random generator (its outputs may be random draws)."""
    def has_rng(value) -> bool:
        if isinstance(value, RngSpec):
            return True
        if isinstance(value, (list, tuple)):
            return any(has_rng(v) for v in value)
        return isinstance(value, dict) and any(has_rng(v) for v in value.values())
    return has_rng(call.args) or has_rng(call.kwargs)
