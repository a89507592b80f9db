"""The course on disk: where assignments, tests and reference solutions live.

A course root holds ``assignments/<name>/`` (``assignment.toml``, instructions, public
and hidden tests) and ``solutions/`` (reference code, known-mistake variants in
``mistakes/<name>/`` and right solutions in other styles in ``styles/<name>/``).
In a source checkout the root is the repository; in an installed wheel the same
folders are packaged as ``grader/_course``. ``GRADER_COURSE`` points elsewhere.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib

_PACKAGE = Path(__file__).resolve().parent


class CourseError(Exception):
    """The course folder is missing something or is malformed."""


@dataclass(frozen=True)
class FunctionApi:
    """One SPEC function: the names of its outputs, and which stay in the worker."""

    name: str
    args: tuple[str, ...]
    returns: tuple[str, ...]
    opaque: tuple[int, ...]

    @property
    def single(self) -> bool:
        return len(self.returns) == 1

    def label(self, output: str | None = None) -> str:
        return f"{self.name} → {output}" if output and not self.single else self.name


@dataclass(frozen=True)
class Assignment:
    name: str
    title: str
    order: int
    directory: Path
    functions: dict
    public_tests: tuple[Path, ...]
    hidden_tests: tuple[Path, ...]
    solution: Path
    mistakes: tuple[Path, ...]
    styles: tuple[Path, ...] = ()  # right solutions written another way: each must get full marks

    @property
    def filename(self) -> str:
        return f"{self.name}.py"

    def function(self, name: str) -> FunctionApi:
        return self.functions[name]

    def test_files(self, hidden: bool) -> tuple[Path, ...]:
        return self.public_tests + (self.hidden_tests if hidden else ())


def course_root() -> Path:
    """The folder holding ``assignments/`` (and ``solutions/`` on instructors' machines)."""
    override = os.environ.get("GRADER_COURSE")
    candidates = [Path(override)] if override else [_PACKAGE / "_course", _PACKAGE.parent]
    for root in candidates:
        if (root / "assignments").is_dir():
            return root.resolve()
    raise CourseError("no course found: expected an `assignments/` folder "
                      f"in {' or '.join(str(c) for c in candidates)}")


def _functions(table: dict, source: Path) -> dict:
    functions = {}
    for name, spec in table.items():
        returns = spec.get("returns")
        returns = (returns,) if isinstance(returns, str) else tuple(returns or ())
        if not returns:
            raise CourseError(f"{source}: function {name} declares no `returns`")
        opaque = tuple(returns.index(o) for o in spec.get("opaque", []))
        functions[name] = FunctionApi(name, tuple(spec.get("args", ())), returns, opaque)
    return functions


def load_assignment(root: Path, name: str) -> Assignment:
    directory = root / "assignments" / name
    meta_path = directory / "assignment.toml"
    if not meta_path.is_file():
        raise CourseError(f"unknown assignment {name!r}")
    with meta_path.open("rb") as fh:
        meta = tomllib.load(fh)
    mistakes_dir = root / "solutions" / "mistakes" / name
    styles_dir = root / "solutions" / "styles" / name
    return Assignment(
        name=name,
        title=meta.get("title", name),
        order=int(meta.get("order", 99)),
        directory=directory,
        functions=_functions(meta.get("functions", {}), meta_path),
        public_tests=tuple(sorted(directory.glob("test_public*.py"))),
        hidden_tests=tuple(sorted(directory.glob("test_hidden*.py"))),
        solution=root / "solutions" / f"{name}.py",
        mistakes=tuple(sorted(p for p in mistakes_dir.glob("*.py") if not p.name.startswith("_"))),
        styles=tuple(sorted(p for p in styles_dir.glob("*.py") if not p.name.startswith("_"))),
    )


def load_course(root: Path | None = None) -> dict[str, Assignment]:
    """Every assignment of the course, in teaching order."""
    root = root or course_root()
    found = [load_assignment(root, p.parent.name) for p in (root / "assignments").glob("*/assignment.toml")]
    return {a.name: a for a in sorted(found, key=lambda a: (a.order, a.name))}


def protected_paths(root: Path | None = None) -> list[str]:
    """Folders a sandbox worker must never see: the course (tests, solutions) and its git history."""
    root = root or course_root()
    paths = [root / "assignments", root / "solutions", root / "tests", root / ".git", _PACKAGE]
    return [str(p) for p in paths if p.is_dir()]
