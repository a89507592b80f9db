"""The engine's command line, from the options and the environment (no engine is run here)."""

from __future__ import annotations

import shutil
import sys

import pytest

from grader.container.config import ContainerError, from_environment

ENV = {"GRADER_CONTAINER_ENGINE": "sh -x", "GRADER_CONTAINER_OPTIONS": "--ulimit nofile=1024:1024"}


def test_image_mode_never_pulls_and_gives_the_sandbox_its_capability():
    config = from_environment(image="course:1", environ=ENV)
    argv = config.run_argv([("/sub", "/sub", "ro"), ("/host/out", "/grader-out", "rw")], ["python", "-V"])
    assert argv[:3] == ["sh", "-x", "run"]
    assert argv[-4:] == ["--pull=never", "course:1", "python", "-V"]
    for option in (["--cap-add", "SYS_ADMIN"], ["--network", "none"], ["-v", "/sub:/sub:ro"],
                   ["-v", "/host/out:/grader-out:rw"], ["--ulimit", "nofile=1024:1024"], ["--tmpfs", "/tmp:rw,nosuid,nodev"]):
        assert any(argv[i:i + 2] == option for i in range(len(argv))), option
    assert "--read-only" in argv and "GRADER_IN_CONTAINER=sh" in argv
    assert config.python == "python"


def test_rootfs_mode_runs_the_hosts_own_python(tmp_path):
    (tmp_path / "usr").mkdir()
    config = from_environment(environ={**ENV, "GRADER_CONTAINER_ROOTFS": str(tmp_path)})
    assert config.run_argv([], ["true"])[-3:] == ["--rootfs", str(tmp_path), "true"]
    assert config.python == sys.executable


def test_rootfs_mode_binds_back_a_python_environment_made_under_tmp(tmp_path, monkeypatch):
    (tmp_path / "usr").mkdir()
    config = from_environment(environ={**ENV, "GRADER_CONTAINER_ROOTFS": str(tmp_path)})
    venv = tmp_path / "venv"  # pytest's tmp_path lies under /tmp, as CI's clone may
    venv.mkdir()
    monkeypatch.setattr(sys, "prefix", str(venv))
    argv = config.run_argv([], ["true"])
    assert f"{venv.resolve()}:{venv.resolve()}:ro" in argv


@pytest.mark.skipif(not shutil.which("podman"), reason="podman is not installed")
def test_podman_gets_an_empty_tmp_instead_of_copies():
    argv = from_environment(environ={"GRADER_CONTAINER_ENGINE": "podman"}).run_argv([], ["true"])
    assert "--read-only-tmpfs=false" in argv and "/tmp:rw,nosuid,nodev,notmpcopyup" in argv


@pytest.mark.parametrize("env,why", [
    ({"GRADER_CONTAINER_ENGINE": "no-such-engine-xyz"}, "is not installed"),
    ({**ENV, "GRADER_CONTAINER_ROOTFS": "/nonexistent-rootfs"}, "has no usr/"),
])
def test_unusable_settings_say_why(env, why):
    with pytest.raises(ContainerError, match=why):
        from_environment(environ=env)
