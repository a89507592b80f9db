"""Find a student's file for an assignment and read it as Python source.

A submission is ``<name>.py``, ``<name>.ipynb``, or a folder (a student's repository)
holding one of them, at its top or one level down. Reading happens in the grader, but
nothing here executes or even compiles student code: that is the sandbox's job.
"""

from __future__ import annotations

import ast
import functools
import re
from dataclasses import dataclass
from pathlib import Path

from grader.notebook import ModuleSource, NotebookError, locate_line, notebook_to_source, parsed

MAX_SOURCE_BYTES = 2 * 1024 * 1024


class SubmissionError(Exception):
    """The submission has no usable file for the assignment; the message says why, and
    ``missing`` whether there is no such file at all (rather than one that is unusable)."""

    def __init__(self, message: str, missing: bool = True):
        super().__init__(message)
        self.missing = missing


@dataclass(frozen=True)
class SourceFile:
    """Python source to grade and where it came from; ``executed``: the cells a Jupyter
    kernel ran, in order, each under a ``# In[<execution count>]`` header. ``cells``: for a
    notebook or a kernel's history, the line each cell starts on: the sandbox runs them
    one by one and goes on past a cell that fails, as a notebook's reader expects (a
    plotting cell without matplotlib costs nothing); empty for a script, which runs as
    Python runs it (stopping at its first error)."""

    path: Path
    source: str
    executed: bool = False
    cells: tuple[int, ...] = ()

    @property
    def kind(self) -> str:
        return "notebook" if self.path.suffix == ".ipynb" else "script"

    def where(self, line: int | None) -> str:
        """A student's view of a line of ``source``: "nag.py, line 12" or
        "nag.ipynb, cell 3, line 4" (notebook sources are concatenated cells), or
        "In [7], line 4" for executed cells (Jupyter's label of the 7th run)."""
        if not line:
            return self.path.name
        if not self.cells:
            return f"{self.path.name}, line {line}"
        cell = locate_line(self.module, line)
        if cell is None:
            return self.path.name
        if self.executed:
            return f"In [{cell[0]}], line {cell[1]}"
        return f"{self.path.name}, cell {cell[0]}, line {cell[1]}"

    @functools.cached_property
    def module(self) -> ModuleSource:
        """The source as the notebook's cells (for ``where``: built once, asked per message)."""
        return ModuleSource(self.source, self.cells)


def find_file(path: Path, name: str) -> Path:
    """The submission file for assignment ``name`` under ``path`` (the .py where a folder
    holds both ``name.py`` and ``name.ipynb``: no code is read to choose)."""
    return _choose(path, name, ())[0]


def read_submission(path: Path, name: str, functions: tuple[str, ...]) -> tuple[SourceFile, str]:
    """The submission file for assignment ``name`` under ``path``, read (once: a candidate
    read to make the choice is not read again), and why it was chosen when there was a
    choice (empty otherwise): where a folder holds both ``name.py`` and ``name.ipynb``,
    the one with more of ``functions`` implemented (the .py on a tie)."""
    chosen, note, read = _choose(path, name, functions)
    return (read.get(chosen) or read_source(chosen)), note


def _choose(path: Path, name: str, functions: tuple[str, ...]) -> tuple[Path, str, dict[Path, SourceFile | None]]:
    """The chosen file, the note, and the candidates read to choose (file → SourceFile,
    None for one that could not be read)."""
    if path.is_symlink():
        raise SubmissionError(f"{path.name} is a symbolic link; submit the file itself", missing=False)
    if path.is_file():
        if path.stem != name or path.suffix not in (".py", ".ipynb"):
            raise SubmissionError(f"{path.name} is not a submission for `{name}` "
                                  f"(expected {name}.py or {name}.ipynb)", missing=False)
        return path, "", {}
    if not path.is_dir():
        raise SubmissionError(f"{path} does not exist")
    for level in ("", "*/"):
        matches = _candidates(path, name, level)
        if not matches:
            continue
        # Files one folder down, behind top-level ones, are only pointed out (see _deeper_note).
        deeper = _candidates(path, name, "*/") if level == "" and functions else []
        if len(matches) == 1 and not deeper:
            return matches[0], "", {}
        if not functions:  # nothing to look for (``find_file``): nothing to read
            return max(matches, key=lambda p: p.suffix == ".py"), "", {}
        # The students' repository holds both nag.py and nag.ipynb: grade the one the
        # student worked in, judged from its code (the .py on a tie).
        read = {p: _readable(p) for p in matches}
        counts = {p: implemented_count(read[p], functions) for p in matches}
        chosen = max(matches, key=lambda p: (counts[p], p.suffix == ".py"))
        notes = (_choice_note(chosen, counts, len(functions)) if len(matches) > 1 else "",
                 _deeper_note(path, deeper, functions, chosen, counts[chosen]))
        return chosen, "; ".join(n for n in notes if n), read
    if any(p.is_symlink() for pattern in (f"{name}.*", f"*/{name}.*") for p in path.glob(pattern)) \
            or any(p.is_symlink() for p in path.iterdir()):
        raise SubmissionError(f"{name}.py was not graded: symbolic links are not accepted in a submission; "
                              "commit the file itself", missing=False)
    near = sorted(p.name for p in path.iterdir() if p.suffix in (".py", ".ipynb") and name in p.stem.lower())
    extra = f"; found {', '.join(near)}: rename it to {name}.py" if near else ""
    raise SubmissionError(f"no {name}.py or {name}.ipynb in {path.name}{extra}")


