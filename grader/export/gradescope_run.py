"""Inside a Gradescope autograder: grade ``<root>/submission``, write ``results.json``.

Run by the zip's ``run_autograder`` as ``python -m grader.export.gradescope_run
--root /autograder --assignment NAME``. If grading raises, the declared checks are
still reported (0 points, with a message), so the student always gets a result.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
import time
import traceback
from pathlib import Path

from grader.files import write_atomic
from grader.course import load_course
from grader.engine.grade import GradeOptions, grade_submission
from grader.export.gradescope import FALLBACK_OUTPUT, declared_result
from grader.render import gradescope as gradescope_render
from grader.sandbox.limits import Limits


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="gradescope_run", description=__doc__)
    parser.add_argument("--root", type=Path, default=Path("/autograder"))
    parser.add_argument("--assignment", required=True)
    parser.add_argument("--timeout-scale", type=float, default=1.0)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, stream=sys.stderr)
    results_file = args.root / "results" / "results.json"
    start = time.monotonic()
    options = GradeOptions(hidden=True, seed=args.seed, limits=Limits().scaled(args.timeout_scale))
    try:
        result = grade_submission(args.root / "submission", [args.assignment], options)
        text = gradescope_render.render(result, execution_time=time.monotonic() - start)
    except Exception:  # noqa: BLE001 - whatever happened, the student gets every check listed
        traceback.print_exc()
        assignment = load_course()[args.assignment]
        data = gradescope_render.as_data(declared_result(assignment, FALLBACK_OUTPUT),
                                         execution_time=time.monotonic() - start)
        data["output"] = FALLBACK_OUTPUT
        text = json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    write_atomic(results_file, text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
