"""Helpers shared by the authoring tests (a unique module name: tests/ has several folders)."""

from __future__ import annotations

import shutil
from pathlib import Path

import nbformat
from nbformat import v4

from grader.authoring.cells import split_module

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = Path(__file__).resolve().parent / "fixtures"
COURSE_PARTS = ("assignments", "solutions", "student_templates")


def copy_course(destination: Path) -> Path:
    """A throw-away copy of the course (to plant drift or leaks without touching the repo)."""
    destination.mkdir(parents=True, exist_ok=True)
    for part in COURSE_PARTS:
        shutil.copytree(ROOT / part, destination / part, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", destination / "pyproject.toml")
    return destination


def paste_solution(template: nbformat.NotebookNode, solution_source: str) -> nbformat.NotebookNode:
    """What a student who typed the reference answers into the notebook template hands in.

    Each code cell of the template holding ``def <name>`` is replaced by the solution's
    definition of that name, the prelude cell by the solution's prelude; markdown stays.
    """
    solution = split_module(solution_source)
    by_name = {piece.name: piece.source for piece in solution.definitions}
    filled = nbformat.from_dict(template)
    code = [cell for cell in filled.cells if cell.cell_type == "code"]
    code[0].source = solution.prelude.source
    for cell in code[1:]:
        name = cell.source.split("def ", 1)[1].split("(", 1)[0] if "def " in cell.source else None
        if name in by_name:
            cell.source = by_name.pop(name)
    assert not by_name, f"definitions without a template cell: {sorted(by_name)}"
    return filled


def append_code_cell(notebook: nbformat.NotebookNode, source: str) -> nbformat.NotebookNode:
    extended = nbformat.from_dict(notebook)
    cell = v4.new_code_cell(source)
    cell["id"] = f"added-{len(extended.cells)}"
    extended.cells.append(cell)
    return extended
