"""The misconception counts as CSV (one row per known mistake recognised in the class)."""

from __future__ import annotations

import csv
import io

from grader.classreport.analysis import Misconception

COLUMNS = ("assignment", "mistake", "students", "hint", "student_ids")


def misconceptions_csv(found: list[Misconception], hints: dict) -> str:
    """Rows most students first; ``student_ids`` separated by spaces (ids hold none)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(COLUMNS)
    for m in found:
        writer.writerow([m.assignment, m.name, len(m.students), hints.get((m.assignment, m.name), ""),
                         " ".join(m.students)])
    return buffer.getvalue()
