"""Writing a result and choosing the exit code: shared by the grading commands."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

import click

from grader import render
from grader.model import SubmissionResult

EXIT_PASSED, EXIT_FAILED, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3


def exit_code(result: SubmissionResult) -> int:
    if result.internal_error:
        return EXIT_INTERNAL
    return EXIT_PASSED if result.all_passed else EXIT_FAILED


def write_atomic(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` so that readers never see a partial file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


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
