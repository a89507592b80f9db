"""`grader new` end to end: scaffold an assignment in a throw-away course, see `grader
validate` list what is missing, fill in a tiny assignment (softsign), then validate,
release and grade it with the real CLI. The repository itself is never written to."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from conftest import ROOT, run_grader
from grader.authoring.regions import without_markers

SOLUTION = '''"""Softsign, a smooth activation: y = x / (1 + |x|)."""

import numpy as np


def softsign_forward(x):
    """Softsign of every entry.

    Inputs:
    - x: an array of any shape

    Returns:
    - out: x / (1 + |x|), of the shape of x
    """
    ### BEGIN SOLUTION
    return x / (1.0 + np.abs(x))
    ### END SOLUTION


def softsign_backward(dout, x):
    """Gradient of the loss with respect to x.

    Inputs:
    - dout: upstream gradient, of the shape of x
    - x: the forward input

    Returns:
    - dx: dout / (1 + |x|)², of the shape of x
    """
    ### BEGIN SOLUTION
    return dout / (1.0 + np.abs(x)) ** 2
    ### END SOLUTION
'''

MISTAKES = {
    "no_absolute_value": ("x / (1 + x)", "def softsign_forward(x):\n    return x / (1.0 + x)\n"),
    "squares_x": ("x / (1 + x²)", "def softsign_forward(x):\n    return x / (1.0 + x * x)\n"),
    "forward_drops_one": ("x / |x|", "def softsign_forward(x):\n    return x / (1e-12 + np.abs(x))\n"),
    "backward_not_squared": ("dout / (1 + |x|)", "def softsign_backward(dout, x):\n    return dout / (1.0 + np.abs(x))\n"),
    "backward_ignores_dout": ("1 / (1 + |x|)²", "def softsign_backward(dout, x):\n    return 1.0 / (1.0 + np.abs(x)) ** 2\n"),
    "backward_sign": ("−dout / (1 + |x|)²", "def softsign_backward(dout, x):\n    return -dout / (1.0 + np.abs(x)) ** 2\n"),
}

PUBLIC = '''"""Public tests for `softsign`."""

import numpy as np
import pytest

from grader.checks import compare


@pytest.mark.points(1)
def test_softsign_forward_example(student):
    """softsign_forward on [-1, 0, 3]"""
    return compare(student.softsign_forward(np.array([-1.0, 0.0, 3.0])), np.array([-0.5, 0.0, 0.75]),
                   "softsign_forward")


@pytest.mark.points(1)
def test_softsign_backward_example(student):
    """softsign_backward on [-1, 0, 3] with dout = 1"""
    got = student.softsign_backward(np.ones(3), np.array([-1.0, 0.0, 3.0]))
    return compare(got, np.array([0.25, 1.0, 0.0625]), "softsign_backward")
'''

HIDDEN = '''"""Hidden tests for `softsign`: random inputs of another shape."""

import pytest

pytestmark = pytest.mark.hidden


@pytest.mark.points(4)
def test_softsign_forward_random(student, solution, rng):
    """softsign_forward on a random (5, 4) array"""
    x = 3 * rng.normal(size=(5, 4))
    return solution.judge(student.softsign_forward(x), "softsign_forward", x)


@pytest.mark.points(4)
def test_softsign_backward_random(student, solution, rng):
    """softsign_backward on a random (5, 4) array and upstream gradient"""
    x, dout = 3 * rng.normal(size=(5, 4)), rng.normal(size=(5, 4))
    return solution.judge(student.softsign_backward(dout, x), "softsign_backward", dout, x)
'''

TOML = '''title = "Softsign"
order = 2

[functions]
softsign_forward = { args = ["x"], returns = "out" }
softsign_backward = { args = ["dout", "x"], returns = "dx" }
'''


@pytest.fixture()
def course(tmp_path) -> Path:
    """A small course (only `nag`) outside the repository."""
    root = tmp_path / "course"
    shutil.copytree(ROOT / "assignments" / "nag", root / "assignments" / "nag")
    shutil.copytree(ROOT / "solutions" / "mistakes" / "nag", root / "solutions" / "mistakes" / "nag")
    shutil.copy(ROOT / "solutions" / "nag.py", root / "solutions" / "nag.py")
    (root / "student_templates").mkdir()
    for suffix in (".py", ".ipynb"):
        shutil.copy(ROOT / "student_templates" / f"nag{suffix}", root / "student_templates")
    shutil.copy(ROOT / "pyproject.toml", root / "pyproject.toml")
    return root


def _grader(course: Path, *args: str):
    return run_grader(*args, env_extra={"GRADER_COURSE": str(course), "COLUMNS": "250"})


def _fill_in(course: Path) -> None:
    folder = course / "assignments" / "softsign"
    (folder / "assignment.toml").write_text(TOML)
    (folder / "README.md").write_text("# `softsign`\n\nImplement softsign and its gradient.\n")
    (folder / "test_public.py").write_text(PUBLIC)
    (folder / "test_hidden.py").write_text(HIDDEN)
    (course / "solutions" / "softsign.py").write_text(SOLUTION)
    for stem, (formula, code) in MISTAKES.items():
        hint = f'HINT = "computes {formula}"\n\n\n'
        (course / "solutions" / "mistakes" / "softsign" / f"{stem}.py").write_text(f"{hint}{code}")


@pytest.mark.slow
def test_scaffold_validate_release_and_grade_a_new_assignment(course, tmp_path):
    made = _grader(course, "new", "softsign", "--title", "Softsign")
    assert made.returncode == 0, made.stderr
    assert made.stdout.split() == ["assignments/softsign/assignment.toml", "assignments/softsign/README.md",
                                   "assignments/softsign/test_public.py", "assignments/softsign/test_hidden.py",
                                   "solutions/softsign.py", "solutions/mistakes/softsign/"]
    assert not (ROOT / "assignments" / "softsign").exists()
    assert "order = 2" in (course / "assignments" / "softsign" / "assignment.toml").read_text()

    again = _grader(course, "new", "softsign")
    assert again.returncode == 2 and "already exists" in again.stderr

    fresh = _grader(course, "validate", "softsign")
    assert fresh.returncode == 1, fresh.stderr
    for phrase in ("no known mistakes yet (at least 6 expected)", "test_public.py: the example test is a placeholder",
                   "test_hidden.py: the example test is a placeholder",
                   "no template yet: run grader release --update-templates"):
        assert phrase in fresh.stdout, fresh.stdout

    early = _grader(course, "release", str(tmp_path / "early"))  # the skeleton's examples must not ship
    assert early.returncode != 0 and "softsign is not finished" in early.stderr and "TODO(grader new)" in early.stderr
    assert not (tmp_path / "early").exists()

    _fill_in(course)
    assert _grader(course, "release", "--update-templates").returncode == 0
    validated = _grader(course, "validate", "softsign")
    assert validated.returncode == 0, validated.stdout
    assert "softsign: ok" in validated.stdout
    assert _grader(course, "release", "--check").returncode == 0

    release = tmp_path / "release"
    released = _grader(course, "release", str(release))
    assert released.returncode == 0, released.stderr
    assert (release / "softsign.ipynb").is_file() and (release / "assignments/softsign/test_public.py").is_file()
    assert not (release / "assignments/softsign/test_hidden.py").exists()
    assert "raise NotImplementedError" in (release / "softsign.py").read_text()

    student = tmp_path / "student"
    student.mkdir()
    (student / "softsign.py").write_text(without_markers(SOLUTION, "softsign.py"))
    graded = _grader(course, "grade", str(student), "-a", "softsign", "--format", "json")
    assert graded.returncode == 0, graded.stderr
    assert json.loads(graded.stdout)["score"] == json.loads(graded.stdout)["max_score"] == 10
    (student / "softsign.py").write_text((release / "softsign.py").read_text())
    template = _grader(course, "grade", str(student), "-a", "softsign", "--format", "json")
    assert template.returncode == 1 and json.loads(template.stdout)["score"] == 0


@pytest.mark.parametrize("name, phrase", [
    ("Softsign", "not a valid assignment name"),
    ("2conv", "not a valid assignment name"),
    ("class", "not a valid assignment name"),
    ("numpy", "would shadow the module `numpy`"),
    ("nag", "already exists"),
])
def test_new_refuses_bad_or_taken_names(course, name, phrase):
    proc = _grader(course, "new", name)
    assert proc.returncode == 2 and phrase in proc.stderr, proc.stderr
    assert sorted(p.name for p in (course / "assignments").iterdir()) == ["nag"]


def test_new_without_a_course_to_write_to_is_a_usage_error(tmp_path):
    proc = run_grader("new", "conv", env_extra={"GRADER_COURSE": str(tmp_path)})
    assert proc.returncode == 2 and "GRADER_COURSE" in proc.stderr
    assert not any(tmp_path.iterdir())


@pytest.mark.slow
def test_the_skeleton_ships_in_the_wheel(tmp_path):
    import subprocess
    import sys
    import zipfile

    proc = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
                           "-w", str(tmp_path), str(ROOT)], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    names = zipfile.ZipFile(next(tmp_path.glob("*.whl"))).namelist()
    shipped = {Path(n).name for n in names if n.startswith("grader/authoring/skeleton/")}
    assert shipped == {p.name for p in (ROOT / "grader/authoring/skeleton").glob("*.tmpl")} and len(shipped) == 5
    assert "grader/commands/new.py" in names and "grader/interactive/check.py" in names
