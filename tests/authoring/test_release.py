"""`grader release OUTDIR`: the student repository holds no secret, and the leak check refuses leaks."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import nbformat
import pytest

from authoring_support import ROOT, copy_course
from conftest import run_grader
from grader.authoring.leaks import GENERIC, LeakError, code_part, find_leaks, marked_public, significant
from grader.authoring.regions import answer_lines, find_regions
from grader.authoring.release import build_release, plan_release
from grader.course import load_course


@pytest.fixture(scope="module")
def release(tmp_path_factory) -> Path:
    outdir = tmp_path_factory.mktemp("release") / "student-repo"
    proc = run_grader("release", str(outdir))
    assert proc.returncode == 0, proc.stderr
    return outdir


def _release_texts(outdir: Path) -> dict[str, str]:
    """Every file as text; a notebook also as its decoded cell sources (JSON escapes quotes)."""
    texts = {}
    for path in outdir.rglob("*"):
        if path.is_file():
            text = path.read_text(encoding="utf-8")
            if path.suffix == ".ipynb":
                text += "\n" + "\n".join(c.source for c in nbformat.reads(text, as_version=4).cells)
            texts[path.relative_to(outdir).as_posix()] = " ".join(text.split())
    return texts


def _answer_lines() -> list[tuple[str, str]]:
    """Independent of the leak check's scanner: (where, normalised code) of long answer lines."""
    found = []
    for solution in sorted((ROOT / "solutions").glob("*.py")):
        source = solution.read_text()
        inside = {n for r in find_regions(source, solution.name) for n in range(r.begin, r.end + 1)}
        visible = " ".join(" ".join(l.split()) for n, l in enumerate(source.splitlines(), 1) if n not in inside)
        for number, line in answer_lines(source, solution.name):
            code = code_part(line)
            if marked_public(line):
                continue  # the solution's author declared it public (`# public` comment)
            if len(code) >= 20 and not any(g.fullmatch(code) for g in GENERIC) and code not in visible:
                found.append((f"{solution.name}:{number}", code))
    return found


def test_release_contains_no_answer_line(release):
    answers = _answer_lines()
    assert len(answers) > 20  # the scan below is not vacuous
    texts = _release_texts(release)
    leaked = [(where, path) for where, code in answers for path, text in texts.items() if code in text]
    assert not leaked


def test_release_contains_no_solution_mistake_or_hidden_file(release):
    names = {p.relative_to(release).as_posix() for p in release.rglob("*") if p.is_file()}
    assert not [n for n in names if "test_hidden" in n or n.startswith("solutions/") or "mistakes" in n]
    secret = [p for p in (ROOT / "solutions").rglob("*.py")] + list((ROOT / "assignments").glob("*/test_hidden*"))
    contents = {" ".join(p.read_text().split()) for p in release.rglob("*") if p.is_file()}
    assert not [p for p in secret if " ".join(p.read_text().split()) in contents]


def test_release_layout(release):
    course = load_course(ROOT)
    for name, assignment in course.items():
        assert (release / f"{name}.py").is_file() and (release / f"{name}.ipynb").is_file()
        assert (release / "assignments" / name / "assignment.toml").is_file()
        shipped = sorted(p.name for p in (release / "assignments" / name).glob("test_*.py"))
        assert shipped == sorted(p.name for p in assignment.public_tests)
    readme = (release / "README.md").read_text()
    assert "pip install ." in readme and "grader check" in readme
    assert (release / "grader" / "cli.py").is_file() and not (release / "grader" / "authoring").exists()
    assert 'grader = "grader.cli:main"' in (release / "pyproject.toml").read_text()


def test_grader_check_works_inside_the_release(release, tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST", "GRADER_COURSE"))}
    where = subprocess.run([sys.executable, "-c", "import grader.course as c; print(c.course_root())"],
                           cwd=release, env=env, capture_output=True, text=True)
    assert Path(where.stdout.strip()) == release.resolve()  # the repo-root fallback finds the release
    student = tmp_path / "alice"
    student.mkdir()
    shutil.copy(ROOT / "solutions" / "nag.py", student / "nag.py")
    ok = subprocess.run([sys.executable, "-m", "grader", "check", str(student), "-a", "nag"], cwd=release,
                        env=env, capture_output=True, text=True, timeout=120)
    assert ok.returncode == 0, ok.stdout + ok.stderr
    stub = subprocess.run([sys.executable, "-m", "grader", "check", "nag.ipynb"], cwd=release,
                          env=env, capture_output=True, text=True, timeout=120)
    assert stub.returncode == 1 and "not implemented yet" in stub.stdout


def test_release_wheel_carries_the_public_course(release, tmp_path):
    pytest.importorskip("hatchling")
    proc = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
                           "-w", str(tmp_path), str(release)], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    names = zipfile.ZipFile(next(tmp_path.glob("*.whl"))).namelist()
    assert "grader/_course/assignments/nag/test_public.py" in names and "grader/cli.py" in names
    assert not [n for n in names if "test_hidden" in n or "solutions" in n or "mistakes" in n]


