"""The student's module as tests see it: a proxy whose functions run in the sandbox.

``student.nag_step(theta, v, quad, lr, rho)`` sends copies of the arguments to the
worker, waits within the current test's time budget, and returns plain values:
arrays, scalars, tuples or lists as the student returned them, or ``CacheRef`` for
outputs that must stay in the worker. Arguments reach the student's code as a training
script passes them (a Python float stays a float). ``tracked`` also reports which array
arguments the call wrote into (the worker's claim, used only to take points away).
Anything that prevents a value from coming back (missing function, exception,
timeout, crash, wrong number of outputs) is raised as ``StudentIssue`` with a status
and a message written for the student. Calls a test makes anyway can travel together,
in one round trip, with the same values and issues as one by one: ``values``,
``forward_backward``, ``outcomes`` and ``tracked_each``.
"""

from __future__ import annotations

import difflib
import re
import time
from dataclasses import dataclass

from grader.checks.behaviour import FreshCache
from grader.checks.inputs import wire
from grader.course import Assignment, FunctionApi
from grader.engine.fingerprint import AnswerDigest
from grader.engine.issues import StudentIssue
from grader.model import Status
from grader.sandbox.limits import Limits
from grader.sandbox.protocol import Earlier, Handle
from grader.sandbox.outcome import EXCEPTION_NAMES, CallOutcome
from grader.sandbox.supervisor import Sandbox, Step
from grader.submission import SourceFile


@dataclass(frozen=True)
class CacheRef:
    """An opaque output (e.g. ``cache``) kept in the worker that produced it."""

    handle: Handle
    generation: int


MAX_TIMEOUTS = 2
_NOT_RUN_AGAIN = CallOutcome(ok=False, failure=("timeout", "not run again"))


class UnavailableProxy:
    """Stands in for a submission file that is missing or unreadable: every call fails alike."""

    def __init__(self, assignment: Assignment, status: Status, message: str):
        self._assignment = assignment
        self._status = status
        self._message = message

    def start_test(self, timeout: float | None, hidden: bool = False) -> None:
        pass

    def answer_digest(self) -> str:
        return ""

    def __getattr__(self, name: str):
        if name.startswith("_") or name not in self._assignment.functions:
            raise AttributeError(name)
        return lambda *args, **kwargs: self.value(name)

    def call(self, name: str, *args, **kwargs):
        raise StudentIssue(self._status, self._message)

    outcome = value = tracked = values = values_each = forward_backward = forward_backward_each = outcomes = call
    tracked_each = call

    def unusable(self, outcome) -> bool:
        return True

    def raise_issue(self, name: str, outcome) -> None:
        raise StudentIssue(self._status, self._message)


