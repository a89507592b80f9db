"""Notebook submissions become module source through a pipeline of small pure steps.

    read_notebook      bytes → notebook (corrupt JSON, nbformat 3, bad cells: NotebookError)
    code_cells         notebook → list of CodeCell (code cells in order; markdown, raw and
                       outputs are never read, so stored outputs cannot be trusted)
    clean_cells        each cell: normalise_newlines (CRLF / CR → LF), strip_ipython
                       (IPython-only syntax → plain Python, see below), drop_self_checks (the
                       self-check cell, ``grader.check(...)`` and ``import grader``); also
                       what ``grader.check`` applies to a kernel's history
    module_source      cells → one module, each cell under a ``# In[<n>]`` header, with the
                       line each cell starts on (the sandbox runs the cells one by one)

IPython-only syntax: line magics (``%matplotlib inline``), shell escapes
(``!pip install x``, ``files = !ls``) and help queries (``obj?``) are commented out
(``pass`` keeps an indented block valid). A cell magic that runs its body as Python
(``%%time``, ``%%timeit``, ``%%capture``, ``%%prun``) keeps the body; any other cell
magic (``%%bash``, ``%%writefile``, ``%%html``...) drops the whole cell. Only a line that
starts a statement can be IPython syntax: inside a multi-line string or open brackets
``%`` and ``!`` are Python. The self-check cell (``import grader; grader.check("nag")``)
is dropped the same way: graded in a sandbox without the grader, it would only fail.
Nothing here compiles or runs the student's code (parsing it is not running it).
"""

from __future__ import annotations

import ast
import bisect
import functools
import json
import re
from dataclasses import dataclass


MAX_NOTEBOOK_BYTES = 8 * 1024 * 1024
PYTHON_CELL_MAGICS = ("time", "timeit", "capture", "prun")
_CELL_HEADER = re.compile(r"^# In\[(\d+)\]:")


class NotebookError(Exception):
    """The notebook cannot be turned into source code; the message says why."""


@dataclass(frozen=True)
class ModuleSource:
    """A notebook's cells as one module: ``text``, and ``cells``, the 1-based line of
    ``text`` on which each cell (its ``# In[<n>]`` header) starts."""

    text: str
    cells: tuple[int, ...]

    @functools.cached_property
    def numbers(self) -> tuple[int, ...]:
        """Each cell's number, from its header (the lines are split once, not per question)."""
        lines = self.text.split("\n")
        return tuple(int(_CELL_HEADER.match(lines[start - 1]).group(1)) for start in self.cells)


@dataclass(frozen=True)
class CodeCell:
    """A code cell's source and its 1-based position among ALL cells of the notebook."""

    number: int
    source: str


def read_notebook(data: bytes) -> dict:
    """Parse notebook JSON (nbformat 4, any minor version) into a plain dict.

    Only the cells' sources are read, so the JSON itself is enough: importing nbformat
    (and its schema validator) here would slow every `grader` start for nothing."""
    if len(data) > MAX_NOTEBOOK_BYTES:
        raise NotebookError("the notebook is larger than 8 MB")
    try:
        raw = json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise NotebookError("the notebook is not UTF-8 text (is it really a .ipynb file?)") from None
    except (ValueError, RecursionError) as exc:
        where = f" (line {exc.lineno}, column {exc.colno})" if isinstance(exc, json.JSONDecodeError) else ""
        raise NotebookError(f"the notebook is not valid JSON{where}: the file is damaged; open it in "
                            "Jupyter and save it again, or submit a .py file") from None
    if isinstance(raw, dict) and "worksheets" in raw:
        raise NotebookError("the notebook uses the old format nbformat 3: open it in a current Jupyter "
                            "and save it again")
    if not isinstance(raw, dict) or not isinstance(raw.get("cells"), list):
        raise NotebookError("the notebook has no list of cells (is it really a .ipynb file?)")
    return raw


def code_cells(notebook) -> list[CodeCell]:
    """Every code cell's source, in order; markdown and raw cells are skipped."""
    cells = []
    for number, cell in enumerate(notebook.get("cells", []), start=1):
        if not isinstance(cell, dict) or cell.get("cell_type") != "code":
            continue
        source = cell.get("source", "")
        if isinstance(source, list) and all(isinstance(part, str) for part in source):
            source = "".join(source)
        if not isinstance(source, str):
            raise NotebookError(f"cell {number} has a source that is not text: the file is damaged")
        cells.append(CodeCell(number, source))
    return cells


