"""One student's grading job, run as its own grader process: ``python -m grader.batch.job``.

The batch runner starts one such process per student and sends the request as JSON on
standard input. The process grades, draws the feedback figures, and writes the
feedback page and then the record (both atomically), so a crash or a kill at any point
leaves either a complete record or none. Anything that goes wrong here makes the
process exit non-zero, and the runner writes an all-``error`` record instead.
"""

from __future__ import annotations

import json
import signal
import sys
from pathlib import Path

from grader.batch.records import dumps, feedback_path, make_record, record_path
from grader.commands.report import write_atomic
from grader.engine.grade import GradeOptions, grade_submission
from grader.feedback.figures import gather_figures
from grader.render import feedback_html
from grader.sandbox.limits import Limits

EXIT_DONE, EXIT_CRASHED = 0, 3


def request_options(request: dict) -> GradeOptions:
    # The whole class folder and the output folder are hidden from every worker, not only
    # the student's own folder (this matters where the minimal filesystem view is unavailable).
    hide = tuple(str(Path(p).parent) for p in (request["path"],)) + (str(Path(request["out"])),)
    return GradeOptions(hidden=True, seed=int(request["seed"]),
                        limits=Limits().scaled(float(request.get("timeout_scale", 1.0))),
                        require_isolation=bool(request.get("require_isolation", False)),
                        extra_hide=hide)


def run(request: dict) -> dict:
    """Grade one student as ``request`` says, write their files, return the record."""
    path, out, sid = Path(request["path"]), Path(request["out"]), request["student"]
    names = list(request["assignments"])
    options = request_options(request)
    result = grade_submission(path, names, options)
    figures = gather_figures(path, result, options)
    page = feedback_html.render(result, figures=figures, student=sid)
    record = make_record(sid, request["submission"], names, options.seed, result)
    write_atomic(feedback_path(out, sid), page)
    write_atomic(record_path(out, sid), dumps(record))
    return record


def _terminate(signum, frame):
    # SystemExit unwinds the `with Sandbox(...)` blocks, which kill the student's workers.
    sys.exit(128 + signum)


def main() -> None:
    signal.signal(signal.SIGTERM, _terminate)
    request = json.loads(sys.stdin.read())
    run(request)
    sys.exit(EXIT_DONE)


if __name__ == "__main__":
    main()
