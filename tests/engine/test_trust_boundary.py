"""The trust boundary is a folder: only grader/sandbox/worker.py runs submitted code."""

import ast

from conftest import ROOT

PACKAGE = ROOT / "grader"
BUILTINS = {"exec", "eval", "compile", "__import__"}
LOADERS = {"run_path", "run_module", "spec_from_file_location", "exec_module", "load_source"}


def _calls(tree: ast.AST) -> set[str]:
    """Builtins that run source text, and importlib/runpy loaders of files."""
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            func = node.func
            if isinstance(func, ast.Name) and func.id in BUILTINS:
                names.add(func.id)
            elif isinstance(func, ast.Attribute) and func.attr in LOADERS:
                names.add(func.attr)
    return names


def test_only_the_worker_and_the_reference_loader_execute_source():
    runners = {}
    for path in PACKAGE.rglob("*.py"):
        found = _calls(ast.parse(path.read_text()))
        if found:
            runners[str(path.relative_to(ROOT))] = found
    # The worker executes submissions; the reference loader executes the course's own
    # (trusted) solutions in the grader process. Nothing else runs source text.
    assert set(runners) <= {"grader/sandbox/worker.py", "grader/engine/reference.py"}, runners


def test_the_worker_imports_nothing_outside_the_sandbox_folder():
    sandbox = PACKAGE / "sandbox"
    for path in sandbox.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("grader"):
                assert node.module.startswith("grader.sandbox"), f"{path.name} imports {node.module}"
            if isinstance(node, ast.Import):
                for alias in node.names:
                    assert not alias.name.startswith(("grader.", "solutions", "assignments")) \
                        or alias.name.startswith("grader.sandbox"), f"{path.name} imports {alias.name}"


def test_grading_code_never_imports_submissions_by_module_name():
    for path in PACKAGE.rglob("*.py"):
        if "sandbox" in path.parts:
            continue
        text = path.read_text()
        assert "import_module(sub" not in text and "sys.path.insert" not in text, path
