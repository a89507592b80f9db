"""The filesystem a privileged worker sees (run inside the worker, before student code).

Preferred: a minimal root assembled from an allow-list (system directories, the Python
runtime, a few device nodes, a private /proc, empty scratch space), into which the
worker pivots, so the course, the grader and other students' work do not exist for it.
Fallback: the full view with the protected paths covered by empty read-only tmpfs.
"""

from __future__ import annotations

import os
import platform
import site
import stat
import sys
import sysconfig

from grader.sandbox.syscalls import (MNT_DETACH, MS_BIND, MS_MOVE, MS_NOATIME, MS_NODEV,
                                     MS_NODIRATIME, MS_NOEXEC, MS_NOSUID, MS_PRIVATE,
                                     MS_RDONLY, MS_REC, MS_RELATIME, MS_REMOUNT, check, libc,
                                     mount)

# pivot_root has no libc wrapper; other architectures fall back to MS_MOVE + chroot.
_SYS_PIVOT_ROOT = {"x86_64": 155, "aarch64": 41}
# Flags of an existing mount that a read-only remount must keep (they may be locked).
_KEPT_FLAGS = ((os.ST_NOSUID, MS_NOSUID), (os.ST_NODEV, MS_NODEV), (os.ST_NOEXEC, MS_NOEXEC),
               (os.ST_NOATIME, MS_NOATIME), (os.ST_NODIRATIME, MS_NODIRATIME),
               (getattr(os, "ST_RELATIME", 4096), MS_RELATIME))
