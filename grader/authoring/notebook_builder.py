"""Build the notebook template ``<name>.ipynb`` from template source and instructions.

Cells, in order: the instructions as markdown (split at ``## `` headings), one code cell
for the prelude (imports), then for each definition a markdown cell (its name and the
first paragraph of its docstring, which states the formula) and a code cell, then a
markdown cell explaining the self-check and the self-check cell itself
(``import grader; grader.check("<name>")``, ignored when the notebook is graded). Every cell id is derived from its
position and content and the notebook has no timestamps, so the same input always gives
byte-identical output (the drift check relies on that).
"""

from __future__ import annotations

import hashlib
import re

import nbformat
from nbformat import v4

from grader.authoring.cells import Piece, split_module

KERNELSPEC = {"name": "python3", "display_name": "Python 3", "language": "python"}


def build_notebook(name: str, template_source: str, instructions: str = "", title: str = "") -> nbformat.NotebookNode:
    """The notebook template for assignment ``name``.

    Inputs:
    - name: the assignment name; the student saves the notebook as ``<name>.ipynb``
    - template_source: the ``.py`` template (or any module with the same layout)
    - instructions: markdown (the assignment's README); empty: the module docstring is used
    - title: heading used when the instructions have none
    """
    module = split_module(template_source, f"{name}.py")
    cells = [v4.new_markdown_cell(text) for text in intro_sections(name, instructions, module.docstring, title)]
    if module.prelude.source:
        cells.append(v4.new_code_cell(module.prelude.source))
    for piece in module.definitions:
        cells.append(v4.new_markdown_cell(definition_markdown(piece)))
        cells.append(v4.new_code_cell(piece.source))
    cells.append(v4.new_markdown_cell(self_check_markdown(name)))
    cells.append(v4.new_code_cell(self_check_code(name)))
    notebook = v4.new_notebook(cells=cells, metadata={
        "kernelspec": dict(KERNELSPEC), "language_info": {"name": "python"}})
    return with_stable_ids(notebook, name)


def intro_sections(name: str, instructions: str, docstring: str, title: str) -> list[str]:
    """Markdown cells introducing the assignment: the README split at level-2 headings."""
    text = instructions.strip()
    if not text:
        heading = f"# `{name}`: {title}" if title else f"# `{name}`"
        text = f"{heading}\n\n{docstring.strip()}".strip()
    parts = re.split(r"\n(?=## )", text.replace("\r\n", "\n"))
    return [part.strip() for part in parts if part.strip()]


def definition_markdown(piece: Piece) -> str:
    """The markdown cell above a definition's code cell."""
    heading = f"## `{piece.name}`" if piece.to_fill else f"## `{piece.name}` (given)"
    action = ("Replace `raise NotImplementedError(...)` below with your code; keep the "
              "signature." if piece.to_fill else "Provided for you: run this cell.")
    return "\n\n".join(part for part in (heading, piece.summary, action) if part)


def self_check_markdown(name: str) -> str:
    return (
        "## Check your work\n\n"
        "Run the cell below: it runs the public tests on the code you have run in this "
        "notebook, saved or not, and shows a table of tests, points and hints. Change a "
        "function, run its cell again, then run the check again.\n\n"
        f"In a terminal, `grader check {name}.ipynb` checks the saved file instead. When "
        "your notebook is graded this cell is ignored, and so are lines starting with `!` "
        "or `%` and the outputs stored in the notebook: only your code counts. The final "
        "grade also uses hidden tests with other inputs.")


def self_check_code(name: str) -> str:
    return f'import grader; grader.check("{name}")'


def with_stable_ids(notebook: nbformat.NotebookNode, name: str) -> nbformat.NotebookNode:
    """Give every cell an id made of its position and a hash of its content."""
    for index, cell in enumerate(notebook.cells):
        digest = hashlib.sha1(f"{name}\0{cell.cell_type}\0{cell.source}".encode()).hexdigest()[:8]
        cell["id"] = f"{cell.cell_type[:4]}-{index:02d}-{digest}"
    return notebook


def notebook_text(notebook: nbformat.NotebookNode) -> str:
    """The notebook's file content, deterministic for a given notebook."""
    text = nbformat.writes(notebook, version=4)
    return text if text.endswith("\n") else text + "\n"
