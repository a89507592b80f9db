"""`grader grade PATH`: grade one submission with every test, public and hidden."""

from __future__ import annotations

import os
from pathlib import Path

import click

from grader import render
from grader.commands.options import (assignment_names, assignment_option, container_options, format_option,
                                     output_option, seed_option)
from grader.commands.local import grade_here
from grader.commands.report import container_config, emit, finish, grade_in_container
from grader.container.grading import GradeRequest
from grader.export.github import append_step_output, step_id
from grader.model import SubmissionResult


@click.command("grade")
@click.argument("path", type=click.Path(exists=True, path_type=Path))
@assignment_option
@format_option
@output_option
@seed_option
@click.option("--public-only", is_flag=True, help="Run only the public tests (what `grader check` runs).")
@click.option("--timeout-scale", type=click.FloatRange(min=0.01), default=1.0, show_default=True,
              help="Multiply every time limit (e.g. 3 on a slow machine).")
@click.option("--require-isolation", is_flag=True,
              help="Refuse to grade unless student code runs in namespaces as an unprivileged user.")
@click.option("--github-output", is_flag=True,
              help="Also append the report as the step output `result` to the file named by "
                   "$GITHUB_OUTPUT (GitHub Actions; use with --format classroom), with each "
                   "assignment's own report as the output named by its letters and digits (`nag`), "
                   "and a Markdown report of every check and message to $GITHUB_STEP_SUMMARY.")
@container_options
def command(path: Path, assignment: str, fmt: str, output: str | None, seed: int, public_only: bool,
            timeout_scale: float, require_isolation: bool, github_output: bool, container: bool,
            container_image: str | None, container_rootfs: str | None) -> None:
    """Grade the submission at PATH (a .py or .ipynb file, or a student's folder).

    --assignment takes one name, several separated by commas (graded in one process), or `all`.
    """
    names = assignment_names(assignment)
    if github_output and not os.environ.get("GITHUB_OUTPUT"):
        raise click.UsageError("--github-output needs the GITHUB_OUTPUT environment variable (set by GitHub Actions)")
    config = container_config(container, container_image, container_rootfs)
    if config is not None:
        request = GradeRequest(path, assignment, not public_only, seed, timeout_scale, require_isolation)
        _report(grade_in_container(config, request), fmt, output, names, github_output)
        return
    result = grade_here(path, names, hidden=not public_only, seed=seed, timeout_scale=timeout_scale,
                        require_isolation=require_isolation)
    _report(result, fmt, output, names, github_output)


def _report(result, fmt: str, output: str | None, names: list[str] | None, github_output: bool) -> None:
    """Write the report as asked and exit with the result's code."""
    emit(result, fmt, output, combined=names is None or len(names) > 1)
    if github_output:
        write_step_outputs(Path(os.environ["GITHUB_OUTPUT"]), fmt, result)
        if os.environ.get("GITHUB_STEP_SUMMARY"):  # each check's message, on the run's page
            with open(os.environ["GITHUB_STEP_SUMMARY"], "a", encoding="utf-8") as summary:
                summary.write(render.render("markdown", result))
    finish(result)


def write_step_outputs(path: Path, fmt: str, result: SubmissionResult) -> None:
    """``result`` (everything) and one output per assignment: one grading step can feed
    the Classroom reporter one runner per assignment (``steps.<id>.outputs.<name>``)."""
    append_step_output(path, "result", render.render(fmt, result).strip())
    for one in result.results:
        append_step_output(path, step_id(one.assignment),
                           render.render(fmt, SubmissionResult((one,), one.warnings, result.isolation)).strip())
