"""Build the notebook template ``<name>.ipynb`` from template source and instructions.

Cells, in order: the instructions as markdown (split at ``## `` headings), one code cell
for the prelude (imports), then for each definition a markdown cell (its name and the
first paragraph of its docstring, which states the formula) and a code cell, and a
final markdown cell explaining how to self-check. Every cell id is derived from its
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
        f"Save this notebook as `{name}.ipynb` (keep the name), then run the public tests "
        "in a terminal, in the folder that holds it:\n\n"
        f"```bash\ngrader check {name}.ipynb\n```\n\n"
        f"Inside Jupyter you may instead add a cell with `!grader check {name}.ipynb`; "
        "lines starting with `!` or `%` are ignored when your notebook is graded, and so "
        "are the outputs stored in it: only your code counts. The final grade also uses "
        "hidden tests with other inputs.")


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
