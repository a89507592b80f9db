"""The init picture, built with the real sandbox from the reference and from broken submissions."""

from __future__ import annotations

import numpy as np

from conftest import ROOT
from plot_support import build_chart
from grader.feedback.plots import init as plot


def chart_of(tmp_path, source: str):
    return build_chart(tmp_path / "submission", "init", source)


def lines(chart):
    (panel,) = chart.panels
    assert panel.log_y
    return {line.label: line for line in panel.lines}


def test_reference_keeps_the_signal_and_the_bad_scales_explode_and_vanish(tmp_path):
    got = lines(chart_of(tmp_path, (ROOT / "solutions" / "init.py").read_text()))
    for label, _, _ in plot.SETUPS:
        line = got[f"{label} (yours)"]
        assert not line.problem and line.y.shape == (plot.DEPTH,)
        assert np.array_equal(line.x, np.arange(1, plot.DEPTH + 1))
        # A matched variance keeps the scale within a small factor over 20 layers.
        assert 0.2 < line.y[-1] / line.y[0] < 5, (label, line.y)
    exploding, vanishing = got["N(0, 1), ReLU: explodes"], got["N(0, 0.01²), ReLU: vanishes"]
    # A ReLU layer of N(0, s²) weights scales the signal by s·sqrt(WIDTH / 2): over DEPTH − 1
    # layers that is ~1e14 for s = 1 and ~1e-24 for s = 0.01 (width 64), allowing 100× for sampling.
    gain = np.sqrt(plot.WIDTH / 2) ** (plot.DEPTH - 1)
    assert exploding.y[-1] / exploding.y[0] > gain / 100 > 1e10
    assert vanishing.y[-1] / vanishing.y[0] < 100 * 0.01 ** (plot.DEPTH - 1) * gain < 1e-10
    assert exploding.role == vanishing.role == "reference"


def test_a_wrong_variance_vanishes_and_a_missing_function_leaves_a_message(tmp_path):
    source = (ROOT / "solutions" / "init.py").read_text()
    # He with the standard deviation 2 / fan_in: the signal shrinks at every layer; no lecun_normal.
    source = source.replace("rng.normal(0.0, np.sqrt(2.0 / fan_in)", "rng.normal(0.0, (2.0 / fan_in)")
    source = source.replace("def lecun_normal(", "def lecun_normal_renamed(")
    got = lines(chart_of(tmp_path, source))
    he = got["He, ReLU (yours)"]
    assert not he.problem and he.y[-1] < 1e-10 * he.y[0]
    lecun = got["LeCun, SELU (yours)"]
    assert lecun.problem and "lecun_normal" in lecun.problem and lecun.y.size == 0
    assert not got["Xavier (uniform), tanh (yours)"].problem
