"""`grader new NAME`: the skeleton of a new assignment, to fill in and validate."""

from __future__ import annotations

from pathlib import Path

import click

from grader.authoring.scaffold import ScaffoldError, authoring_root, scaffold
from grader.course import CourseError

NEXT_STEPS = """\
Next (docs/AUTHORING.md walks through each step):
  1. declare your functions in assignments/{name}/assignment.toml, write the reference in
     solutions/{name}.py (answers between ### BEGIN SOLUTION / ### END SOLUTION)
  2. replace the example tests in assignments/{name}/test_public.py and test_hidden.py
  3. add at least 6 known mistakes to solutions/mistakes/{name}/
  4. grader release --update-templates, then grader validate {name} until it says ok"""


@click.command("new")
@click.argument("name")
@click.option("--title", default="", help="The assignment's title (default: NAME).")
def command(name: str, title: str) -> None:
    """Write the skeleton of assignment NAME into the course (the source checkout, or
    GRADER_COURSE): assignments/NAME/, solutions/NAME.py and solutions/mistakes/NAME/.

    Never overwrites: an existing assignment of that name is refused (exit 2).
    """
    try:
        root = authoring_root()
        written = scaffold(root, name, title)
    except (ScaffoldError, CourseError) as exc:
        raise click.UsageError(str(exc)) from None
    for path in written:
        click.echo(_shown(path, root) + ("/" if path.is_dir() else ""))
    click.echo(NEXT_STEPS.format(name=name), err=True)
    click.echo(f"Until then, `grader validate {name}` lists what is still missing.", err=True)


def _shown(path: Path, root: Path) -> str:
    return str(path.relative_to(root))
