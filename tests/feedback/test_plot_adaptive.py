"""The `adaptive` picture, built through the real sandbox from a submission file."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from plot_support import build_chart
from grader.feedback.plots import adaptive as plot

ROOT = Path(__file__).resolve().parents[2]
REFERENCE = (ROOT / "solutions" / "adaptive.py").read_text()
# RMSprop with its weights swapped, and a run_adaptive that fails for Adam.
BROKEN = REFERENCE + '''

def rmsprop_step(theta, grad, cache, lr, decay=0.9, eps=1e-8):
    cache_next = (1 - decay) * cache + decay * grad ** 2
    return theta - lr * grad / (np.sqrt(cache_next) + eps), cache_next


_run = run_adaptive


def run_adaptive(grad_fn, theta0, method, lr, num_steps=100):
    if method == "adam":
        raise RuntimeError("adam is not finished")
    return _run(grad_fn, theta0, method, lr, num_steps)
'''


def chart_of(tmp_path, source: str):
    return build_chart(tmp_path / "student", "adaptive", source)


def lines_by_label(panel):
    return {line.label: line for line in panel.lines}


def test_reference_paths_match_and_reach_the_valley_floor(tmp_path):
    chart = chart_of(tmp_path, REFERENCE)
    assert [p.title for p in chart.panels] == ["AdaGrad", "RMSprop", "Adam", "J(θ_t) − J(θ*)"]
    for panel in chart.panels[:3]:
        lines = lines_by_label(panel)
        ours, theirs = lines[f"reference {panel.title}"], lines[f"your {panel.title}"]
        assert not theirs.problem and theirs.x.shape == (plot.STEPS + 1,)
        np.testing.assert_allclose(theirs.x, ours.x, rtol=1e-12)
        np.testing.assert_allclose(theirs.y, ours.y, rtol=1e-12)
        assert (theirs.x[0], theirs.y[0]) == plot.START
        # Every method gets much closer to the minimum than where it started.
        end = np.hypot(theirs.x[-1] - plot.MINIMIZER[0], theirs.y[-1] - plot.MINIMIZER[1])
        assert end < 0.25 * np.hypot(plot.START[0] - plot.MINIMIZER[0], plot.START[1] - plot.MINIMIZER[1])
        nag = lines[plot.NAG]
        assert nag.role == plot.NAG and np.hypot(nag.x[-1] - 1.0, nag.y[-1] - 0.5) < 0.05
    # The first adaptive steps move both coordinates by about lr, whatever the slope.
    adagrad = lines_by_label(chart.panels[0])["your AdaGrad"]
    np.testing.assert_allclose([adagrad.x[1] - adagrad.x[0], adagrad.y[1] - adagrad.y[0]], [1.0, -1.0], rtol=1e-6)
    gaps = chart.panels[3]
    assert gaps.log_y and {line.label for line in gaps.lines} == {"AdaGrad", "RMSprop", "Adam", plot.NAG}
    for line in gaps.lines:
        assert np.all(line.y >= plot.GAP_FLOOR) and np.all(np.isfinite(line.y))
        assert line.y[-1] < 0.05 * line.y[0]
    assert not chart.notes and not chart.problem


def test_broken_submission_shows_its_own_path_and_what_failed(tmp_path):
    chart = chart_of(tmp_path, BROKEN)
    rmsprop = lines_by_label(chart.panels[1])
    theirs, ours = rmsprop["your RMSprop"], rmsprop["reference RMSprop"]
    assert not theirs.problem and theirs.x.shape == ours.x.shape
    assert np.max(np.hypot(theirs.x - ours.x, theirs.y - ours.y)) > 0.1  # a visibly different path
    adam = lines_by_label(chart.panels[2])["your Adam"]
    assert adam.x.size == 0 and "run_adaptive" in adam.problem and "RuntimeError" in adam.problem
    assert lines_by_label(chart.panels[2])["reference Adam"].x.shape == (plot.STEPS + 1,)
    gaps = lines_by_label(chart.panels[3])
    assert gaps["Adam"].problem and gaps["AdaGrad"].y.shape == (plot.STEPS + 1,)


@pytest.mark.parametrize("body, expected", [
    ("return np.full((3, 2), np.nan)", "expected shape (81, 2)"),
    ("return None", "NoneType"),
])
def test_unusable_trajectories_become_messages(tmp_path, body, expected):
    source = REFERENCE + f"\n\ndef run_adaptive(grad_fn, theta0, method, lr, num_steps=100):\n    {body}\n"
    chart = chart_of(tmp_path, source)
    for panel in chart.panels[:3]:
        line = lines_by_label(panel)[f"your {panel.title}"]
        assert line.x.size == 0 and expected in line.problem


def test_a_diverging_path_is_cut_before_its_first_non_finite_row(tmp_path):
    source = REFERENCE + '''

_run = run_adaptive


def run_adaptive(grad_fn, theta0, method, lr, num_steps=100):
    path = _run(grad_fn, theta0, method, lr, num_steps)
    path[10:] = np.inf
    return path
'''
    chart = chart_of(tmp_path, source)
    line = lines_by_label(chart.panels[0])["your AdaGrad"]
    assert line.x.shape == (10,) and np.all(np.isfinite(line.y))
    assert any("up to step 9" in note for note in chart.notes)
