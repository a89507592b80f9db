"""Notebook submissions: each step of grader/notebook.py on fixture notebooks, then the real CLI."""

from __future__ import annotations

import json

import pytest

from authoring_support import FIXTURES
from conftest import grade_json, run_grader
from grader.notebook import (CodeCell, LineLexer, ModuleSource, NotebookError, code_cells, is_ipython_line, locate_line,
                             module_source,
                             normalise_newlines, notebook_to_source, read_notebook, strip_ipython)


def _source(name: str) -> str:
    return notebook_to_source((FIXTURES / name).read_bytes()).text


@pytest.mark.parametrize("fixture, phrase", [
    ("corrupt.ipynb", "not valid JSON (line 3"),
    ("no_code.ipynb", "contains no code"),
    ("nbformat3.ipynb", "nbformat 3"),
    ("bad_source.ipynb", "cell 1 has a source that is not text"),
])
def test_unusable_notebooks_get_a_clear_message(fixture, phrase):
    with pytest.raises(NotebookError, match=phrase.replace("(", r"\(")):
        _source(fixture)


@pytest.mark.parametrize("data, phrase", [
    (b"\xff\xfe not utf8", "not UTF-8"),
    (b"[1, 2]", "no list of cells"),
    (b"x" * (8 * 1024 * 1024 + 1), "larger than 8 MB"),
])
def test_read_notebook_rejects(data, phrase):
    with pytest.raises(NotebookError, match=phrase):
        read_notebook(data)


def test_code_cells_keep_order_and_numbering_and_ignore_outputs():
    notebook = read_notebook((FIXTURES / "magics.ipynb").read_bytes())
    cells = code_cells(notebook)
    assert [c.number for c in cells] == [1, 2, 3, 4]
    assert "All tests passed" not in "".join(c.source for c in cells)  # stored outputs are never read


def test_markdown_is_skipped():
    cells = code_cells(read_notebook((FIXTURES / "import_error.ipynb").read_bytes()))
    assert [c.number for c in cells] == [1, 3]


def test_magics_and_shell_lines_are_neutralised():
    source = _source("magics.ipynb")
    compile(source, "nag.ipynb", "exec")
    lines = source.splitlines()
    for ignored in ("# (ignored) %matplotlib inline", "# (ignored) !pip install numpy", "# (ignored) np?",
                    "# (ignored) %%time", "# (ignored) files = !ls", "# (ignored: %%bash cell, not Python)",
                    "        pass  # (ignored) %time print('never')"):
        assert ignored in lines
    assert "echo this is not python" not in source
    # the %%time cell's body is Python and stays; % and ! inside brackets or strings are Python
    assert "def gd_step(theta, grad_fn, lr):" in lines
    assert "         % 4)" in lines and "!not a shell line" in lines


def test_strip_ipython_is_identity_on_plain_python():
    code = "x = (1\n     % 2)\ny = not x\nz = x != 2\n"
    assert strip_ipython(CodeCell(1, code)).source == code


def test_windows_line_endings():
    source = _source("crlf.ipynb")
    assert "\r" not in source
    compile(source, "nag.ipynb", "exec")
    assert normalise_newlines(CodeCell(1, "a = 1\r\nb = 2\rc = 3")).source == "a = 1\nb = 2\nc = 3"


def test_cells_are_headed_and_lines_can_be_traced_back():
    module = notebook_to_source((FIXTURES / "import_error.ipynb").read_bytes())
    line = module.text.splitlines().index("undefined_helper()") + 1
    assert locate_line(module, line) == (3, 4)
    assert module_source([CodeCell(2, "x = 1")]) == ModuleSource("# In[2]:\nx = 1\n", (1,))


def test_each_cell_starts_on_the_line_the_module_says():
    module = module_source([CodeCell(1, "import numpy as np\n"), CodeCell(3, "\n\ndef f(x):\n    return x\n\n"),
                            CodeCell(4, "   "), CodeCell(6, "s = \"\"\"\n# In[9]:\n\"\"\"")])
    lines = module.text.split("\n")
    assert [lines[n - 1] for n in module.cells] == ["# In[1]:", "# In[3]:", "# In[6]:"]
    assert [locate_line(module, n + 1) for n in module.cells] == [(1, 1), (3, 1), (6, 1)]
    assert locate_line(module, len(lines) - 2) == (6, 2)  # inside a string holding a header-like line


