"""The default image's build context: a real wheel of this checkout, course included, and its Dockerfile.

Building the image itself needs python:3.11-slim from a registry, which this machine cannot
reach: `grader container build` is exercised up to the engine's `build`, not through it.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from conftest import run_grader
from grader.container.config import from_environment
from grader.container.image import build_argv, dockerfile


def test_the_context_holds_a_wheel_with_the_course_and_a_dockerfile_installing_it(tmp_path):
    proc = run_grader("container", "build", "--context", str(tmp_path / "ctx"))
    assert proc.returncode == 0, proc.stderr[-2000:]
    wheel, = (tmp_path / "ctx").glob("dl_grader-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "grader/container/config.py" in names and "grader/_course/solutions/nag.py" in names
    text = (tmp_path / "ctx" / "Dockerfile").read_text()
    assert text == dockerfile(wheel.name) and text.startswith("FROM python:3.11-slim\n")
    assert f"RUN pip install /tmp/{wheel.name}" in text


def test_the_build_command_tags_the_image():
    config = from_environment(image="course:2", environ={"GRADER_CONTAINER_ENGINE": "sh"})
    assert build_argv(config, Path("/ctx")) == [
        "sh", "build", "--tag", "course:2", "--file", "/ctx/Dockerfile", "/ctx"]


def test_container_commands_have_help():
    for args in (["container", "--help"], ["container", "build", "--help"]):
        proc = run_grader(*args)
        assert proc.returncode == 0 and "Usage:" in proc.stdout
    assert "grade-inside" not in run_grader("container", "--help").stdout  # internal
