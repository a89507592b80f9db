"""The expected ``student_templates/`` folder, and how the committed one drifts from it.

For every reference solution ``solutions/<name>.py`` the folder holds exactly
``<name>.py`` (the transform's output) and ``<name>.ipynb`` (the notebook built from it
and ``assignments/<name>/README.md``); any other ``.py``/``.ipynb`` there is stale.
"""

from __future__ import annotations

import sys
from pathlib import Path

from grader.authoring.notebook_builder import build_notebook, notebook_text
from grader.authoring.template import make_template

if sys.version_info >= (3, 11):
    import tomllib
else:
    import tomli as tomllib

TEMPLATE_DIR = "student_templates"
TEMPLATE_SUFFIXES = (".py", ".ipynb")


def solution_files(root: Path) -> list[Path]:
    """Reference solutions of the course, by name (``solutions/<name>.py``)."""
    return sorted(p for p in (root / "solutions").glob("*.py") if not p.name.startswith("_"))


def instructions(root: Path, name: str) -> tuple[str, str]:
    """``(README text, title)`` of an assignment; empty strings where absent."""
    directory = root / "assignments" / name
    readme = directory / "README.md"
    text = readme.read_text(encoding="utf-8") if readme.is_file() else ""
    meta = directory / "assignment.toml"
    title = ""
    if meta.is_file():
        with meta.open("rb") as fh:
            title = str(tomllib.load(fh).get("title", ""))
    return text, title


def templates_for(root: Path, solution: Path) -> dict[str, str]:
    """``{"<name>.py": ..., "<name>.ipynb": ...}`` for one solution file."""
    name = solution.stem
    label = str(solution.relative_to(root)) if solution.is_relative_to(root) else str(solution)
    template = make_template(solution.read_text(encoding="utf-8"), label)
    readme, title = instructions(root, name)
    notebook = build_notebook(name, template, readme, title)
    return {f"{name}.py": template, f"{name}.ipynb": notebook_text(notebook)}


def expected_templates(root: Path) -> dict[str, str]:
    """Every template file the course should have, by file name."""
    expected = {}
    for solution in solution_files(root):
        expected.update(templates_for(root, solution))
    return expected


def drift(root: Path, expected: dict[str, str] | None = None) -> list[str]:
    """One line per template file that differs from the transform's output (empty: in sync)."""
    expected = expected_templates(root) if expected is None else expected
    folder = root / TEMPLATE_DIR
    problems = []
    for filename, text in expected.items():
        path = folder / filename
        if not path.is_file():
            problems.append(f"{TEMPLATE_DIR}/{filename} is missing")
        elif path.read_bytes() != text.encode("utf-8"):
            problems.append(f"{TEMPLATE_DIR}/{filename} differs from what solutions/{Path(filename).stem}.py produces")
    for path in stale_files(folder, expected):
        problems.append(f"{TEMPLATE_DIR}/{path.name} has no solution in solutions/ (stale)")
    return problems


def stale_files(folder: Path, expected: dict[str, str]) -> list[Path]:
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir()
                  if p.is_file() and p.suffix in TEMPLATE_SUFFIXES and p.name not in expected)


def update_templates(root: Path) -> tuple[list[str], list[str]]:
    """Rewrite ``student_templates/`` to match the solutions: ``(written, removed)`` file names."""
    expected = expected_templates(root)
    folder = root / TEMPLATE_DIR
    folder.mkdir(exist_ok=True)
    written = []
    for filename, text in expected.items():
        path = folder / filename
        if not path.is_file() or path.read_bytes() != text.encode("utf-8"):
            path.write_bytes(text.encode("utf-8"))
            written.append(filename)
    removed = []
    for path in stale_files(folder, expected):
        path.unlink()
        removed.append(path.name)
    return written, removed
