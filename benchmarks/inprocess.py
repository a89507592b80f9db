"""BENCHMARK ONLY: run an assignment's tests against a submission imported in-process.

This removes the sandbox entirely, which is exactly what users must never do; it exists
only to measure what the sandbox costs. It is not reachable from the `grader` CLI.
"""

from __future__ import annotations

import json
import sys
import time
import types
from pathlib import Path

from grader.checks.inputs import local_copy
from grader.course import load_course
from grader.engine.grade import GradeOptions, run_tests
from grader.engine.issues import StudentIssue
from grader.engine.one_by_one import OneByOne
from grader.model import Status
from grader.sandbox.outcome import CallOutcome


class InProcessStudent(OneByOne):
    """The StudentProxy interface, calling a module loaded in this very process."""

    def __init__(self, source: str, filename: str, assignment):
        self._module = types.ModuleType(assignment.name)
        exec(compile(source, filename, "exec"), self._module.__dict__)
        self._assignment = assignment

    def start_test(self, timeout, hidden=False):
        pass

    def __getattr__(self, name):
        if name.startswith("_") or name not in self._assignment.functions:
            raise AttributeError(name)
        return lambda *args, **kwargs: self.value(name, *args, **kwargs)

    def call(self, name, *args, **kwargs) -> CallOutcome:
        points = []
        args = [self._recording(local_copy(a), points) for a in args]
        kwargs = {k: self._recording(local_copy(v), points) for k, v in kwargs.items()}
        start = time.perf_counter()
        try:
            result = getattr(self._module, name)(*args, **kwargs)
        except Exception as exc:  # noqa: BLE001
            kinds = [k.__name__ for k in type(exc).__mro__ if k.__module__ == "builtins"]
            error = {"type": type(exc).__name__, "kinds": kinds, "message": str(exc), "line": None,
                     "not_implemented": isinstance(exc, NotImplementedError), "exit": False, "missing": False}
            return CallOutcome(ok=False, error=error)
        return CallOutcome(ok=True, result=result, grad_calls=len(points), grad_points=tuple(points),
                           seconds=time.perf_counter() - start)

    @staticmethod
    def _recording(value, points):
        if callable(value) and hasattr(value, "A"):
            def grad_fn(theta, _f=value):
                points.append(theta.copy())
                return _f(theta)
            return grad_fn
        return value

    def outcome(self, name, *args, **kwargs):
        outcome = self.call(name, *args, **kwargs)
        if not outcome.ok:
            raise StudentIssue(Status.ERROR, str(outcome.error))
        return outcome

    tracked = outcome  # in-process runs do not detect in-place writes

    def value(self, name, *args, **kwargs):
        return self.result(name, self.outcome(name, *args, **kwargs))

    def result(self, name, outcome):
        return outcome.result if self._assignment.function(name).single else tuple(outcome.result)

    def unusable(self, outcome):
        return False

    def explain(self, name, outcome):
        return Status.ERROR, str(outcome.error)


def grade_in_process(source: str, assignment):
    """``assignment``'s tests on ``source`` (a submission file's text) imported into this
    process (AssignmentResult). The course and the file are read by the caller: the
    sandboxed side of a comparison gets them loaded too."""
    return run_tests(assignment, InProcessStudent(source, assignment.filename, assignment), GradeOptions(),
                     source_name=assignment.filename, warnings=())


def main(argv: list[str]) -> None:
    """``python benchmarks/inprocess.py STUDENT NAME``: a cold process grading one assignment
    in-process; prints its score and maximum as JSON (the benchmark's cold comparison)."""
    assignment = load_course()[argv[1]]
    result = grade_in_process((Path(argv[0]) / assignment.filename).read_text(), assignment)
    print(json.dumps({"assignment": argv[1], "score": result.score, "max_score": result.max_score}))


if __name__ == "__main__":
    main(sys.argv[1:])
