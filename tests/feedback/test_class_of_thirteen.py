"""A class run over all thirteen assignments: every column in the gradebook, every picture
on the feedback page, each drawn as well-formed SVG (through the real CLI)."""

from __future__ import annotations

import csv
import re
import xml.etree.ElementTree as ET

from conftest import run_grader
from grader.authoring.regions import without_markers
from grader.course import load_course
from grader.feedback.plots import BUILDERS

PICTURED = {"nag", "clipping", *BUILDERS}


def test_batch_over_all_thirteen_assignments_has_their_columns_and_pictures(tmp_path):
    course = load_course()
    student = tmp_path / "class" / "ada"
    student.mkdir(parents=True)
    for name, assignment in course.items():
        (student / f"{name}.py").write_text(without_markers(assignment.solution.read_text(), name))
    proc = run_grader("batch", str(tmp_path / "class"), "-a", "all", "--out", str(tmp_path / "out"))
    assert proc.returncode == 0, proc.stderr[-2000:]

    with (tmp_path / "out" / "gradebook.csv").open() as fh:
        rows = list(csv.DictReader(fh))
    assert list(rows[0]) == ["student", *course, "total"]
    assert rows[0]["total"] == "130" and all(rows[0][name] == "10" for name in course)

    page = (tmp_path / "out" / "feedback" / "ada.html").read_text()
    sections = dict(re.findall(r"<section><h2>(\w+): (.*?)</section>", page, re.S))
    assert set(sections) == set(course)
    for name in sorted(PICTURED):
        svgs = re.findall(r"<svg.*?</svg>", sections[name], re.S)
        assert svgs, f"{name}: no picture on the feedback page"
        for svg in svgs:
            ET.fromstring(svg)  # well-formed: a browser draws it
        assert 'class="problem"' not in sections[name], f"{name}: the reference's picture reports a problem"
