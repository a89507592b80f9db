"""Load the reference solution and its known-mistake variants (grader process only).

A known mistake is a small file in ``solutions/mistakes/<assignment>/`` that redefines
one or more functions of the reference and sets ``HINT``, the lecture-level name of the
misconception. Its full source is the reference followed by the mistake, so it can be
graded like any submission (``grader validate``) and run in-process to recognise a
student's output (hints).
"""

from __future__ import annotations

import functools
import hashlib
import types
from dataclasses import dataclass
from pathlib import Path

from grader.course import Assignment, CourseError


@dataclass(frozen=True)
class Mistake:
    name: str
    hint: str
    module: types.ModuleType
    source: str


def module_from_source(source: str, filename: str, name: str) -> types.ModuleType:
    """A fresh module running ``source``; ``__source_digest__`` names its code (for
    ``reference_memo``: equal digests, equal answers to equal questions)."""
    module = types.ModuleType(name)
    module.__file__ = filename
    module.__source_digest__ = _digest(source)
    exec(_compiled(source, filename), module.__dict__)
    return module


@functools.lru_cache(maxsize=512)
def _digest(source: str) -> str:
    return hashlib.sha256(source.encode()).hexdigest()


@functools.lru_cache(maxsize=512)
def _compiled(source: str, filename: str):
    # A batch grading process loads the same references and mistakes for every student:
    # compiling them again each time cost ~10 ms a student. Each load still executes the
    # code into a fresh module, so no state passes from one student's grading to the next.
    return compile(source, filename, "exec")


def load_reference(assignment: Assignment) -> types.ModuleType:
    if not assignment.solution.is_file():
        raise CourseError(f"no reference solution for {assignment.name} (hidden tests need {assignment.solution})")
    return module_from_source(assignment.solution.read_text(), str(assignment.solution),
                              f"reference_{assignment.name}")


def mistake_source(assignment: Assignment, path: Path) -> str:
    """The reference followed by a variant file (a known mistake, or a style) that
    redefines some of its functions."""
    return assignment.solution.read_text() + "\n\n# ---- variant ----\n" + path.read_text()


def load_mistakes(assignment: Assignment) -> tuple[Mistake, ...]:
    mistakes = []
    for path in assignment.mistakes:
        source = mistake_source(assignment, path)
        module = module_from_source(source, str(path), f"mistake_{assignment.name}_{path.stem}")
        hint = getattr(module, "HINT", None)
        if not isinstance(hint, str) or not hint:
            raise CourseError(f"{path} must set HINT to a message for students")
        mistakes.append(Mistake(path.stem, hint, module, source))
    return tuple(mistakes)
