"""Shared helpers for the project's own tests."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

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


@pytest.fixture
def root() -> Path:
    return ROOT
