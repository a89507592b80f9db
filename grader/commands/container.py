"""`grader container build`: the image `--container` grades in; and the grader's half inside it."""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

import click

from grader.commands.local import grade_here
from grader.commands.options import assignment_names, assignment_option, seed_option
from grader.commands.report import EXIT_INTERNAL, EXIT_USAGE
from grader.container import image, transfer
from grader.container.config import ContainerError, from_environment
from grader.files import write_atomic


@click.group("container")
def command() -> None:
    """Build the image that `--container` grades in (see `grader doctor`)."""


@command.command("build")
@click.option("--image", "image_name", default=None, help="Tag of the image (default: $GRADER_CONTAINER_IMAGE, else dl-grader:<version>).")
@click.option("--context", "context", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Only write the build context (Dockerfile and wheel) to this folder; build nothing.")
def build(image_name: str | None, context: Path | None) -> None:
    """Build the grading image from a generated Dockerfile: this grader's wheel on python:3.11-slim.

    Exit codes: 0 built (or context written), 2 no engine or not a source checkout, 3 the build failed.
    """
    try:
        if context is not None:
            click.echo(str(image.write_context(context)))
            return
        config = from_environment(image=image_name)
        with tempfile.TemporaryDirectory(prefix="grader-image-") as folder:
            image.write_context(Path(folder))
            argv = image.build_argv(config, Path(folder))
            click.echo(f"building {config.image}: {' '.join(argv)}", err=True)
            code = subprocess.run(argv, stdin=subprocess.DEVNULL).returncode
    except (ContainerError, image.BuildError) as exc:
        click.echo(f"grader: {exc}", err=True)
        sys.exit(EXIT_USAGE)
    if code != 0:
        click.echo(f"grader: the image build failed (exit code {code})", err=True)
        sys.exit(EXIT_INTERNAL)
    click.echo(config.image)


@command.command("grade-inside", hidden=True)
@click.argument("path", type=click.Path(exists=True, path_type=Path))
@click.option("--result", "result_path", type=click.Path(dir_okay=False, path_type=Path), required=True)
@assignment_option
@seed_option
@click.option("--public-only", is_flag=True)
@click.option("--timeout-scale", type=click.FloatRange(min=0.01), default=1.0)
@click.option("--require-isolation", is_flag=True)
def grade_inside(path: Path, result_path: Path, assignment: str, seed: int, public_only: bool,
                 timeout_scale: float, require_isolation: bool) -> None:
    """Run by `--container` inside the container: grade PATH, write the whole result to RESULT."""
    names = assignment_names(assignment)
    result = grade_here(path, names, hidden=not public_only, seed=seed, timeout_scale=timeout_scale,
                        require_isolation=require_isolation)
    write_atomic(result_path, transfer.dumps(result))
