"""`grader export otter`: graded by the real otter-grader (`otter run`, no Docker).

The reference notebook gets full marks, the untouched template 0, and known-mistake
fixtures exactly the score our own grader gives them (tests/submissions/nag/expected.toml).
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import zipfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import nbformat
import pytest

from grader.authoring.regions import answer_lines

from conftest import ROOT, expected, fixture_submission, run_grader

pytestmark = pytest.mark.slow

otter = pytest.importorskip("otter", reason="otter-grader is not installed (pip install 'dl-grader[otter]')")

FIXTURES = ["untouched_template", "nag_uses_plain_momentum", "mutates_velocity_in_place"]


@pytest.fixture(scope="module")
def exported(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("otter")
    proc = run_grader("export", "otter", "nag", str(out))
    assert proc.returncode == 0, proc.stderr
    return out


def reference_notebook(folder: Path) -> Path:
    notebook = nbformat.v4.new_notebook()
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    notebook.cells = [nbformat.v4.new_markdown_cell("# Nesterov momentum"),
                      nbformat.v4.new_code_cell((ROOT / "solutions" / "nag.py").read_text())]
    path = folder / "nag.ipynb"
    nbformat.write(notebook, path)
    return path


def otter_run(autograder: Path, submission: Path, out: Path) -> dict:
    out.mkdir(parents=True)
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST")}
    proc = subprocess.run([sys.executable, "-m", "otter", "run", "-a", str(autograder), "-o", str(out),
                           str(submission)], capture_output=True, text=True, env=env, timeout=300)
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-2000:]
    return json.loads((out / "results.json").read_text())


@pytest.fixture(scope="module")
def otter_results(exported, tmp_path_factory) -> dict[str, dict]:
    """otter's results.json for the reference notebook and each fixture (run concurrently)."""
    work = tmp_path_factory.mktemp("otter-runs")
    submissions = {"reference_notebook": reference_notebook(work)}
    for fixture in FIXTURES:
        submissions[fixture] = fixture_submission(work, "nag", fixture) / "nag.py"
    with ThreadPoolExecutor(max_workers=2) as pool:
        futures = {k: pool.submit(otter_run, exported / "autograder.zip", v, work / f"out-{k}")
                   for k, v in submissions.items()}
        return {k: f.result() for k, f in futures.items()}


def totals(results: dict) -> tuple[float, float]:
    scored = [t for t in results["tests"] if t.get("max_score") is not None]
    return sum(t["score"] for t in scored), sum(t["max_score"] for t in scored)


def test_export_writes_otter_exception_format(exported):
    text = (exported / "tests" / "nag.py").read_text()
    assert re.search(r"^OK_FORMAT = False$", text, re.M)
    assert re.search(r"^name = 'nag'$", text, re.M)
    assert "from otter.test_files import test_case" in text
    with zipfile.ZipFile(exported / "autograder.zip") as zf:
        assert zf.read("tests/nag.py").decode() == text
    # otter's own parser reads it: cases, points and hidden flags as our tests have them.
    from otter.test_files import ExceptionTestFile

    parsed = ExceptionTestFile.from_file(str(exported / "tests" / "nag.py"))
    ours = json.loads(run_grader("grade", str(ROOT / "solutions" / "nag.py"), "-a", "nag", "--format", "json").stdout)
    assert parsed.possible == pytest.approx(ours["max_score"])
    hidden_points = sum(t.points for t in parsed.test_cases if t.hidden)
    assert hidden_points == pytest.approx(sum(t["max_score"] for t in ours["tests"] if t["hidden"]))


def test_export_carries_data_not_the_reference_source(exported):
    text = (exported / "tests" / "nag.py").read_text()
    reference = ROOT / "solutions" / "nag.py"
    lines = {line.strip() for _, line in answer_lines(reference.read_text(), str(reference)) if len(line.strip()) > 12}
    assert lines, "the reference has no solution regions to compare with"
    assert not [line for line in lines if line in text]
    assert "def nag_step" not in text and "def optimize" not in text


def test_otter_gives_the_reference_notebook_full_marks(otter_results):
    score, possible = totals(otter_results["reference_notebook"])
    assert possible == pytest.approx(10.0)
    assert score == pytest.approx(possible)


@pytest.mark.parametrize("fixture", FIXTURES)
def test_otter_score_matches_our_grader(otter_results, fixture):
    score, possible = totals(otter_results[fixture])
    assert possible == pytest.approx(10.0)
    assert score == pytest.approx(expected("nag")[fixture]["score"])


def test_otter_messages_name_the_function_not_the_values(otter_results):
    text = json.dumps(otter_results["nag_uses_plain_momentum"], ensure_ascii=False)
    assert "nag_step → theta_next" in text
    assert "look-ahead" in text


@pytest.mark.parametrize("name", ["dropout", "init"])
def test_assignments_judged_by_the_statistics_of_random_draws_are_refused(tmp_path, name):
    proc = run_grader("export", "otter", name, str(tmp_path / "out"))
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    assert f"cannot export {name} to otter" in proc.stderr and "by their statistics" in proc.stderr
    assert not (tmp_path / "out" / "autograder.zip").exists()
