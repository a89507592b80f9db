"""Notebook submissions become module source through a pipeline of small pure steps.

read (bytes → notebook) → code cells (in order) → strip IPython-only lines (magics,
shell escapes, help queries) → module source. Outputs stored in the notebook are never
read: only the code is graded.
"""

from __future__ import annotations

import json
import re

import nbformat

MAX_NOTEBOOK_BYTES = 8 * 1024 * 1024
_IPYTHON_ONLY = re.compile(r"^\s*(%|!|\?)|^\s*\w[\w.]*\?\??\s*$")


class NotebookError(Exception):
    """The notebook cannot be turned into source code; the message says why."""


def read_notebook(data: bytes) -> nbformat.NotebookNode:
    """Parse notebook JSON (any nbformat 4 minor version)."""
    if len(data) > MAX_NOTEBOOK_BYTES:
        raise NotebookError("the notebook is larger than 8 MB")
    try:
        raw = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        raise NotebookError(f"the notebook is not valid JSON ({type(exc).__name__})") from None
    if not isinstance(raw, dict) or not isinstance(raw.get("cells"), list):
        raise NotebookError("the notebook has no list of cells (is it really a .ipynb file?)")
    try:
        return nbformat.from_dict(raw)
    except Exception as exc:  # noqa: BLE001 - nbformat raises various types on bad input
        raise NotebookError(f"the notebook could not be read ({type(exc).__name__})") from None


def code_cells(notebook) -> list[str]:
    """Source of every code cell, in order; markdown and raw cells are skipped."""
    cells = []
    for cell in notebook.get("cells", []):
        if isinstance(cell, dict) and cell.get("cell_type") == "code":
            source = cell.get("source", "")
            cells.append("".join(source) if isinstance(source, list) else str(source))
    return cells


def strip_ipython(cell: str) -> str:
    """Comment out IPython-only lines (``%magic``, ``!shell``, ``obj?``); a ``%%`` cell magic drops the cell."""
    if cell.lstrip().startswith("%%"):
        return ""
    return "\n".join(f"# (ignored) {line.strip()}" if _IPYTHON_ONLY.match(line) else line
                     for line in cell.splitlines())


def module_source(cells: list[str]) -> str:
    source = "\n\n".join(cell for cell in cells if cell.strip())
    if not source.strip():
        raise NotebookError("the notebook contains no code")
    return source + "\n"


PIPELINE = (read_notebook, code_cells, lambda cells: [strip_ipython(c) for c in cells], module_source)


def notebook_to_source(data: bytes) -> str:
    """Run the whole pipeline: notebook bytes → Python module source."""
    value = data
    for step in PIPELINE:
        value = step(value)
    return value
