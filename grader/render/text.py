"""The human-readable report: a table per assignment, then the total."""

from __future__ import annotations

import io

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from grader.model import AssignmentResult, Status, SubmissionResult

STYLES = {Status.PASSED: "green", Status.FAILED: "red", Status.ERROR: "red bold",
          Status.TIMEOUT: "magenta", Status.MISSING: "yellow", Status.SKIPPED: "dim"}


def _points(x: float) -> str:
    return f"{x:g}"


def _table(result: AssignmentResult, show_hidden_names: bool) -> Table:
    title = f"{result.assignment} ({escape(result.source)})" if result.source else result.assignment
    table = Table(title=title, title_justify="left", expand=False, show_lines=False)
    table.add_column("Test", overflow="fold", max_width=48)
    table.add_column("Points", justify="right", no_wrap=True)
    table.add_column("Status", no_wrap=True)
    table.add_column("Message", overflow="fold", max_width=90)
    for test in result.tests:
        name = escape(test.name) if show_hidden_names or not test.hidden else "hidden test"
        if test.hidden and show_hidden_names:
            name += " [dim](hidden)[/dim]"
        # Messages can quote a student's exception text: escaped, so they cannot restyle
        # or forge the report.
        table.add_row(name,
                      f"{_points(test.score)}/{_points(test.max_score)}",
                      f"[{STYLES[test.status]}]{test.status.value}[/]",
                      escape(test.output))
    return table


def render(result: SubmissionResult, *, width: int = 140, color: bool = False,
           show_hidden_names: bool = True, **_options) -> str:
    buffer = io.StringIO()
    console = Console(file=buffer, width=width, color_system="standard" if color else None,
                      force_terminal=color, force_jupyter=False, highlight=False, emoji=False)
    if result.isolation:
        console.print(f"[dim]isolation: {escape(result.isolation)}[/dim]")
    for assignment in result.results:
        console.print(_table(assignment, show_hidden_names))
        console.print(f"[bold]{assignment.assignment}: {_points(assignment.score)} / "
                      f"{_points(assignment.max_score)}[/bold]\n")
    if len(result.results) > 1:
        console.print(f"[bold]Total: {_points(result.score)} / {_points(result.max_score)}[/bold]")
    for warning in result.warnings:
        console.print(f"[yellow]warning:[/yellow] {escape(warning)}")
    return buffer.getvalue()
