"""The cells a kernel has executed, as module source graded like a notebook's.

IPython keeps every input it was given, in order: ``history_manager.input_hist_raw``
(index ``n`` is the cell shown as ``In [n]``, index 0 is empty). The source is built from
that text alone, never from the kernel's live objects, with the steps a ``.ipynb``
submission goes through (``grader.notebook``): newlines normalised, IPython syntax
(``!``, ``%``) and the self-check itself (``grader.check(...)``) commented out. A cell that
does not parse is left out: IPython did not run any of it either.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from grader.notebook import CodeCell, ModuleSource, clean_cells, module_source, parsed


@dataclass(frozen=True)
class ExecutedSource:
    """Module source of the executed cells, and notes on cells that were left out."""

    module: ModuleSource
    notes: tuple[str, ...] = ()

    @property
    def source(self) -> str:
        return self.module.text


def executed_cells(inputs: Sequence[str]) -> list[CodeCell]:
    """``inputs[n]`` (IPython's raw input history) as ``CodeCell(n, ...)``, in order."""
    return [CodeCell(number, text) for number, text in enumerate(inputs) if isinstance(text, str) and text.strip()]


def executed_source(inputs: Sequence[str]) -> ExecutedSource:
    """The module a sandbox imports for the kernel's history ``inputs``.

    Raises ``grader.notebook.NotebookError`` when no cell holds code."""
    cells = clean_cells(executed_cells(inputs))
    kept = [cell for cell in cells if _parses(cell.source)]
    broken = [f"In [{cell.number}]" for cell in cells if cell not in kept]
    notes = (f"left out {', '.join(broken)}: a syntax error, so the kernel did not run it either",) if broken else ()
    return ExecutedSource(module_source(kept), notes)


def _parses(source: str) -> bool:
    return parsed(source) is not None
