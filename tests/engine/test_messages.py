"""Messages name the student's own file and place: notebooks by cell, scripts by line."""

import json
import shutil

import nbformat
import numpy as np
import pytest

from conftest import ROOT, grade_json, run_grader


def test_a_failing_notebook_cell_is_named_and_the_other_cells_still_run(tmp_path):
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_markdown_cell("# NAG"), nbformat.v4.new_code_cell("import numpy as np\n%matplotlib inline"),
                nbformat.v4.new_code_cell("def gd_step(theta, grad_fn, lr):\n    return theta - lr * grad_fn(theta)"
                                          "\n\nx = undefined_name\n\ndef momentum_step(*args):\n    pass"),
                nbformat.v4.new_code_cell("def nag_step(*args):\n    pass")]
    nbformat.write(nb, tmp_path / "nag.ipynb")
    report, _ = grade_json(tmp_path, "nag")
    assert report["warnings"] == ["nag.ipynb, cell 3, line 4 raised NameError: name 'undefined_name' is not "
                                  "defined (the rest of that cell was skipped; the other cells ran)"]
    tests = report["tests"]
    assert any(t["name"].startswith("gd_step") and t["status"] == "passed" for t in tests)
    missing = [t["output"] for t in tests if "momentum_step" in t["output"] and t["status"] == "missing"]
    assert missing and missing[0] == ("nag.ipynb has no function `momentum_step` (nag.ipynb, cell 3, line 4 raised "
                                      "NameError, so the rest of that cell did not run: was `momentum_step` "
                                      "defined there?)")
    # The cell after the failing one ran: nag_step exists (and returns None, a wrong answer).
    assert not any("has no function `nag_step`" in t["output"] for t in tests)


def test_a_script_stops_at_its_first_error_as_python_does(tmp_path):
    (tmp_path / "nag.py").write_text("def gd_step(theta, grad_fn, lr):\n    return theta\n\nx = undefined_name\n")
    report, _ = grade_json(tmp_path, "nag")
    assert {t["output"] for t in report["tests"]} == {
        "nag.py could not be imported: NameError: name 'undefined_name' is not defined (nag.py, line 4)"}


def test_runtime_errors_point_to_the_script_line(tmp_path):
    (tmp_path / "nag.py").write_text("def gd_step(theta, grad_fn, lr):\n    return theta.transposed\n")
    report, _ = grade_json(tmp_path, "nag")
    assert "`gd_step` raised AttributeError" in report["tests"][0]["output"]
    assert report["tests"][0]["output"].endswith("(nag.py, line 2)")


def test_a_script_beside_an_empty_notebook_is_graded_and_the_report_says_why(tmp_path):
    shutil.copy(ROOT / "solutions/nag.py", tmp_path / "nag.py")
    nbformat.write(nbformat.v4.new_notebook(), tmp_path / "nag.ipynb")
    report, _ = grade_json(tmp_path, "nag")
    assert report["score"] == 10 and report["source"] == "nag.py"
    assert report["warnings"] == ["nag.py was graded, not nag.ipynb: it implements 4 of the 4 functions, "
                                  "nag.ipynb 0"]


