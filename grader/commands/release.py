"""`grader release`: the repository students receive, and the templates it is made of.

    grader release OUTDIR [--extra FILE[=DEST] ...]   build the student repository
    grader release --update-templates                 regenerate student_templates/
    grader release --check                            fail when student_templates/ drifts

Templates come from the reference solutions by one transform (``grader.authoring``).
Before writing a release, a leak check refuses it if any answer line, known-mistake
file or hidden test would be inside. ``--extra`` adds files produced elsewhere, e.g.
the GitHub Classroom workflow: ``--extra classroom.yml=.github/workflows/classroom.yml``.
Exit codes: 0 done, 1 drift / leak / broken solution markers (nothing written), 2 usage.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from grader.authoring.leaks import LeakError
from grader.authoring.regions import MarkerError
from grader.authoring.release import build_release
from grader.authoring.templates import drift, update_templates
from grader.commands.report import EXIT_FAILED
from grader.course import CourseError, course_root


@click.command("release")
@click.argument("outdir", required=False, type=click.Path(file_okay=False, path_type=Path))
@click.option("--check", "check_only", is_flag=True,
              help="Exit 1, naming the files, if student_templates/ differs from the generated templates.")
@click.option("--update-templates", is_flag=True,
              help="Rewrite student_templates/*.py and *.ipynb from solutions/ (every assignment with a solution).")
@click.option("--extra", multiple=True, metavar="FILE[=DEST]",
              help="Add FILE to the release (at DEST, default its name), e.g. a Classroom workflow. Repeatable.")
def command(outdir: Path | None, check_only: bool, update_templates: bool, extra: tuple[str, ...]) -> None:
    """Build the student repository in OUTDIR, or check / update the templates."""
    chosen = [flag for flag, on in (("OUTDIR", outdir), ("--check", check_only),
                                    ("--update-templates", update_templates)) if on]
    if len(chosen) != 1:
        raise click.UsageError("give exactly one of OUTDIR, --check, --update-templates")
    try:
        root = course_root()
        if check_only:
            _check(root)
        elif update_templates:
            _update(root)
        else:
            _release(root, outdir, _extra_files(extra))
    except (MarkerError, LeakError) as exc:
        click.echo(f"grader release: {exc}", err=True)
        sys.exit(EXIT_FAILED)
    except (CourseError, FileExistsError, ValueError) as exc:
        raise click.UsageError(str(exc)) from None


def _check(root: Path) -> None:
    problems = drift(root)
    for problem in problems:
        click.echo(problem, err=True)
    if problems:
        click.echo("student_templates/ is out of date: run `grader release --update-templates`", err=True)
        sys.exit(EXIT_FAILED)
    click.echo("student_templates/ matches the solutions", err=True)


def _update(root: Path) -> None:
    written, removed = update_templates(root)
    for name in written:
        click.echo(f"wrote student_templates/{name}")
    for name in removed:
        click.echo(f"removed student_templates/{name} (no solution)")
    if not written and not removed:
        click.echo("student_templates/ already up to date", err=True)


def _release(root: Path, outdir: Path, extra: dict[str, bytes]) -> None:
    written = build_release(root, outdir, extra)
    click.echo(f"wrote {len(written)} files to {outdir} (leak check passed)", err=True)
    click.echo(str(outdir))


def _extra_files(specs: tuple[str, ...]) -> dict[str, bytes]:
    files = {}
    for spec in specs:
        source, _, dest = spec.partition("=")
        path = Path(source)
        if not path.is_file():
            raise click.UsageError(f"--extra {spec}: {source} is not a file")
        files[dest or path.name] = path.read_bytes()
    return files
