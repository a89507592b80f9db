"""``grader.check("nag")`` in a real Jupyter kernel grades what the kernel executed.

The notebook file on disk stays the untouched template throughout; the kernel first runs
the template's cells, then the reference solution typed into the same cells (unsaved),
then a known mistake. Each ``grader.check`` must give what ``grader grade --public-only``
(the tests ``grader check`` runs) gives for a file holding that code.
"""

from __future__ import annotations

import json

import pytest

from conftest import ROOT, grade_json
from grader.authoring.cells import split_module
from grader.authoring.regions import without_markers

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")
pytest.importorskip("ipykernel")

CHECK_CELL = 'import grader; report = grader.check("nag")\nprint(json.dumps(report.as_dict()))\nreport'
MISTAKE = ROOT / "solutions" / "mistakes" / "nag" / "gradient_at_theta.py"


def _run(client, source: str):
    cell = nbformat.v4.new_code_cell(source)
    client.nb.cells.append(cell)
    client.execute_cell(cell, len(client.nb.cells) - 1)
    return cell.outputs


def _checked(outputs) -> tuple[dict, str]:
    """The JSON printed by CHECK_CELL and the HTML Jupyter shows for the result."""
    printed = "".join(o.get("text", "") for o in outputs if o.get("output_type") == "stream")
    shown = [o for o in outputs if o.get("output_type") == "execute_result"]
    assert shown, outputs
    return json.loads(printed), shown[0]["data"]["text/html"]


def _tests(report: dict) -> list:
    return report["tests"]


@pytest.mark.slow
def test_check_grades_the_executed_cells_not_the_saved_file(tmp_path):
    template_path = tmp_path / "nag.ipynb"
    template_path.write_bytes((ROOT / "student_templates" / "nag.ipynb").read_bytes())
    template = nbformat.read(template_path, as_version=4)
    solution = without_markers((ROOT / "solutions" / "nag.py").read_text(), "nag.py")
    typed = split_module(solution)

    client = nbclient.NotebookClient(nbformat.v4.new_notebook(), timeout=180, kernel_name="python3", allow_errors=True,
                                     resources={"metadata": {"path": str(tmp_path)}})
    with client.setup_kernel():
        for cell in template.cells:          # the template as saved: stubs
            if cell.cell_type == "code":
                _run(client, cell.source)
        _run(client, "import json")
        stubs, _ = _checked(_run(client, CHECK_CELL))
        for piece in (typed.prelude, *typed.definitions):  # the answers typed in and run, never saved
            _run(client, piece.source)
        right, right_html = _checked(_run(client, CHECK_CELL))
        _run(client, "!echo shell escapes are not graded\n%time x = 1\n" + MISTAKE.read_text())
        _run(client, "def broken(:\n    pass")  # a syntax error: the kernel runs none of it
        wrong, wrong_html = _checked(_run(client, CHECK_CELL))

    assert template_path.read_bytes() == (ROOT / "student_templates" / "nag.ipynb").read_bytes()
    assert stubs["score"] == 0 and stubs["max_score"] == 2.5
    assert right["score"] == right["max_score"] == 2.5
    assert all(t["status"] == "passed" for t in _tests(right))
    assert 0 < wrong["score"] < wrong["max_score"]
    assert "<table" in right_html and "All public checks pass" in right_html
    assert "left out In [" in wrong_html and "syntax error" in wrong_html

    # The same figures, tests and messages as the command line grading the same code.
    (tmp_path / "right" / "nag.py").parent.mkdir()
    (tmp_path / "right" / "nag.py").write_text(solution)
    (tmp_path / "wrong" / "nag.py").parent.mkdir()
    (tmp_path / "wrong" / "nag.py").write_text(solution + "\n\n" + MISTAKE.read_text())
    for kernel_report, folder in ((right, "right"), (wrong, "wrong")):
        cli, _ = grade_json(tmp_path / folder, "nag", "--public-only")
        assert (kernel_report["score"], kernel_report["max_score"]) == (cli["score"], cli["max_score"])
        assert _tests(kernel_report) == _tests(cli)
