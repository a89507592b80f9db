"""Grade a submission: find its files, sandbox them, run the tests, collect results."""

from __future__ import annotations

import contextlib
import io
import logging
import math
import os
import warnings
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from grader.course import Assignment, course_root, load_course, protected_paths
from grader.engine.judge import Solution
from grader.engine.plugin import GradingPlugin
from grader.engine.proxy import StudentProxy, UnavailableProxy
from grader.engine.reference import load_mistakes, load_reference
from grader.engine.reference_memo import MEMO
from grader.model import AssignmentResult, Status, SubmissionResult
from grader.sandbox import modes
from grader.sandbox.launcher import ForkServer, Launcher
from grader.sandbox.limits import Limits
from grader.sandbox.supervisor import Sandbox, WorkerHost
from grader.sandbox.text import printable
from grader.submission import SourceFile, SubmissionError, present_assignments, read_submission

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
    # Answer the reference's repeated questions from memory (``reference_memo``): for a
    # process that grades many submissions with this same seed (a batch, validate).
    remember_reference: bool = False


def grade_submission(path: Path, names: list[str] | None, options: GradeOptions,
                     launcher: Launcher | None = None, while_open=None) -> SubmissionResult:
    """Grade the named assignments (``None``: every assignment with a file in ``path``).

    ``launcher`` starts the workers; by default a fork server for this submission.
    ``while_open(results, proxies)``, if given, runs after grading while the student's
    sandboxes are still open (``proxies``: assignment name → student module), e.g. to
    draw feedback pictures without starting the workers again.
    """
    course = load_course()
    if names is None:
        names = present_assignments(path, course) or list(course)
    unknown = [n for n in names if n not in course]
    if unknown:
        raise KeyError(f"unknown assignment(s): {', '.join(unknown)}")
    return _submission_result(*_grade([course[n] for n in names], path, options, launcher, while_open), options)


def grade_source(source: SourceFile, name: str, options: GradeOptions,
                 launcher: Launcher | None = None) -> SubmissionResult:
    """Grade assignment ``name`` on source that is not read from a file: e.g. the cells a
    Jupyter kernel has executed (``grader.check``). It runs in the sandbox like a file;
    ``source.path`` names it in messages, and its folder is hidden from the worker."""
    course = load_course()
    if name not in course:
        raise KeyError(f"unknown assignment: {name}")
    return _submission_result(*_grade([course[name]], source.path, options, launcher, given=source), options)


def _submission_result(results: tuple[AssignmentResult, ...], isolation: str, options: GradeOptions) -> SubmissionResult:
    """The results with their warnings (once each); ``IsolationUnavailable`` when isolation
    was required and a worker lacked some."""
    warnings = tuple(dict.fromkeys(w for r in results for w in r.warnings))
    if options.require_isolation and any("isolation" in w for w in warnings):
        raise IsolationUnavailable("; ".join(warnings))
    return SubmissionResult(results, warnings, isolation)


def grade_assignment(path: Path, assignment: Assignment, options: GradeOptions,
                     launcher: Launcher | None = None) -> AssignmentResult:
    """Every declared test of ``assignment`` for the submission at ``path``."""
    return _grade([assignment], path, options, launcher)[0][0]


@dataclass
class _Target:
    """One assignment of a submission, ready to be tested."""

    assignment: Assignment
    proxy: object  # StudentProxy or UnavailableProxy
    source_name: str = ""
    sandbox: Sandbox | None = None
    twins: tuple[str, ...] = ()  # notes about other files that could have been graded

    def warnings(self, options: GradeOptions) -> tuple[str, ...]:
        if self.sandbox is None:
            return self.twins
        return _isolation_warnings(self.sandbox.isolation, options.isolate) + self.twins + self.proxy.load_notes()


