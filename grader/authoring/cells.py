"""Split module source into notebook-sized pieces: docstring, prelude, one piece per definition.

Each top-level ``def``/``class`` starts a piece (with its decorators and the comment
lines right above it); any other top-level statement stays with the piece before it,
and what comes before the first definition is the prelude (imports, constants). The
pieces joined in order give back the module's code, so a notebook built from them
grades like the ``.py`` file.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass

from grader.authoring.template import STUB_COMMENT


@dataclass(frozen=True)
class Piece:
    """One code cell to be: ``name`` is the definition's name, ``""`` for the prelude."""

    name: str
    source: str
    summary: str = ""
    to_fill: bool = False


@dataclass(frozen=True)
class SplitModule:
    docstring: str
    prelude: Piece
    definitions: tuple[Piece, ...]


def split_module(source: str, filename: str = "<template>") -> SplitModule:
    """The module docstring, its prelude and one ``Piece`` per top-level definition."""
    tree = ast.parse(source, filename)
    lines = source.splitlines()
    body = list(tree.body)
    docstring = ast.get_docstring(tree, clean=True) or ""
    skip = body.pop(0).end_lineno if docstring else 0
    starts = [_start_line(node, lines) for node in body if _is_definition(node)]
    named = [node for node in body if _is_definition(node)]
    bounds = starts + [len(lines) + 1]
    prelude = Piece("", _block(lines, skip + 1, bounds[0]))
    pieces = []
    for node, begin, end in zip(named, bounds, bounds[1:]):
        text = _block(lines, begin, end)
        pieces.append(Piece(node.name, text, _summary(node), STUB_COMMENT in text))
    return SplitModule(docstring, prelude, tuple(pieces))


def _is_definition(node: ast.AST) -> bool:
    return isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))


def _start_line(node: ast.AST, lines: list[str]) -> int:
    """First line of a definition, counting decorators and comment lines directly above."""
    start = min([node.lineno] + [d.lineno for d in node.decorator_list])
    while start > 1 and lines[start - 2].lstrip().startswith("#"):
        start -= 1
    return start


def _block(lines: list[str], begin: int, end: int) -> str:
    """Lines ``begin`` .. ``end - 1`` (1-based) without leading or trailing blank lines."""
    chunk = lines[begin - 1:end - 1]
    while chunk and not chunk[0].strip():
        chunk.pop(0)
    while chunk and not chunk[-1].strip():
        chunk.pop()
    return "\n".join(chunk)


def _summary(node: ast.AST) -> str:
    """The first paragraph of a definition's docstring (it states the formula)."""
    doc = ast.get_docstring(node, clean=True) or ""
    return doc.split("\n\n")[0].replace("\n", " ").strip()
