"""Writing a result and choosing the exit code: shared by the grading commands."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from grader import render
from grader.container import grading
from grader.container.config import ContainerConfig, ContainerError, from_environment
from grader.container.run import ContainerFailed
from grader.files import write_atomic
from grader.model import SubmissionResult

EXIT_PASSED, EXIT_FAILED, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3


def exit_code(result: SubmissionResult) -> int:
    if result.internal_error:
        return EXIT_INTERNAL
    return EXIT_PASSED if result.all_passed else EXIT_FAILED


def emit(result: SubmissionResult, fmt: str, output: str | None, **options) -> None:
    """Render ``result`` in ``fmt`` to ``output`` (a file) or standard output."""
    if fmt == "text" and output is None:
        options.setdefault("color", sys.stdout.isatty())
    text = render.render(fmt, result, **options)
    if output:
        write_atomic(Path(output), text)
        click.echo(f"wrote {output}", err=True)
    else:
        click.echo(text, nl=False)


def finish(result: SubmissionResult) -> None:
    code = exit_code(result)
    if code == EXIT_INTERNAL:
        click.echo("grader: internal error while grading (see the log above); results were written "
                   "with the affected checks marked `error`", err=True)
    sys.exit(code)


def container_config(container: bool, image: str | None, rootfs: str | None) -> ContainerConfig | None:
    """The container ``--container`` asks for (None without it); a usage error if unusable."""
    if not container:
        if image or rootfs:
            raise click.UsageError("--container-image and --container-rootfs need --container")
        return None
    try:
        config = from_environment(image, rootfs)
    except ContainerError as exc:
        raise click.UsageError(str(exc)) from None
    click.echo(f"grading in a container: {config.describe()}", err=True)
    return config


def grade_in_container(config: ContainerConfig, request: grading.GradeRequest) -> SubmissionResult:
    """The result the grader in the container gave; exits 2 or 3 (with why) when it gave none."""
    try:
        return grading.grade(config, request)
    except ContainerFailed as exc:
        click.echo(f"grader: {exc}", err=True)
        sys.exit(exc.code)
