"""pytest plugin that turns an assignment's test files into graded checks.

Instructors write ordinary pytest tests in ``assignments/<name>/``::

    @pytest.mark.points(2)
    @pytest.mark.timeout(5)
    def test_nag_step(student, solution, rng):
        got = student.nag_step(theta, v, quad, 0.1, 0.9)
        return solution.judge(got, "nag_step", theta, v, quad, 0.1, 0.9)

Markers: ``points(n)`` (required), ``hidden`` (usually ``pytestmark`` of a hidden file),
``timeout(seconds)`` (wall-clock budget for all student calls of the test).
Fixtures: ``student`` (the submission, running in the sandbox), ``solution`` (the
reference and known mistakes; hidden tests only, so public tests can ship to students),
``rng`` (a ``numpy.random.Generator`` seeded from the run's seed and the test's name).

A test returns ``None`` (full points), a ``Verdict`` (partial credit) or raises
``CheckFailed``/``AssertionError`` (no points, with a message). Problems in the
student's code arrive as ``StudentIssue`` and set the status (missing, error, timeout).
Every collected test yields exactly one ``TestResult``; state lives in this plugin
instance, never in globals, so runs are independent.
"""

from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass

import numpy as np
import pytest

from grader.checks.verdict import CheckFailed, Verdict
from grader.engine.issues import StudentIssue
from grader.model import Status, TestResult

MAX_OUTPUT = 4000  # characters of one test's message

MARKERS = (
    "points(n): how many points the test is worth (required)",
    "hidden: the test is part of the hidden grading suite",
    "timeout(seconds): wall-clock budget for all student calls of the test",
    "uncovered(reason): no known mistake fails this hidden test, and why that is fine",
)


def derive_seed(run_seed: int, *parts: str) -> int:
    digest = hashlib.sha256(":".join([str(run_seed), *parts]).encode()).digest()
    return int.from_bytes(digest[:8], "little")


@dataclass(frozen=True)
class _Declared:
    """What the grader needs of a collected test, read once at collection (pytest's marker
    lookups walk the node tree on every call)."""

    assignment: str
    name: str
    points: float
    hidden: bool
    timeout: float | None


