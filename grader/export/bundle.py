"""Copying the grader package and one assignment's course files into an export."""

from __future__ import annotations

import importlib.metadata
import shutil
from pathlib import Path

from grader.course import Assignment

_PACKAGE = Path(__file__).resolve().parents[1]
_SKIP = shutil.ignore_patterns("__pycache__", "*.pyc", "_course", ".*")


def copy_package(dest: Path) -> Path:
    """Copy the ``grader`` package (code only, not an installed course) to ``dest/grader``."""
    target = dest / "grader"
    shutil.copytree(_PACKAGE, target, ignore=_SKIP)
    return target


def copy_course(assignment: Assignment, root: Path, dest: Path) -> list[Path]:
    """Copy what grading ``assignment`` needs from course ``root`` into ``dest``.

    That is ``assignments/<name>/`` (API, instructions, public and hidden tests),
    ``solutions/<name>.py`` and ``solutions/mistakes/<name>/``. Returns the files copied.
    """
    pieces = [root / "assignments" / assignment.name, root / "solutions" / f"{assignment.name}.py",
              root / "solutions" / "mistakes" / assignment.name]
    copied = []
    for piece in pieces:
        if not piece.exists():
            continue
        target = dest / piece.relative_to(root)
        if piece.is_dir():
            shutil.copytree(piece, target, ignore=_SKIP)
            copied.extend(p for p in target.rglob("*") if p.is_file())
        else:
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(piece, target)
            copied.append(target)
    return copied


def runtime_requirements() -> list[str]:
    """The grader's own dependencies (no extras), as pip requirement lines."""
    try:
        declared = importlib.metadata.requires("dl-grader") or []
    except importlib.metadata.PackageNotFoundError:
        declared = []
    lines = [r for r in declared if "extra ==" not in r]
    return lines or ["numpy>=1.24", "pytest>=7.4", "nbformat>=5.9", "click>=8.1", "rich>=13.0",
                     "tomli>=2.0; python_version < '3.11'"]
