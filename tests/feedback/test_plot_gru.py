"""The gru picture: ‖h_t‖ of the student's gru_forward beside the reference's."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from plot_support import build_chart
from grader.feedback.plots import gru

ROOT = Path(__file__).resolve().parents[2]
REFERENCE = (ROOT / "solutions" / "gru.py").read_text()


def _lines(tmp_path, source: str):
    (panel,) = build_chart(tmp_path / "student", "gru", source).panels
    return {line.role: line for line in panel.lines}


def test_reference_curve_matches_and_is_not_flat(tmp_path):
    lines = _lines(tmp_path, REFERENCE)
    assert not lines["student"].problem and lines["student"].y.shape == (gru.T,)
    np.testing.assert_allclose(lines["student"].y, lines["reference"].y, rtol=1e-12)
    assert np.all(lines["reference"].y > 0) and np.ptp(lines["reference"].y) > 0.05


def test_pytorch_update_convention_drifts_away(tmp_path):
    mistake = (ROOT / "solutions" / "mistakes" / "gru" / "pytorch_update_convention.py").read_text()
    lines = _lines(tmp_path, REFERENCE + "\n" + mistake)
    assert np.max(np.abs(lines["student"].y - lines["reference"].y)) > 0.05


def test_failing_forward_gives_a_message(tmp_path):
    lines = _lines(tmp_path, REFERENCE + "\ndef gru_forward(x, h0, Wx, Wh, b):\n    return x, None\n")
    assert lines["student"].y.size == 0 and "shape expected" in lines["student"].problem
    assert lines["reference"].y.shape == (gru.T,)
