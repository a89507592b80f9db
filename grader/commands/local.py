"""Grade a submission in this process: the one path `grade`, `check` and the container's
`grade-inside` share, with their usage errors and the refusal to grade without isolation."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from grader.commands.report import EXIT_USAGE
from grader.course import CourseError
from grader.model import SubmissionResult
from grader.sandbox.launcher import ForkServer
from grader.sandbox.limits import Limits


def grade_here(path: Path, names: list[str] | None, *, hidden: bool = True, seed: int = 0,
               timeout_scale: float = 1.0, require_isolation: bool = False) -> SubmissionResult:
    """Grade ``names`` (None: every assignment with a file) of the submission at ``path``."""
    # The fork server boots (Python and NumPy, ~0.1 s) while the grading engine is imported.
    with ForkServer() as launcher:
        from grader.engine.grade import GradeOptions, IsolationUnavailable, grade_submission

        options = GradeOptions(hidden=hidden, seed=seed, require_isolation=require_isolation,
                               limits=Limits().scaled(timeout_scale))
        try:
            return grade_submission(path, names, options, launcher)
        except (KeyError, CourseError) as exc:
            raise click.UsageError(str(exc).strip("'\"")) from None
        except IsolationUnavailable as exc:
            click.echo(f"grader: refusing to grade without isolation: {exc}", err=True)
            sys.exit(EXIT_USAGE)
