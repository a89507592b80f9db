"""Data for the feedback pictures, gathered by calling the student's functions in the sandbox.

Runs in the trusted grader process: the student's code runs only in a sandbox worker
(``Sandbox`` + ``StudentProxy``, as in grading), on the fixed public problems of
``grader.feedback.problems``. The result is plain arrays in frozen dataclasses; a
function that fails leaves its figure with a ``problem`` message instead of data.
"""

from __future__ import annotations

import contextlib
import logging
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from grader.course import Assignment, CourseError, load_course
from grader.engine.grade import GradeOptions, open_sandbox
from grader.engine.issues import StudentIssue
from grader.engine.proxy import StudentProxy
from grader.engine.reference import load_reference
from grader.feedback import problems
from grader.feedback.charts import Chart
from grader.feedback.plots import BUILDERS
from grader.model import Status, SubmissionResult
from grader.sandbox.launcher import Launcher
from grader.submission import SubmissionError, read_submission

log = logging.getLogger("grader")
_FAILED = Status.FAILED


@dataclass(frozen=True)
class Trajectories:
    """Paths of Nesterov momentum on a 2-D quadratic J(θ) = ½θᵀAθ − bᵀθ.

    ``a`` (2, 2), ``b`` (2,), ``minimizer`` (2,); ``reference`` and ``student`` are
    (K, 2) arrays of iterates (row 0 the start), or None when unavailable.
    """

    assignment: str
    a: np.ndarray
    b: np.ndarray
    minimizer: np.ndarray
    reference: np.ndarray | None
    student: np.ndarray | None
    problem: str = ""  # why the student's path is missing or partial
    note: str = ""


@dataclass(frozen=True)
class Series:
    """One curve: ``values`` (K,) over steps 0..K−1; ``diverged`` marks a non-finite end."""

    label: str
    values: np.ndarray
    diverged: bool = False
    problem: str = ""


@dataclass(frozen=True)
class Curves:
    """Training curves of the scalar RNN, with and without gradient clipping."""

    assignment: str
    series: tuple[Series, ...]
    problem: str = ""


def gather_figures(path: Path, result: SubmissionResult, options: GradeOptions,
                   launcher: Launcher | None = None, proxies: dict | None = None) -> tuple:
    """One figure per graded assignment that has a picture and a file in ``path``.

    ``proxies`` (assignment name → student module) reuses the sandboxes the grading ran
    in; otherwise each picture gets a sandbox of its own.
    """
    builders = {"nag": nag_figure, "clipping": clipping_figure,
                **{name: _chart_builder(build) for name, build in BUILDERS.items()}}
    try:
        course = load_course()
    except CourseError:
        return ()
    figures = []
    for graded in result.results:
        build = builders.get(graded.assignment)
        if build is None or not graded.source or graded.assignment not in course:
            continue
        if not any(t.status in (Status.PASSED, Status.FAILED) for t in graded.tests):
            continue  # nothing of the file ran (import error, hang at import): no picture to draw
        if any(t.status is Status.TIMEOUT for t in graded.tests):
            # Code that ran out of time while graded would make the picture wait for the
            # same limit again (a looping student costs a class run seconds each time).
            figures.append(Chart(graded.assignment, (), problem="no picture: some of your code did not "
                                 "finish in time while it was graded"))
            continue
        try:
            opened = (contextlib.nullcontext(proxies[graded.assignment]) if proxies is not None
                      else student_proxy(path, course[graded.assignment], options, launcher))
            with opened as proxy:
                figures.append(build(proxy, course[graded.assignment]))
        except (SubmissionError, OSError) as exc:
            log.warning("no figure for %s: %s", graded.assignment, exc)
        except Exception as exc:  # noqa: BLE001 - a picture must never cost the student their grade
            log.exception("figure for %s failed", graded.assignment)
            figures.append(Chart(graded.assignment, (), problem=f"an internal error ({type(exc).__name__})"))
    return tuple(figures)


def _chart_builder(build):
    """``build(student, reference) -> Chart`` as a figure builder of this module."""
    def figure(proxy, assignment: Assignment) -> Chart:
        proxy.start_test(None)  # the picture's calls get a time budget of their own
        return build(proxy, load_reference(assignment))
    return figure


@contextlib.contextmanager
def student_proxy(path: Path, assignment: Assignment, options: GradeOptions, launcher: Launcher | None = None):
    """A ``StudentProxy`` on the student's file for ``assignment``, in a fresh sandbox."""
    source, _ = read_submission(path, assignment.name, tuple(assignment.functions))
    with open_sandbox(source, assignment, options, launcher) as sandbox:
        yield StudentProxy(sandbox, assignment, options.limits, source)


