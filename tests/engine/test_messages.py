"""Messages name the student's own file and place: notebooks by cell, scripts by line."""

import shutil

import nbformat

from conftest import ROOT, grade_json


def test_notebook_import_errors_point_to_the_cell(tmp_path):
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_markdown_cell("# NAG"), nbformat.v4.new_code_cell("import numpy as np\n%matplotlib inline"),
                nbformat.v4.new_code_cell("def gd_step(theta, grad_fn, lr):\n    return theta\n\nx = undefined_name")]
    nbformat.write(nb, tmp_path / "nag.ipynb")
    report, _ = grade_json(tmp_path, "nag")
    assert report["tests"][0]["output"] == ("nag.ipynb could not be imported: NameError: name 'undefined_name' "
                                            "is not defined (nag.ipynb, cell 3, line 4)")


def test_runtime_errors_point_to_the_script_line(tmp_path):
    (tmp_path / "nag.py").write_text("def gd_step(theta, grad_fn, lr):\n    return theta.transposed\n")
    report, _ = grade_json(tmp_path, "nag")
    assert "`gd_step` raised AttributeError" in report["tests"][0]["output"]
    assert report["tests"][0]["output"].endswith("(nag.py, line 2)")


def test_a_script_beside_a_notebook_is_graded_with_a_warning(tmp_path):
    shutil.copy(ROOT / "solutions/nag.py", tmp_path / "nag.py")
    nbformat.write(nbformat.v4.new_notebook(), tmp_path / "nag.ipynb")
    report, _ = grade_json(tmp_path, "nag")
    assert report["score"] == 10
    assert report["warnings"] == ["both nag.py and nag.ipynb were found; nag.py was graded (delete the other)"]


def test_symbolic_links_in_a_submission_are_refused(tmp_path):
    (tmp_path / "sub").symlink_to(ROOT / "solutions", target_is_directory=True)
    report, _ = grade_json(tmp_path, "nag")
    assert report["score"] == 0
    assert "symbolic links are not accepted" in report["tests"][0]["output"]
    (tmp_path / "sub").unlink()
    (tmp_path / "nag.py").symlink_to(ROOT / "solutions" / "nag.py")
    report, _ = grade_json(tmp_path, "nag")
    assert report["score"] == 0


def test_hidden_tests_never_quote_the_students_exception_text(tmp_path):
    (tmp_path / "nag.py").write_text(
        "def nag_step(theta, velocity, grad_fn, lr, rho):\n    raise ValueError('LEAK' + repr(theta))\n")
    report, _ = grade_json(tmp_path, "nag")
    hidden = [t for t in report["tests"] if t["hidden"] and "nag_step" in t["output"]]
    public = [t for t in report["tests"] if not t["hidden"] and "nag_step" in t["output"]]
    assert hidden and all("LEAK" not in t["output"] and "raised ValueError" in t["output"] for t in hidden)
    assert public and "LEAK" in public[0]["output"]


def test_the_file_the_student_worked_in_is_graded_when_both_formats_exist(tmp_path):
    shutil.copy(ROOT / "student_templates/nag.py", tmp_path / "nag.py")
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell((ROOT / "solutions/nag.py").read_text())]
    nbformat.write(nb, tmp_path / "nag.ipynb")
    report, _ = grade_json(tmp_path, "nag")
    assert report["source"] == "nag.ipynb" and report["score"] == 10
    assert report["warnings"] == []
