"""Options shared by several commands."""

from __future__ import annotations

import click

from grader import render


assignment_option = click.option(
    "--assignment", "-a", default="all", show_default=True,
    help="Assignment name (see `grader list`), several separated by commas, or `all` for every "
         "assignment found in PATH.")


def assignment_names(value: str) -> list[str] | None:
    """The names an --assignment value gives; None for `all`."""
    return None if value == "all" else [n.strip() for n in value.split(",") if n.strip()]
seed_option = click.option(
    "--seed", type=int, default=0, show_default=True,
    help="Seed for the tests' random inputs (e.g. derived per student).")
format_option = click.option(
    "--format", "fmt", type=click.Choice(render.available()), default="text", show_default=True,
    help="Report format.")
output_option = click.option(
    "--output", "-o", type=click.Path(dir_okay=False, writable=True), default=None,
    help="Write the report to this file instead of standard output.")



def container_options(function):
    """``--container``, ``--container-image``, ``--container-rootfs`` (see ``grader.container.config``)."""
    function = click.option(
        "--container-rootfs", type=click.Path(exists=True, file_okay=False), default=None,
        help="With --container: use this folder as the container's root filesystem instead of an image "
             "(e.g. the host's / bind-mounted there; default $GRADER_CONTAINER_ROOTFS).")(function)
    function = click.option(
        "--container-image", default=None,
        help="With --container: the image (default $GRADER_CONTAINER_IMAGE, else dl-grader:<version>, "
             "built by `grader container build`).")(function)
    return click.option(
        "--container", "container", is_flag=True,
        help="Grade inside a Docker or Podman container, where the grader is root and the full isolation "
             "applies (engine options: $GRADER_CONTAINER_ENGINE, $GRADER_CONTAINER_OPTIONS).")(function)