# ------------------------------------------------------------------ nag
def nag_figure(proxy, assignment: Assignment) -> Trajectories:
    quad = problems.nag_quadratic()
    theta0 = np.array(problems.NAG_START)
    args = (problems.NAG_LR, problems.NAG_RHO, problems.NAG_STEPS)
    reference = _reference_path(assignment, quad, theta0, args)
    student, problem, note = None, "", ""
    try:
        proxy.start_test(None)
        student = _path_array(proxy.optimize(quad, theta0, "nag", *args), "optimize")
    except StudentIssue as issue:
        problem = issue.message
        try:
            student = _path_from_steps(proxy, quad, theta0)
            note = "drawn from your nag_step, because optimize did not give a path"
        except StudentIssue as step_issue:
            problem += f"; {step_issue.message}"
    return Trajectories(assignment.name, quad.A, quad.b, quad.minimizer(), reference, student, problem, note)


def _reference_path(assignment: Assignment, quad, theta0: np.ndarray, args) -> np.ndarray | None:
    try:
        reference = load_reference(assignment)
        return np.asarray(reference.optimize(quad.local(), theta0.copy(), "nag", *args), dtype=np.float64)
    except Exception:  # noqa: BLE001 - no reference (student-side install): draw the student's path alone
        return None


def _path_from_steps(proxy, quad, theta0: np.ndarray) -> np.ndarray:
    theta, velocity = theta0.copy(), np.zeros(2)
    rows = [theta]
    for _ in range(problems.NAG_STEPS):
        proxy.start_test(None)
        theta, velocity = proxy.nag_step(theta, velocity, quad, problems.NAG_LR, problems.NAG_RHO)
        theta = _path_array(theta, "nag_step → theta_next", rows=None)
        velocity = _path_array(velocity, "nag_step → velocity_next", rows=None)
        rows.append(theta)
        if not np.all(np.isfinite(theta)):
            break
    return np.stack(rows)


def _path_array(value, what: str, rows: int | None = problems.NAG_STEPS + 1) -> np.ndarray:
    """``value`` as float64 of shape (rows, 2) (or (2,) when ``rows`` is None)."""
    expected = (2,) if rows is None else (rows, 2)
    if not isinstance(value, np.ndarray) or value.dtype.kind not in "fiu" or value.shape != expected:
        got = f"shape {value.shape}" if isinstance(value, np.ndarray) else type(value).__name__
        raise StudentIssue(_FAILED, f"`{what}` gave {got} on the picture's 2-D problem, expected shape {expected}")
    return value.astype(np.float64)


# ------------------------------------------------------------------ clipping
def clipping_figure(proxy, assignment: Assignment) -> Curves:
    try:
        plain = _train_rnn(proxy, clip=False)
    except StudentIssue as issue:
        return Curves(assignment.name, (), issue.message)
    try:
        clipped = _train_rnn(proxy, clip=True)
    except StudentIssue as issue:
        clipped = Series("with clipping", np.zeros(0), problem=issue.message)
    return Curves(assignment.name, (plain, clipped))


def _train_rnn(proxy, clip: bool) -> Series:
    """Loss ½(y_T − 1)² over gradient-descent steps on w, using the student's functions."""
    w = np.float64(problems.RNN_W0)
    losses = []
    with np.errstate(over="ignore", invalid="ignore"):
        for step in range(problems.RNN_STEPS + 1):
            proxy.start_test(None)
            y_t, dy_dw = proxy.scalar_rnn_grad(float(w), problems.RNN_T)
            y_t, dy_dw = _number(y_t, "y_T"), _number(dy_dw, "dy_dw")
            loss = np.float64(0.5) * (y_t - problems.RNN_TARGET) ** 2
            if not np.isfinite(loss):
                return Series(_label(clip), np.array(losses), diverged=True)
            losses.append(float(loss))
            grad = (y_t - problems.RNN_TARGET) * dy_dw
            if clip and step < problems.RNN_STEPS:
                grad = _clipped(proxy, grad)
            w = w - problems.RNN_LR * grad
            if not np.isfinite(w):
                return Series(_label(clip), np.array(losses), diverged=True)
    return Series(_label(clip), np.array(losses))


def _clipped(proxy, grad: np.float64) -> np.float64:
    proxy.start_test(None)
    out = proxy.clip_by_global_norm([np.array([grad])], problems.RNN_MAX_NORM)
    clipped = out[0] if isinstance(out, tuple) else out
    if not isinstance(clipped, list) or len(clipped) != 1 or not isinstance(clipped[0], np.ndarray) \
            or clipped[0].size != 1:
        raise StudentIssue(_FAILED, "`clip_by_global_norm` should return a list holding one array "
                           "for a list of one gradient")
    return np.float64(clipped[0].reshape(-1)[0])


def _number(value, output: str) -> np.float64:
    if isinstance(value, np.ndarray) and value.size == 1 and value.dtype.kind in "fiu":
        return np.float64(value.reshape(-1)[0])
    if isinstance(value, (int, float, np.integer, np.floating)) and not isinstance(value, bool):
        return np.float64(value)
    raise StudentIssue(_FAILED, f"`scalar_rnn_grad → {output}` should be a single number")


def _label(clip: bool) -> str:
    return "with clipping" if clip else "without clipping"

