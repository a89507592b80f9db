"""The CSV gradebook, derived from student records (never appended to, so never duplicated).

Columns: ``student``, one per assignment (its score), ``total``. Rows are sorted by id.
Cells that a spreadsheet would run as a formula are neutralised.
"""

from __future__ import annotations

import csv
import io

from grader.batch.records import scores


def _cell(value) -> str:
    text = f"{value:g}" if isinstance(value, float) else str(value)
    # A leading = + - @ makes Excel/LibreOffice evaluate the cell (CSV injection).
    return "'" + text if text[:1] in ("=", "+", "-", "@") and not _is_number(text) else text


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def render_csv(records: dict[str, dict], assignments: list[str]) -> str:
    """The gradebook of ``records`` (student id → record)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["student", *assignments, "total"])
    for sid in sorted(records):
        got = scores(records[sid])
        row = [got.get(name, 0.0) for name in assignments]
        writer.writerow([_cell(sid), *(_cell(round(x, 6)) for x in row), _cell(round(sum(row), 6))])
    return buffer.getvalue()
