"""`grader check [PATH]`: a student's self-check with the public tests."""

from __future__ import annotations

from pathlib import Path

import click

from grader.commands.local import grade_here
from grader.commands.options import assignment_names, assignment_option, container_options, format_option
from grader.commands.report import container_config, emit, finish, grade_in_container
from grader.container.grading import GradeRequest


@click.command("check")
@click.argument("path", type=click.Path(exists=True, path_type=Path), default=".")
@assignment_option
@format_option
@container_options
def command(path: Path, assignment: str, fmt: str, container: bool, container_image: str | None,
            container_rootfs: str | None) -> None:
    """Run the public tests on your work in PATH (default: the current folder).

    The final grade also uses hidden tests with other inputs, so passing here is a
    good sign, not a guarantee.
    """
    config = container_config(container, container_image, container_rootfs)
    names = assignment_names(assignment)
    if config is not None:
        result = grade_in_container(config, GradeRequest(path, assignment, hidden=False))
    else:
        result = grade_here(path, names, hidden=False)
    emit(result, fmt, None, combined=names is None or len(names) > 1)
    if result.all_passed:
        click.echo("All public checks pass. The hidden tests use other inputs: "
                   "make sure your code follows the formulas in general.", err=True)
    else:
        click.echo("Some checks do not pass yet: read the messages above, fix, and run "
                   "`grader check` again.", err=True)
    finish(result)
