"""What an assignment still lacks before it can be validated and released.

``grader new`` writes a skeleton whose example parts carry the ``PLACEHOLDER`` marker;
``grader validate`` lists, besides how the tests grade, every part still missing here:
a reference solution, public and hidden tests, enough known mistakes, and files still
holding the marker (a missing template is reported with the grading rows).
"""

from __future__ import annotations

from pathlib import Path

from grader.course import Assignment

PLACEHOLDER = "TODO(grader new)"
MIN_MISTAKES = 6


def missing_parts(assignment: Assignment, root: Path) -> list[str]:
    """One sentence per missing part of ``assignment`` in the course at ``root`` (empty: none)."""
    name = assignment.name
    missing = []
    if not assignment.solution.is_file():
        missing.append(f"no reference solution: write solutions/{name}.py")
    if not assignment.functions:
        missing.append("assignment.toml declares no function under [functions]")
    if not assignment.public_tests:
        missing.append(f"no public tests: write assignments/{name}/test_public.py")
    if not assignment.hidden_tests:
        missing.append(f"no hidden tests: write assignments/{name}/test_hidden.py")
    count = len(assignment.mistakes)
    if count < MIN_MISTAKES:
        have = "no known mistakes yet" if count == 0 else f"only {count} known mistake{'s' * (count > 1)}"
        missing.append(f"{have} (at least {MIN_MISTAKES} expected): add them to solutions/mistakes/{name}/")
    for path in placeholder_files(assignment, root):
        missing.append(f"{path.relative_to(root)}: {_placeholder_kind(path)} is a placeholder "
                       f"(lines marked {PLACEHOLDER})")
    return missing


def placeholder_files(assignment: Assignment, root: Path) -> list[Path]:
    """The assignment's own files that still hold ``PLACEHOLDER``."""
    candidates = sorted(p for p in assignment.directory.iterdir() if p.is_file())
    candidates.append(assignment.solution)
    return [p for p in candidates if p.is_file() and PLACEHOLDER in p.read_text(encoding="utf-8", errors="replace")]


def _placeholder_kind(path: Path) -> str:
    if path.name.startswith("test_"):
        return "the example test"
    if path.suffix == ".md":
        return "the introduction"
    return "the example function"
