"""A container this machine can run: Podman with runc on a bind mount of the host's own ``/``.

No image can be pulled here (no registry access), so the container's root filesystem is
the host's, bind-mounted (as root) at a fresh folder and unmounted afterwards. Podman's
default crun cannot set the container's rlimits on this VM and cgroups are in hybrid mode,
hence runc, cgroupfs, the host's cgroup namespace and explicit ulimits: exactly the options
an instructor would put in GRADER_CONTAINER_ENGINE and GRADER_CONTAINER_OPTIONS.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from grader.container.config import ContainerError, from_environment
from grader.container.run import probe

ENGINE = "podman --runtime runc --cgroup-manager cgroupfs"
OPTIONS = ("--cgroupns=host -v /sys/fs/cgroup:/sys/fs/cgroup:ro --ulimit nofile=1024:1024 "
           "--ulimit nproc=1024:1024")


def unavailable() -> str:
    """Why Podman in root-filesystem mode cannot be tried here, or ""."""
    if os.geteuid() != 0:
        return "binding the host's / as a container root filesystem needs root"
    for program in ("podman", "runc", "mount", "umount"):
        if not shutil.which(program):
            return f"{program} is not installed (CI: apt-get install -y podman runc)"
    return ""


@contextlib.contextmanager
def host_rootfs():
    """The environment of a grader that runs containers on a bind mount of ``/``.

    Yields ``(env, "")``, or ``(None, why)`` when the container cannot run here."""
    folder = tempfile.mkdtemp(prefix="grader-ctroot-")
    mounted = subprocess.run(["mount", "--bind", "/", folder], capture_output=True, text=True)
    try:
        if mounted.returncode != 0:
            yield None, f"mount --bind / {folder} failed: {mounted.stderr.strip()}"
            return
        if not Path(folder, sys.executable.lstrip("/")).exists():
            yield None, f"{sys.executable} is on another filesystem than /: not in a bind mount of /"
            return
        env = {"GRADER_CONTAINER_ENGINE": ENGINE, "GRADER_CONTAINER_OPTIONS": OPTIONS,
               "GRADER_CONTAINER_ROOTFS": folder}
        try:
            runs, why = probe(from_environment(environ=env))
        except ContainerError as exc:
            runs, why = False, str(exc)
        yield (env, "") if runs else (None, f"podman cannot start a container here: {why}")
    finally:
        if mounted.returncode == 0:
            subprocess.run(["umount", folder], capture_output=True)
        with contextlib.suppress(OSError):
            os.rmdir(folder)
