"""The report as an HTML fragment for a Jupyter output cell: a table per assignment.

Pure: ``render(result) -> str``. Everything from a test (names, messages, which can
quote a student's exception text) is escaped, so it cannot restyle or forge the report.
"""

from __future__ import annotations

from html import escape

from grader.model import AssignmentResult, Status, SubmissionResult

COLOURS = {Status.PASSED: "#1a7f37", Status.FAILED: "#cf222e", Status.ERROR: "#cf222e",
           Status.TIMEOUT: "#8250df", Status.MISSING: "#9a6700", Status.SKIPPED: "#6e7781"}
CELL = "text-align:left;vertical-align:top;padding:2px 8px"


def _points(x: float) -> str:
    return f"{x:g}"


def _row(*cells: str, tag: str = "td") -> str:
    return "<tr>" + "".join(f'<{tag} style="{CELL}">{c}</{tag}>' for c in cells) + "</tr>"


def _table(result: AssignmentResult) -> str:
    title = f"{result.assignment} ({result.source})" if result.source else result.assignment
    rows = [_row("Test", "Points", "Status", "Message", tag="th")]
    for test in result.tests:
        status = f'<span style="color:{COLOURS[test.status]};font-weight:bold">{test.status.value}</span>'
        message = escape(test.output).replace("\n", "<br>")
        rows.append(_row(escape(test.name), f"{_points(test.score)}/{_points(test.max_score)}", status, message))
    return (f"<table><caption style=\"text-align:left\"><b>{escape(title)}</b></caption>"
            f"{''.join(rows)}</table>"
            f"<p><b>{escape(result.assignment)}: {_points(result.score)} / {_points(result.max_score)}</b></p>")


def render(result: SubmissionResult, *, notes: tuple[str, ...] = (), conclusion: str = "", **_options) -> str:
    """``notes``: lines for the reader below the tables (e.g. cells left out);
    ``conclusion``: a closing sentence."""
    parts = [_table(assignment) for assignment in result.results]
    if len(result.results) > 1:
        parts.append(f"<p><b>Total: {_points(result.score)} / {_points(result.max_score)}</b></p>")
    parts += [f"<p><b>warning:</b> {escape(w)}</p>" for w in result.warnings]
    parts += [f"<p><b>note:</b> {escape(n)}</p>" for n in notes]
    if conclusion:
        parts.append(f"<p>{escape(conclusion)}</p>")
    return '<div class="grader-check">' + "".join(parts) + "</div>"
