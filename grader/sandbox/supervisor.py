"""One submission file in the sandbox: import it into a worker and call its functions.

``Sandbox`` is what the grading engine talks to. It imports its file into a
``WorkerHost``'s worker when first needed (again after the worker was replaced) and
turns each answer into a ``CallOutcome``. The files of one student share a worker (see
``host.py``); ``Sandbox.alone`` gives a file a worker of its own.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

import numpy as np

from grader.sandbox.host import WorkerFailure, WorkerHost
from grader.sandbox.launcher import Launcher
from grader.sandbox.limits import Limits
from grader.sandbox.outcome import CallOutcome, argument_names, clean_error, warning_names
from grader.sandbox.values import MAX_FAILED_CELLS

__all__ = ["Sandbox", "Step", "WorkerFailure", "WorkerHost"]


@dataclass(frozen=True)
class Step:
    """One call of a sequence (``Sandbox.calls``): ``func(*args, **kwargs)``, holding the
    outputs at ``keep`` in the worker; with ``go_on``, the sequence goes on after it when it
    gives no value (calls expected to raise); with ``track``, its outcome names the
    arguments (``arg_names``) it wrote into."""

    func: str
    args: tuple
    kwargs: dict = field(default_factory=dict)
    keep: tuple[int, ...] = ()
    go_on: bool = False
    track: bool = False
    arg_names: tuple[str, ...] = ()


class Sandbox:
    """One submission file, served by ``host``'s (re)startable worker process; with
    ``owns_host`` the sandbox closes the host with itself (see ``alone``)."""

    def __init__(self, filename: str, source: str, module: str, host: WorkerHost, owns_host: bool = False,
                 cells: tuple[int, ...] = ()):
        self.filename = filename
        self.source = source
        self.module = module
        self.cells = cells  # a notebook's: the line each cell starts on (run one by one)
        self.lines = source.count("\n") + 1  # an error's line must be one of these
        self.host = host
        self.functions: tuple[str, ...] = ()
        self.failed_cells: tuple[dict, ...] = ()  # the errors of the cells that raised (a notebook's)
        # Imported into a worker that had run hidden tests (and so may hold their inputs):
        # what its import printed or raised is then not quoted in a report.
        self.loaded_after_hidden = False
        self.load_error: dict | None = None
        self.load_failure: tuple[str, str] | None = None
        self._owns_host = owns_host

    @classmethod
    def alone(cls, filename: str, source: str, module: str, limits: Limits, hide: list[str],
              isolate: bool = True, launcher: Launcher | None = None, cells: tuple[int, ...] = ()) -> "Sandbox":
        """A sandbox with a worker of its own, hiding ``hide`` from it."""
        return cls(filename, source, module, WorkerHost(limits, hide, isolate, launcher), owns_host=True,
                   cells=cells)

    # ------------------------------------------------------------ lifecycle
    def __enter__(self) -> "Sandbox":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        if self._owns_host:
            self.host.close()

    @property
    def generation(self) -> int:
        return self.host.generation

    @property
    def isolation(self) -> dict:
        return self.host.isolation

    def output(self) -> str:
        return self.host.output()

    def forget_handles(self) -> None:
        self.host.forget_handles()

    def ensure_loaded(self) -> bool:
        """Import the submission into the worker if needed; False if it cannot load.

        An import that failed (exception, timeout, crash) is remembered: the same
        source fails the same way again, so it is not retried for every test.
        """
        if self.load_error or self.load_failure:
            return False
        if self.host.has_loaded(self.module):
            return True
        self.loaded_after_hidden = self.host.saw_hidden_inputs
        try:
            header = self.host.load(self.filename, self.source, self.module, self.cells)
        except WorkerFailure as failure:
            self.load_failure = (failure.kind, failure.detail)
            return False
        if not header.get("ok"):
            self.load_error = clean_error(header.get("error"), self.lines)
            return False
        names = header.get("functions")
        self.functions = tuple(f[:100] for f in (names if isinstance(names, list) else [])
                               if isinstance(f, str) and f.isidentifier())
        failed = header.get("cells_failed")
        failed = failed[:MAX_FAILED_CELLS] if isinstance(failed, list) else []
        self.failed_cells = tuple(clean_error(e, self.lines) for e in failed)
        return True

    def load_ahead(self) -> None:
        """Send the import of the file to the worker now, its answer read when first needed
        (``WorkerHost.load_ahead``): for the file whose tests run first."""
        if not (self.load_error or self.load_failure or self.host.has_loaded(self.module)):
            self.host.load_ahead(self.filename, self.source, self.module, self.cells)

    def call(self, func: str, args: tuple, kwargs: dict, keep: tuple[int, ...], timeout: float,
             arg_names: tuple[str, ...] = (), track_inputs: bool = True) -> CallOutcome:
        """Call ``func(*args, **kwargs)`` in the worker (a sequence of one call, ``calls``);
        ``keep`` marks outputs to hold as handles."""
        return self.calls([Step(func, tuple(args), dict(kwargs), tuple(keep), track=track_inputs,
                                arg_names=tuple(arg_names))], timeout)[0]

    def calls(self, steps: list[Step], timeout: float) -> list:
        """The calls ``steps`` in one round trip, in order, within ``timeout`` for all; an
        argument ``Earlier(j, k)`` stands for output k of call j, which call j keeps in the
        worker (a cache).

        Returns the outcomes of the calls that ran: all of them, or up to the first that
        gave no value and does not ``go_on`` (later calls did not run, as in a test that
        calls one after another and stops at the first failure). When the worker failed
        (a timeout, a crash), the last outcome says so at the position of the call that
        was running, and the positions before it are None: their answers were lost with
        the worker."""
        if not steps:
            return []
        start = time.perf_counter()
        if not self.ensure_loaded():
            return [CallOutcome(ok=False, error=self.load_error, failure=self.load_failure)]
        values = {}
        for i, step in enumerate(steps):
            values[f"args:{i}"], values[f"kwargs:{i}"] = step.args, step.kwargs
        try:
            header, answer = self.host.request(
                {"op": "calls", "module": self.module,
                 "steps": [{"func": step.func, "keep": list(step.keep), "go_on": step.go_on, "track": step.track}
                           for step in steps]},
                values, timeout)
        except WorkerFailure as failure:
            step = failure.step if 0 <= failure.step < len(steps) else 0
            lost = CallOutcome(ok=False, failure=(failure.kind, failure.detail), seconds=time.perf_counter() - start)
            return [None] * step + [lost]
        elapsed = time.perf_counter() - start
        if not header.get("ok"):  # the request refused as a whole (e.g. a cache already forgotten)
            return [CallOutcome(ok=False, error=clean_error(header.get("error"), self.lines), seconds=elapsed)]
        answers = header.get("answers")
        if not isinstance(answers, list) or not 0 < len(answers) <= len(steps) \
                or not all(isinstance(a, dict) for a in answers):
            return [CallOutcome(ok=False, failure=("protocol", "the worker sent a malformed answer"), seconds=elapsed)]
        outcomes = []
        for i, each in enumerate(answers):
            mine = {key: answer.get(f"{i}:{key}") for key in _OUTCOME_VALUES}
            step = steps[i]
            tracked = [argument_names(each.get(key), step.args, step.kwargs, step.arg_names) if step.track else ()
                       for key in ("mutated", "returned")]
            outcomes.append(_outcome(each, mine, elapsed / len(answers), *tracked, lines=self.lines))
            if not outcomes[-1].ok and not step.go_on:
                break
        if (outcomes[-1].ok or steps[len(outcomes) - 1].go_on) and len(outcomes) < len(steps):
            outcomes.append(CallOutcome(ok=False, failure=("protocol", "the worker left calls unanswered")))
        return outcomes


_OUTCOME_VALUES = ("result", "grad_calls", "grad_points")  # the values of one call's answer that _outcome reads


def _outcome(header: dict, values: dict, seconds: float, mutated: tuple[str, ...] = (),
             returned: tuple[str, ...] = (), lines: int = 0) -> CallOutcome:
    """The ``CallOutcome`` of one call's answer (its header and its values; ``lines``: the
    submission's, for ``clean_error``)."""
    if not header.get("ok"):
        return CallOutcome(ok=False, error=clean_error(header.get("error"), lines), mutated=mutated,
                           seconds=seconds)
    calls = values.get("grad_calls")
    points = values.get("grad_points")
    return CallOutcome(
        ok=True, result=values.get("result"), mutated=mutated, returned=returned,
        grad_calls=int(calls) if isinstance(calls, (int, np.integer)) else 0,
        grad_points=tuple(p for p in points if isinstance(p, np.ndarray)) if isinstance(points, list) else (),
        seconds=seconds, warnings=warning_names(header.get("warnings")))
