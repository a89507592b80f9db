"""Which container engine, image or root filesystem, and the command line that runs one.

Settings come from the command line (``--container-image``, ``--container-rootfs``) and,
being properties of the machine rather than of a grading run, from the environment:

- ``GRADER_CONTAINER_ENGINE``: the engine's command with its global options, e.g.
  ``podman --runtime runc --cgroup-manager cgroupfs`` (default: ``podman``, else ``docker``);
- ``GRADER_CONTAINER_OPTIONS``: extra ``run`` options this host needs, e.g.
  ``--cgroupns=host --ulimit nofile=1024:1024``;
- ``GRADER_CONTAINER_IMAGE``: the image (default ``dl-grader:<version>``, see ``image.py``);
- ``GRADER_CONTAINER_ROOTFS``: a folder to use as the container's root filesystem instead
  of an image (e.g. a bind mount of the host's own ``/``, where no image can be pulled);
  the grader then runs inside with the host's own Python, at the same path.

The container always gets: a read-only root, no network, an empty private ``/tmp``, and
``CAP_SYS_ADMIN``, the one capability the grader's own sandbox needs to build its
namespaces and minimal filesystem view for the student's code inside the container.
"""

from __future__ import annotations

import os
import shlex
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

from grader.sandbox import modes, rootfs
from grader.sandbox.modes import CONTAINER_VARIABLE, ENGINES

ENGINE_VARIABLE = "GRADER_CONTAINER_ENGINE"
OPTIONS_VARIABLE = "GRADER_CONTAINER_OPTIONS"
IMAGE_VARIABLE = "GRADER_CONTAINER_IMAGE"
ROOTFS_VARIABLE = "GRADER_CONTAINER_ROOTFS"
# CAP_SYS_ADMIN: unshare and mount for the worker's namespaces (tested with podman + runc:
# without it the inner grader has no isolation at all; seccomp=unconfined was not needed).
BASE_RUN = ("run", "--rm", "--read-only", "--network", "none", "--cap-add", "SYS_ADMIN")
# Podman's --read-only also mounts tmpfs *copies* of /tmp, /run and /var/tmp, which fails
# on a host root filesystem whose /tmp changes meanwhile: an empty /tmp instead.
ENGINE_RUN = {"podman": ("--read-only-tmpfs=false", "--tmpfs", "/tmp:rw,nosuid,nodev,notmpcopyup")}
DEFAULT_RUN = ("--tmpfs", "/tmp:rw,nosuid,nodev")


class ContainerError(Exception):
    """No usable engine, or a setting is wrong."""


def default_image() -> str:
    """``dl-grader:<installed version>``, the tag `grader container build` gives."""
    from importlib import metadata  # only when no image is named: ~10 ms of start-up

    try:
        return f"dl-grader:{metadata.version('dl-grader')}"
    except metadata.PackageNotFoundError:
        return "dl-grader:latest"


@dataclass(frozen=True)
class ContainerConfig:
    """An engine command (program and global options), and an image or a root filesystem."""

    engine: tuple[str, ...]
    image: str
    rootfs: str = ""
    options: tuple[str, ...] = ()

    @property
    def name(self) -> str:
        """The engine's name (``podman``, ``docker``), as reports show it."""
        base = Path(self.engine[0]).name.lower()
        return base if base in ENGINES else "".join(c for c in base if c.isalnum() or c in "._-") or "engine"

    @property
    def python(self) -> str:
        """The Python that runs the grader inside: the host's own with a host root filesystem."""
        return sys.executable if self.rootfs else "python"

    def run_argv(self, mounts: list[tuple[str, str, str]], inner: list[str]) -> list[str]:
        """The command running ``inner`` in a container with ``mounts`` (host, inside, ro|rw)."""
        argv = [*self.engine, *BASE_RUN, *ENGINE_RUN.get(self.name, DEFAULT_RUN), "-e", f"{CONTAINER_VARIABLE}={self.name}"]
        course = os.environ.get("GRADER_COURSE")
        if course:
            argv += ["-e", f"GRADER_COURSE={course}"]
            mounts = [*mounts, (course, course, "ro")]
        if self.rootfs:
            mounts = [*mounts, *((path, path, "ro") for path in _runtime_under_tmp())]
        for host, inside, mode in mounts:
            argv += ["-v", f"{host}:{inside}:{mode}"]
        argv += list(self.options)
        # An image is never pulled: a missing one is an error at once, not a download.
        argv += ["--rootfs", self.rootfs] if self.rootfs else ["--pull=never", self.image]
        return argv + inner

    def describe(self) -> str:
        where = f"root filesystem {self.rootfs}" if self.rootfs else f"image {self.image}"
        return f"{self.name} ({where})"


def from_environment(image: str | None = None, rootfs: str | None = None,
                     environ: dict | None = None) -> ContainerConfig:
    """The configuration the options and ``environ`` ask for; ``ContainerError`` if unusable."""
    env = environ if environ is not None else os.environ
    engine = tuple(shlex.split(env.get(ENGINE_VARIABLE, "")))
    if not engine:
        found = next(iter(modes.engines()), None)
        if found is None:
            raise ContainerError("--container needs Docker or Podman: neither is installed "
                                 f"(or set {ENGINE_VARIABLE})")
        engine = (found,)
    elif not shutil.which(engine[0]):
        raise ContainerError(f"{ENGINE_VARIABLE}: {engine[0]!r} is not installed")
    rootfs = rootfs or env.get(ROOTFS_VARIABLE, "")
    if rootfs and not Path(rootfs, "usr").is_dir():
        raise ContainerError(f"container root filesystem {rootfs!r} has no usr/ (for the host's own: "
                             f"mkdir -p {rootfs} && mount --bind / {rootfs})")
    return ContainerConfig(engine, image or env.get(IMAGE_VARIABLE, "") or default_image(),
                           str(Path(rootfs).resolve()) if rootfs else "",
                           tuple(shlex.split(env.get(OPTIONS_VARIABLE, ""))))


def _runtime_under_tmp() -> list[str]:
    """The grader's own Python runtime (``rootfs``'s list of it) and code where they lie
    under ``/tmp``, which the container replaces with an empty one (a virtual environment
    or a checkout made there, as CI does): bound back read-only at the same paths."""
    tmp = os.path.realpath("/tmp")
    candidates = [*rootfs._runtime_paths(), str(Path(__file__).resolve().parents[2])]
    under = sorted({p for p in candidates if p == tmp or p.startswith(tmp + os.sep)})
    # A folder inside another one already bound comes along with it.
    return [p for p in under if not any(p != q and p.startswith(q + os.sep) for q in under)]
