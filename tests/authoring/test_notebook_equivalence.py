"""A notebook grades exactly like the same code in a .py file (through the real CLI).

For every assignment with a solution: the reference answers pasted into the notebook
template. For each known mistake of ``nag``: the same, with the mistake appended as a
last code cell (as the engine appends it to the reference source). The notebooks are
generated here, in a temporary folder, and never committed.
"""

from __future__ import annotations

import json
import shutil
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import nbformat
import pytest

from authoring_support import ROOT, append_code_cell, paste_solution
from conftest import run_grader
from grader.authoring.templates import solution_files, templates_for
from grader.course import load_course

COURSE = load_course(ROOT)
ASSIGNMENTS = [p.stem for p in solution_files(ROOT) if p.stem in COURSE]
NAG_MISTAKES = sorted((ROOT / "solutions" / "mistakes" / "nag").glob("*.py"))


def _notebook(name: str, extra: str | None = None) -> nbformat.NotebookNode:
    """The notebook template with the reference pasted in (and ``extra`` as a last cell)."""
    solution = (ROOT / "solutions" / f"{name}.py").read_text()
    template = templates_for(ROOT, ROOT / "solutions" / f"{name}.py")[f"{name}.ipynb"]
    notebook = paste_solution(nbformat.reads(template, as_version=4), solution)
    return append_code_cell(notebook, extra) if extra else notebook


def _grade(folder: Path) -> dict:
    """Per-assignment reports of one real CLI run on a student folder (file names dropped)."""
    proc = run_grader("grade", str(folder), "--format", "json")
    assert proc.stdout, proc.stderr
    report = json.loads(proc.stdout)
    per_assignment = report.get("assignments") or {report["assignment"]: report}
    for result in per_assignment.values():
        result.pop("source", None)
    return per_assignment


@pytest.fixture(scope="module")
def reports(tmp_path_factory):
    """case → (report of the .py, report of the .ipynb); case = assignment or nag+<mistake>."""
    root = tmp_path_factory.mktemp("equivalence")
    pairs = {"all": (root / "all-py", root / "all-nb")}
    for folder in pairs["all"]:
        folder.mkdir()
    for name in ASSIGNMENTS:  # one student folder holds every assignment: two CLI runs in all
        shutil.copy(ROOT / "solutions" / f"{name}.py", pairs["all"][0] / f"{name}.py")
        nbformat.write(_notebook(name), pairs["all"][1] / f"{name}.ipynb")
    reference = (ROOT / "solutions" / "nag.py").read_text()
    for mistake in NAG_MISTAKES:
        py, nb = root / f"{mistake.stem}-py", root / f"{mistake.stem}-nb"
        py.mkdir(), nb.mkdir()
        (py / "nag.py").write_text(reference + "\n\n# ---- known mistake ----\n" + mistake.read_text())
        nbformat.write(_notebook("nag", mistake.read_text()), nb / "nag.ipynb")
        pairs[f"nag+{mistake.stem}"] = (py, nb)
    with ThreadPoolExecutor(max_workers=2) as pool:
        graded = {case: (pool.submit(_grade, py), pool.submit(_grade, nb)) for case, (py, nb) in pairs.items()}
        graded = {case: (a.result(), b.result()) for case, (a, b) in graded.items()}
    out = {name: (graded["all"][0][name], graded["all"][1][name]) for name in ASSIGNMENTS}
    out.update({case: (a["nag"], b["nag"]) for case, (a, b) in graded.items() if case != "all"})
    return out


CASES = ASSIGNMENTS + [f"nag+{m.stem}" for m in NAG_MISTAKES]


@pytest.mark.parametrize("case", CASES)
def test_notebook_grades_like_the_script(reports, case):
    script, notebook = reports[case]
    assert notebook == script
    assert script["tests"], "nothing was graded"


def test_comparison_is_not_vacuous(reports):
    """The reference gets full marks and every nag mistake loses points, in both forms."""
    for name in ASSIGNMENTS:
        assert reports[name][1]["score"] == reports[name][1]["max_score"]
    for mistake in NAG_MISTAKES:
        assert reports[f"nag+{mistake.stem}"][1]["score"] < reports["nag"][1]["max_score"]


@pytest.mark.parametrize("suffix", [".py", ".ipynb"])
def test_untouched_templates_score_zero_with_every_test_missing(tmp_path, suffix):
    """The released templates of every assignment, as a student receives them, in one folder."""
    for name in ASSIGNMENTS:
        shutil.copy(ROOT / "student_templates" / f"{name}{suffix}", tmp_path / f"{name}{suffix}")
    graded = _grade(tmp_path)
    assert sorted(graded) == sorted(ASSIGNMENTS)
    for name, report in graded.items():
        not_missing = [(t["name"], t["status"], t["output"]) for t in report["tests"] if t["status"] != "missing"]
        assert report["score"] == 0 and not not_missing, (name, not_missing[:3])
