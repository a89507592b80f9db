"""`grader list`: the assignments with their points."""

from __future__ import annotations

import click
from rich.console import Console
from rich.table import Table

from grader.course import load_course
from grader.engine.grade import collect_points


@click.command("list")
def command() -> None:
    """List the assignments with their public and hidden points."""
    table = Table(title="Assignments", title_justify="left")
    for column in ("Name", "Title", "Public", "Hidden", "Total"):
        table.add_column(column, justify="right" if column in ("Public", "Hidden", "Total") else "left")
    for assignment in load_course().values():
        public, hidden = collect_points(assignment)
        table.add_row(assignment.name, assignment.title, f"{public:g}", f"{hidden:g}", f"{public + hidden:g}")
    Console(highlight=False).print(table)