class StudentProxy:
    """Calls the functions of one submission file through a ``Sandbox``."""

    def __init__(self, sandbox: Sandbox, assignment: Assignment, limits: Limits,
                 source: SourceFile | None = None):
        self._sandbox = sandbox
        self._assignment = assignment
        self._source = source
        self._limits = limits
        self._deadline = time.monotonic() + limits.call_seconds
        self._timeouts: dict[str, int] = {}
        self._hidden = False
        self._track_inputs = False
        self._answers = AnswerDigest()

    def start_test(self, timeout: float | None, hidden: bool = False) -> None:
        """Give the next test its own wall-clock budget (its ``timeout`` marker) for all its
        calls; in a hidden test, messages never quote text the student's code produced
        (an exception could otherwise carry the hidden inputs into the report)."""
        self._sandbox.forget_handles()
        budget = self._limits.seconds(timeout) if timeout else self._limits.call_seconds
        self._deadline = time.monotonic() + budget
        self._hidden = hidden
        self._answers = AnswerDigest()

    def answer_digest(self) -> str:
        """The fingerprint of what the student's code returned in the current hidden test
        (see ``engine/fingerprint.py``); "" in a public test or before any call."""
        return self._answers.hexdigest()

    def __getattr__(self, name: str):
        if name.startswith("_") or name not in self._assignment.functions:
            raise AttributeError(name)
        return lambda *args, **kwargs: self.value(name, *args, **kwargs)

    # ---------------------------------------------------------------- calls
    def call(self, name: str, *args, **kwargs) -> CallOutcome:
        """Run ``name`` and return the raw outcome (for tests about errors and mutation)."""
        return self._run_sequence([(name, args, kwargs, self._track_inputs)])[0]

    def _hung(self, name: str) -> bool:
        # A function that hung twice hangs again: skip it rather than make every
        # remaining test (and a whole class's batch run) wait for the same limit.
        return self._timeouts.get(name, 0) >= MAX_TIMEOUTS

    def _remaining(self) -> float:
        return max(0.05, self._deadline - time.monotonic())

    def _count_timeout(self, name: str, outcome: CallOutcome) -> None:
        if outcome.failure and outcome.failure[0] == "timeout" and outcome.failure != self._sandbox.load_failure:
            self._timeouts[name] = self._timeouts.get(name, 0) + 1

    def _remember(self, name: str, outcome: CallOutcome) -> None:
        # Only what the grader decoded enters the digest: the value, or the kind of failure.
        if outcome.ok:
            self._answers.add(outcome.result)
        elif outcome.failure:
            self._answers.add_failure(f"{name}:{outcome.failure[0]}")
        else:
            error = outcome.error or {}
            kind = error.get("type") if error.get("type") in EXCEPTION_NAMES else "exception"
            self._answers.add_failure(f"{name}:raised:{kind}")

    def outcome(self, name: str, *args, **kwargs) -> CallOutcome:
        """Like ``call``, but raise ``StudentIssue`` when the call produced no value."""
        outcome = self.call(name, *args, **kwargs)
        if not outcome.ok:
            raise StudentIssue(*self.explain(name, outcome))
        return outcome

    def tracked(self, name: str, *args, **kwargs) -> CallOutcome:
        """Like ``outcome``, and ``mutated`` names the array arguments the call changed in
        place (other calls skip that check: it doubles the data a call sends back)."""
        self._track_inputs = True
        try:
            return self.outcome(name, *args, **kwargs)
        finally:
            self._track_inputs = False

    def value(self, name: str, *args, **kwargs):
        """Run ``name`` and return its value, or raise ``StudentIssue``."""
        return self.result(name, self.outcome(name, *args, **kwargs))

    def values(self, name: str, arg_lists) -> list:
        """``[self.value(name, *args) for args in arg_lists]`` in one round trip to the
        worker: the same values, and the same ``StudentIssue`` at the first call that gives
        none (the calls after it do not run). For independent calls only: each list of
        arguments is fixed before any of the calls runs."""
        return self._sequence([(name, tuple(args)) for args in arg_lists])

    def values_each(self, calls) -> list:
        """``[self.value(name, *args, **kwargs) for name, args, kwargs in calls]`` in one round
        trip (``kwargs`` may be left out): ``values`` for calls of several functions, where
        an argument ``Earlier(j, k)`` is output k of call j (a step's state passed to the
        next step, as a training loop passes it)."""
        return self._sequence([(name, tuple(args), *rest) for name, args, *rest in calls])

    def forward_backward(self, forward: str, args, backward: str, upstream) -> tuple:
        """``out = self.value(forward, *args)`` and then ``self.value(backward, *upstream,
        out[-1])`` (the forward pass's cache, last among its outputs) in one round trip:
        ``(out, the backward's value)``, the same values and the same ``StudentIssue`` as
        the two calls one after the other."""
        return self.forward_backward_each([(forward, args, backward, upstream)])[0]

    def forward_backward_each(self, passes) -> list[tuple]:
        """``[self.forward_backward(*p) for p in passes]`` (each ``(forward, args, backward,
        upstream)``) in one round trip, the passes one after the other."""
        calls = []
        for forward, args, backward, upstream in passes:
            calls += [(forward, tuple(args)), (backward, (*upstream, Earlier(len(calls), -1)))]
        values = self._sequence(calls)
        return list(zip(values[::2], values[1::2]))

    def outcomes(self, calls) -> list[CallOutcome]:
        """``[self.call(name, *args) for name, args in calls]`` in one round trip: every call
        runs, whatever the ones before it gave (calls expected to raise), except that what
        ends the sequence early (a timeout, a crash, a file that does not import) raises its
        ``StudentIssue``."""
        calls = [(name, tuple(args), {}, False) for name, args in calls]
        outcomes = self._run_sequence(calls, go_on=True)
        if outcomes and (outcomes[-1].failure or len(outcomes) < len(calls)):
            raise StudentIssue(*self.explain(calls[len(outcomes) - 1][0], outcomes[-1]))
        return outcomes

    def tracked_each(self, calls) -> list[CallOutcome]:
        """``[self.tracked(name, *args, **kwargs) for name, args, kwargs in calls]`` in one
        round trip, where an argument ``FreshCache(forward, forward_args)`` is the cache of a
        call of ``forward`` made just before (untracked); the same outcomes, and the same
        ``StudentIssue`` at the first call that gives no value."""
        sequence, tracked = [], []
        for name, args, kwargs in calls:
            sent = []
            for a in args:
                if isinstance(a, FreshCache):
                    sequence.append((a.forward, tuple(a.args), {}, False))
                    a = Earlier(len(sequence) - 1, -1)
                sent.append(a)
            tracked.append(len(sequence))
            sequence.append((name, tuple(sent), dict(kwargs), True))
        outcomes = self._run_sequence(sequence)
        for i, ((name, *_), outcome) in enumerate(zip(sequence, outcomes)):
            if outcome is None:
                continue
            if not outcome.ok:
                raise StudentIssue(*self.explain(name, outcome))
            if i not in tracked:
                self.result(name, outcome)  # a forward pass giving the wrong outputs says so, as a call would
        return [outcomes[i] for i in tracked]

    def _sequence(self, calls: list[tuple]) -> list:
        """The values of ``calls`` (each ``(name, args)`` or ``(name, args, kwargs)``), made in
        order in one round trip."""
        steps = [(name, args, kwargs[0] if kwargs else {}, False) for name, args, *kwargs in calls]
        values = []
        for (name, *_), outcome in zip(steps, self._run_sequence(steps)):
            if outcome is None:  # answered, but lost with the worker when a later call failed
                continue
            if not outcome.ok:
                raise StudentIssue(*self.explain(name, outcome))
            values.append(self.result(name, outcome))
        return values

    def _run_sequence(self, calls: list[tuple[str, tuple, dict, bool]], go_on: bool = False) -> list:
        """``Sandbox.calls`` on ``calls`` (each ``(name, args, kwargs, track)``), with each
        outcome counted and remembered as a call's; a function that hung twice is not run
        again."""
        if not calls:
            return []
        hung = [i for i, (name, *_) in enumerate(calls) if self._hung(name)]
        if hung:  # the test stops there (with the calls before it, whose values it never sees)
            return [None] * hung[0] + [_NOT_RUN_AGAIN]
        steps = []
        for name, args, kwargs, track in calls:
            api = self._assignment.function(name)
            steps.append(Step(name, tuple(a if isinstance(a, Earlier) else self._outbound(a) for a in args),
                              {k: self._outbound(v) for k, v in kwargs.items()}, api.opaque, go_on, track, api.args))
        if self._hidden:
            self._sandbox.host.saw_hidden_inputs = True
        outcomes = self._sandbox.calls(steps, self._remaining())
        for (name, *_), outcome in zip(calls, outcomes):
            if outcome is not None:
                self._count_timeout(name, outcome)
                if self._hidden:
                    self._remember(name, outcome)
        return outcomes

    def result(self, name: str, outcome: CallOutcome):
        """The value of a call that returned (as ``value`` gives it): outputs that must stay
        in the worker become ``CacheRef``; a wrong number of outputs is a ``StudentIssue``."""
        return self._shape_result(self._assignment.function(name), outcome.result)

    def unusable(self, outcome: CallOutcome) -> bool:
        """True when the function could not run at all (not loaded, missing, not implemented,
        timed out, crashed), as opposed to running and raising an exception of its own."""
        error = outcome.error or {}
        return bool(outcome.failure or error.get("missing") or error.get("not_implemented")
                    or (self._sandbox.load_error is not None and error is self._sandbox.load_error))

    def raise_issue(self, name: str, outcome: CallOutcome) -> None:
        """Raise the ``StudentIssue`` of a call that returned no value (see ``explain``)."""
        raise StudentIssue(*self.explain(name, outcome))

    def explain(self, name: str, outcome: CallOutcome) -> tuple[Status, str]:
        """Status and student-facing message for a call that returned no value."""
        file = self._source.path.name if self._source else self._assignment.filename
        if outcome.failure:
            kind, detail = outcome.failure
            if outcome.failure == self._sandbox.load_failure:
                return _load_problem(file, kind, detail)
            if kind == "timeout" and detail == "not run again":
                return Status.TIMEOUT, (f"`{name}` was not run again: it did not finish in time in "
                                        f"{MAX_TIMEOUTS} earlier tests (an infinite loop?)")
            if kind == "timeout":
                return Status.TIMEOUT, f"`{name}` did not finish in time (an infinite loop, or far too slow?)"
            if kind == "setup":
                return Status.ERROR, detail
            return Status.ERROR, f"`{name}` stopped the grading process: {detail}"
        error = outcome.error or {}
        if self._sandbox.load_error and error is self._sandbox.load_error:
            return Status.ERROR, _import_message(file, error, self._where(error.get("line")),
                                                 quoted=not self._sandbox.loaded_after_hidden)
        if error.get("missing"):
            others = [f for f in self._sandbox.functions if f not in self._assignment.functions]
            near = difflib.get_close_matches(name, others, n=1, cutoff=0.4)
            extra = f" (it defines `{near[0]}`: check the name against the assignment)" if near else ""
            if self._sandbox.failed_cells and not near:
                first = self._sandbox.failed_cells[0]
                kind = _kind(first, quoted=not self._sandbox.loaded_after_hidden)
                extra = (f" ({self._where(first.get('line'))} raised {kind}, so the rest of that "
                         f"cell did not run: was `{name}` defined there?)")
            return Status.MISSING, f"{file} has no function `{name}`{extra}"
        if error.get("not_implemented"):
            return Status.MISSING, f"`{name}` is not implemented yet (it raises NotImplementedError)"
        if error.get("exit"):
            return Status.ERROR, f"`{name}` called exit(); a submission must return its results, not exit"
        where = f" ({self._where(error['line'])})" if error.get("line") else ""
        if self._hidden or self._sandbox.host.saw_hidden_inputs:
            # After a hidden test, the same process may hold its inputs: nothing the student's
            # code wrote reaches a report, whichever test it fails.
            why = "hidden tests" if self._hidden else "a test run after hidden tests"
            return Status.ERROR, (f"`{name}` raised {_kind(error, quoted=False)}{where} "
                                  f"(messages are not shown for {why})")
        message = f": {error.get('message')}" if error.get("message") else ""
        return Status.ERROR, f"`{name}` raised {error.get('type', 'an exception')}{message}{where}"

    def load_notes(self) -> tuple[str, ...]:
        """What the student should know about how the file loaded (once it has): each
        notebook cell that raised ran up to its error, the cells after it ran all the same."""
        quoted = not self._sandbox.loaded_after_hidden
        return tuple(f"{self._where(error.get('line'))} raised {_kind(error, quoted)}{_message(error, quoted)} "
                     "(the rest of that cell was skipped; the other cells ran)" for error in self._sandbox.failed_cells)

    def _where(self, line: int | None) -> str:
        """"nag.py, line 12", or "nag.ipynb, cell 3, line 4" for a notebook."""
        if self._source is None:
            return f"{self._assignment.filename}, line {line}" if line else self._assignment.filename
        return self._source.where(line)

    # ---------------------------------------------------------------- helpers
    def _outbound(self, value):
        if isinstance(value, CacheRef):
            if value.generation != self._sandbox.generation:
                raise StudentIssue(Status.ERROR, "a cache from an earlier call was lost when that call failed")
            return value.handle
        return wire(value)

    def _shape_result(self, api: FunctionApi, result):
        if api.single:
            return self._wrap(result)
        if result is None:
            raise StudentIssue(Status.FAILED, f"`{api.name}` returned None; it should return "
                               f"{len(api.returns)} values ({', '.join(api.returns)})")
        if not isinstance(result, (tuple, list)) or len(result) != len(api.returns):
            got = f"{len(result)} values" if isinstance(result, (tuple, list)) else "a single value"
            raise StudentIssue(Status.FAILED, f"`{api.name}` should return {len(api.returns)} values "
                               f"({', '.join(api.returns)}), but returned {got}")
        return tuple(self._wrap(v) for v in result)

    def _wrap(self, value):
        return CacheRef(value, self._sandbox.generation) if isinstance(value, Handle) else value