# ------------------------------------------------------------------ planted leaks


def _nag_line(fragment: str) -> int:
    lines = (ROOT / "solutions" / "nag.py").read_text().splitlines()
    return next(n for n, line in enumerate(lines, 1) if fragment in line)


def test_significance_rule():
    assert significant("    velocity_next = rho * velocity - lr * grad_fn(theta)")
    assert not significant("    return out")
    assert not significant("    # a comment that is long enough to count")
    assert not significant("    x = np.asarray(x, dtype=np.float64)")
    assert not significant("    return np.stack(rows)")
    assert code_part("y = f(x)  # why '#' here") == "y = f(x)"


def test_leak_in_an_extra_file_is_refused_with_file_and_line(tmp_path):
    planted = b"# classroom workflow\nrun: echo hi\n        velocity_next = rho * velocity - lr * grad_fn(theta + rho * velocity)\n"
    outdir = tmp_path / "out"
    with pytest.raises(LeakError) as info:
        build_release(ROOT, outdir, {".github/workflows/classroom.yml": planted})
    assert [str(leak) for leak in info.value.leaks] == [
        f".github/workflows/classroom.yml:3: contains solutions/nag.py:{_nag_line('grad_fn(theta + rho')} (a secret line)"]
    assert not outdir.exists()


def test_leak_quoted_inside_a_notebook_cell_is_found():
    cell = nbformat.v4.new_code_cell('raise ValueError(f"unknown method {method!r}: use \'gd\', \'momentum\' or \'nag\'")')
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("hi"), cell])
    leaks = find_leaks({"extra.ipynb": nbformat.writes(notebook).encode()}, ROOT)
    assert [str(leak) for leak in leaks] == [
        f"extra.ipynb (cell 2, line 1): contains solutions/nag.py:{_nag_line('unknown method')} (a secret line)"]


def test_hidden_test_and_mistake_files_are_refused():
    hidden = (ROOT / "assignments" / "nag" / "test_hidden.py").read_bytes()
    mistake = (ROOT / "solutions" / "mistakes" / "nag" / "gradient_sign.py").read_bytes()
    files = plan_release(ROOT, {"extras/copy.py": hidden, "extras/hint.py": mistake,
                                "assignments/nag/test_hidden_more.py": b"x = 1\n"})
    reasons = {str(leak) for leak in find_leaks(files, ROOT)}
    assert "extras/copy.py: is a copy of assignments/nag/test_hidden.py" in reasons
    assert "extras/hint.py: is a copy of solutions/mistakes/nag/gradient_sign.py" in reasons
    assert "assignments/nag/test_hidden_more.py: is a hidden test file" in reasons


def test_cli_refuses_a_planted_leak_in_the_instructions(tmp_path):
    course = copy_course(tmp_path / "course")
    readme = course / "assignments" / "nag" / "README.md"
    readme.write_text("# nag\n\nHint: `velocity_next = rho * velocity - lr * grad_fn(theta)`\n")
    env = dict(os.environ, GRADER_COURSE=str(course))
    env = {k: v for k, v in env.items() if not k.startswith("PYTEST")}
    outdir = tmp_path / "out"
    proc = subprocess.run([sys.executable, "-m", "grader", "release", str(outdir)], env=env,
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 1
    line = _nag_line("velocity - lr * grad_fn(theta)")
    assert f"assignments/nag/README.md:3: contains solutions/nag.py:{line} (a secret line)" in proc.stderr
    assert "nag.ipynb" in proc.stderr  # the README also became notebook markdown
    assert not outdir.exists()


def test_cli_refuses_a_non_empty_outdir(tmp_path):
    (tmp_path / "keep.txt").write_text("mine")
    proc = run_grader("release", str(tmp_path))
    assert proc.returncode == 2 and "not an empty folder" in proc.stderr
    assert [p.name for p in tmp_path.iterdir()] == ["keep.txt"]


def test_extra_files_hook_adds_files(tmp_path):
    workflow = tmp_path / "classroom.yml"
    workflow.write_text("name: Autograding Tests\n")
    outdir = tmp_path / "out"
    proc = run_grader("release", str(outdir), "--extra", f"{workflow}=.github/workflows/classroom.yml")
    assert proc.returncode == 0, proc.stderr
    assert (outdir / ".github" / "workflows" / "classroom.yml").read_text() == "name: Autograding Tests\n"
    assert json.loads((outdir / "nag.ipynb").read_text())["nbformat"] == 4


def test_a_line_marked_public_may_appear(tmp_path):
    course = copy_course(tmp_path / "course")
    solution = course / "solutions" / "nag.py"
    line = "    velocity_next = rho * velocity - lr * grad_fn(theta)"
    extra = {"HINTS.md": b"Hint: velocity_next = rho * velocity - lr * grad_fn(theta)\n"}
    assert [leak.path for leak in find_leaks(extra, course)] == ["HINTS.md"]
    solution.write_text(solution.read_text().replace(line, line + "  # public: HINTS.md gives it"))
    assert find_leaks(extra, course) == []