def _grade(assignments: list[Assignment], path: Path, options: GradeOptions,
           launcher: Launcher | None, while_open=None, given: SourceFile | None = None,
           ) -> tuple[tuple[AssignmentResult, ...], str]:
    """All assignments' tests in one pytest session (a session costs ~50 ms to set up),
    every file of the submission in one sandboxed worker (a worker costs ~10 ms to start);
    the results and the label of the isolation they were graded with."""
    with contextlib.ExitStack() as stack:
        # One fork server for the whole submission: it boots while the tests are
        # collected, then every worker is a cheap fork of it.
        starter = launcher or stack.enter_context(ForkServer())
        # Every file find_file returns lies in the submission's folder: hiding it hides them all.
        folder = path if path.is_dir() else path.parent
        host = stack.enter_context(WorkerHost(options.limits, hidden_paths(folder, options), options.isolate,
                                              starter))
        targets = [_prepare(path, a, options, host, given) for a in assignments]
        if any(t.sandbox for t in targets):
            host.start_soon()  # the worker locks itself down while pytest collects the tests
        if targets and targets[0].sandbox:
            # The first file's tests run first (every public test before any hidden one): its
            # import, the first thing they ask of the worker, runs while the tests are collected.
            targets[0].sandbox.load_ahead()
        results = _run_session(targets, options)
        if while_open is not None:
            while_open(results, {t.assignment.name: t.proxy for t in targets})
        return results, _isolation_label(starter, targets, options)


def _prepare(path: Path, assignment: Assignment, options: GradeOptions, host: WorkerHost,
             given: SourceFile | None = None) -> _Target:
    if given is not None:
        sandbox = Sandbox(assignment.filename, given.source, assignment.name, host, cells=given.cells)
        return _Target(assignment, StudentProxy(sandbox, assignment, options.limits, given), given.path.name, sandbox)
    try:
        source, note = read_submission(path, assignment.name, tuple(assignment.functions))
    except SubmissionError as exc:
        return _Target(assignment, UnavailableProxy(assignment, Status.MISSING if exc.missing else Status.ERROR,
                                                    str(exc)))
    except OSError as exc:
        return _Target(assignment, UnavailableProxy(assignment, Status.ERROR,
                                                    f"could not read the submission: {exc.strerror}"))
    sandbox = Sandbox(assignment.filename, source.source, assignment.name, host, cells=source.cells)
    return _Target(assignment, StudentProxy(sandbox, assignment, options.limits, source),
                   _relative(source.path, path), sandbox, (note,) if note else ())


def open_sandbox(source: SourceFile, assignment: Assignment, options: GradeOptions,
                 launcher: Launcher | None = None) -> Sandbox:
    """A sandbox with a worker of its own for one submission file."""
    return Sandbox.alone(assignment.filename, source.source, assignment.name, options.limits,
                         hidden_paths(source.path.parent, options), isolate=options.isolate, launcher=launcher,
                         cells=source.cells)


def hidden_paths(folder: Path, options: GradeOptions) -> list[str]:
    """What a worker grading files of ``folder`` must not see: the course, that folder
    itself and ``options.extra_hide``."""
    return protected_paths(course_root()) + [str(folder.resolve())] + list(options.extra_hide)


def _run_session(targets: list[_Target], options: GradeOptions) -> tuple[AssignmentResult, ...]:
    def solution_factory(assignment: Assignment):
        return lambda: Solution(assignment, load_reference(assignment), lambda: load_mistakes(assignment),
                                memo=MEMO if options.remember_reference else None)

    plugin = GradingPlugin({t.assignment.name: t.proxy for t in targets},
                           {t.assignment.name: solution_factory(t.assignment) for t in targets}, options.seed,
                           frozenset((t.assignment.name, f.name) for t in targets for f in t.assignment.public_tests))
    files = [f for t in targets for f in t.assignment.test_files(options.hidden)]
    code = _pytest(targets[0].assignment, files, plugin) if targets else 5
    if code >= 128:  # stopped by a signal: leave now (the sandboxes close on the way out)
        raise SystemExit(code)
    if code == pytest.ExitCode.INTERRUPTED:  # Ctrl-C: the checks not run yet are no result to record
        raise KeyboardInterrupt
    results = []
    for target in targets:
        name = target.assignment.name
        problems = [what for where, what in plugin.internal_errors if where in (name, "")]
        for problem in problems:
            log.error("internal error in %s tests: %s", name, problem)
        internal = bool(problems) or code not in (0, 1, 5)
        results.append(AssignmentResult(name, plugin.ordered_results(name), target.warnings(options),
                                        target.source_name, internal))
    return tuple(results)


def run_tests(assignment: Assignment, proxy, options: GradeOptions, source_name: str,
               warnings: tuple[str, ...]) -> AssignmentResult:
    """One assignment's tests against ``proxy`` (any object with the StudentProxy interface)."""
    result = _run_session([_Target(assignment, proxy, source_name)], options)[0]
    return AssignmentResult(result.assignment, result.tests, warnings, source_name, result.internal_error)


