"""The kernel's input history becomes module source by the notebook pipeline's rules."""

from __future__ import annotations

import pytest

from grader.interactive.history import executed_cells, executed_source
from grader.notebook import CodeCell, NotebookError, drop_self_checks, notebook_to_source


def test_cells_are_numbered_by_execution_count_and_empty_inputs_skipped():
    assert executed_cells(["", "x = 1", "  ", "y = 2"]) == [CodeCell(1, "x = 1"), CodeCell(3, "y = 2")]


def test_history_replays_in_order_with_magics_and_the_check_commented_out():
    inputs = ["", "import numpy as np", "!pip install x\ndef f(x):\n    return x", "def f(x):\n    return 2 * x",
              'import grader; grader.check("nag")']
    source = executed_source(inputs).source
    assert source.index("return x") < source.index("return 2 * x")  # the later definition wins, as in the kernel
    assert "# (ignored) !pip install x" in source
    assert "# (ignored: the self-check cell, grader.check)" in source
    compile(source, "nag.py", "exec")


def test_a_cell_with_a_syntax_error_is_left_out_with_a_note():
    executed = executed_source(["", "def f(:\n    pass", "def f(x):\n    return x"])
    assert "def f(:" not in executed.source and "return x" in executed.source
    assert executed.notes == ("left out In [1]: a syntax error, so the kernel did not run it either",)


def test_a_history_without_code_is_refused():
    with pytest.raises(NotebookError):
        executed_source(["", "%matplotlib inline", 'import grader; grader.check("nag")'])


@pytest.mark.parametrize("source, expected", [
    ('import grader; grader.check("nag")', "# (ignored: the self-check cell, grader.check)"),
    ('import grader\nreport = grader.check("nag")\nprint(report.score)', "# (ignored: the self-check cell, grader.check)"),
    ('from grader import check as c\nc("nag")', "# (ignored: the self-check cell, grader.check)"),
    ("import numpy as np\nimport grader", "import numpy as np\n# (ignored) import grader"),
    ("def f(x):\n    return x\nimport grader\nr = grader.check('nag')\nprint(r.score)\ny = f(2)",
     "def f(x):\n    return x\n# (ignored) import grader\n# (ignored) r = grader.check('nag')\n"
     "# (ignored) print(r.score)\ny = f(2)"),  # the functions above the check in the same cell stay
    ("x = 1; import grader", "x = 1; import grader"),  # shares a line with code: kept (the sandbox reports it)
    ("def f():\n    return grader", "def f():\n    return grader"),  # a name in a body is not the grader
    ("import graderx\ngraderx.go()", "import graderx\ngraderx.go()"),
    ("grader.check(", "grader.check("),  # does not parse: left for the sandbox to report
])
def test_drop_self_checks(source, expected):
    assert drop_self_checks(CodeCell(4, source)).source == expected


def test_a_notebook_ending_with_the_check_cell_grades_without_it():
    notebook = ('{"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": ['
                '{"cell_type": "code", "metadata": {}, "outputs": [], "source": "def f(x):\\n    return x"},'
                '{"cell_type": "code", "metadata": {}, "outputs": [], "source": "import grader; grader.check(\\"nag\\")"}]}')
    source = notebook_to_source(notebook.encode()).text
    assert "grader.check" not in source.replace("# (ignored: the self-check cell, grader.check)", "")


def test_import_grader_loads_nothing_until_check_is_used():
    import subprocess
    import sys

    code = ("import sys, grader; print(sorted(m for m in ('numpy', 'pytest', 'grader.interactive') if m in sys.modules));"
            " grader.check; print('grader.interactive' in sys.modules)")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert proc.stdout.split("\n")[:2] == ["[]", "True"], proc.stderr
