"""The leak check: nothing secret may appear in what students receive.

Secret are (1) the answer lines: every non-trivial line inside a solution region, and
every non-trivial line of a known-mistake file, unless the same line also appears
outside the regions of that solution (then the template shows it anyway); (2) whole
files: reference solutions, known mistakes and hidden tests.

A line is non-trivial when, with its whitespace collapsed and a trailing comment
removed, it has at least ``MIN_CHARS`` characters and is not one of the ``GENERIC``
idioms that carry no answer (turning an argument into an array, returning a name or
``np.stack`` of a name): ``return out``, ``pass``, ``else:`` or
``x = np.asarray(x, dtype=np.float64)`` mean nothing, while
``velocity_next = rho * velocity - lr * grad_fn(theta)`` is an answer. A secret line
is not secret when the template shows it anyway: when it is part of a line outside the
regions of the same solution (a docstring stating ``norm = global_norm(grads)``), or
when its author marks it public with a trailing ``# public`` comment (e.g. ``z = ...
# public: the README gives this hint``), a deliberate, visible decision.

A release file leaks when one of its lines CONTAINS a secret line (after the same
whitespace collapsing; notebook cells are also checked by their decoded source), when
its content equals a secret file's, or when its path looks like one
(``test_hidden*``, ``solutions/``, ``mistakes/``).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator, Mapping

from grader.authoring.regions import answer_lines, find_regions
from grader.authoring.templates import solution_files

MIN_CHARS = 20
PUBLIC_PRAGMA = re.compile(r"#\s*public\b")
GENERIC = (
    re.compile(r"(\w+) = np\.(asarray|array|asanyarray)\(\1(, dtype=[\w.]+)?\)"),
    re.compile(r"return (np\.(stack|array|asarray|concatenate)\()?[\w, ]+\)?"),
)


@dataclass(frozen=True)
class Leak:
    """``path`` (relative to the release) leaks at ``line`` (``""``: the whole file)."""

    path: str
    line: str
    reason: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line and self.line[0].isdigit() else \
            f"{self.path} ({self.line})" if self.line else self.path
        return f"{where}: {self.reason}"


class LeakError(Exception):
    """The release would leak; ``leaks`` lists every offending file and line."""

    def __init__(self, leaks: list[Leak]):
        super().__init__("the release would leak:\n" + "\n".join(f"  {leak}" for leak in leaks))
        self.leaks = leaks


def normalise(line: str) -> str:
    return " ".join(line.split())


def code_part(line: str) -> str:
    """The line normalised, without a trailing ``# comment`` (a ``#`` inside quotes stays)."""
    text = normalise(line)
    quote = None
    for index, char in enumerate(text):
        if quote:
            quote = None if char == quote else quote
        elif char in "'\"":
            quote = char
        elif char == "#":
            return text[:index].rstrip()
    return text


def significant(line: str) -> bool:
    text = code_part(line)
    return len(text) >= MIN_CHARS and not any(g.fullmatch(text) for g in GENERIC)


def secret_lines(root: Path) -> dict[str, str]:
    """Normalised secret line → where it comes from (``solutions/nag.py:23``)."""
    secrets = {}
    for solution in solution_files(root):
        label = solution.relative_to(root).as_posix()
        source = solution.read_text(encoding="utf-8")
        public = _outside_regions(source, label)
        candidates = [(f"{label}:{n}", line) for n, line in answer_lines(source, label)]
        for mistake in sorted((root / "solutions" / "mistakes" / solution.stem).glob("*.py")):
            mistake_label = mistake.relative_to(root).as_posix()
            candidates += [(f"{mistake_label}:{n}", line)
                           for n, line in enumerate(mistake.read_text(encoding="utf-8").splitlines(), start=1)]
        marked = {code_part(line) for _, line in candidates if marked_public(line)}
        for where, line in candidates:
            text = code_part(line)
            if significant(line) and text not in secrets and text not in public and text not in marked:
                secrets[text] = where
    return secrets


def marked_public(line: str) -> bool:
    text = normalise(line)
    comment = text[len(code_part(line)):]
    return bool(PUBLIC_PRAGMA.search(comment))


def _outside_regions(source: str, label: str) -> str:
    """The normalised lines outside the answer regions, joined (for substring tests)."""
    inside = {n for region in find_regions(source, label) for n in range(region.begin, region.end + 1)}
    return "\n".join(normalise(line) for n, line in enumerate(source.splitlines(), start=1) if n not in inside)


def secret_files(root: Path) -> dict[str, str]:
    """Whitespace-free content of each secret file → its course path."""
    paths = list((root / "solutions").rglob("*.py")) + list((root / "assignments").glob("*/test_hidden*"))
    return {"".join(p.read_text(encoding="utf-8").split()): p.relative_to(root).as_posix()
            for p in sorted(paths) if p.is_file()}


def find_leaks(files: Mapping[str, bytes], root: Path) -> list[Leak]:
    """Every leak in ``files`` (release path → content), in path order."""
    lines, whole = secret_lines(root), secret_files(root)
    leaks = []
    for path in sorted(files):
        leaks.extend(_path_leaks(path))
        try:
            text = files[path].decode("utf-8")
        except UnicodeDecodeError:
            continue  # binary files cannot hold source lines
        origin = whole.get("".join(text.split()))
        if origin and text.strip():
            leaks.append(Leak(path, "", f"is a copy of {origin}"))
        reported = set()  # a notebook line is seen twice (raw JSON and decoded cell)
        for location, line in numbered_lines(path, text):
            for where in _matches(normalise(line), lines):
                if where not in reported:
                    reported.add(where)
                    leaks.append(Leak(path, location, f"contains {where} (a secret line)"))
    return leaks


def _path_leaks(path: str) -> list[Leak]:
    parts = Path(path).parts
    if Path(path).name.startswith("test_hidden"):
        return [Leak(path, "", "is a hidden test file")]
    if "solutions" in parts or "mistakes" in parts:
        return [Leak(path, "", "lies in a solutions/ or mistakes/ folder")]
    return []


def _matches(line: str, secrets: dict[str, str]) -> list[str]:
    if len(line) < MIN_CHARS:
        return []
    if line in secrets:
        return [secrets[line]]
    return [where for secret, where in secrets.items() if secret in line][:1]


def numbered_lines(path: str, text: str) -> Iterator[tuple[str, str]]:
    """``(location, line)`` for every line of a file; a notebook's decoded cell sources too.

    In a ``.ipynb`` file JSON escapes quotes and backslashes, so each cell's source is
    also scanned as text, located as ``cell N, line M``.
    """
    for number, line in enumerate(text.splitlines(), start=1):
        yield str(number), line
    if path.endswith(".ipynb"):
        yield from _notebook_lines(text)


def _notebook_lines(text: str) -> Iterator[tuple[str, str]]:
    try:
        cells = json.loads(text).get("cells", [])
    except (ValueError, AttributeError):
        return
    for index, cell in enumerate(cells if isinstance(cells, list) else [], start=1):
        source = cell.get("source", "") if isinstance(cell, dict) else ""
        source = "".join(map(str, source)) if isinstance(source, list) else str(source)
        for number, line in enumerate(source.splitlines(), start=1):
            yield f"cell {index}, line {number}", line
