"""The notebook template built with nbformat: valid, faithful to the .py template, stable."""

from __future__ import annotations

import ast
import re

import nbformat
import pytest

from authoring_support import ROOT
from grader.authoring.notebook_builder import build_notebook, notebook_text
from grader.authoring.template import make_template
from grader.authoring.templates import solution_files, templates_for
from grader.notebook import notebook_to_source

NAMES = [p.stem for p in solution_files(ROOT)]


def _functions(source: str) -> dict[str, str]:
    return {node.name: ast.dump(node) for node in ast.parse(source).body
            if isinstance(node, (ast.FunctionDef, ast.ClassDef))}


@pytest.mark.parametrize("name", NAMES)
def test_notebook_is_valid_and_holds_exactly_the_template_code(name):
    files = templates_for(ROOT, ROOT / "solutions" / f"{name}.py")
    notebook = nbformat.reads(files[f"{name}.ipynb"], as_version=4)
    nbformat.validate(notebook)
    assert notebook.metadata.kernelspec.name == "python3"
    assert _functions(notebook_to_source(files[f"{name}.ipynb"].encode()).text) == _functions(files[f"{name}.py"])


@pytest.mark.parametrize("name", NAMES)
def test_notebook_layout(name):
    files = templates_for(ROOT, ROOT / "solutions" / f"{name}.py")
    cells = nbformat.reads(files[f"{name}.ipynb"], as_version=4).cells
    code = [c.source for c in cells if c.cell_type == "code"]
    stubs = files[f"{name}.py"].count("raise NotImplementedError(")
    assert cells[0].cell_type == "markdown"
    assert "import" in code[0] and "def " not in code[0]  # the prelude cell
    assert sum("raise NotImplementedError(" in c for c in code) == stubs  # one cell per function to fill
    assert all(c.count("\ndef ") == 0 for c in code)  # never two functions in one cell
    assert cells[-2].cell_type == "markdown" and f"grader check {name}.ipynb" in cells[-2].source
    assert cells[-1].cell_type == "code" and cells[-1].source == f'import grader; grader.check("{name}")'
    assert all(not c.outputs and c.execution_count is None for c in cells if c.cell_type == "code")


def test_instructions_become_markdown_cells_split_at_sections():
    template = make_template("import numpy as np\n\n\ndef f(x):\n    \"\"\"Compute y = 2x.\"\"\"\n"
                             "    ### BEGIN SOLUTION\n    return 2 * x\n    ### END SOLUTION\n", "f.py")
    readme = "# Doubling\n\nIntro with $y = 2x$.\n\n## Part A\n\nDo it.\n"
    notebook = build_notebook("double", template, readme)
    markdown = [c.source for c in notebook.cells if c.cell_type == "markdown"]
    assert markdown[0] == "# Doubling\n\nIntro with $y = 2x$."
    assert markdown[1] == "## Part A\n\nDo it."
    assert "Compute y = 2x." in markdown[2]  # the function's formula above its cell
    nbformat.validate(notebook)


def test_without_readme_the_module_docstring_and_title_introduce_it():
    notebook = build_notebook("m", '"""Doc of m."""\n\nimport numpy as np\n', "", "A title")
    assert notebook.cells[0].source == "# `m`: A title\n\nDoc of m."


def test_output_is_deterministic_with_stable_unique_ids():
    solution = ROOT / "solutions" / "nag.py"
    first, second = templates_for(ROOT, solution), templates_for(ROOT, solution)
    assert first == second
    notebook = nbformat.reads(first["nag.ipynb"], as_version=4)
    ids = [c.id for c in notebook.cells]
    assert len(set(ids)) == len(ids) and all(re.fullmatch(r"[a-z]{4}-\d\d-[0-9a-f]{8}", i) for i in ids)
    assert notebook_text(notebook) == first["nag.ipynb"]
    assert not re.search(r"\d{4}-\d\d-\d\dT", first["nag.ipynb"])  # no timestamps
