"""The rnn feedback picture, built with the real sandbox: ‖∂L/∂h_t‖ over t for a loss on
the last step, the student's rnn_backward beside the reference's."""

from __future__ import annotations


import numpy as np
import pytest

from conftest import compose
from plot_support import build_chart
from grader.feedback.plots import rnn as plot


def _chart(tmp_path, source: str):
    return build_chart(tmp_path / "student", "rnn", source)


def _lines(chart):
    (panel,) = chart.panels
    assert panel.log_y
    return {line.role: line for line in panel.lines}


def test_reference_submission_lies_on_the_reference_and_the_gradient_vanishes(tmp_path):
    lines = _lines(_chart(tmp_path, compose("rnn", {"from_reference": True})))
    ref, mine = lines["reference"], lines["student"]
    assert mine.problem == "" and ref.x.shape == mine.y.shape == (plot.T,)
    np.testing.assert_allclose(mine.y, ref.y, rtol=1e-10)
    # Vanishing: every step back shrinks the gradient, by orders of magnitude over T steps.
    assert np.all(np.diff(ref.y) > 0)
    assert ref.y[0] < 1e-4 * ref.y[-1]


def test_bptt_without_the_next_steps_gradient_shows_as_zeros(tmp_path):
    source = compose("rnn", {"from_reference": True, "mistake": "bptt_without_next_step"})
    chart = _chart(tmp_path, source)
    lines = _lines(chart)
    mine, ref = lines["student"], lines["reference"]
    # Only the last step's own gradient is there; nothing comes back through time.
    assert np.all(mine.y[:-1] == 0.0)
    assert mine.y[-1] == pytest.approx(ref.y[-1], rel=1e-10)
    assert any("exactly 0 at t = 0–28" in note for note in chart.notes)


def test_wrong_tanh_derivative_decays_at_another_rate(tmp_path):
    source = compose("rnn", {"from_reference": True, "mistake": "tanh_derivative_one_minus_h"})
    lines = _lines(_chart(tmp_path, source))
    assert not np.allclose(lines["student"].y, lines["reference"].y, rtol=1e-3)


def test_an_unimplemented_rnn_backward_leaves_a_missing_line(tmp_path):
    chart = _chart(tmp_path, compose("rnn", {"from_template": True}))
    mine = _lines(chart)["student"]
    assert mine.y.size == 0 and "is not implemented yet" in mine.problem
    assert _lines(chart)["reference"].y.size == plot.T
