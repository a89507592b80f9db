"""The hint text of each known mistake, for the report's misconception table."""

from __future__ import annotations

from grader.course import CourseError, load_course
from grader.engine.reference import load_mistakes


def mistake_hints(assignments) -> dict[tuple[str, str], str]:
    """(assignment, mistake name) → its HINT; assignments the course lacks give none."""
    try:
        course = load_course()
    except CourseError:
        return {}
    hints = {}
    for name in assignments:
        if name not in course:
            continue
        try:
            mistakes = load_mistakes(course[name])
        except (CourseError, OSError, SyntaxError):
            continue
        hints.update({(name, m.name): m.hint for m in mistakes})
    return hints