def _load_problem(file: str, kind: str, detail: str) -> tuple[Status, str]:
    if kind == "timeout":
        return Status.TIMEOUT, f"importing {file} did not finish in time (code at the top level that never ends?)"
    if kind == "setup":
        return Status.ERROR, detail
    return Status.ERROR, f"importing {file} stopped the grading process: {detail}"


def _import_message(file: str, error: dict, where: str, quoted: bool = True) -> str:
    """Why ``file`` did not import; its exception's text only where ``quoted`` (it was not
    imported after a hidden test had run in the same process)."""
    where = f" ({where})" if error.get("line") else ""
    if error.get("exit"):
        return f"{file} calls exit() when imported{where}; remove top-level code that exits"
    if not quoted:
        return (f"{file} could not be imported: {_kind(error, quoted)}{where} "
                "(its message is not shown: hidden tests ran before it)")
    return f"{file} could not be imported: {_kind(error, quoted)}{_message(error, quoted)}{where}"


def _kind(error: dict, quoted: bool) -> str:
    """The exception's type as a report may show it: the student's own class name only
    where their text may be ``quoted``, else a builtin's name or "an exception"."""
    kind = error.get("type")
    return kind if (quoted and kind) or kind in EXCEPTION_NAMES else "an exception"


def _message(error: dict, quoted: bool) -> str:
    """": the exception's text" where it may be ``quoted`` (a SyntaxError's own "(file,
    line N)", in module lines, left out: the report says where), else nothing."""
    text = _SYNTAX_LOCATION.sub("", error.get("message") or "") if quoted else ""
    return f": {text}" if text else ""


_SYNTAX_LOCATION = re.compile(r" \([^()]*, line \d+\)$")
