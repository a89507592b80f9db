"""The `activations` picture, built through the real sandbox from a submission file."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from plot_support import build_chart
from grader.feedback.plots import activations as plot

ROOT = Path(__file__).resolve().parents[2]
REFERENCE = (ROOT / "solutions" / "activations.py").read_text()
LAMBDA, ALPHA = 1.0507009873554805, 1.6732632423543772
ZERO = 60  # plot.X[ZERO] == 0
# ReLU's gradient taken at x >= 0, SELU without λ on the negative side, a PReLU backward
# that fails and a leaky ReLU forward that raises.
BROKEN = REFERENCE + '''

def relu_backward(dout, cache):
    return dout * (cache >= 0)


def selu_forward(x):
    return np.where(x > 0, SELU_LAMBDA * x, SELU_ALPHA * np.expm1(np.minimum(x, 0.0))), x


def prelu_backward(dout, cache):
    raise RuntimeError("prelu backward is not finished")


def leaky_relu_forward(x, alpha=0.01):
    raise ValueError("leaky is not finished")
'''


def chart_of(tmp_path, source: str):
    return build_chart(tmp_path / "student", "activations", source)


def lines_of(panel):
    return {line.label.replace(panel.title, "f"): line for line in panel.lines}


def test_reference_curves_and_derivatives(tmp_path):
    chart = chart_of(tmp_path, REFERENCE)
    assert plot.X[ZERO] == 0.0
    assert [p.title for p in chart.panels] == ["ReLU", "leaky ReLU (α = 0.1)", "PReLU (α = 0.25)", "SELU"]
    slopes_at_zero = [0.0, 0.1, 0.25, LAMBDA * ALPHA]
    for panel, at_zero in zip(chart.panels, slopes_at_zero):
        lines = lines_of(panel)
        assert set(lines) == {"reference f", "reference f′", "your f", "your f′"}
        for kind in ("f", "f′"):
            mine, ref = lines[f"your {kind}"], lines[f"reference {kind}"]
            assert not mine.problem and mine.y.shape == plot.X.shape
            np.testing.assert_allclose(mine.y, ref.y, rtol=1e-12)
        slope = lines["your f′"].y
        assert slope[ZERO] == at_zero  # x = 0 takes the negative side
        assert np.all(slope[ZERO + 1:] > 1.0 - 1e-12)  # slope 1 (λ for SELU) on the right
        value = lines["your f"].y
        assert value[-1] > 2.9 and value[ZERO] == 0.0
    selu = lines_of(chart.panels[3])["your f"].y
    np.testing.assert_allclose(selu[0], LAMBDA * ALPHA * np.expm1(-3.0), rtol=1e-12)


def test_broken_submission_shows_its_own_curves_and_what_failed(tmp_path):
    chart = chart_of(tmp_path, BROKEN)
    relu = lines_of(chart.panels[0])
    assert relu["your f′"].y[ZERO] == 1.0 and relu["reference f′"].y[ZERO] == 0.0
    np.testing.assert_allclose(relu["your f"].y, relu["reference f"].y)
    selu = lines_of(chart.panels[3])
    negative = plot.X < 0
    np.testing.assert_allclose(selu["your f"].y[negative] * LAMBDA, selu["reference f"].y[negative], rtol=1e-12)
    prelu = lines_of(chart.panels[2])
    assert not prelu["your f"].problem  # the forward still draws
    assert prelu["your f′"].y.size == 0 and "RuntimeError" in prelu["your f′"].problem
    leaky = lines_of(chart.panels[1])
    assert leaky["your f"].y.size == 0 and "ValueError" in leaky["your f"].problem
    assert "needs leaky_relu_forward" in leaky["your f′"].problem


def test_unusable_values_become_messages(tmp_path):
    source = REFERENCE + ("\n\ndef selu_forward(x):\n    return np.exp(-x) * 0 * np.inf, x\n"
                          "\n\ndef relu_forward(x):\n    return np.maximum(x, 0)[:10], x\n")
    chart = chart_of(tmp_path, source)
    relu = lines_of(chart.panels[0])
    assert relu["your f"].y.size == 0 and "expected shape (121,)" in relu["your f"].problem
    selu = lines_of(chart.panels[3])
    assert selu["your f"].y.size == 0 and "not finite at x = -3" in selu["your f"].problem
    assert selu["your f′"].y.shape == plot.X.shape  # the backward works on the forward's cache
