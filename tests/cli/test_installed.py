"""The installed console script works from anywhere, without the source tree on sys.path."""

import json
import shutil
import subprocess

import pytest

from conftest import ROOT


@pytest.mark.skipif(shutil.which("grader") is None, reason="the grader console script is not installed")
def test_console_script_grades_from_another_directory(tmp_path):
    shutil.copy(ROOT / "solutions/nag.py", tmp_path / "nag.py")
    proc = subprocess.run(["grader", "grade", ".", "-a", "nag", "--format", "json"], cwd=tmp_path,
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["score"] == 10
