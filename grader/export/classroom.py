"""``grader export classroom``: the GitHub Classroom workflow and the hidden-tests secret.

The workflow (``.github/workflows/classroom.yml``) has the name, job and trigger
Classroom expects; one step (id ``grader``) runs ``grader grade --assignment a,b,...
--format classroom --github-output`` (fenced with ``::stop-commands::``): one process
for every assignment, writing one step output per assignment, named by its step id.
The stock ``classroom-resources/autograding-grading-reporter@v1`` reads each as a
runner (``<ID>_RESULTS`` = ``steps.grader.outputs.<id>``) and adds up the payloads, so
a push with thirteen assignments starts one grader, not thirteen. pip's downloads are
cached between pushes (``setup-python``'s ``cache: pip``).

Hidden tests are not in the student repository. The optional secret ``GRADER_HIDDEN``
holds a base64 tar.gz of a course folder (``assignments/<name>/`` with hidden tests,
``solutions/<name>.py`` and known mistakes, which hidden tests compare against); the
workflow unpacks it and points ``GRADER_COURSE`` at it. A student controls their own
repository and can read any secret its workflows receive, so this is a convenience for
feedback; the instructor's ``grader batch`` run is the authoritative grade.
"""

from __future__ import annotations

import base64
import io
import tarfile
import tempfile
from importlib import resources
from pathlib import Path

from grader.course import course_root, load_course
from grader.export.bundle import copy_course
from grader.export.github import step_id

WORKFLOW = Path(".github") / "workflows" / "classroom.yml"
SECRET_LIMIT = 48 * 1024  # GitHub's size limit for one secret
GRADER_STEP = "grader"  # the id of the one grading step


def _template(name: str) -> str:
    return resources.files("grader.export").joinpath("templates", name).read_text(encoding="utf-8")


def _names(names: list[str] | None) -> list[str]:
    course = load_course()
    chosen = names or list(course)
    unknown = [n for n in chosen if n not in course]
    if unknown:
        raise KeyError(f"unknown assignment(s): {', '.join(unknown)} (see `grader list`)")
    return chosen


def workflow_text(names: list[str] | None = None, python_version: str = "3.11") -> str:
    """The workflow YAML grading ``names`` (default: every assignment of the course)."""
    chosen = _names(names)
    ids = [step_id(n) for n in chosen]
    if len(set(ids)) != len(ids):
        raise ValueError("two assignments map to the same step id")
    steps = (_template("classroom_step.yml").replace("@NAMES@", ", ".join(chosen))
             .replace("@ASSIGNMENTS@", ",".join(chosen)).rstrip("\n"))
    env = "\n".join(f"          {i.upper()}_RESULTS: ${{{{ steps.{GRADER_STEP}.outputs.{i} }}}}" for i in ids)
    return (_template("classroom.yml").replace("@PYTHON@", python_version).replace("@STEPS@", steps)
            .replace("@REPORTER_ENV@", env).replace("@RUNNERS@", ",".join(ids)))


def write_workflow(outdir: Path, names: list[str] | None = None, python_version: str = "3.11") -> Path:
    path = outdir / WORKFLOW
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(workflow_text(names, python_version), encoding="utf-8")
    return path


def hidden_bundle(names: list[str] | None = None) -> str:
    """Base64 of a tar.gz course folder holding ``names``' tests, solutions and mistakes."""
    chosen = _names(names)
    course = load_course()
    buffer = io.BytesIO()
    with tempfile.TemporaryDirectory(prefix="grader-hidden-") as tmp:
        for name in chosen:
            copy_course(course[name], course_root(), Path(tmp))
        with tarfile.open(fileobj=buffer, mode="w:gz") as tar:
            for path in sorted(Path(tmp).rglob("*")):
                if path.is_file():
                    info = tar.gettarinfo(str(path), arcname=str(path.relative_to(tmp)))
                    info.uid = info.gid = 0
                    info.uname = info.gname = ""
                    info.mtime = 0
                    with path.open("rb") as fh:
                        tar.addfile(info, fh)
    return base64.b64encode(buffer.getvalue()).decode("ascii")


def checked_bundle(names: list[str] | None = None) -> str:
    """``hidden_bundle``, refused (``ValueError``) when it cannot be one GitHub secret."""
    text = hidden_bundle(names)
    if len(text) > SECRET_LIMIT:
        raise ValueError(f"the hidden-tests bundle is {len(text)} bytes, over GitHub's 48 KB secret limit: "
                         "export fewer assignments per workflow (--assignment NAME, repeatable)")
    return text


def write_hidden_bundle(path: Path, text: str) -> int:
    """Write a ``checked_bundle``; its size."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="ascii")
    return len(text)
