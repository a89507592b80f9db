"""Find a student's file for an assignment and read it as Python source.

A submission is ``<name>.py``, ``<name>.ipynb``, or a folder (a student's repository)
holding one of them, at its top or one level down. Reading happens in the grader, but
nothing here executes or even compiles student code: that is the sandbox's job.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from grader.notebook import NotebookError, locate_line, notebook_to_source

MAX_SOURCE_BYTES = 2 * 1024 * 1024


class SubmissionError(Exception):
    """The submission has no usable file for the assignment; the message says why."""


@dataclass(frozen=True)
class SourceFile:
    path: Path
    source: str

    @property
    def kind(self) -> str:
        return "notebook" if self.path.suffix == ".ipynb" else "script"

    def where(self, line: int | None) -> str:
        """A student's view of a line of ``source``: "nag.py, line 12" or
        "nag.ipynb, cell 3, line 4" (notebook sources are concatenated cells)."""
        if not line:
            return self.path.name
        if self.kind == "notebook":
            cell = locate_line(self.source, line)
            return f"{self.path.name}, cell {cell[0]}, line {cell[1]}" if cell else self.path.name
        return f"{self.path.name}, line {line}"


def find_file(path: Path, name: str) -> Path:
    """The submission file for assignment ``name`` under ``path``."""
    if path.is_symlink():
        raise SubmissionError(f"{path.name} is a symbolic link; submit the file itself")
    if path.is_file():
        if path.stem != name or path.suffix not in (".py", ".ipynb"):
            raise SubmissionError(f"{path.name} is not a submission for `{name}` "
                                  f"(expected {name}.py or {name}.ipynb)")
        return path
    if not path.is_dir():
        raise SubmissionError(f"{path} does not exist")
    for level in ("", "*/"):
        matches = sorted(p for suffix in (".py", ".ipynb") for p in path.glob(f"{level}{name}{suffix}")
                         if p.is_file() and _inside(p, path))
        if matches:
            # The students' repository holds both nag.py and nag.ipynb: grade the one the
            # student worked in, i.e. with fewer stubs left (the .py on a tie).
            return min(matches, key=lambda p: (_stubs_left(p), p.suffix != ".py", str(p)))
    if any(p.is_symlink() for pattern in (f"{name}.*", f"*/{name}.*") for p in path.glob(pattern)) \
            or any(p.is_symlink() for p in path.iterdir()):
        raise SubmissionError(f"{name}.py was not graded: symbolic links are not accepted in a submission; "
                              "commit the file itself")
    near = sorted(p.name for p in path.iterdir() if p.suffix in (".py", ".ipynb") and name in p.stem.lower())
    extra = f"; found {', '.join(near)}: rename it to {name}.py" if near else ""
    raise SubmissionError(f"no {name}.py or {name}.ipynb in {path.name}{extra}")


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


def _stubs_left(file: Path) -> int:
    """How many ``raise NotImplementedError`` the file still holds (a plain text count)."""
    try:
        if file.stat().st_size > MAX_SOURCE_BYTES * 4:
            return 1 << 30
        return file.read_bytes().count(b"raise NotImplementedError")
    except OSError:
        return 1 << 30


def other_candidates(path: Path, chosen: Path) -> list[str]:
    """A twin the student also worked in (nag.ipynb beside the nag.py graded): both have
    had their stubs filled in, so which one counts is worth a warning."""
    if not path.is_dir():
        return []
    twin = chosen.with_suffix(".ipynb" if chosen.suffix == ".py" else ".py")
    if twin.is_file() and _stubs_left(twin) <= _stubs_left(chosen):
        return [twin.name]
    return []


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
        raise SubmissionError(f"{path.name} is larger than 2 MB")
    data = path.read_bytes()
    if path.suffix == ".ipynb":
        try:
            return SourceFile(path, notebook_to_source(data))
        except NotebookError as exc:
            raise SubmissionError(f"{path.name}: {exc}") from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise SubmissionError(f"{path.name} is not UTF-8 text (byte {exc.start}); "
                              "save it with UTF-8 encoding") from None
    return SourceFile(path, text.replace("\r\n", "\n"))
