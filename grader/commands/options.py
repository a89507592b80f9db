"""Options shared by several commands."""

from __future__ import annotations

import click

FORMATS = ("text", "json")

assignment_option = click.option(
    "--assignment", "-a", default="all", show_default=True,
    help="Assignment name (see `grader list`), or `all` for every assignment found in PATH.")
seed_option = click.option(
    "--seed", type=int, default=0, show_default=True,
    help="Seed for the tests' random inputs (e.g. derived per student).")
output_option = click.option(
    "--output", "-o", type=click.Path(dir_okay=False, writable=True), default=None,
    help="Write the report to this file instead of standard output.")
