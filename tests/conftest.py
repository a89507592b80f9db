"""Shared helpers for the project's own tests."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from grader.authoring.regions import without_markers

if sys.version_info >= (3, 11):
    import tomllib
else:
    import tomli as tomllib

ROOT = Path(__file__).resolve().parents[1]
SUBMISSIONS = ROOT / "tests" / "submissions"


def run_grader(*args: str, cwd: Path | None = None, timeout: float = 300,
               env_extra: dict | None = None) -> subprocess.CompletedProcess:
    """Run the real `grader` CLI in a subprocess (as users do)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST")}
    env.update(env_extra or {})
    return subprocess.run([sys.executable, "-m", "grader", *args], capture_output=True, text=True,
                          cwd=cwd, env=env, timeout=timeout)


def grade_json(path: Path, assignment: str, *extra: str) -> tuple[dict, subprocess.CompletedProcess]:
    proc = run_grader("grade", str(path), "--assignment", assignment, "--format", "json", *extra)
    assert proc.stdout, f"no JSON on stdout (exit {proc.returncode}); stderr: {proc.stderr[-2000:]}"
    return json.loads(proc.stdout), proc


def submission_dir(tmp_path: Path, fixture: Path, assignment: str) -> Path:
    """A student folder holding ``fixture`` under the assignment's file name."""
    folder = tmp_path / f"{assignment}-{fixture.stem}"
    folder.mkdir()
    (folder / f"{assignment}{fixture.suffix}").write_bytes(fixture.read_bytes())
    return folder


def compose(assignment: str, spec: dict) -> str:
    """Source of a fixture that expected.toml builds instead of a file of its own:
    ``from_template`` (the untouched student template) or ``from_reference`` (the
    reference, markers removed), then ``replace`` ([old, new] pairs, each old text present
    exactly once), ``mistake`` (a file of solutions/mistakes/<assignment>/ appended) and
    ``prepend`` (text put first) and ``append`` (text put last: a wrapper around a function)."""
    if spec.get("from_template"):
        return (ROOT / "student_templates" / f"{assignment}.py").read_text()
    assert spec.get("from_reference"), "a composed fixture starts from_reference or from_template"
    reference = ROOT / "solutions" / f"{assignment}.py"
    source = without_markers(reference.read_text(), str(reference))
    for old, new in spec.get("replace", []):
        assert source.count(old) == 1, f"{old!r} must appear exactly once in the reference"
        source = source.replace(old, new)
    if "mistake" in spec:
        source += "\n\n" + (ROOT / "solutions" / "mistakes" / assignment / f"{spec['mistake']}.py").read_text()
    if spec.get("style"):
        source += "\n\n" + (ROOT / "solutions" / "styles" / assignment / f"{spec['style']}.py").read_text()
    return spec.get("prepend", "") + source + spec.get("append", "")


def expected(assignment: str) -> dict:
    """tests/submissions/<assignment>/expected.toml: fixture stem → what it must get."""
    return tomllib.loads((SUBMISSIONS / assignment / "expected.toml").read_text())


def fixture_file(tmp_path: Path, assignment: str, stem: str) -> Path:
    """The fixture submission ``stem`` as a file: the committed one, or composed into tmp_path."""
    folder = SUBMISSIONS / assignment
    for suffix in (".py", ".ipynb"):
        if (folder / f"{stem}{suffix}").is_file():
            return folder / f"{stem}{suffix}"
    spec = expected(assignment)[stem]
    path = tmp_path / f"{stem}.py"
    path.write_text(compose(assignment, spec))
    return path


def fixture_submission(tmp_path: Path, assignment: str, stem: str) -> Path:
    """A student folder in tmp_path holding fixture ``stem`` as ``<assignment>.py``."""
    return submission_dir(tmp_path, fixture_file(tmp_path, assignment, stem), assignment)


@pytest.fixture
def root() -> Path:
    return ROOT
