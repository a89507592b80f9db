"""Feedback picture for `rnn`: how the gradient of a loss on the last step fades as
backpropagation through time goes back to earlier hidden states.

A one-example sequence of T = 30 steps, with a loss L = ⟨u, h_T⟩ on the last state only
and a hidden-to-hidden matrix Wh of spectral norm 0.6, so that ‖∂L/∂h_t‖ vanishes
geometrically as t goes back in time. ‖∂L/∂h_t‖ is read off the SPEC functions alone:
it is the dh0 that rnn_backward returns for the sub-sequence of steps t + 1 … T started
from h_t (the reference's state), with the same upstream gradient. A student's curve
that is flat at zero, stops after one step, or decays at another rate shows a BPTT
mistake at a glance.
"""

from __future__ import annotations

import numpy as np

from grader.engine.issues import StudentIssue
from grader.feedback import charts
from grader.feedback.plots import fixed
from grader.model import Status

T, D, H = 30, 3, 8
SEED = 11
WH_NORM = 0.6


def problem():
    """The fixed public inputs: x (1, T, D), h0 (1, H), Wx (D, H), Wh (H, H), b (H,), and the
    upstream gradient dh (1, T, H), zero except at the last step."""
    rng = np.random.default_rng(SEED)
    q, _ = np.linalg.qr(rng.normal(size=(H, H)))
    Wh = WH_NORM * q  # every singular value is 0.6: |∂h_{t+1}/∂h_t| ≤ 0.6
    Wx, b = 0.5 * rng.normal(size=(D, H)), 0.1 * rng.normal(size=H)
    x, h0 = rng.normal(size=(1, T, D)), 0.5 * rng.normal(size=(1, H))
    dh = np.zeros((1, T, H))
    dh[:, -1, :] = rng.normal(size=H)
    return x, h0, Wx, Wh, b, dh


def gradient_norms(values, states) -> np.ndarray:
    """‖∂L/∂h_t‖ for t = 0 … T − 1 (h_0 the initial state), from ``values(name, arg_lists)``
    (what rnn_forward(x, h0, Wx, Wh, b) -> (h, cache), resp. rnn_backward(dh, cache) ->
    (dx, dh0, ...), returns for each argument tuple: ``student.values``, the student's run
    in two round trips); ``states`` (1, T + 1, H) holds the reference's h_0 … h_T, the
    starting states of the sub-sequences."""
    x, _, Wx, Wh, b, dh = problem()
    forwards = values("rnn_forward", [(x[:, t:, :].copy(), states[:, t, :].copy(), Wx.copy(), Wh.copy(), b.copy())
                                      for t in range(T)])
    # A fresh cache for every backward call.
    backwards = values("rnn_backward", [(dh[:, t:, :].copy(), cache) for t, (_, cache) in enumerate(forwards)])
    norms = np.zeros(T)
    for t, grads in enumerate(backwards):
        dh0 = grads[1]
        if not isinstance(dh0, np.ndarray) or dh0.shape != (1, H) or dh0.dtype.kind not in "fiu":
            raise StudentIssue(Status.FAILED, f"rnn_backward → dh0 is not a NumPy array of shape (1, {H})")
        norms[t] = np.linalg.norm(dh0)
    return norms


def _reference_run(reference) -> tuple[np.ndarray, np.ndarray]:
    """The reference's states h_0 … h_T (1, T + 1, H) and its gradient norms (T,)."""
    x, h0, Wx, Wh, b, _ = problem()
    h, _ = reference.rnn_forward(x, h0, Wx, Wh, b)
    states = np.concatenate([h0[:, None, :], h], axis=1)
    return states, gradient_norms(lambda name, lists: [getattr(reference, name)(*a) for a in lists], states)


def build(student, reference) -> charts.Chart:
    """The chart: the student's ‖∂L/∂h_t‖ over t beside the reference's, log scale."""
    states, expected = fixed.once(reference, "rnn gradient norms", lambda: _reference_run(reference))
    steps = np.arange(T, dtype=np.float64)
    lines = [charts.Line("reference", steps, expected, role="reference")]
    notes = []
    try:
        got = gradient_norms(student.values, states)
        lines.append(charts.Line("your rnn_backward", steps, got))
        zero = [int(t) for t in np.flatnonzero(got == 0.0)]
        if zero:
            notes.append(f"your ‖∂L/∂h_t‖ is exactly 0 at t = {_ranges(zero)}, which a log scale cannot show: "
                         "no gradient reaches those states")
        if not np.all(np.isfinite(got)):
            notes.append("your ‖∂L/∂h_t‖ is not finite (NaN or inf) at some steps")
    except StudentIssue as issue:
        lines.append(charts.missing("your rnn_backward", issue.message))
    panel = charts.Panel("Backpropagation through time: ‖∂L/∂h_t‖ for a loss on the last step",
                         tuple(lines), x_label="time step t", y_label="‖∂L/∂h_t‖", log_y=True)
    caption = ("The loss is on the last hidden state only, so every earlier h_t gets its gradient back "
               "through the following steps; each step multiplies it by Whᵀ and tanh' (both below 1 here), "
               "so it vanishes geometrically going back in time. Your curve should lie on the reference's.")
    return charts.Chart("rnn", (panel,), caption, notes=tuple(notes))


def _ranges(values: list[int]) -> str:
    """[0, 1, 2, 5] -> "0–2, 5"."""
    parts, start = [], values[0]
    for prev, cur in zip(values, values[1:] + [None]):
        if cur != prev + 1:
            parts.append(f"{start}–{prev}" if prev > start else str(prev))
            start = cur
    return ", ".join(parts)
