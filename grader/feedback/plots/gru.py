"""Feedback picture for `gru`: the size of the hidden state along a fixed public sequence.

The student's ``gru_forward`` (in the sandbox) and the reference's (here) run on the same
fixed inputs; the panel shows ‖h_t‖ (averaged over the batch) for t = 1…T. A swapped
update convention or a misplaced reset gate shows as a curve that drifts away from the
reference's.
"""

from __future__ import annotations

import numpy as np

from grader.checks.inputs import recurrent_sequence
from grader.engine.issues import StudentIssue
from grader.feedback import charts
from grader.feedback.plots import fixed

N, T, D, H = 4, 20, 3, 5
SEED = 12  # fixed, public inputs


def problem():
    """x (N, T, D), h0 (N, H), Wx (D, 3H), Wh (H, 3H), b (3H,): the picture's fixed inputs."""
    return tuple(recurrent_sequence(np.random.default_rng(SEED), N, T, D, H, blocks=3)[0])


def state_norms(h) -> np.ndarray:
    """Mean over the batch of ‖h_t‖, shape (T,); ValueError for an h of the wrong shape."""
    h = np.asarray(h, dtype=np.float64)
    if h.shape != (N, T, H):
        raise ValueError(f"gru_forward → h: shape expected {(N, T, H)}, got {h.shape}")
    return np.linalg.norm(h, axis=2).mean(axis=0)


def build(student, reference) -> charts.Chart:
    """The chart for ``student`` (the sandboxed proxy) and ``reference`` (the reference module)."""
    steps = np.arange(1.0, T + 1)
    args = problem()
    norms = fixed.once(reference, "gru state norms",
                       lambda: state_norms(reference.gru_forward(*[a.copy() for a in args])[0]))
    expected = charts.Line("reference GRU", steps, norms, "reference")
    label = "your gru_forward"
    try:
        out = student.gru_forward(*args)
        yours = charts.Line(label, steps, state_norms(out[0]))
    except StudentIssue as issue:
        yours = charts.missing(label, issue.message)
    except (TypeError, ValueError) as problem_:
        yours = charts.missing(label, str(problem_))
    panel = charts.Panel("size of the hidden state", (expected, yours), x_label="step t", y_label="mean ‖h_t‖")
    caption = ("‖h_t‖ along a fixed sequence (T = 20). Your curve should lie on the reference's; one that drifts "
               "away often means the update gate is used the other way round (next_h = (1 − z) ⊙ prev_h + z ⊙ n) "
               "or the reset gate acts after the product with Wh_n.")
    return charts.Chart("gru", (panel,), caption)
