"""``grader export gradescope NAME OUT.zip``: a Gradescope autograder for one assignment.

Zip layout (Gradescope unpacks it to ``/autograder/source``)::

    setup.sh                      installs Python and the grader's PyPI dependencies
    run_autograder                grades /autograder/submission -> /autograder/results/results.json
    dl_grader/grader/             this package's code
    dl_grader/course/             assignments/<name>/, solutions/<name>.py, solutions/mistakes/<name>/
    dl_grader/requirements.txt    the grader's dependencies
    dl_grader/fallback_results.json   every check at 0 points, used if grading cannot finish
"""

from __future__ import annotations

import json
import stat
import tempfile
import zipfile
from importlib import resources
from pathlib import Path

from grader.course import Assignment, course_root, load_course
from grader.engine.grade import GradeOptions, run_tests
from grader.engine.proxy import UnavailableProxy
from grader.export.bundle import copy_course, copy_package, runtime_requirements
from grader.model import Status, SubmissionResult
from grader.render import gradescope as gradescope_render

FALLBACK_OUTPUT = ("The autograder could not finish grading this submission (it stopped, crashed or "
                   "ran out of time), so every check is listed with 0 points. Check that your file "
                   "runs on its own and finishes quickly, then resubmit; if this persists, tell "
                   "your instructor.")


def declared_result(assignment: Assignment, message: str) -> SubmissionResult:
    """Every declared check of ``assignment`` (public and hidden) with 0 points and ``message``."""
    proxy = UnavailableProxy(assignment, Status.ERROR, message)
    result = run_tests(assignment, proxy, GradeOptions(hidden=True), source_name="", warnings=())
    return SubmissionResult((result,))


def fallback_results(assignment: Assignment) -> dict:
    """The results.json written when grading cannot finish: nothing is silently lost."""
    data = gradescope_render.as_data(declared_result(assignment, FALLBACK_OUTPUT), execution_time=0)
    data["output"] = FALLBACK_OUTPUT
    return data


def _template(name: str) -> str:
    return resources.files("grader.export").joinpath("templates", name).read_text(encoding="utf-8")


def _add(zf: zipfile.ZipFile, arcname: str, data: bytes, executable: bool = False) -> None:
    info = zipfile.ZipInfo(arcname, date_time=(2020, 1, 1, 0, 0, 0))
    info.compress_type = zipfile.ZIP_DEFLATED
    mode = 0o755 if executable else 0o644
    info.external_attr = (stat.S_IFREG | mode) << 16
    zf.writestr(info, data)


def build_zip(name: str, out: Path) -> list[str]:
    """Write the autograder zip for assignment ``name`` to ``out``; returns its entries."""
    course = load_course()
    if name not in course:
        raise KeyError(f"unknown assignment {name!r} (see `grader list`)")
    assignment = course[name]
    with tempfile.TemporaryDirectory(prefix="grader-export-") as tmp:
        stage = Path(tmp) / "dl_grader"
        copy_package(stage)
        copy_course(assignment, course_root(), stage / "course")
        (stage / "requirements.txt").write_text("\n".join(runtime_requirements()) + "\n")
        (stage / "fallback_results.json").write_text(json.dumps(fallback_results(assignment), indent=2,
                                                                ensure_ascii=False) + "\n")
        out.parent.mkdir(parents=True, exist_ok=True)
        with zipfile.ZipFile(out, "w") as zf:
            _add(zf, "setup.sh", _template("setup.sh").encode(), executable=True)
            _add(zf, "run_autograder", _template("run_autograder").replace("@ASSIGNMENT@", name).encode(),
                 executable=True)
            for path in sorted(p for p in stage.rglob("*") if p.is_file()):
                _add(zf, str(path.relative_to(stage.parent)), path.read_bytes())
            return zf.namelist()