def _candidates(path: Path, name: str, level: str) -> list[Path]:
    """``name``.py and ``name``.ipynb in ``path`` (``level`` "") or one folder down ("*/")."""
    return sorted(p for suffix in (".py", ".ipynb") for p in path.glob(f"{level}{name}{suffix}")
                  if p.is_file() and _inside(p, path))


def _deeper_note(path: Path, deeper: list[Path], functions: tuple[str, ...], chosen: Path, count: int) -> str:
    """A note when a file of ``deeper`` (one folder down) implements more than the
    top-level one graded (a copy of the release's untouched template at the top, the work
    in a subfolder)."""
    counts = {p: implemented_count(_readable(p), functions) for p in deeper}
    better = [p for p, n in counts.items() if n > count]
    if not better:
        return ""
    best = max(better, key=lambda p: counts[p])
    return (f"{best.relative_to(path)} implements {counts[best]} of the {len(functions)} functions, "
            f"more than {chosen.name} ({max(count, 0)}), but the file at the top of the submission is the one "
            "graded: move your work there")


def _inside(file: Path, root: Path) -> bool:
    """True when ``file`` and every folder between it and ``root`` are real, not links
    (a student's link could otherwise point the grader at another student's work or at
    the reference solutions)."""
    current = file
    while current != root:
        if current.is_symlink():
            return False
        current = current.parent
    return file.resolve().is_relative_to(root.resolve())


def _readable(file: Path) -> SourceFile | None:
    try:
        return read_source(file)
    except (SubmissionError, OSError):
        return None


def implemented_count(file: SourceFile | None, functions: tuple[str, ...]) -> int:
    """How many of ``functions`` the file's code (a notebook's code cells) defines with a
    body that is more than a stub; −1 for a file that could not be read (None). Code that
    does not parse counts every function it names: the student is working there."""
    if file is None:
        return -1
    source = file.source
    tree = parsed(source)
    if tree is None:
        # [ \t]*, not \s*: at each of many line starts \s* would run on over the newlines after it.
        return sum(bool(re.search(rf"^[ \t]*def[ \t]+{re.escape(f)}[ \t]*\(", source, re.M)) for f in functions)
    defined = {node.name: node for node in tree.body if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))}
    return sum(f in defined and not _is_stub(defined[f]) for f in functions)


def _is_stub(func: ast.FunctionDef) -> bool:
    """A body of only a docstring, ``pass``, ``...`` and ``raise NotImplementedError``."""
    for statement in func.body:
        if isinstance(statement, ast.Pass):
            continue
        if isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Constant):
            continue  # the docstring, or `...`
        if isinstance(statement, ast.Raise) and _names_not_implemented(statement.exc):
            continue
        return False
    return True


def _names_not_implemented(exc) -> bool:
    target = exc.func if isinstance(exc, ast.Call) else exc
    return isinstance(target, ast.Name) and target.id == "NotImplementedError"


def _choice_note(chosen: Path, counts: dict[Path, int], functions: int) -> str:
    """Why ``chosen`` was graded rather than the other candidates (``counts``: file →
    functions implemented)."""
    mine = max(counts[chosen], 0)
    others = [p for p in counts if p != chosen]
    if mine == 0 and all(counts[p] <= 0 for p in others):
        return ""  # nothing done in any of them (an untouched template pair): nothing to choose
    if all(counts[p] < counts[chosen] for p in others):
        why = f"it implements {mine} of the {functions} functions, " + ", ".join(
            f"{p.name} {max(counts[p], 0)}" for p in others)
    else:
        why = f"both implement {mine} of the {functions} functions, and the .py counts on a tie"
    note = f"{chosen.name} was graded, not {', '.join(p.name for p in others)}: {why}"
    return note + (" (delete the file you do not use)" if any(counts[p] > 0 for p in others) else "")


def present_assignments(path: Path, names) -> list[str]:
    """Which of ``names`` have a file in the submission."""
    found = []
    for name in names:
        try:
            find_file(path, name)
        except SubmissionError:
            continue
        found.append(name)
    return found


def read_source(path: Path) -> SourceFile:
    """The file's Python source; notebooks go through the notebook pipeline."""
    size = path.stat().st_size
    if size > MAX_SOURCE_BYTES:
        raise SubmissionError(f"{path.name} is larger than 2 MB", missing=False)
    data = path.read_bytes()
    if path.suffix == ".ipynb":
        try:
            module = notebook_to_source(data)
            return SourceFile(path, module.text, cells=module.cells)
        except NotebookError as exc:
            raise SubmissionError(f"{path.name}: {exc}", missing=False) from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise SubmissionError(f"{path.name} is not UTF-8 text (byte {exc.start}); "
                              "save it with UTF-8 encoding", missing=False) from None
    return SourceFile(path, text.replace("\r\n", "\n"))