def normalise_newlines(cell: CodeCell) -> CodeCell:
    """Windows (CRLF) and old Mac (CR) line endings become LF."""
    return CodeCell(cell.number, cell.source.replace("\r\n", "\n").replace("\r", "\n"))


def strip_ipython(cell: CodeCell) -> CodeCell:
    """The cell as plain Python: IPython-only lines commented out, cell magics resolved.
    One pass over the cell, whatever its length (its text is the student's)."""
    lines = cell.source.split("\n")
    first = lines[0].strip()
    if first.startswith("%%"):
        magic = first[2:].split()[0] if first[2:].split() else ""
        if magic not in PYTHON_CELL_MAGICS:
            return CodeCell(cell.number, f"# (ignored: %%{magic} cell, not Python)")
        lines[0] = f"# (ignored) {first}"
    out: list[str] = []
    lexer = LineLexer()
    for line in lines:
        if lexer.at_statement_start() and is_ipython_line(line):
            line = _ignored(line)
        lexer.feed(line)
        out.append(line)
    return CodeCell(cell.number, "\n".join(out))


def is_ipython_line(line: str) -> bool:
    """A line magic (``%matplotlib inline``), shell escape (``!pip install x``, ``files = !ls``)
    or help query (``np?``), judged on its text alone (without backtracking on long lines)."""
    text = line.strip()
    return bool(text) and (text[0] in "%!?" or bool(_HELP_QUERY.fullmatch(text)) or bool(_FROM_MAGIC.match(text)))


_HELP_QUERY = re.compile(r"\w[\w.]*[ \t]*\?\??")
_FROM_MAGIC = re.compile(r"[\w.]+(?:[ \t]*,[ \t]*[\w.]+)*[ \t]*=[ \t]*[%!]")


def _ignored(line: str) -> str:
    indent = line[: len(line) - len(line.lstrip())]
    return f"{indent}{'pass  ' if indent else ''}# (ignored) {line.strip()}"


class LineLexer:
    """Python's lexical state from line to line, as far as it decides whether a line begins
    a statement: not inside a string that spans lines, open brackets, or after a line
    ending in a backslash, where ``%`` or ``!`` at the start of a line is Python
    (``(a\\n % b)``), not IPython. Each line is read once (no re-tokenising of the code
    above it, which made a cell of many magic-like lines quadratic)."""

    def __init__(self):
        self.depth = 0  # open brackets
        self.quote = ""  # the delimiter of a string still open at the end of the last line
        self.continued = False  # the last line ended in a backslash, outside a string

    def at_statement_start(self) -> bool:
        return self.depth == 0 and not self.quote and not self.continued

    def feed(self, line: str) -> None:
        i, n = 0, len(line)
        self.continued = False
        while i < n:
            if self.quote:
                i = self._in_string(line, i)
                continue
            char = line[i]
            if char == "#":
                return
            if char in "\"'":
                triple = line[i:i + 3] == char * 3
                self.quote = char * 3 if triple else char
                i += 3 if triple else 1
            elif char in "([{":
                self.depth += 1
                i += 1
            elif char in ")]}":
                self.depth = max(0, self.depth - 1)
                i += 1
            elif char == "\\" and i == n - 1:
                self.continued = True
                return
            else:
                i += 1
        if len(self.quote) == 1 and not line.endswith("\\"):
            self.quote = ""  # an unterminated one-line string: a syntax error, which compiling reports

    def _in_string(self, line: str, i: int) -> int:
        """Past the end of the open string if it ends on this line (else the line's end)."""
        while i < len(line):
            if line[i] == "\\":
                i += 2  # an escaped character, or a backslash before the newline
            elif line.startswith(self.quote, i):
                i += len(self.quote)
                self.quote = ""
                return i
            else:
                i += 1
        return i


