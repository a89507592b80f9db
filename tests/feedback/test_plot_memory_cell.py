"""The memory_cell picture: the student's design run by the reference cell, beside the task."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from plot_support import build_chart

ROOT = Path(__file__).resolve().parents[2]
REFERENCE = (ROOT / "solutions" / "memory_cell.py").read_text()


def _chart(tmp_path, source: str, name: str = "student"):
    return build_chart(tmp_path / name, "memory_cell", source)


def _lines(chart, panel: int):
    return {line.role: line for line in chart.panels[panel].lines}


def test_reference_design_follows_the_task(tmp_path):
    chart = _chart(tmp_path, REFERENCE)
    assert [p.title for p in chart.panels] == ["memory c_t", "output y_t"]
    for panel in (0, 1):
        lines = _lines(chart, panel)
        assert not lines["student"].problem
        np.testing.assert_allclose(lines["student"].y, lines["reference"].y, atol=0.05)
        np.testing.assert_array_equal(lines["student"].x, np.arange(1, 10))
    np.testing.assert_array_equal(_lines(chart, 1)["reference"].y, [0, 0, 0, 0, 0, 7, 0, 0, 6])


def test_design_that_resets_on_additions_shows_a_wrong_memory(tmp_path):
    mistake = (ROOT / "solutions" / "mistakes" / "memory_cell" / "design_resets_on_add.py").read_text()
    chart = _chart(tmp_path, REFERENCE + "\n" + mistake)
    memory = _lines(chart, 0)
    # The design resets at every addition: after steps 2 and 4 the memory holds only 3, then 4.
    assert abs(memory["student"].y[3] - 4.0) < 0.05 and memory["reference"].y[3] == 7.0


def test_broken_design_gives_a_message_instead_of_a_line(tmp_path):
    chart = _chart(tmp_path, REFERENCE + "\ndef design_memory_cell():\n    return {'wz': [1, 0, 0]}\n")
    for panel in (0, 1):
        student = _lines(chart, panel)["student"]
        # The grader's own message (checks.memory_task.as_design): which keys are missing.
        assert student.y.size == 0 and "no key 'wi', 'wf', 'wo', 'bz'" in student.problem
    chart = _chart(tmp_path, REFERENCE + "\ndef design_memory_cell():\n    raise RuntimeError('no')\n", "raises")
    assert "RuntimeError" in _lines(chart, 1)["student"].problem