# What the interpreter and NumPy need from the host, besides the Python runtime itself.
_SYSTEM_DIRS = ("/usr", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32")
_ETC_FILES = ("ld.so.cache", "ld.so.conf", "ld.so.conf.d", "localtime")
_DEVICES = ("null", "zero", "full", "random", "urandom")
SCRATCH_BYTES = 16 * 1024 * 1024  # each scratch tmpfs (bubblewrap's --size takes the same)


def private_scratch() -> None:
    """Fresh, private scratch directories: nothing left there reaches another worker."""
    mount("none", "/", None, MS_REC | MS_PRIVATE, None)
    for scratch in ("/tmp", "/var/tmp", "/dev/shm"):
        if os.path.isdir(scratch):
            mount("tmpfs", scratch, "tmpfs", MS_NOSUID | MS_NODEV, "size=16m,mode=1777")


def hide(paths: list[str]) -> None:
    """Cover each existing path with an empty read-only tmpfs."""
    for path in paths:
        if os.path.isdir(path):
            mount("tmpfs", path, "tmpfs", MS_RDONLY | MS_NOSUID | MS_NODEV, "size=4k,mode=0555")


def _runtime_paths() -> list[str]:
    """Directories the interpreter needs to import modules (stdlib, site-packages).

    Only the interpreter's own prefixes and install locations, never arbitrary
    ``sys.path`` entries: an editable install puts the whole project (course files
    included) on ``sys.path``, and the worker has already imported what it needs from it.
    """
    candidates = [sys.prefix, sys.base_prefix, sys.exec_prefix, sys.base_exec_prefix,
                  os.path.dirname(os.path.realpath(sys.executable))]
    candidates += [v for k, v in sysconfig.get_paths().items() if k not in ("include", "platinclude")]
    try:
        candidates += list(site.getsitepackages())
    except AttributeError:  # very old virtualenv-generated site.py
        pass
    found = {os.path.realpath(p) for p in candidates if p and os.path.isdir(p)}
    return sorted(p for p in found if not any(p.startswith(q + os.sep) for q in found))


def _blocking_ancestor(path: str) -> str | None:
    """The outermost ancestor of ``path`` that other users may not traverse (e.g. /root)."""
    parts = path.strip(os.sep).split(os.sep)
    for i in range(1, len(parts)):
        ancestor = os.sep + os.sep.join(parts[:i])
        if not stat.S_IMODE(os.stat(ancestor).st_mode) & 0o001:
            return ancestor
    return None


def expose_runtime() -> None:
    """Make the Python runtime readable by the unprivileged uid without opening its parents.

    When Python lives under a private directory such as /root, that directory is covered
    with an empty tmpfs into which only the runtime directories are bound back.
    """
    plan: dict[str, list[str]] = {}
    for path in _runtime_paths():
        ancestor = _blocking_ancestor(path)
        if ancestor:
            plan.setdefault(ancestor, []).append(path)
    for n, (ancestor, paths) in enumerate(plan.items()):
        staged = []
        for k, path in enumerate(paths):
            stage = f"/tmp/.runtime-{n}-{k}"
            os.makedirs(stage)
            mount(path, stage, None, MS_BIND | MS_REC, None)
            staged.append((stage, path))
        mount("tmpfs", ancestor, "tmpfs", MS_NOSUID | MS_NODEV, "size=64k,mode=0755")
        for stage, path in staged:
            os.makedirs(path, exist_ok=True)
            mount(stage, path, None, MS_BIND | MS_REC, None)
            mount("none", path, None, MS_BIND | MS_REMOUNT | MS_RDONLY, None)
            check(libc.umount2(stage.encode(), MNT_DETACH), "umount")
            os.rmdir(stage)


# ------------------------------------------------------------------ minimal root


def _inside(path: str, parent: str) -> bool:
    return path == parent or path.startswith(parent.rstrip(os.sep) + os.sep)


def _remount_readonly(target: str) -> None:
    flags = os.statvfs(target).f_flag
    keep = 0
    for st_flag, ms_flag in _KEPT_FLAGS:
        if flags & st_flag:
            keep |= ms_flag
    mount("none", target, None, MS_BIND | MS_REMOUNT | MS_RDONLY | MS_NOSUID | MS_NODEV | keep, None)


def _bind_readonly(source: str, new_root: str) -> None:
    """Bind ``source`` (a directory or file) at the same path under ``new_root``, read-only."""
    target = new_root + source
    if os.path.isdir(source):
        os.makedirs(target, exist_ok=True)
    else:
        os.makedirs(os.path.dirname(target), exist_ok=True)
        open(target, "a").close()
    mount(source, target, None, MS_BIND | MS_REC, None)
    _remount_readonly(target)


def _replicate(path: str, new_root: str) -> None:
    """Recreate a symlink as a symlink, or bind a directory or file read-only."""
    if os.path.islink(path):
        os.makedirs(os.path.dirname(new_root + path), exist_ok=True)
        os.symlink(os.readlink(path), new_root + path)
    elif os.path.exists(path):
        _bind_readonly(path, new_root)


def _populate_dev(new_root: str) -> None:
    dev = new_root + "/dev"
    os.makedirs(dev)
    for name in _DEVICES:
        if os.path.exists(f"/dev/{name}"):
            open(f"{dev}/{name}", "a").close()
            mount(f"/dev/{name}", f"{dev}/{name}", None, MS_BIND, None)
    for name, target in (("fd", "/proc/self/fd"), ("stdin", "/proc/self/fd/0"),
                         ("stdout", "/proc/self/fd/1"), ("stderr", "/proc/self/fd/2")):
        os.symlink(target, f"{dev}/{name}")
    os.makedirs(dev + "/shm")
    mount("tmpfs", dev + "/shm", "tmpfs", MS_NOSUID | MS_NODEV, f"size={SCRATCH_BYTES},mode=1777")


def _mount_proc(target: str, privileged: bool, own_pids: bool) -> bool:
    """A fresh /proc at ``target`` in which the worker sees only its own processes."""
    os.makedirs(target, exist_ok=True)
    if not privileged and not own_pids:
        # Without a PID namespace of its own a user namespace cannot mount proc, and a
        # bind of the host's /proc would show the grader (same uid) in full: none at all.
        return False
    # hidepid=2 hides the processes of other uids (root without a PID namespace); inside
    # a PID namespace every process is the student's own, so plain proc will do.
    for options in ("hidepid=2", None) if own_pids else ("hidepid=2",):
        try:
            mount("proc", target, "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC, options)
            return True
        except OSError:
            continue
    return False


def fresh_proc() -> None:
    """Replace the host's /proc by the worker's PID namespace's own (fallback view)."""
    if not _mount_proc("/proc", os.geteuid() == 0, True):
        raise OSError("cannot mount a private /proc")


def _installed_copies() -> list[str]:
    """Installed copies of the grader package (a wheel carries the course, reference
    solutions included, in ``grader/_course``), in every site directory. The worker has
    already imported the few modules it needs, so none has to stay visible."""
    package = __name__.split(".")[0]
    dirs = {sysconfig.get_paths().get(k) for k in ("purelib", "platlib")}
    try:
        dirs |= set(site.getsitepackages())
    except AttributeError:
        pass
    copies = []
    for directory in filter(None, dirs):
        copy = os.path.realpath(os.path.join(directory, package))
        if os.path.isdir(os.path.join(copy, "sandbox")) or os.path.isdir(os.path.join(copy, "_course")):
            copies.append(copy)
    return copies


def _build_root(new_root: str, workdir: str, hide: list[str], privileged: bool, own_pids: bool) -> list[str]:
    """Assemble the worker's whole filesystem under ``new_root``; returns what it lacks."""
    lacking = []
    mount("tmpfs", new_root, "tmpfs", MS_NOSUID | MS_NODEV, "size=1m,mode=0755")
    for path in _SYSTEM_DIRS:
        _replicate(path, new_root)
    os.makedirs(new_root + "/etc", exist_ok=True)
    for name in _ETC_FILES:
        _replicate(f"/etc/{name}", new_root)
    # Scratch space first: a runtime that lives under /tmp (a virtual environment made
    # there) is then bound on top of it instead of being covered by it.
    for scratch in ("/tmp", "/var/tmp", workdir):
        os.makedirs(new_root + scratch, exist_ok=True)
        mode = "0755" if scratch == workdir else "1777"
        mount("tmpfs", new_root + scratch, "tmpfs", MS_NOSUID | MS_NODEV, f"size={SCRATCH_BYTES},mode={mode}")
    runtime = [p for p in _runtime_paths() if not any(_inside(p, h) for h in hide)]
    hide = hide + _installed_copies()
    for path in runtime:
        if not any(_inside(path, d) for d in _SYSTEM_DIRS if not os.path.islink(d)):
            _bind_readonly(path, new_root)
    # Protected paths inside the runtime (an installed wheel carries the course inside
    # site-packages) are covered again in the new root.
    # Elsewhere they appear as empty folders (the same contract as the fallback's covers).
    for path in hide:
        if any(_inside(r, path) for r in runtime):
            continue
        if os.path.isdir(new_root + path):
            mount("tmpfs", new_root + path, "tmpfs", MS_RDONLY | MS_NOSUID | MS_NODEV, "size=4k,mode=0555")
        elif not os.path.lexists(new_root + path):
            os.makedirs(new_root + path)
    _populate_dev(new_root)
    if not _mount_proc(new_root + "/proc", privileged, own_pids):
        lacking.append("private /proc")
    return lacking


def _switch_root(new_root: str) -> None:
    """Make ``new_root`` the root and detach the old one entirely."""
    os.chdir(new_root)
    number = _SYS_PIVOT_ROOT.get(platform.machine())
    if number is not None and libc.syscall(number, b".", b".") == 0:
        check(libc.umount2(b".", MNT_DETACH), "umount old root")
    else:
        mount(".", "/", None, MS_MOVE, None)
        os.chroot(".")
    os.chdir("/")
    mount("none", "/", None, MS_BIND | MS_REMOUNT | MS_RDONLY | MS_NOSUID | MS_NODEV, None)


def enter_minimal_root(workdir: str, hide: list[str], privileged: bool, own_pids: bool = False) -> list[str]:
    """Pivot into a root holding only the runtime, scratch space and an empty workdir.

    The new root is assembled on a tmpfs mounted over the (fresh, private) workdir, so
    nothing is created in the host's folders and the host's /tmp stays visible while
    the runtime is bound in."""
    mount("none", "/", None, MS_REC | MS_PRIVATE, None)
    lacking = _build_root(workdir, workdir, hide, privileged, own_pids)
    _switch_root(workdir)
    os.chdir(workdir)
    return lacking
