"""Feedback picture for `activations`: each function and its derivative over x in [−3, 3].

One panel per activation: the student's curve f(x) and derivative f′(x) (the backward
pass with dout = 1) over the reference's. The grid holds x = 0 exactly, where every
derivative takes its negative side's value. Everything here is public and fixed.
"""

from __future__ import annotations

import numpy as np

from grader.engine.issues import StudentIssue
from grader.feedback.charts import Chart, Line, Panel, missing
from grader.model import Status

X = np.linspace(-3.0, 3.0, 121)  # step 0.05: X[60] is exactly 0
LEAKY_ALPHA = 0.1  # larger than the default 0.01, so that the negative slope shows
PRELU_ALPHA = np.array([0.25])  # one channel: x enters PReLU as an (N, 1) column
PANELS = {  # forward function → (title, extra arguments after x)
    "relu_forward": ("ReLU", ()),
    "leaky_relu_forward": (f"leaky ReLU (α = {LEAKY_ALPHA})", (LEAKY_ALPHA,)),
    "prelu_forward": (f"PReLU (α = {PRELU_ALPHA[0]})", (PRELU_ALPHA,)),
    "selu_forward": ("SELU", ()),
}
DERIVATIVE = "derivative"  # the role (colour) of the student's derivative curve

CAPTION = ("Your activation f(x) (blue) and its derivative f′(x) from your backward pass with dout = 1 "
           "(coloured), over the reference's (dashed grey), for x in [−3, 3]. The derivative jumps at 0: "
           "1 on the right, the negative side's slope (0, α, α, λα) on the left and at 0 itself.")


def build(student, reference) -> Chart:
    """The chart: one panel per activation, each with the student's and the reference's
    f(x) and f′(x), all of shape (121,)."""
    panels = []
    for forward, (title, extra) in PANELS.items():
        ours, our_slope = (np.asarray(c, dtype=np.float64).reshape(-1)
                           for c in curves(lambda func, *args: getattr(reference, func)(*args), forward, extra))
        lines = [Line(f"reference {title}", X, ours, role="reference"),
                 Line(f"reference {title}′", X, our_slope, role="reference")]
        lines += student_lines(student, forward, extra, title)
        panels.append(Panel(title, tuple(lines), "x", "f(x), f′(x)"))
    return Chart("activations", tuple(panels), CAPTION)


def inputs(forward: str) -> np.ndarray:
    """X as the function takes it: (121,), or (121, 1) for PReLU's (N, C)."""
    return X[:, None].copy() if forward == "prelu_forward" else X.copy()


def curves(call, forward: str, extra) -> tuple:
    """(f(X), f′(X)) from ``call(func, *args)``: the forward's output and the backward's dx
    for dout = 1, as they come back (arrays of X's shape when right)."""
    x = inputs(forward)
    out, cache = call(forward, x, *extra)
    grads = call(forward.replace("forward", "backward"), np.ones_like(x), cache)
    return out, (grads[0] if forward == "prelu_forward" else grads)


def student_lines(student, forward: str, extra, title: str) -> list[Line]:
    """The student's f(X) and f′(X) lines; a line that cannot be computed says why (a
    failing backward pass still leaves the forward's curve)."""
    backward, x = forward.replace("forward", "backward"), inputs(forward)
    try:
        student.start_test(None)
        out, cache = getattr(student, forward)(x, *extra)
    except StudentIssue as issue:
        return [missing(f"your {title}", issue.message),
                missing(f"your {title}′", f"needs {forward}: {issue.message}", DERIVATIVE)]
    try:
        value = Line(f"your {title}", X, usable(out, f"{forward} → out", x.shape))
    except StudentIssue as issue:  # wrong values can still come with a cache the backward can use
        value = missing(f"your {title}", issue.message)
    try:
        student.start_test(None)
        grads = getattr(student, backward)(np.ones_like(x), cache)
        dx = grads[0] if forward == "prelu_forward" else grads
        return [value, Line(f"your {title}′", X, usable(dx, f"{backward} → dx", x.shape), role=DERIVATIVE)]
    except StudentIssue as issue:
        return [value, missing(f"your {title}′", issue.message, DERIVATIVE)]


def usable(value, what: str, shape: tuple[int, ...]) -> np.ndarray:
    """``value`` as a float64 array (121,), or StudentIssue saying why it cannot be drawn."""
    if not isinstance(value, np.ndarray) or value.shape != shape or value.dtype.kind not in "fiub":
        got = f"shape {value.shape}" if isinstance(value, np.ndarray) else type(value).__name__
        raise StudentIssue(Status.FAILED, f"`{what}` gave {got} on the picture's inputs, expected shape {shape}")
    flat = value.astype(np.float64).reshape(-1)
    if not np.all(np.isfinite(flat)):
        raise StudentIssue(Status.FAILED, f"`{what}` is not finite at x = {X[~np.isfinite(flat)][0]:g}")
    return flat
