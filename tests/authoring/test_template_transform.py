"""The pure transform solution source → template source, on fixture files."""

from __future__ import annotations

import pytest

from authoring_support import FIXTURES, ROOT
from grader.authoring.regions import MarkerError, answer_lines, find_regions
from grader.authoring.template import make_template


@pytest.mark.parametrize("name", ["normal", "indented"])
def test_template_matches_expected_fixture(name):
    solution = (FIXTURES / f"{name}_solution.py").read_text()
    expected = (FIXTURES / f"{name}_template.py").read_text()
    assert make_template(solution, f"{name}_solution.py") == expected


def test_lines_outside_regions_are_kept_verbatim():
    solution = (FIXTURES / "indented_solution.py").read_text()
    inside = {n for r in find_regions(solution, "x") for n in range(r.begin, r.end + 1)}
    template = make_template(solution, "x")
    outside = [line for n, line in enumerate(solution.splitlines(), 1) if n not in inside]
    kept = [line for line in template.splitlines()
            if "YOUR CODE HERE" not in line and "NotImplementedError(" not in line]
    assert kept == outside


def test_stub_keeps_the_region_indentation():
    template = make_template((FIXTURES / "indented_solution.py").read_text(), "x").splitlines()
    indents = [len(line) - len(line.lstrip()) for line in template if "NotImplementedError(" in line]
    assert indents == [8, 8, 8, 0]  # method, nested function, loop body, module level


def test_windows_line_endings_are_kept():
    solution = (FIXTURES / "normal_solution.py").read_text().replace("\n", "\r\n")
    template = make_template(solution, "crlf.py")
    assert template.count("\r\n") == template.count("\n")
    assert template.replace("\r\n", "\n") == (FIXTURES / "normal_template.py").read_text()


def test_template_leaves_no_answer_line_and_compiles():
    solution = (FIXTURES / "normal_solution.py").read_text()
    template = make_template(solution, "x")
    compile(template, "template.py", "exec")
    for _, line in answer_lines(solution, "x"):
        assert line not in template.splitlines()
    assert "BEGIN SOLUTION" not in template and "END SOLUTION" not in template


@pytest.mark.parametrize("fixture, line, phrase", [
    ("nested_markers.py", 5, "nested"),
    ("unbalanced_begin.py", 3, "never closed"),
    ("unbalanced_end.py", 4, "without a matching"),
    ("malformed_marker.py", 3, "malformed"),
])
def test_broken_markers_name_file_and_line(fixture, line, phrase):
    with pytest.raises(MarkerError) as info:
        make_template((FIXTURES / fixture).read_text(), f"fixtures/{fixture}")
    assert info.value.line == line
    assert str(info.value).startswith(f"fixtures/{fixture}:{line}: ")
    assert phrase in str(info.value)


def test_every_course_solution_transforms_to_a_compilable_template():
    solutions = sorted((ROOT / "solutions").glob("*.py"))
    assert solutions, "no solutions found"
    for solution in solutions:
        source = solution.read_text()
        template = make_template(source, solution.name)
        compile(template, solution.name, "exec")
        assert template.count("raise NotImplementedError(") == len(find_regions(source, solution.name)) > 0
