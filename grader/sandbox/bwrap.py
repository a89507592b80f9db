"""Workers started inside bubblewrap, for machines where the grader cannot make user
namespaces itself (Ubuntu 23.10+ restricts them through AppArmor, and allows ``bwrap``).

bubblewrap builds what ``isolation.py`` would: new user, PID, network, IPC and UTS
namespaces (no further user namespace inside, where bubblewrap offers that), a root
holding only read-only binds of the system and the Python runtime, a private ``/proc``
and read-only ``/dev``, empty scratch tmpfs of 16 MB each (``/tmp``, ``/var/tmp``,
``/dev/shm``, ``/run`` and the working directory, where bubblewrap has ``--size``); it dies with the
grader (``--die-with-parent``) and its pid 1 takes every process of the sandbox with it.
The worker (started by ``launcher.BwrapLauncher``) then only applies its resource limits (``setup["outside"]``).

Of the grader package only ``grader/sandbox`` is bound into the sandbox (the worker's own
code), at ``/run/grader``: the course, the reference and installed copies that carry
them (``grader/_course``) are not there.
"""

from __future__ import annotations

import functools
import os
import subprocess
from pathlib import Path

from grader.sandbox import rootfs

_PACKAGE = Path(__file__).resolve().parents[1]
MOUNTED_PARENT = "/run/grader"
# What bubblewrap applied, as the worker reports it (isolation.lock_down's words).
APPLIED = ["network namespace", "private /tmp", "PID namespace", "minimal filesystem view",
           "hidden course files"]
_SYSTEM = ("/usr", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32")
_ETC = ("ld.so.cache", "ld.so.conf", "ld.so.conf.d", "localtime")


@functools.lru_cache(maxsize=8)
def _offers(bwrap: str, option: str) -> bool:
    """Whether this bubblewrap knows ``option`` (its --help lists it)."""
    try:
        shown = subprocess.run([bwrap, "--help"], capture_output=True, text=True, timeout=10)
    except (OSError, subprocess.SubprocessError):
        return False
    return option in shown.stdout + shown.stderr


def bwrap_command(bwrap: str, workdir: str, hide: list[str]) -> list[str]:
    """The bubblewrap command line (up to ``--``) that runs one worker with ``workdir`` as
    its empty cwd; the worker's boot code puts ``MOUNTED_PARENT`` on ``sys.path``."""
    args = [bwrap, "--unshare-all", "--die-with-parent", "--new-session", "--cap-drop", "ALL"]
    if _offers(bwrap, "--disable-userns"):  # bubblewrap 0.8+: no user namespace below the worker's
        args += ["--unshare-user", "--disable-userns"]
    for path in _SYSTEM:
        if os.path.islink(path):
            args += ["--symlink", os.readlink(path), path]
        elif os.path.isdir(path):
            args += ["--ro-bind", path, path]
    for name in _ETC:
        args += ["--ro-bind-try", f"/etc/{name}", f"/etc/{name}"]
    # Each scratch tmpfs capped as isolation.py caps its own (bubblewrap 0.8+: --size).
    cap = ["--size", str(rootfs.SCRATCH_BYTES)] if _offers(bwrap, "--size") else []
    # /dev read-only as in isolation.py's view (its nodes still work), /dev/shm a tmpfs of its own.
    args += ["--proc", "/proc", "--dev", "/dev", *cap, "--tmpfs", "/dev/shm", "--remount-ro", "/dev",
             *cap, "--tmpfs", "/tmp", *cap, "--tmpfs", "/var/tmp", *cap, "--tmpfs", "/run"]
    hidden = [os.path.realpath(h) for h in hide] + rootfs._installed_copies()
    runtime = rootfs._runtime_paths()
    for path in runtime:
        if not any(path.startswith(s + os.sep) for s in _SYSTEM if not os.path.islink(s)):
            args += ["--ro-bind", path, path]
    # Protected paths inside the runtime (an installed wheel's grader/_course) are covered.
    for path in hidden:
        if os.path.isdir(path) and any(rootfs._inside(path, r) for r in runtime):
            args += ["--tmpfs", path, "--remount-ro", path]
    args += ["--dir", f"{MOUNTED_PARENT}/grader",
             "--ro-bind", str(_PACKAGE / "__init__.py"), f"{MOUNTED_PARENT}/grader/__init__.py",
             "--ro-bind", str(_PACKAGE / "sandbox"), f"{MOUNTED_PARENT}/grader/sandbox",
             *cap, "--tmpfs", workdir, "--chdir", workdir]
    return args
