"""The batch runner's grading process: ``python -m grader.batch.job RUNNER_PID JOBS``.

A long-lived grader process: it reads one JSON request per line on standard input,
grades that student, draws the feedback figures, writes the feedback page and then the
record (both atomically), and answers ``done`` (or ``failed``) on standard output. A
crash or a kill at any point leaves either a complete record or none; the runner then
writes an all-``error`` record and starts a fresh process for the next student.

One fork server serves every student of the process: no student code ever runs in it,
so sharing it costs nothing in isolation and saves a Python start-up per student.
``JOBS`` grading processes run at once: whether a CPU is free for the grader and its
worker to watch their pipes rather than sleep depends on it (``sandbox/waiting.py``).
"""

from __future__ import annotations

import gc
import json
import logging
import os
import signal
import sys
import threading
import time
from pathlib import Path

from grader.sandbox import waiting
from grader.sandbox.launcher import ForkServer, Launcher
from grader.sandbox.limits import Limits

log = logging.getLogger("grader.batch")


def request_options(request: dict):
    """The ``GradeOptions`` a request asks for. ``remember_reference``: the runner's word
    that every student of the run shares this seed (no seed secret), so the reference's
    answers repeat from student to student (``engine/reference_memo.py``)."""
    from grader.engine.grade import GradeOptions

    # The whole class folder and the output folder are hidden from every worker, not only
    # the student's own folder (this matters where the minimal filesystem view is unavailable).
    hide = (str(Path(request["path"]).parent), str(Path(request["out"])))
    return GradeOptions(hidden=True, seed=int(request["seed"]),
                        limits=Limits().scaled(float(request.get("timeout_scale", 1.0))),
                        require_isolation=bool(request.get("require_isolation", False)),
                        extra_hide=hide, remember_reference=bool(request.get("remember_reference", False)))


def run(request: dict, launcher: Launcher | None = None) -> dict:
    """Grade one student as ``request`` says, write their files, return the record."""
    # The grading engine is imported on the first request, not at start-up: the fork
    # server (Python and NumPy, ~0.1 s) boots meanwhile instead of after it.
    from grader.batch.records import dumps, feedback_path, make_record, record_path
    from grader.files import write_atomic
    from grader.engine.grade import grade_submission
    from grader.feedback.figures import gather_figures
    from grader.model import SubmissionResult
    from grader.render import feedback_html

    path, out, sid = Path(request["path"]), Path(request["out"]), request["student"]
    names = list(request["assignments"])
    options = request_options(request)
    figures: list = []

    def draw(results, proxies):  # while the sandboxes the grading used are still open
        figures.extend(gather_figures(path, SubmissionResult(results), options, proxies=proxies))

    result = grade_submission(path, names, options, launcher, while_open=draw)
    if _STOPPING.is_set():  # stopped while grading: no record (a rerun grades the student)
        raise SystemExit(143)
    page = feedback_html.render(result, figures=tuple(figures), student=sid)
    record = make_record(sid, request["submission"], names, options.seed, result)
    write_atomic(feedback_path(out, sid), page)
    write_atomic(record_path(out, sid), dumps(record))
    return record


def _terminate(signum, frame):
    # SystemExit unwinds the `with Sandbox(...)` blocks, which kill the student's workers.
    # Raised between two checks, pytest takes it for an internal error and goes on: the
    # flag keeps the student's cut-short result from being written as a record.
    _STOPPING.set()
    sys.exit(128 + signum)


_STOPPING = threading.Event()


def serve(lines, answer, launcher: Launcher) -> None:
    """Grade each request line; answer ``done`` or ``failed <why>`` for each."""
    frozen = False
    for line in lines:
        if not line.strip():
            continue
        try:
            run(json.loads(line), launcher)
        except Exception as exc:  # noqa: BLE001 - one student's failure must not end the others
            log.exception("grading failed")
            answer(f"failed {type(exc).__name__}")
        else:
            answer("done")
        if not frozen:
            freeze_heap()
            frozen = True


def freeze_heap() -> None:
    """Put what is alive now (after a first student: imports, the course, compiled tests,
    all of which live as long as the process) out of the collector's walks: later
    collections look only at what later students allocate."""
    gc.collect()
    gc.freeze()


def watch_parent(parent: int, every: float = 0.5) -> None:
    """SIGTERM this process when ``parent`` (the batch runner) is no longer its parent: a
    runner killed outright cannot stop it, and the student being graded would otherwise
    go on running for up to the student time limit, writing into the output folder."""
    def watch():
        while os.getppid() == parent:
            time.sleep(every)
        os.kill(os.getpid(), signal.SIGTERM)

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()


def main(argv: list[str]) -> None:
    signal.signal(signal.SIGTERM, _terminate)
    if argv:
        watch_parent(int(argv[0]))
    if len(argv) > 1:
        waiting.grading_side_by_side(int(argv[1]))
    with ForkServer() as launcher:
        serve(sys.stdin, lambda text: print(text, flush=True), launcher)


if __name__ == "__main__":
    main(sys.argv[1:])
