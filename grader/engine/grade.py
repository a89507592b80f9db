"""Grade a submission: find its files, sandbox them, run the tests, collect results."""

from __future__ import annotations

import contextlib
import io
import logging
import os
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from grader.course import Assignment, course_root, load_course, protected_paths
from grader.engine.judge import Solution
from grader.engine.plugin import GradingPlugin
from grader.engine.proxy import StudentProxy, UnavailableProxy
from grader.engine.reference import load_mistakes, load_reference
from grader.model import AssignmentResult, Status, SubmissionResult
from grader.sandbox.launcher import ForkServer, Launcher
from grader.sandbox.limits import Limits
from grader.sandbox.supervisor import Sandbox
from grader.submission import (SubmissionError, find_file, other_candidates, present_assignments,
                               read_source)

log = logging.getLogger("grader")


class IsolationUnavailable(Exception):
    """``require_isolation`` was asked for and the OS does not provide it."""


@dataclass(frozen=True)
class GradeOptions:
    """How to grade: which tests, which seed, which limits and protections."""

    hidden: bool = True
    seed: int = 0
    limits: Limits = field(default_factory=Limits)
    isolate: bool = True
    require_isolation: bool = False
    extra_hide: tuple[str, ...] = ()


def grade_submission(path: Path, names: list[str] | None, options: GradeOptions,
                     launcher: Launcher | None = None) -> SubmissionResult:
    """Grade the named assignments (``None``: every assignment with a file in ``path``).

    ``launcher`` starts the workers; by default a fork server for this submission.
    """
    course = load_course()
    if names is None:
        names = present_assignments(path, course) or list(course)
    unknown = [n for n in names if n not in course]
    if unknown:
        raise KeyError(f"unknown assignment(s): {', '.join(unknown)}")
    # One fork server for the whole submission: it boots while the first tests are
    # collected, then every worker is a cheap fork of it.
    with contextlib.nullcontext(launcher) if launcher else ForkServer() as starter:
        results = tuple(grade_assignment(path, course[n], options, starter) for n in names)
    warnings = tuple(dict.fromkeys(w for r in results for w in r.warnings))
    if options.require_isolation and any("isolation" in w for w in warnings):
        raise IsolationUnavailable("; ".join(warnings))
    return SubmissionResult(results, warnings)


def grade_assignment(path: Path, assignment: Assignment, options: GradeOptions,
                     launcher: Launcher | None = None) -> AssignmentResult:
    """Every declared test of ``assignment`` for the submission at ``path``."""
    try:
        chosen = find_file(path, assignment.name)
        source = read_source(chosen)
    except SubmissionError as exc:
        missing = "no " in str(exc) or "does not exist" in str(exc)
        proxy = UnavailableProxy(assignment, Status.MISSING if missing else Status.ERROR, str(exc))
        return _run_tests(assignment, proxy, options, source_name="", warnings=())
    except OSError as exc:
        proxy = UnavailableProxy(assignment, Status.ERROR, f"could not read the submission: {exc.strerror}")
        return _run_tests(assignment, proxy, options, source_name="", warnings=())
    hide = protected_paths(course_root()) + [str(source.path.resolve().parent)] + list(options.extra_hide)
    with Sandbox(assignment.filename, source.source, assignment.name, options.limits, hide,
                 isolate=options.isolate, launcher=launcher) as sandbox:
        proxy = StudentProxy(sandbox, assignment, options.limits, source)
        result = _run_tests(assignment, proxy, options, source_name=_relative(source.path, path),
                            warnings=())
        warnings = _isolation_warnings(sandbox.isolation, options.isolate) + tuple(
            f"both {chosen.name} and {other} were found; {chosen.name} was graded (delete the other)"
            for other in other_candidates(path, chosen))
    return AssignmentResult(result.assignment, result.tests, warnings, result.source, result.internal_error)


def _run_tests(assignment: Assignment, proxy, options: GradeOptions, source_name: str,
               warnings: tuple[str, ...]) -> AssignmentResult:
    def solution_factory():
        return Solution(assignment, load_reference(assignment), lambda: load_mistakes(assignment))

    plugin = GradingPlugin(proxy, solution_factory, options.seed)
    code = _pytest(assignment, assignment.test_files(options.hidden), plugin)
    if code >= 128:  # stopped by a signal: leave now (the sandbox closes on the way out)
        raise SystemExit(code)
    for problem in plugin.internal_errors:
        log.error("internal error in %s tests: %s", assignment.name, problem)
    internal = bool(plugin.internal_errors) or code not in (0, 1, 5)
    return AssignmentResult(assignment.name, plugin.ordered_results(), warnings, source_name, internal)


def collect_points(assignment: Assignment) -> tuple[float, float]:
    """(public, hidden) points of an assignment, from its tests' markers."""
    plugin = GradingPlugin(None, None, 0)
    _pytest(assignment, assignment.test_files(hidden=True), plugin, "--collect-only")
    public = sum(t.max_score for t in plugin.ordered_results() if not t.hidden)
    hidden = sum(t.max_score for t in plugin.ordered_results() if t.hidden)
    return public, hidden


def uncovered_reasons(assignment: Assignment) -> dict[str, str]:
    """Display name → reason, for hidden tests marked ``uncovered("why")``."""
    plugin = GradingPlugin(None, None, 0)
    _pytest(assignment, assignment.test_files(hidden=True), plugin, "--collect-only")
    return plugin.uncovered


def _pytest(assignment: Assignment, files, plugin: GradingPlugin, *extra: str) -> int:
    if not files:  # pytest would otherwise collect whatever is in the current folder
        return 5
    args = [str(p) for p in files] + [
        # Plugins a grading run has no use for; the exception plugins alone cost ~0.3 s of
        # gc.collect() per session.
        "-p", "no:cacheprovider", "-p", "no:stepwise", "-p", "no:terminal", "-p", "no:unraisableexception",
        "-p", "no:threadexception", "-p", "no:faulthandler", "-p", "no:pastebin", "-p", "no:nose",
        "-p", "no:doctest", "-p", "no:junitxml", "-p", "no:debugging", "--assert=plain", "--import-mode=importlib",
        "-c", os.devnull, "--rootdir", str(assignment.directory.parent.parent),
        "-W", "ignore::pytest.PytestAssertRewriteWarning", *extra]
    with _quiet_pytest():
        return int(pytest.main(args, plugins=[plugin]))


@contextlib.contextmanager
def _quiet_pytest():
    """Run pytest without plugins from the environment and without terminal output."""
    saved = {k: os.environ.get(k) for k in ("PYTEST_ADDOPTS", "PYTEST_DISABLE_PLUGIN_AUTOLOAD")}
    os.environ.pop("PYTEST_ADDOPTS", None)
    os.environ["PYTEST_DISABLE_PLUGIN_AUTOLOAD"] = "1"
    try:
        with contextlib.redirect_stdout(io.StringIO()):
            yield
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def _isolation_warnings(report: dict, isolate: bool) -> tuple[str, ...]:
    if not isolate:
        return ("sandbox isolation was turned off: student code ran without namespaces or a separate user",)
    missing = report.get("missing", [])
    if missing:
        return (f"sandbox isolation incomplete: {'; '.join(missing)}",)
    return ()


def _relative(file: Path, root: Path) -> str:
    try:
        relative = file.resolve().relative_to(root.resolve())
        return str(relative) if relative.parts else file.name
    except ValueError:
        return file.name
