"""`grader validate [NAME...]`: the instructor's check of the test suites themselves."""

from __future__ import annotations

import sys

import click
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from grader.course import load_course
from grader.engine.validate import validate_assignment


@click.command("validate")
@click.argument("names", nargs=-1)
@click.option("--seed", type=int, default=0, show_default=True, help="Seed for the tests' random inputs.")
def command(names: tuple[str, ...], seed: int) -> None:
    """Check each assignment's tests: the reference scores full marks, the template 0,
    every known mistake loses points, and every hidden test catches some mistake.

    Exits 1 on any violation.
    """
    course = load_course()
    unknown = [n for n in names if n not in course]
    if unknown:
        raise click.UsageError(f"unknown assignment(s): {', '.join(unknown)}")
    console = Console(highlight=False)
    ok = True
    for name in names or tuple(course):
        validation = validate_assignment(course[name], seed=seed)
        table = Table(title=f"{name}: {'ok' if validation.ok else 'PROBLEMS'}", title_justify="left")
        for column in ("Subject", "Score", "Problem"):
            table.add_column(column)
        for part in validation.missing:
            table.add_row("missing", "", f"[red]{escape(part)}[/red]")
        for row in validation.rows:
            table.add_row(row.subject, f"{row.score:g}/{row.max_score:g}",
                          f"[red]{escape(row.problem)}[/red]" if row.problem else "[green]ok[/green]")
        for test in validation.uncovered:
            table.add_row("hidden test", "", f"[red]no known mistake fails {escape(test)!r}[/red]")
        console.print(table)
        ok = ok and validation.ok
    sys.exit(0 if ok else 1)