def test_cli_reports_a_cell_failing_at_import_and_grades_what_the_cells_defined(tmp_path):
    folder = tmp_path / "student"
    folder.mkdir()
    (folder / "nag.ipynb").write_bytes((FIXTURES / "import_error.ipynb").read_bytes())
    report, proc = grade_json(folder, "nag", "--public-only")
    assert proc.returncode == 1
    assert any("cell 3, line 4 raised NameError" in w and "undefined_helper" in w for w in report["warnings"])
    gd = [t for t in report["tests"] if t["name"].startswith("gd_step")]
    assert gd and all(t["status"] == "passed" for t in gd)  # defined in cell 3, before its error
    assert any("has no function `nag_step`" in t["output"] for t in report["tests"])
    assert 0 < report["score"] < report["max_score"]


def test_cli_reports_a_corrupt_notebook(tmp_path):
    folder = tmp_path / "student"
    folder.mkdir()
    (folder / "nag.ipynb").write_bytes((FIXTURES / "corrupt.ipynb").read_bytes())
    report, proc = grade_json(folder, "nag", "--public-only")
    assert proc.returncode == 1 and report["score"] == 0
    assert all("nag.ipynb: the notebook is not valid JSON" in t["output"] for t in report["tests"]), report


def test_cli_grades_the_magics_notebook(tmp_path):
    folder = tmp_path / "student"
    folder.mkdir()
    (folder / "nag.ipynb").write_bytes((FIXTURES / "magics.ipynb").read_bytes())
    proc = run_grader("grade", str(folder), "-a", "nag", "--public-only", "--format", "json")
    tests = {t["name"]: t for t in json.loads(proc.stdout)["tests"]}
    gd = next(t for name, t in tests.items() if name.startswith("gd_step"))
    assert gd["status"] == "passed", gd  # gd_step defined under %%time counts


@pytest.mark.parametrize("code, starts", [
    ("x = (1,", False), ("x = [f(a)\n     for a in b]", True), ('s = """abc', False), ('s = """abc\n!no"""', True),
    ("s = 'it\\'s' + \"(\"", True), ("x = 1 + \\", False), ("# ( and \"\"\" in a comment", True),
    ("s = r'''\\''' + '''", True), ("s = 'unterminated", True), ("d = {'a': (1,\n 2)}", True),
])
def test_line_lexer_knows_strings_brackets_and_continuations(code, starts):
    lexer = LineLexer()
    for line in code.split("\n"):
        lexer.feed(line)
    assert lexer.at_statement_start() is starts


def test_cells_built_to_be_slow_are_read_in_one_pass():
    # Each would take hours if every magic-like line re-read the code above it, or if a
    # regular expression backtracked on a long line (the test would then never end).
    in_string = strip_ipython(CodeCell(1, 's = """\n' + "!a\n" * 200_000 + '"""\n!b'))
    assert in_string.source.split("\n")[1] == "!a" and in_string.source.endswith("# (ignored) !b")
    magics = strip_ipython(CodeCell(1, "!a\n" * 200_000)).source.split("\n")
    assert magics[0] == magics[-2] == "# (ignored) !a"
    assert strip_ipython(CodeCell(1, " " * 2_000_000 + "=!x")).source.endswith("=!x")  # not a magic: kept
    assert is_ipython_line("files = !ls") and is_ipython_line("a, b = %who") and is_ipython_line("np.mean?")
    assert not is_ipython_line("x = a % b") and not is_ipython_line("y = not x")


def test_code_too_deeply_nested_to_parse_gets_a_message_not_a_traceback(tmp_path):
    too_deep = "x = " + "-" * 100_000 + "1\n"
    notebook = tmp_path / "nb"
    notebook.mkdir()
    cells = [too_deep, "def gd_step(theta, grad_fn, lr):\n    return theta - lr * grad_fn(theta)\n"]
    (notebook / "nag.ipynb").write_text(json.dumps({"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": [
        {"cell_type": "code", "metadata": {}, "outputs": [], "execution_count": None, "source": c} for c in cells]}))
    report, proc = grade_json(notebook, "nag", "--public-only")
    assert "Traceback" not in proc.stderr and proc.returncode == 1
    assert report["warnings"] == ["nag.ipynb, cell 1, line 1 raised MemoryError (the rest of that cell was skipped; "
                                  "the other cells ran)"]
    assert any(t["name"].startswith("gd_step") and t["status"] == "passed" for t in report["tests"])
    script = tmp_path / "script"
    script.mkdir()
    (script / "nag.py").write_text(too_deep)
    (script / "nag.ipynb").write_text((notebook / "nag.ipynb").read_text())  # choosing between them parses both
    report, proc = grade_json(script, "nag", "--public-only")
    assert "Traceback" not in proc.stderr and proc.returncode == 1
    assert report["source"] == "nag.ipynb"  # the file that defines the functions
