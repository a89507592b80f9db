"""Feedback picture for `adaptive`: AdaGrad, RMSprop and Adam down a narrow valley.

A 2-D quadratic whose Hessian has eigenvalues 1 and 25 (axes turned by 22.5°): a long
valley, steep across and flat along. Each method's path (x = θ₀, y = θ₁) is drawn as the
student's ``run_adaptive`` gives it, over the reference's, beside Nesterov momentum's
path (computed here with the lecture's formulas); a last panel shows how fast each
gets down, J(θ_t) − J(θ*) on a log scale. Everything here is public and fixed.
"""

from __future__ import annotations

import numpy as np

from grader.checks.inputs import Quadratic
from grader.engine.issues import StudentIssue
from grader.feedback.charts import Chart, Line, Panel, missing
from grader.model import Status

ANGLE = np.pi / 8
EIGENVALUES = (1.0, 25.0)
MINIMIZER = (1.0, 0.5)
START = (-2.0, 2.0)
STEPS = 80
METHODS = {"adagrad": ("AdaGrad", 1.0), "rmsprop": ("RMSprop", 0.1), "adam": ("Adam", 0.2)}  # label, lr
NAG_LR, NAG_RHO = 0.02, 0.9
GAP_FLOOR = 1e-16  # J(θ) − J(θ*) is drawn on a log scale: exact zeros are lifted to this
NAG = "NAG (ρ = 0.9)"

CAPTION = ("Each panel: your run_adaptive's path (blue) over the reference's (dashed grey) on a narrow "
           "valley, beside Nesterov momentum. The adaptive methods divide each coordinate's step by √s: "
           "their first steps are about lr along both axes, whatever the slope, and they head down the "
           "valley instead of bouncing across it. Last panel: J(θ_t) − J(θ*) on a log scale.")


def valley() -> Quadratic:
    """J(θ) = ½θᵀAθ − bᵀθ with A (2, 2) of eigenvalues 1 and 25, minimum at MINIMIZER."""
    c, s = np.cos(ANGLE), np.sin(ANGLE)
    q = np.array([[c, -s], [s, c]])
    a = (q * np.array(EIGENVALUES)) @ q.T
    return Quadratic(a, a @ np.array(MINIMIZER))


def nag_path(quad: Quadratic, theta0: np.ndarray) -> np.ndarray:
    """Nesterov momentum from theta0, velocity 0: v' = ρv − η∇J(θ + ρv); θ' = θ + v'. (STEPS + 1, 2)."""
    theta, velocity = theta0.copy(), np.zeros_like(theta0)
    rows = [theta]
    for _ in range(STEPS):
        velocity = NAG_RHO * velocity - NAG_LR * quad(theta + NAG_RHO * velocity)
        theta = theta + velocity
        rows.append(theta)
    return np.stack(rows)


def build(student, reference) -> Chart:
    """The chart: one path panel per method, and a panel of J(θ_t) − J(θ*) over t."""
    quad, theta0 = valley(), np.array(START)
    nag = nag_path(quad, theta0)
    nag_line = Line(NAG, nag[:, 0], nag[:, 1], role=NAG)
    panels, gaps, notes = [], [], []
    for method, (label, lr) in METHODS.items():
        ours = np.asarray(reference.run_adaptive(quad.local(), theta0.copy(), method, lr, num_steps=STEPS),
                          dtype=np.float64)
        try:
            path, note = student_path(student, quad, theta0, method, lr)
        except StudentIssue as issue:
            theirs = missing(f"your {label}", issue.message)
            gaps.append(missing(label, issue.message, role=label))
        else:
            theirs = Line(f"your {label}", path[:, 0], path[:, 1])
            gaps.append(Line(label, np.arange(len(path), dtype=np.float64), gap(quad, path), role=label))
            notes += [note] if note else []
        lines = (Line(f"reference {label}", ours[:, 0], ours[:, 1], role="reference"), theirs, nag_line)
        panels.append(Panel(label, lines, "θ₀", "θ₁"))
    gaps.append(Line(NAG, np.arange(len(nag), dtype=np.float64), gap(quad, nag), role=NAG))
    panels.append(Panel("J(θ_t) − J(θ*)", tuple(gaps), "step t", "J(θ_t) − J(θ*)", log_y=True))
    return Chart("adaptive", tuple(panels), CAPTION, notes=tuple(notes))


def student_path(student, quad: Quadratic, theta0: np.ndarray, method: str, lr: float) -> tuple[np.ndarray, str]:
    """The student's path (K, 2), K ≤ STEPS + 1 (cut before the first non-finite row), and a
    note when it was cut. Raises StudentIssue when run_adaptive gives no usable path."""
    student.start_test(None)
    trajectory = student.run_adaptive(quad, theta0, method, lr, num_steps=STEPS)
    if not isinstance(trajectory, np.ndarray) or trajectory.shape != (STEPS + 1, 2) \
            or trajectory.dtype.kind not in "fiu":
        got = f"shape {trajectory.shape}" if isinstance(trajectory, np.ndarray) else type(trajectory).__name__
        raise StudentIssue(Status.FAILED, f"`run_adaptive` gave {got} for method {method!r} on the picture's "
                           f"2-D problem, expected shape {(STEPS + 1, 2)}")
    path = trajectory.astype(np.float64)
    finite = np.all(np.isfinite(path), axis=1)
    if finite.all():
        return path, ""
    end = int(np.argmin(finite))
    return path[:end], f"your {METHODS[method][0]} path is drawn up to step {end - 1}: after it θ is not finite"


def gap(quad: Quadratic, path: np.ndarray) -> np.ndarray:
    """J(θ_t) − J(θ*) for each row of ``path`` (K, 2), at least GAP_FLOOR. (K,)."""
    best = quad.value(quad.minimizer())
    return np.array([max(quad.value(row) - best, GAP_FLOOR) for row in path])
