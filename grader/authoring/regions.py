"""Find the answer regions of a reference solution.

A region starts at a line ``### BEGIN SOLUTION`` and ends at the next line
``### END SOLUTION`` (surrounding whitespace and trailing text on the marker line are
allowed). Regions may not nest, every BEGIN needs its END, and a line that looks like a
marker but is spelled differently (``# BEGIN SOLUTION``, ``### END SOLUTIONS``) is an
error too: a typo would otherwise ship the answer to students.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

BEGIN = "### BEGIN SOLUTION"
END = "### END SOLUTION"
_MARKER_LIKE = re.compile(r"^\s*#+\s*(BEGIN|END)\s+SOLUTION", re.IGNORECASE)


class MarkerError(Exception):
    """Broken solution markers; the message names the file and line."""

    def __init__(self, filename: str, line: int, problem: str):
        super().__init__(f"{filename}:{line}: {problem}")
        self.filename = filename
        self.line = line


@dataclass(frozen=True)
class Region:
    """One answer region; line numbers are 1-based and name the marker lines."""

    begin: int
    end: int
    indent: str

    def inner(self) -> range:
        """Line numbers strictly between the markers (the answer itself)."""
        return range(self.begin + 1, self.end)


def marker_kind(line: str) -> str | None:
    """``"begin"``, ``"end"`` or ``None`` for an ordinary line; raises ValueError if malformed."""
    stripped = line.strip()
    if stripped.startswith(BEGIN):
        return "begin"
    if stripped.startswith(END):
        return "end"
    if _MARKER_LIKE.match(line):
        raise ValueError(f"malformed solution marker {stripped!r} (write {BEGIN!r} or {END!r})")
    return None


def find_regions(source: str, filename: str) -> list[Region]:
    """Every answer region of ``source``, in order."""
    regions, open_at, indent = [], None, ""
    for number, line in enumerate(source.splitlines(), start=1):
        try:
            kind = marker_kind(line)
        except ValueError as exc:
            raise MarkerError(filename, number, str(exc)) from None
        if kind == "begin":
            if open_at is not None:
                raise MarkerError(filename, number, f"nested {BEGIN!r} (the region opened at line "
                                                    f"{open_at} is not closed)")
            open_at, indent = number, line[: len(line) - len(line.lstrip())]
        elif kind == "end":
            if open_at is None:
                raise MarkerError(filename, number, f"{END!r} without a matching {BEGIN!r}")
            regions.append(Region(open_at, number, indent))
            open_at = None
    if open_at is not None:
        raise MarkerError(filename, open_at, f"{BEGIN!r} is never closed by {END!r}")
    return regions


def answer_lines(source: str, filename: str) -> list[tuple[int, str]]:
    """``(line number, text)`` of every line inside a region (markers excluded)."""
    lines = source.splitlines()
    return [(n, lines[n - 1]) for region in find_regions(source, filename) for n in region.inner()]


def without_markers(source: str, filename: str) -> str:
    """``source`` with its marker lines removed: the reference as plain code."""
    regions = find_regions(source, filename)
    markers = {n for region in regions for n in (region.begin, region.end)}
    return "".join(line for n, line in enumerate(source.splitlines(keepends=True), start=1) if n not in markers)
