"""Who is in the class: student folders found in a roster folder.

GitHub Classroom's download holds one repository per student, named
``<assignment>-<username>``. The student id is the username: the folder name without
the prefix every folder shares (or ``--prefix`` when that guess is wrong), or the whole
folder name when there is no common prefix. Ids become file names and gradebook cells,
so they must look like GitHub usernames (letters, digits, ``.``, ``_``, ``-``).
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$")


class RosterError(Exception):
    """The roster cannot be graded as given; the message says why."""


@dataclass(frozen=True)
class Student:
    """One student: their id and their repository folder."""

    id: str
    path: Path


def _common_prefix(names: list[str]) -> str:
    """The longest prefix ending in ``-`` that every name shares and none consists of."""
    if len(names) < 2:
        return ""
    prefix = os.path.commonprefix(names)
    cut = prefix.rfind("-")
    prefix = prefix[:cut + 1] if cut >= 0 else ""
    return prefix if prefix and all(len(n) > len(prefix) for n in names) else ""


def unwrap(folder: Path) -> Path:
    """Descend through single wrapping folders (a zip often holds one top folder)."""
    while True:
        entries = [p for p in folder.iterdir() if not p.name.startswith((".", "__MACOSX"))]
        if len(entries) == 1 and entries[0].is_dir() and not entries[0].is_symlink() \
                and all(p.is_dir() for p in entries[0].iterdir() if not p.name.startswith(".")):
            folder = entries[0]
            continue
        return folder


def discover(root: Path, prefix: str | None = None) -> tuple[list[Student], list[str]]:
    """The students under ``root`` sorted by id, and warnings about folders left out.

    Symlinked folders and hidden folders are left out: a student's repository must be a
    real folder, so one student cannot point the grader at another's work.
    """
    warnings = []
    folders = []
    for entry in sorted(root.iterdir()):
        if entry.name.startswith((".", "__MACOSX")):
            continue
        if entry.is_symlink():
            warnings.append(f"{entry.name}: a symlink, not a student folder; left out")
        elif entry.is_dir():
            folders.append(entry)
    if not folders:
        raise RosterError(f"{root} holds no student folders")
    names = [f.name for f in folders]
    strip = _common_prefix(names) if prefix is None else prefix
    students, seen = [], {}
    for folder in folders:
        sid = folder.name[len(strip):] if strip and folder.name.startswith(strip) else folder.name
        if not _ID.fullmatch(sid):  # fullmatch: `$` alone would let a trailing newline through
            warnings.append(f"{folder.name}: {sid!r} is not a valid student id (letters, digits, . _ -); left out")
            continue
        if sid in seen:
            raise RosterError(f"folders {seen[sid]} and {folder.name} both map to student {sid!r}; "
                              "rename one or pass --prefix")
        seen[sid] = folder.name
        students.append(Student(sid, folder))
    return sorted(students, key=lambda s: s.id), warnings