def solved_template_notebook(path):
    """The released nag.ipynb, its markdown untouched (it still mentions
    `raise NotImplementedError`), its code cells replaced by the reference's functions."""
    nb = nbformat.read(ROOT / "student_templates/nag.ipynb", as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code"]
    code[0].source = (ROOT / "solutions/nag.py").read_text()
    for cell in code[1:]:
        cell.source = ""
    nbformat.write(nb, path)


def test_the_solved_notebook_is_graded_beside_the_untouched_script(tmp_path):
    shutil.copy(ROOT / "student_templates/nag.py", tmp_path / "nag.py")
    solved_template_notebook(tmp_path / "nag.ipynb")
    assert "raise NotImplementedError" in (tmp_path / "nag.ipynb").read_text()
    report, _ = grade_json(tmp_path, "nag")
    assert report["source"] == "nag.ipynb" and report["score"] == 10
    assert report["warnings"] == ["nag.ipynb was graded, not nag.py: it implements 4 of the 4 functions, nag.py 0"]


def test_the_solved_script_is_graded_beside_the_untouched_notebook(tmp_path):
    shutil.copy(ROOT / "solutions/nag.py", tmp_path / "nag.py")
    shutil.copy(ROOT / "student_templates/nag.ipynb", tmp_path / "nag.ipynb")
    report, _ = grade_json(tmp_path, "nag")
    assert report["source"] == "nag.py" and report["score"] == 10


def test_two_worked_files_tie_to_the_script_with_a_warning(tmp_path):
    shutil.copy(ROOT / "solutions/nag.py", tmp_path / "nag.py")
    solved_template_notebook(tmp_path / "nag.ipynb")
    report, _ = grade_json(tmp_path, "nag")
    assert report["source"] == "nag.py"
    assert report["warnings"] == ["nag.py was graded, not nag.ipynb: both implement 4 of the 4 functions, and "
                                  "the .py counts on a tie (delete the file you do not use)"]


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


@pytest.mark.parametrize("name, stem, test, seed, says", [
    ("lstm", "inplace_dnext_c", "no function modifies its input arrays", 2, "in place"),
    ("clipping", "clip_in_place", "no function modifies its input arrays", 2, "in place"),
    # init judges draws by their statistics (Solution.recognise_where): a hint given there
    # is recorded with the test like any other (the class report groups students by it).
    ("init", "global_numpy_random", "every initializer draws from rng only", 3, ""),
    ("init", "he_uses_fan_out", "he_normal: mean, variance", 3, ""),
])
def test_a_failed_test_names_and_records_the_known_mistake_that_makes_it(tmp_path, name, stem, test, seed, says):
    from grader.course import load_course
    from grader.engine.grade import GradeOptions, grade_assignment
    from grader.engine.reference import mistake_source

    assignment = load_course()[name]
    (tmp_path / f"{name}.py").write_text(mistake_source(assignment, next(p for p in assignment.mistakes
                                                                        if p.stem == stem)))
    result = grade_assignment(tmp_path, assignment, GradeOptions(seed=seed))
    failed = next(t for t in result.tests if t.name.startswith(test))
    assert failed.status.value == "failed" and says in failed.output
    assert "Likely cause" in failed.output and stem in failed.mistakes


def test_choosing_between_py_and_ipynb_reads_each_file_once(tmp_path, monkeypatch):
    import grader.submission as submission
    from grader.course import load_course

    shutil.copy(ROOT / "student_templates" / "nag.py", tmp_path / "nag.py")
    (tmp_path / "nag.ipynb").write_bytes((ROOT / "student_templates" / "nag.ipynb").read_bytes())
    reads = []
    original = submission.read_source
    monkeypatch.setattr(submission, "read_source", lambda path: reads.append(path.name) or original(path))
    source, note = submission.read_submission(tmp_path, "nag", tuple(load_course()["nag"].functions))
    assert source.path.name == "nag.py" and note == ""  # two untouched templates: no choice worth a note
    assert sorted(reads) == ["nag.ipynb", "nag.py"]


def test_a_folder_name_reaches_the_report_as_one_line_of_plain_text(tmp_path):
    folder = tmp_path / "x\x1b]0;PWNED\x07\x1b[31mRED\nnag: 10.0 of 10 (fake)"
    folder.mkdir()
    shutil.copy(ROOT / "solutions/nag.py", folder / "nag.py")
    report, _ = grade_json(tmp_path, "nag")
    assert report["source"].endswith("/nag.py") and report["source"].isprintable()


STASHES = '''
import builtins
builtins.stash = getattr(builtins, "stash", [])
_gd_step = gd_step


def gd_step(theta, grad_fn, lr):
    builtins.stash.append(float(np.sum(theta)))  # every input this file is given, hidden tests' too
    return _gd_step(theta, grad_fn, lr)
'''
TELLS = "import builtins\n\n\ndef global_norm(grads):\n    raise ValueError(f'STASH {len(builtins.stash)}')\n"


def test_no_public_message_can_carry_what_a_hidden_test_gave_another_file(tmp_path):
    # One worker serves all of a student's files: a public test that ran after nag's hidden
    # tests could quote what nag.py kept of their inputs. Public tests all run first.
    (tmp_path / "nag.py").write_text((ROOT / "solutions/nag.py").read_text() + STASHES)
    (tmp_path / "clipping.py").write_text(TELLS)
    told = []
    for extra in (["--public-only"], []):
        proc = run_grader("grade", str(tmp_path), "-a", "nag,clipping", "--format", "json", *extra)
        tests = json.loads(proc.stdout)["assignments"]["clipping"]["tests"]
        told.append({t["output"] for t in tests if "STASH" in t["output"]})
        assert not any("STASH" in t["output"] for t in tests if t["hidden"])
    assert told[0] and told[0] == told[1]  # the public messages saw only the public tests' calls


def test_after_a_hidden_call_nothing_the_students_code_says_is_quoted():
    from grader.checks.inputs import Quadratic
    from grader.course import load_course
    from grader.engine.proxy import StudentProxy
    from grader.sandbox.limits import Limits
    from grader.sandbox.supervisor import Sandbox, WorkerHost

    course = load_course()
    with WorkerHost(Limits(), []) as host:
        nag = StudentProxy(Sandbox("nag.py", (ROOT / "solutions/nag.py").read_text(), "nag", host), course["nag"],
                           Limits())
        late = StudentProxy(Sandbox("clipping.py", "raise ValueError('kept from a hidden test')\n", "clipping", host),
                            course["clipping"], Limits())
        nag.start_test(None, hidden=True)
        nag.call("gd_step", np.ones(2), Quadratic.diagonal(np.ones(2), np.zeros(2)), 0.1)
        late.start_test(None, hidden=False)
        message = late.explain("global_norm", late.call("global_norm", [np.ones(2)]))[1]
    assert "kept from a hidden test" not in message and "hidden tests ran before it" in message


def test_work_one_folder_down_behind_a_top_level_template_is_pointed_out(tmp_path):
    (tmp_path / "old").mkdir()
    shutil.copy(ROOT / "student_templates" / "nag.py", tmp_path / "nag.py")
    shutil.copy(ROOT / "solutions" / "nag.py", tmp_path / "old" / "nag.py")
    report, _ = grade_json(tmp_path, "nag", "--public-only")
    assert report["source"] == "nag.py" and report["score"] == 0
    assert report["warnings"] == ["old/nag.py implements 4 of the 4 functions, more than nag.py (0), but the file at "
                                  "the top of the submission is the one graded: move your work there"]
