"""BENCHMARK ONLY: run `grader ARGS...` in this process with the breakdown timers on.

    BENCH_SPAWNED=<time.monotonic() of the parent just before it started this process>
    BENCH_BREAKDOWN_OUT=<file> python benchmarks/traced_grade.py grade STUDENT -a all

Writes to BENCH_BREAKDOWN_OUT the timers' milliseconds and, on the system-wide monotonic
clock, when grading began and ended, so the parent can tell the interpreter start and
imports (before) and the report and exit (after) from the grading itself.
"""

import time

_STARTED = time.monotonic()

import json  # noqa: E402
import os  # noqa: E402
import sys  # noqa: E402
from pathlib import Path  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))


def main() -> int:
    from breakdown import GRADING, cold_timed, traced  # imports the grader's engine: counted as imports

    marks = {"started": _STARTED}
    with traced(cold_timed()) as clock:
        enter, leave = clock.enter, clock.leave

        def mark_enter(label):
            if label == GRADING and "grading_began" not in marks:
                marks["grading_began"] = time.monotonic()
            return enter(label)

        def mark_leave():
            label = clock._stack[-1][0]
            leave()
            if label == GRADING:
                marks["grading_ended"] = time.monotonic()

        clock.enter, clock.leave = mark_enter, mark_leave
        from grader.cli import main as cli

        try:
            cli(sys.argv[1:], prog_name="grader")
            code = 0
        except SystemExit as stop:
            code = stop.code if isinstance(stop.code, int) else 1
    marks["ended"] = time.monotonic()
    Path(os.environ["BENCH_BREAKDOWN_OUT"]).write_text(json.dumps({"marks": marks, "ms": clock.milliseconds(),
                                                                   "counts": dict(clock.count)}))
    return code


if __name__ == "__main__":
    sys.exit(main())
