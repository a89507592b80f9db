"""Build the repository a student receives (e.g. the GitHub Classroom template repo).

Layout of a release::

    README.md                 how to install the grader and self-check
    pyproject.toml            `pip install .` gives the `grader` command
    <name>.py, <name>.ipynb   the templates, generated from the solutions
    assignments/<name>/       README.md, assignment.toml, test_public*.py
    grader/                   the grader package (instructor-only parts left out)
    ...                       extra files, e.g. `.github/workflows/classroom.yml`

``plan_release`` computes every file in memory; ``build_release`` runs the leak check
on that plan and writes nothing when it finds a leak. Extra files (``extra``: release
path → bytes) are the hook for what other commands produce, such as the Classroom
workflow from ``grader export classroom``; they are leak-checked like the rest.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Mapping

from grader.authoring.leaks import LeakError, find_leaks
from grader.authoring.student_readme import gitignore, student_readme
from grader.authoring.templates import templates_for
from grader.course import CourseError, load_course
from grader.engine.readiness import PLACEHOLDER, placeholder_files

if sys.version_info >= (3, 11):
    import tomllib
else:
    import tomli as tomllib

PACKAGE = Path(__file__).resolve().parents[1]
# Instructor tooling that needs solutions/ and has no use in a student's copy. The CLI
# lists only verbs whose module exists, so leaving these out removes them from `--help`.
INSTRUCTOR_ONLY = ("authoring", "_course", "commands/release.py", "commands/validate.py", "commands/new.py",
                   "commands/batch.py", "commands/merge.py", "commands/export", "commands/export.py")
ASSIGNMENT_FILES = ("README.md", "assignment.toml", "test_public*.py")


def plan_release(root: Path, extra: Mapping[str, bytes] | None = None) -> dict[str, bytes]:
    """Every file of the release: relative POSIX path → content."""
    course = load_course(root)
    files: dict[str, bytes] = {}
    for name, assignment in course.items():
        if not assignment.solution.is_file():
            raise CourseError(f"{name} has no solution ({assignment.solution.name}): its template "
                              "cannot be generated")
        unfinished = placeholder_files(assignment, root)
        if unfinished:  # `grader new`'s example parts, still there: students would get them
            raise CourseError(f"{name} is not finished: {', '.join(str(p.relative_to(root)) for p in unfinished)} "
                              f"still hold{'s' * (len(unfinished) == 1)} lines marked {PLACEHOLDER} "
                              f"(`grader validate {name}` lists what is missing)")
        for filename, text in templates_for(root, assignment.solution).items():
            files[filename] = text.encode("utf-8")
        for pattern in ASSIGNMENT_FILES:
            for path in sorted(assignment.directory.glob(pattern)):
                files[f"assignments/{name}/{path.name}"] = path.read_bytes()
    files.update(package_files(PACKAGE))
    files["pyproject.toml"] = release_pyproject(root).encode("utf-8")
    files["README.md"] = student_readme(course).encode("utf-8")
    files[".gitignore"] = gitignore().encode("utf-8")
    for path, content in (extra or {}).items():
        files[_safe_relative(path)] = content
    return files


def package_files(package: Path) -> dict[str, bytes]:
    """The grader's source files under ``grader/``, without caches and instructor tooling."""
    files = {}
    for path in sorted(package.rglob("*")):
        relative = path.relative_to(package).as_posix()
        if not path.is_file() or "__pycache__" in path.parts or path.suffix in (".pyc", ".pyo"):
            continue
        if any(relative == skip or relative.startswith(skip + "/") for skip in INSTRUCTOR_ONLY):
            continue
        files[f"grader/{relative}"] = path.read_bytes()
    return files


def release_pyproject(root: Path) -> str:
    """A minimal ``pyproject.toml``: the grader command, its dependencies, the public course."""
    project = {}
    main = root / "pyproject.toml"
    if main.is_file():
        with main.open("rb") as fh:
            project = tomllib.load(fh).get("project", {})
    dependencies = project.get("dependencies", ["numpy>=1.24", "pytest>=7.4", "nbformat>=5.9",
                                                 "click>=8.1", "rich>=13.0"])
    deps = "".join(f"    {json.dumps(d)},\n" for d in dependencies)
    return (
        "# The grader for self-checks: `pip install .` gives the `grader` command.\n"
        "[build-system]\n"
        'requires = ["hatchling>=1.24"]\n'
        'build-backend = "hatchling.build"\n\n'
        "[project]\n"
        'name = "dl-grader"\n'
        f'version = {json.dumps(project.get("version", "0.1.0"))}\n'
        'description = "Self-check for the course assignments (public tests only)"\n'
        f'requires-python = {json.dumps(project.get("requires-python", ">=3.10"))}\n'
        f"dependencies = [\n{deps}]\n\n"
        "[project.scripts]\n"
        'grader = "grader.cli:main"\n\n'
        "[tool.hatch.build.targets.wheel]\n"
        'packages = ["grader"]\n\n'
        "# A non-editable install carries the public tests inside the package\n"
        "# (grader/course.py looks for grader/_course/assignments first).\n"
        "[tool.hatch.build.targets.wheel.force-include]\n"
        '"assignments" = "grader/_course/assignments"\n')


def build_release(root: Path, outdir: Path, extra: Mapping[str, bytes] | None = None) -> list[str]:
    """Leak-check the release and write it to ``outdir`` (which must not exist or be empty).

    Raises ``LeakError`` (naming every offending file and line) before writing anything.
    Returns the written paths, relative to ``outdir``.
    """
    if outdir.exists() and (not outdir.is_dir() or any(outdir.iterdir())):
        raise FileExistsError(f"{outdir} exists and is not an empty folder")
    files = plan_release(root, extra)
    leaks = find_leaks(files, root)
    if leaks:
        raise LeakError(leaks)
    outdir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{outdir.name}.", dir=outdir.parent))
    staging.chmod(0o755)  # mkdtemp makes it private; a release is meant to be shared
    try:
        for relative, content in files.items():
            target = staging / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(content)
        if outdir.exists():
            outdir.rmdir()
        os.replace(staging, outdir)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return sorted(files)


def _safe_relative(path: str) -> str:
    """An extra file's release path: relative and staying inside the release."""
    parts = Path(path).parts
    if Path(path).is_absolute() or ".." in parts or not parts:
        raise ValueError(f"extra file path {path!r} must be relative and stay inside the release")
    return Path(*parts).as_posix()
