"""The skeleton of a new assignment, written by ``grader new NAME``.

    assignments/NAME/assignment.toml    the API: one example function
    assignments/NAME/README.md          instructions (the notebook's introduction)
    assignments/NAME/test_public.py     one example test, released to students
    assignments/NAME/test_hidden.py     one example hidden test, judged by the reference
    solutions/NAME.py                   the reference, answers between BEGIN/END SOLUTION
    solutions/mistakes/NAME/            known mistakes (empty: the instructor adds them)

The files come from ``skeleton/*.tmpl`` (package data). Every example part carries
``grader.engine.readiness.PLACEHOLDER`` so that ``grader validate NAME`` lists what is still to write.
"""

from __future__ import annotations

import keyword
import os
import re
import sys
from pathlib import Path
from string import Template

from grader.course import CourseError, load_course

SKELETON = Path(__file__).resolve().parent / "skeleton"
FILES = {
    "assignments/{name}/assignment.toml": "assignment.toml.tmpl",
    "assignments/{name}/README.md": "README.md.tmpl",
    "assignments/{name}/test_public.py": "test_public.py.tmpl",
    "assignments/{name}/test_hidden.py": "test_hidden.py.tmpl",
    "solutions/{name}.py": "solution.py.tmpl",
}
_NAME = re.compile(r"^[a-z][a-z0-9_]*$")
# Modules a student's `NAME.py` must not shadow inside the sandbox.
_TAKEN = set(sys.stdlib_module_names) | {"numpy", "pytest", "grader", "test", "tests", "solutions", "assignments"}


class ScaffoldError(Exception):
    """The assignment cannot be created; the message says why."""


def authoring_root() -> Path:
    """The course an instructor edits: ``GRADER_COURSE``, else the source checkout this
    package runs from (never the copy inside an installed wheel)."""
    override = os.environ.get("GRADER_COURSE")
    root = Path(override) if override else Path(__file__).resolve().parents[2]
    if not (root / "assignments").is_dir() or not (root / "solutions").is_dir():
        raise CourseError(f"no course to add to at {root} (no assignments/ and solutions/ folders): "
                          "run from a source checkout or set GRADER_COURSE to a course root")
    return root.resolve()


def check_name(name: str, root: Path) -> None:
    """Raise ``ScaffoldError`` unless ``name`` is a new, importable, lower-case module name."""
    if not _NAME.fullmatch(name) or keyword.iskeyword(name):
        raise ScaffoldError(f"{name!r} is not a valid assignment name: lower-case letters, digits and "
                            "underscores, starting with a letter (students' file is NAME.py)")
    if name in _TAKEN:
        raise ScaffoldError(f"{name!r} would shadow the module `{name}` in students' code: choose another name")
    for pattern in FILES:
        if (root / pattern.format(name=name)).exists():
            raise ScaffoldError(f"{pattern.format(name=name)} already exists: not overwriting it")
    if (root / "assignments" / name).exists():
        raise ScaffoldError(f"assignments/{name} already exists: not overwriting it")


def skeleton_files(name: str, title: str, order: int) -> dict[str, str]:
    """Relative path → content of every file of the skeleton."""
    values = {"name": name, "title": title.replace('"', "'"), "order": order}
    return {pattern.format(name=name): Template((SKELETON / template).read_text(encoding="utf-8")).substitute(values)
            for pattern, template in FILES.items()}


def scaffold(root: Path, name: str, title: str = "") -> list[Path]:
    """Write the skeleton of assignment ``name`` into the course at ``root``; the paths written.

    The new assignment comes last in teaching order."""
    check_name(name, root)
    order = max((a.order for a in load_course(root).values()), default=0) + 1
    files = skeleton_files(name, title or name, order)
    written = []
    for relative, text in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("x", encoding="utf-8") as handle:  # "x": never overwrite, even in a race
            handle.write(text)
        written.append(path)
    mistakes = root / "solutions" / "mistakes" / name
    mistakes.mkdir(parents=True, exist_ok=True)
    written.append(mistakes)
    return written
