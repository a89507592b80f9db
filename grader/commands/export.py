"""`grader export {gradescope,classroom,otter}`: package assignments for grading platforms."""

from __future__ import annotations

from pathlib import Path

import click

from grader.course import CourseError


def _usage(exc: Exception) -> click.UsageError:
    return click.UsageError(str(exc).strip("'\""))


@click.group("export")
def command() -> None:
    """Export assignments to Gradescope, GitHub Classroom or otter-grader (see docs/PLATFORMS.md)."""


@command.command("gradescope")
@click.argument("name")
@click.argument("out", type=click.Path(dir_okay=False, path_type=Path))
def gradescope(name: str, out: Path) -> None:
    """Write a Gradescope autograder zip for assignment NAME to OUT (e.g. nag-autograder.zip).

    Upload OUT as the assignment's autograder ("Zip file upload"). It holds setup.sh,
    run_autograder, this grader and the assignment's tests and reference solution.
    """
    from grader.export.gradescope import build_zip

    try:
        entries = build_zip(name, out)
    except (KeyError, CourseError) as exc:
        raise _usage(exc) from None
    click.echo(f"wrote {out} ({len(entries)} files): upload it as the Gradescope autograder", err=True)


@command.command("classroom")
@click.argument("outdir", type=click.Path(file_okay=False, path_type=Path))
@click.option("--assignment", "-a", "names", multiple=True,
              help="Assignment to grade in the workflow (repeatable; default: every assignment).")
@click.option("--python", "python_version", default="3.11", show_default=True,
              help="Python version the workflow sets up.")
@click.option("--secret-file", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Also write the hidden-tests bundle (the value of the GRADER_HIDDEN secret) "
                   "to this file. Keep it OUT of the student repository.")
def classroom(outdir: Path, names: tuple[str, ...], python_version: str, secret_file: Path | None) -> None:
    """Write .github/workflows/classroom.yml into OUTDIR (the student release repository)."""
    from grader.export.classroom import checked_bundle, write_hidden_bundle, write_workflow

    try:
        # Everything that can fail comes first: a refused export leaves nothing behind.
        bundle = checked_bundle(list(names) or None) if secret_file is not None else None
        if not any(outdir.glob("*.py")) and not any(outdir.glob("*.ipynb")):
            click.echo(f"note: {outdir} holds no assignment files: is it the student release repository "
                       "(`grader release`)?", err=True)
        workflow = write_workflow(outdir, list(names) or None, python_version)
        click.echo(f"wrote {workflow}", err=True)
        if bundle is not None:
            size = write_hidden_bundle(secret_file, bundle)
            click.echo(f"wrote {secret_file} ({size} bytes): set it as the repository or organisation "
                       f"secret GRADER_HIDDEN, e.g. `gh secret set GRADER_HIDDEN < {secret_file}`", err=True)
    except (KeyError, CourseError, ValueError) as exc:
        raise _usage(exc) from None


@command.command("batch-workflow")
@click.argument("outdir", type=click.Path(file_okay=False, path_type=Path))
@click.option("--shards", type=click.IntRange(min=1), default=4, show_default=True,
              help="Runners grading the class at once (one shard of the roster each).")
@click.option("--roster", default="roster.zip", show_default=True,
              help="Default path of the roster (folder or .zip) in the course repository.")
@click.option("--assignment", "-a", default="all", show_default=True, help="Default assignment, or `all`.")
@click.option("--python", "python_version", default="3.11", show_default=True,
              help="Python version the workflow sets up.")
def batch_workflow(outdir: Path, shards: int, roster: str, assignment: str, python_version: str) -> None:
    """Write .github/workflows/grade-class.yml into OUTDIR (the instructor's course repository).

    A GitHub Actions matrix grades the roster in SHARDS shards on as many runners and
    merges them into one gradebook, class report and feedback set (artifact `class-results`).
    """
    from grader.export.batch_workflow import write_workflow

    try:
        path = write_workflow(outdir, shards, roster, assignment, python_version)
    except ValueError as exc:
        raise _usage(exc) from None
    click.echo(f"wrote {path}: run it from the repository's Actions tab", err=True)


@command.command("otter")
@click.argument("name")
@click.argument("outdir", type=click.Path(file_okay=False, path_type=Path))
@click.option("--seed", type=int, default=0, show_default=True,
              help="Seed of the tests' random inputs, fixed into the exported test data.")
def otter(name: str, outdir: Path, seed: int) -> None:
    """Write otter-grader tests (OUTDIR/tests/NAME.py) and OUTDIR/autograder.zip for NAME.

    Grade with `otter run -a OUTDIR/autograder.zip -o RESULTS SUBMISSION`.
    """
    from grader.export.otter import export
    from grader.export.otter_record import ExportError

    try:
        written = export(name, outdir, seed)
    except (KeyError, CourseError) as exc:
        raise _usage(exc) from None
    except ExportError as exc:
        raise click.ClickException(f"cannot export {name} to otter: {exc}") from None
    for path in written:
        click.echo(f"wrote {path}", err=True)