def collect_points(assignment: Assignment) -> tuple[float, float]:
    """(public, hidden) points of an assignment, from its tests' markers."""
    declared = _collect(assignment).ordered_results()
    return (math.fsum(t.max_score for t in declared if not t.hidden),
            math.fsum(t.max_score for t in declared if t.hidden))


def uncovered_reasons(assignment: Assignment) -> dict[str, str]:
    """Display name → reason, for hidden tests marked ``uncovered("why")``."""
    return _collect(assignment).uncovered


def _collect(assignment: Assignment) -> GradingPlugin:
    """A plugin that has seen every test of ``assignment`` collected (and none run)."""
    plugin = GradingPlugin({}, {}, 0)
    _pytest(assignment, assignment.test_files(hidden=True), plugin, "--collect-only")
    return plugin


def _pytest(assignment: Assignment, files, plugin: GradingPlugin, *extra: str) -> int:
    if not files:  # pytest would otherwise collect whatever is in the current folder
        return 5
    args = [str(p) for p in files] + [
        # Plugins a grading run has no use for; the exception plugins alone cost ~0.3 s of
        # gc.collect() per session, output and log capture ~20 ms per 90 tests (the tests
        # print nothing: the student's output is captured in the worker).
        "-p", "no:cacheprovider", "-p", "no:stepwise", "-p", "no:terminal", "-p", "no:unraisableexception",
        "-p", "no:threadexception", "-p", "no:faulthandler", "-p", "no:pastebin", "-p", "no:nose",
        "-p", "no:doctest", "-p", "no:junitxml", "-p", "no:debugging", "-p", "no:logging", "--capture=no",
        # Per-test warning capture costs three catch_warnings a test: _quiet_pytest
        # silences the grader's own warnings once for the session instead. Fixtures an
        # instructor may use (tmp_path, monkeypatch, recwarn, subtests) stay.
        "-p", "no:warnings", "-p", "no:legacypath", "-p", "no:setuponly", "-p", "no:setupplan",
        # No conftest.py: a grading run must not depend on (or run) files around the course.
        "--noconftest", "--assert=plain", "--import-mode=importlib",
        # A test file that does not import is that assignment's internal error (the plugin
        # records it), not a stop of the whole session: the other assignments are graded.
        "--continue-on-collection-errors",
        "-c", os.devnull, "--rootdir", str(assignment.directory.parent.parent), *extra]
    with _quiet_pytest():
        return int(pytest.main(args, plugins=[plugin]))


@contextlib.contextmanager
def _quiet_pytest():
    """Run pytest without plugins from the environment and without terminal output; the
    grader's own warnings (NumPy's about a student's NaN, say) are not the user's concern."""
    saved = {k: os.environ.get(k) for k in ("PYTEST_ADDOPTS", "PYTEST_DISABLE_PLUGIN_AUTOLOAD")}
    os.environ.pop("PYTEST_ADDOPTS", None)
    os.environ["PYTEST_DISABLE_PLUGIN_AUTOLOAD"] = "1"
    try:
        with contextlib.redirect_stdout(io.StringIO()), warnings.catch_warnings():
            warnings.simplefilter("ignore")
            yield
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def _isolation_label(starter, targets: list[_Target], options: GradeOptions) -> str:
    """The level the launcher chose (a DirectLauncher: ``modes.chosen``), qualified by what
    the workers reported missing."""
    level = getattr(starter, "level", None) or modes.chosen().name
    complete = not any(t.sandbox.isolation.get("missing") for t in targets if t.sandbox)
    return modes.label(level, complete, options.isolate)


def _isolation_warnings(report: dict, isolate: bool) -> tuple[str, ...]:
    if not isolate:
        return ("sandbox isolation was turned off: student code ran without namespaces or a separate user",)
    missing = report.get("missing", [])
    if missing:
        return (f"sandbox isolation incomplete: {'; '.join(missing)}",)
    return ()


def _relative(file: Path, root: Path) -> str:
    """The graded file's path under the submission, as reports show it: one line of
    printable text (a folder's name is the student's to choose, escapes included)."""
    try:
        relative = file.resolve().relative_to(root.resolve())
        shown = str(relative) if relative.parts else file.name
    except ValueError:
        shown = file.name
    return printable(shown, 300)
