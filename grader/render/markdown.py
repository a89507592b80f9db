"""The report as Markdown: what a GitHub Actions run shows on its summary page.

The Classroom reporter prints a check's message only when the check is an ``error``; a
student whose check *failed* would see a cross and nothing else. ``grade --github-output``
therefore also appends this report to ``$GITHUB_STEP_SUMMARY``: a table per assignment,
with each check's points, status and message. Messages can quote text a submission chose,
so every ASCII punctuation character in them is escaped: none can become a link (not even
a bare URL), an image, markup or a table cell of its own.
"""

from __future__ import annotations

import re

from grader.model import AssignmentResult, SubmissionResult, shown

_SPECIAL = re.compile(r"([!-/:-@\[-`{-~])")  # every ASCII punctuation character (all escapable)
_ICONS = {"passed": "✅", "failed": "❌", "error": "⚠️", "timeout": "⏱️", "missing": "❔", "skipped": "➖"}


def escaped(text: str) -> str:
    """``text`` on one line, every ASCII punctuation character backslash-escaped."""
    return _SPECIAL.sub(r"\\\1", " ".join(str(text).split()))


def _points(x: float) -> str:
    return f"{shown(x):g}"


def _section(result: AssignmentResult) -> list[str]:
    source = f" ({escaped(result.source)})" if result.source else ""
    lines = [f"### {escaped(result.assignment)}{source}: {_points(result.score)} / {_points(result.max_score)}", "",
             "| check | points | status | message |", "| --- | --- | --- | --- |"]
    for test in result.tests:
        name = escaped(test.name) + (" (hidden)" if test.hidden else "")
        status = f"{_ICONS.get(test.status.value, '')} {test.status.value}".strip()
        lines.append(f"| {name} | {_points(test.score)}/{_points(test.max_score)} | {status} | "
                     f"{escaped(test.output)} |")
    lines += [f"- warning: {escaped(w)}" for w in result.warnings]
    return lines + [""]


def render(result: SubmissionResult, **_options) -> str:
    lines = []
    if len(result.results) > 1:
        lines += [f"## Total: {_points(result.score)} / {_points(result.max_score)}", ""]
    for assignment in result.results:
        lines += _section(assignment)
    if result.isolation:
        lines.append(f"isolation: {escaped(result.isolation)}")
    return "\n".join(lines) + "\n"
