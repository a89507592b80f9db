"""The feedback page: self-contained, escaped, with pictures computed through the sandbox."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import numpy as np
import pytest

from grader.engine.grade import GradeOptions, grade_submission
from grader.feedback.figures import Curves, Series, Trajectories, gather_figures
from grader.feedback.pictures import curves_svg, trajectory_svg
from grader.model import AssignmentResult, Status, SubmissionResult, TestResult
from grader.render import feedback_html

ROOT = Path(__file__).resolve().parents[2]
REFERENCE = (ROOT / "solutions" / "nag.py").read_text()
EVIL = "<script>alert('x')</script><img src=x onerror=alert(1)>"


class _Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags, self.attrs = [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attrs += [name for name, _ in attrs]


def _parse(page: str) -> _Tags:
    parser = _Tags()
    parser.feed(page)
    return parser


def _submission(tmp_path, source: str) -> Path:
    folder = tmp_path / "student"
    folder.mkdir()
    (folder / "nag.py").write_text(source)
    return folder


def _page(tmp_path, source: str):
    path = _submission(tmp_path, source)
    options = GradeOptions()
    result = grade_submission(path, ["nag"], options)
    figures = gather_figures(path, result, options)
    return result, figures, feedback_html.render(result, figures=figures, student="ann")


def test_student_text_is_escaped_and_nothing_external_is_loaded():
    test = TestResult(f"name {EVIL}", Status.ERROR, 0.0, 1.0, f"`nag_step` raised ValueError: {EVIL}", False)
    result = SubmissionResult((AssignmentResult("nag", (test,), (f"warn {EVIL}",), f"src{EVIL}.py"),))
    page = feedback_html.render(result, student=f"stu{EVIL}")
    tags = _parse(page)
    assert "script" not in tags.tags and "img" not in tags.tags
    assert "onerror" not in tags.attrs and "src" not in tags.attrs and "href" not in tags.attrs
    assert page.count("&lt;script&gt;") >= 4
    assert "default-src 'none'" in page


def test_reference_path_matches_reference_and_svg_is_well_formed(tmp_path):
    _, figures, page = _page(tmp_path, REFERENCE)
    (fig,) = figures
    assert isinstance(fig, Trajectories) and not fig.problem
    assert fig.student.shape == (41, 2)
    np.testing.assert_allclose(fig.student, fig.reference, rtol=1e-12)
    svg = page[page.index("<svg"):page.index("</svg>") + 6]
    root = ET.fromstring(svg)
    assert len(root.findall(".//{http://www.w3.org/2000/svg}polyline")) >= 9  # contours + two paths


def test_plain_momentum_path_differs_from_reference(tmp_path):
    mistake = (ROOT / "solutions" / "mistakes" / "nag" / "gradient_at_theta.py").read_text()
    _, (fig,), _ = _page(tmp_path, REFERENCE + "\n" + mistake)
    assert np.abs(fig.student - fig.reference).max() > 0.1


def test_broken_optimize_falls_back_to_nag_step(tmp_path):
    source = REFERENCE + "\ndef optimize(*args, **kwargs):\n    raise RuntimeError('oops <b>')\n"
    _, (fig,), page = _page(tmp_path, source)
    assert fig.student is not None and "nag_step" in fig.note
    np.testing.assert_allclose(fig.student, fig.reference, rtol=1e-12)
    assert "oops &lt;b&gt;" in page


def test_failing_functions_give_a_message_instead_of_a_picture(tmp_path):
    source = REFERENCE + "\ndef optimize(*a, **k):\n    raise RuntimeError('no')\n" \
                         "\ndef nag_step(*a, **k):\n    return None\n"
    _, (fig,), page = _page(tmp_path, source)
    assert fig.student is None and "Your path could not be drawn" in page
    assert "returned None" in fig.problem


def test_diverging_path_draws_no_nan_and_curves_mark_overflow():
    a = np.diag([1.0, 12.0])
    student = np.array([[-2.0, 2.5], [1e300, -1e300], [np.inf, np.nan]])
    fig = Trajectories("nag", a, np.zeros(2), np.zeros(2), np.array([[-2.0, 2.5], [0.0, 0.0]]), student)
    svg = trajectory_svg(fig)
    coordinates = _coordinates(ET.fromstring(svg))
    assert coordinates and all(np.isfinite(c) and abs(c) <= 1e4 for c in coordinates)
    assert "overflowed" in svg
    curves = Curves("clipping", (Series("without clipping", np.array([3e4, 1e248]), diverged=True),
                                 Series("with clipping", np.geomspace(3e4, 1e-3, 30))))
    drawn = curves_svg(curves)
    coordinates = _coordinates(ET.fromstring(drawn))
    assert coordinates and all(np.isfinite(c) and abs(c) <= 1e4 for c in coordinates)
    assert "overflow" in drawn


def _coordinates(svg_root) -> list[float]:
    """Every number in the points/cx/cy/x/y attributes of an SVG tree."""
    values = []
    for element in svg_root.iter():
        for key in ("points", "cx", "cy", "x", "y"):
            for token in element.get(key, "").replace(",", " ").split():
                values.append(float(token))
    return values


def test_clipping_picture_from_the_reference():
    source = ROOT / "solutions" / "clipping.py"
    if not (ROOT / "assignments" / "clipping" / "assignment.toml").is_file() or not source.is_file():
        pytest.skip("the clipping assignment is not in this course")
    options = GradeOptions()
    result = grade_submission(source, ["clipping"], options)
    (fig,) = gather_figures(source, result, options)
    plain, clipped = fig.series
    assert plain.diverged and len(plain.values) < 5
    assert not clipped.diverged and clipped.values[-1] < 1e-3 * clipped.values[0]
    page = feedback_html.render(result, figures=(fig,))
    assert page.count("<svg") == 1 and "with clipping" in page