def drop_self_checks(cell: CodeCell) -> CodeCell:
    """The cell without the self-check: the top-level statements that import the grader,
    use it (``grader.check("nag")``) or use what those made (``report.score``) are
    commented out, the rest of the cell (say, the functions defined above the check) is
    kept; a cell of nothing else is ignored as a whole. A line shared with kept code is
    kept, and a cell that does not parse is left as it is (the sandbox reports either)."""
    tree = parsed(cell.source)
    if tree is None or not any(_imports_grader(s) for s in tree.body):
        return cell
    names: set[str] = set()
    kept, dropped = [], []
    for statement in tree.body:
        if _imports_grader(statement) or _uses(statement, names):
            dropped.append(statement)
            names |= _bound(statement)
        else:
            kept.append(statement)
    if not kept:
        return CodeCell(cell.number, "# (ignored: the self-check cell, grader.check)")
    keep = {n for s in kept for n in range(s.lineno, s.end_lineno + 1)}
    drop = {n for s in dropped for n in range(s.lineno, s.end_lineno + 1)} - keep
    lines = cell.source.split("\n")
    return CodeCell(cell.number, "\n".join(f"# (ignored) {line}" if n in drop else line
                                           for n, line in enumerate(lines, start=1)))


def _bound(statement: ast.stmt) -> set[str]:
    """The names a top-level statement binds (imports, assignment targets)."""
    if isinstance(statement, (ast.Import, ast.ImportFrom)):
        return {(alias.asname or alias.name).split(".")[0] for alias in statement.names}
    return {node.id for node in ast.walk(statement) if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store)}


def parsed(source: str) -> ast.Module | None:
    """The syntax tree of student code, or None where Python cannot parse it: a syntax
    error, a null byte, or nesting deep enough to exhaust the parser (``MemoryError``,
    ``RecursionError``), which the grader process must survive."""
    try:
        return ast.parse(source)
    except (SyntaxError, ValueError, MemoryError, RecursionError):
        return None


def _imports_grader(statement: ast.stmt) -> bool:
    if isinstance(statement, ast.Import):
        return any(alias.name.split(".")[0] == "grader" for alias in statement.names)
    return (isinstance(statement, ast.ImportFrom) and not statement.level
            and (statement.module or "").split(".")[0] == "grader")


def _uses(statement: ast.stmt, names: set[str]) -> bool:
    """Whether a top-level statement (not a definition's body) refers to one of ``names``."""
    if isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
        return False
    return any(isinstance(node, ast.Name) and node.id in names for node in ast.walk(statement))


def module_source(cells: list[CodeCell]) -> ModuleSource:
    """One module: every non-empty cell under a ``# In[<cell number>]:`` header, and the
    line on which each of them starts."""
    if not any(_has_code(cell.source) for cell in cells):
        raise NotebookError("the notebook contains no code (only markdown, magics or empty cells)")
    parts = [f"# In[{cell.number}]:\n{cell.source.strip(chr(10))}" for cell in cells if cell.source.strip()]
    starts, line = [], 1
    for part in parts:
        starts.append(line)
        line += part.count("\n") + 2  # the part's lines and the blank line after it
    return ModuleSource("\n\n".join(parts) + "\n", tuple(starts))


def _has_code(source: str) -> bool:
    return any(line.strip() and not line.strip().startswith("#") for line in source.split("\n"))


def locate_line(module: ModuleSource, line: int) -> tuple[int, int] | None:
    """``(cell number, line within the cell)`` of a line of ``module.text``; None for a
    cell's header or a line before the first cell."""
    index = bisect.bisect_right(module.cells, line) - 1
    if index < 0 or line == module.cells[index]:
        return None
    return module.numbers[index], line - module.cells[index]


def clean_cells(cells: list[CodeCell]) -> list[CodeCell]:
    """The cleaning every code cell goes through, from a notebook file or from a kernel's
    history (``grader.check``): newlines, IPython syntax, the self-check cell."""
    return [drop_self_checks(strip_ipython(normalise_newlines(c))) for c in cells]


PIPELINE = (
    read_notebook,
    code_cells,
    clean_cells,
    module_source,
)


def notebook_to_source(data: bytes) -> ModuleSource:
    """Run the whole pipeline: notebook bytes → Python module source and its cells."""
    value = data
    for step in PIPELINE:
        value = step(value)
    return value
