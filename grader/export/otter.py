"""``grader export otter NAME OUTDIR``: otter-grader tests and autograder zip for NAME.

Writes ``OUTDIR/tests/<name>.py`` (otter's exception-based format) and
``OUTDIR/autograder.zip`` holding it, for ``otter run -a OUTDIR/autograder.zip SUBMISSION``.
The reference values in the tests come from running the assignment's own tests against
the reference solution now, on inputs fixed by ``seed``.
"""

from __future__ import annotations

import ast
import zipfile
from pathlib import Path

from grader.course import load_course
from grader.export.otter_record import record
from grader.export.otter_source import test_file


def export(name: str, outdir: Path, seed: int = 0) -> list[Path]:
    course = load_course()
    if name not in course:
        raise KeyError(f"unknown assignment {name!r} (see `grader list`)")
    assignment = course[name]
    result, recorded = record(assignment, seed)
    text = test_file(assignment, result, recorded, seed)
    ast.parse(text, f"tests/{name}.py")  # a broken file must never reach otter
    tests = outdir / "tests" / f"{name}.py"
    tests.parent.mkdir(parents=True, exist_ok=True)
    tests.write_text(text, encoding="utf-8")
    archive = outdir / "autograder.zip"
    with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(zipfile.ZipInfo(f"tests/{name}.py", date_time=(2020, 1, 1, 0, 0, 0)), text)
    return [tests, archive]