class GradingPlugin:
    """Collects one ``TestResult`` per declared test of a run over one or more assignments.

    ``proxies`` and ``solution_factories`` map an assignment's name (its folder) to the
    student's module and to a function building its ``Solution``; a test gets those of
    the folder it lives in.
    """

    def __init__(self, proxies: dict, solution_factories: dict, seed: int, public: frozenset = frozenset()):
        self.proxies = proxies
        self.public = public  # (assignment, file name) of the public test files; the others are hidden
        self.solution_factories = solution_factories
        self.seed = seed
        self.declared: list[pytest.Item] = []
        self.results: dict[str, TestResult] = {}
        self.internal_errors: list[tuple[str, str]] = []  # (assignment, what went wrong)
        self.uncollected: list[tuple[str, str]] = []  # (assignment, file) of test files that did not load
        self.uncovered: dict[str, str] = {}
        self._solutions: dict = {}
        self._info: dict[str, _Declared] = {}  # nodeid → what was declared
        self._item = None  # the test being set up or run

    def info(self, item) -> _Declared:
        """The declared facts of ``item`` (computed on first use for an item collected
        elsewhere, e.g. by a plugin that adds tests after ours saw the collection)."""
        found = self._info.get(item.nodeid)
        if found is None:
            timeout = item.get_closest_marker("timeout")
            found = self._info[item.nodeid] = _Declared(
                _assignment(item), _display_name(item), float(_points(item)),
                item.get_closest_marker("hidden") is not None, timeout.args[0] if timeout else None)
        return found

    # ------------------------------------------------------------ configuration
    def pytest_configure(self, config):
        for line in MARKERS:
            config.addinivalue_line("markers", line)

    def pytest_collection_modifyitems(self, session, config, items):
        self.declared = list(items)
        for item in items:
            self.info(item)
            points = item.get_closest_marker("points")
            if points is None or not points.args or not isinstance(points.args[0], (int, float)):
                self.internal_errors.append((_assignment(item), f"{item.nodeid}: missing @pytest.mark.points(n)"))
            uncovered = item.get_closest_marker("uncovered")
            if uncovered is not None:
                self.uncovered[_display_name(item)] = str(uncovered.args[0] if uncovered.args else "")
        # Every public test before any hidden one (results keep the declared order): a
        # student's worker serves all of their files, and what code could keep of a hidden
        # test's inputs must never be quoted by a public test's message. After the first
        # hidden call nothing the student's code says is quoted (``StudentProxy.explain``).
        items.sort(key=lambda item: self.info(item).hidden)

    def pytest_collectreport(self, report):
        if report.failed:
            assignment = _assignment_of_nodeid(report.nodeid)
            self.uncollected.append((assignment, report.nodeid.rsplit("/", 1)[-1]))
            self.internal_errors.append((assignment,
                                         f"could not collect {report.nodeid}: {report.longreprtext[-500:]}"))

    # ------------------------------------------------------------ fixtures
    # The fixtures read the test from ``_item`` rather than asking for pytest's
    # ``request``: every fixture that asks for it costs pytest a fixture definition of its
    # own, per test (a tenth of pytest's time for a class's run).
    @pytest.hookimpl(tryfirst=True)
    def pytest_runtest_setup(self, item):
        self._item = item

    @pytest.fixture
    def student(self):
        return self.proxies[self.info(self._item).assignment]

    @pytest.fixture
    def solution(self):
        info = self.info(self._item)
        if not info.hidden:
            raise RuntimeError("public tests must not use the reference solution (it is not shipped to students)")
        if info.assignment not in self._solutions:
            self._solutions[info.assignment] = self.solution_factories[info.assignment]()
        return self._solutions[info.assignment]

    @pytest.fixture
    def rng(self):
        return np.random.default_rng(derive_seed(self.seed, self._item.name))

    # ------------------------------------------------------------ running
    @pytest.hookimpl(tryfirst=True)
    def pytest_pyfunc_call(self, pyfuncitem):
        item = pyfuncitem
        info = self.info(item)
        proxy = self.proxies[info.assignment]
        proxy.start_test(info.timeout, hidden=info.hidden)
        args = {name: item.funcargs[name] for name in item._fixtureinfo.argnames}
        solution = self._solutions.get(info.assignment) if "solution" in args else None
        seen = len(solution.recognised) if solution is not None else 0
        start = time.perf_counter()
        status, fraction, message = self._outcome(info.assignment, item.obj, args)
        seconds = time.perf_counter() - start
        if status is Status.FAILED:
            mistakes = tuple(dict.fromkeys(solution.recognised[seen:])) if solution is not None else ()
            self._record(item, status, fraction, message, seconds, mistakes, proxy.answer_digest())
        else:
            self._record(item, status, fraction, message, seconds)
        return True

    def _outcome(self, assignment: str, func, args) -> tuple[Status, float, str]:
        try:
            returned = func(**args)
        except StudentIssue as issue:
            return issue.status, 0.0, issue.message
        except SystemExit as stop:  # the grader itself is being stopped (SIGTERM): end the run
            pytest.exit("grading was stopped", returncode=stop.code if isinstance(stop.code, int) else 1)
        except CheckFailed as failed:
            return Status.FAILED, 0.0, str(failed)
        except AssertionError as failed:
            return Status.FAILED, 0.0, _assertion_message(failed)
        except Exception as exc:  # noqa: BLE001 - a bug in a test must not lose the run
            self.internal_errors.append((assignment, f"{func.__name__}: {type(exc).__name__}: {exc}"))
            return Status.ERROR, 0.0, "the grader could not complete this check (internal error; tell your instructor)"
        if returned is None:
            return Status.PASSED, 1.0, ""
        if isinstance(returned, Verdict):
            status = Status.PASSED if returned.passed else Status.FAILED
            return status, returned.fraction, returned.message
        self.internal_errors.append((assignment, f"{func.__name__} returned {type(returned).__name__}, not a Verdict"))
        return Status.ERROR, 0.0, "the grader could not complete this check (internal error; tell your instructor)"

    def pytest_runtest_logreport(self, report):
        if report.failed and report.nodeid not in self.results:
            item = next((i for i in self.declared if i.nodeid == report.nodeid), None)
            self.internal_errors.append((_assignment_of_nodeid(report.nodeid),
                                         f"{report.nodeid} ({report.when}): {report.longreprtext[-500:]}"))
            if item is not None:
                self._record(item, Status.ERROR, 0.0, "the grader could not run this check "
                             "(internal error; tell your instructor)", 0.0)

    def _record(self, item, status: Status, fraction: float, message: str, seconds: float,
                mistakes: tuple[str, ...] = (), fingerprint: str = "") -> None:
        info = self.info(item)
        if len(message) > MAX_OUTPUT:  # messages hold bounded pieces of what the student returned; still, cap them
            message = message[:MAX_OUTPUT - 1] + "…"
        self.results[item.nodeid] = TestResult(
            name=info.name, status=status, score=info.points * fraction,
            max_score=info.points, output=message, hidden=info.hidden,
            seconds=round(seconds, 4), mistakes=mistakes, fingerprint=fingerprint)

    def ordered_results(self, assignment: str | None = None) -> tuple[TestResult, ...]:
        """Every declared test's result (of one assignment, or all), in file order; tests
        that never ran are errors."""
        out = []
        for item in self.declared:
            info = self.info(item)
            if assignment is not None and info.assignment != assignment:
                continue
            result = self.results.get(item.nodeid)
            if result is None:
                result = TestResult(info.name, Status.ERROR, 0.0, info.points,
                                    "this check did not run (internal error)", info.hidden)
            out.append(result)
        # A file whose checks never loaded is worth points nobody could count: shown as an
        # error, so that no report reads as complete without them.
        out += [TestResult(f"the checks of {file}", Status.ERROR, 0.0, 0.0,
                           "these checks could not be loaded (internal error; tell your instructor)",
                           hidden=(name, file) not in self.public)
                for name, file in self.uncollected if assignment is None or name == assignment]
        return tuple(out)


def _assignment(item) -> str:
    """The assignment a test belongs to: the name of the folder holding its file."""
    return item.path.parent.name


def _assignment_of_nodeid(nodeid: str) -> str:
    path = nodeid.split("::", 1)[0]
    return path.rsplit("/", 2)[-2] if path.count("/") >= 1 else ""


def _points(item) -> float:
    marker = item.get_closest_marker("points")
    return marker.args[0] if marker and marker.args and isinstance(marker.args[0], (int, float)) else 0.0


def _display_name(item) -> str:
    doc = (item.obj.__doc__ or "").strip().splitlines()
    name = doc[0].rstrip(".") if doc else item.originalname.removeprefix("test_").replace("_", " ")
    callspec = getattr(item, "callspec", None)
    return f"{name} [{callspec.id}]" if callspec else name


def _assertion_message(exc: AssertionError) -> str:
    # pytest rewrites asserts so that str(exc) can contain the compared values; only an
    # explicit message (the first line) is shown, never the rewritten expression.
    first = str(exc).split("\n", 1)[0].strip()
    return "" if not first or first.startswith("assert ") else first
