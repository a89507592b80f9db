"""Lock the worker down before any student code runs (executed inside the worker).

What is applied depends on what the operating system allows:

- root: new mount and network namespaces, the course files and other protected
  paths hidden under empty read-only tmpfs mounts, a private ``/tmp``, then a drop to
  an unprivileged uid of the worker's own (so a process-count limit cannot be shared
  with another student, and every leftover process can be killed by uid);
- unprivileged with user namespaces: the same namespaces and mounts, same uid;
- neither: only resource limits; the missing protections are reported back so the
  grader can warn (or refuse with ``--require-isolation``).

Resource limits (address space, CPU, processes, file size, core dumps) and
``no_new_privs`` apply in every mode.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import resource
import stat
import sys

CLONE_NEWNS = 0x00020000
CLONE_NEWUSER = 0x10000000
CLONE_NEWNET = 0x40000000
MS_RDONLY = 1
MS_NOSUID = 2
MS_NODEV = 4
MS_REC = 0x4000
MS_REMOUNT = 32
MS_BIND = 4096
MS_PRIVATE = 1 << 18
MNT_DETACH = 2
PR_SET_NO_NEW_PRIVS = 38

SANDBOX_UID_BASE = 1_000_000

_libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)


def sandbox_uid(pid: int) -> int:
    """The uid a privileged worker with this pid runs as: unique among live workers."""
    return SANDBOX_UID_BASE + pid


def _check(ret: int, what: str) -> None:
    if ret != 0:
        err = ctypes.get_errno()
        raise OSError(err, f"{what}: {os.strerror(err)}")


def _unshare(flags: int) -> None:
    _check(_libc.unshare(flags), "unshare")


def _mount(source: str, target: str, fstype: str | None, flags: int, data: str | None) -> None:
    _check(
        _libc.mount(source.encode(), target.encode(), fstype.encode() if fstype else None,
                    ctypes.c_ulong(flags), data.encode() if data else None),
        f"mount {target}",
    )


def _write(path: str, text: str) -> None:
    with open(path, "w") as fh:
        fh.write(text)


def _enter_namespaces(privileged: bool) -> None:
    if privileged:
        _unshare(CLONE_NEWNS | CLONE_NEWNET)
        return
    uid, gid = os.getuid(), os.getgid()
    _unshare(CLONE_NEWUSER | CLONE_NEWNS | CLONE_NEWNET)
    _write("/proc/self/setgroups", "deny")
    _write("/proc/self/uid_map", f"{uid} {uid} 1")
    _write("/proc/self/gid_map", f"{gid} {gid} 1")


def _private_scratch() -> None:
    """Fresh, private scratch directories: nothing left there reaches another worker."""
    _mount("none", "/", None, MS_REC | MS_PRIVATE, None)
    for scratch in ("/tmp", "/var/tmp", "/dev/shm"):
        if os.path.isdir(scratch):
            _mount("tmpfs", scratch, "tmpfs", MS_NOSUID | MS_NODEV, "size=16m,mode=1777")


def _hide(paths: list[str]) -> None:
    """Cover each existing path with an empty read-only tmpfs."""
    for path in paths:
        if os.path.isdir(path):
            _mount("tmpfs", path, "tmpfs", MS_RDONLY | MS_NOSUID | MS_NODEV, "size=4k,mode=0555")


def _runtime_paths() -> list[str]:
    """Directories the interpreter needs to import modules (stdlib, site-packages)."""
    found = {os.path.realpath(p) for p in (sys.prefix, sys.base_prefix, sys.exec_prefix, *sys.path)
             if p and os.path.isdir(p)}
    return sorted(p for p in found if not any(p.startswith(q + os.sep) for q in found))


def _blocking_ancestor(path: str) -> str | None:
    """The outermost ancestor of ``path`` that other users may not traverse (e.g. /root)."""
    parts = path.strip(os.sep).split(os.sep)
    for i in range(1, len(parts)):
        ancestor = os.sep + os.sep.join(parts[:i])
        if not stat.S_IMODE(os.stat(ancestor).st_mode) & 0o001:
            return ancestor
    return None


def _expose_runtime() -> None:
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
            _mount(path, stage, None, MS_BIND | MS_REC, None)
            staged.append((stage, path))
        _mount("tmpfs", ancestor, "tmpfs", MS_NOSUID | MS_NODEV, "size=64k,mode=0755")
        for stage, path in staged:
            os.makedirs(path, exist_ok=True)
            _mount(stage, path, None, MS_BIND | MS_REC, None)
            _mount("none", path, None, MS_BIND | MS_REMOUNT | MS_RDONLY, None)
            _check(_libc.umount2(stage.encode(), MNT_DETACH), "umount")
            os.rmdir(stage)


def _set_limits(limits: dict) -> None:
    table = {
        "address_space": resource.RLIMIT_AS,
        "cpu_seconds": resource.RLIMIT_CPU,
        "processes": resource.RLIMIT_NPROC,
        "file_size": resource.RLIMIT_FSIZE,
        "open_files": resource.RLIMIT_NOFILE,
    }
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    for key, which in table.items():
        if key in limits:
            value = int(limits[key])
            resource.setrlimit(which, (value, value))


def _drop_privileges(uid: int) -> None:
    # Relative paths: the workdir may now sit under a tmpfs that hides its absolute path.
    os.chown(".", uid, uid)
    for name in os.listdir("."):
        os.chown(name, uid, uid)
    os.setgroups([])
    os.setgid(uid)
    os.setuid(uid)


def lock_down(setup: dict) -> dict:
    """Apply every protection the OS allows; returns what was applied and what was not.

    ``setup`` keys: ``workdir`` (str), ``hide`` (list of paths), ``limits`` (dict),
    ``isolate`` (bool: try namespaces and privilege drop).
    Returns ``{"uid": int, "applied": [...], "missing": [...]}``.
    """
    applied, missing = [], []
    workdir = setup["workdir"]
    os.chdir(workdir)
    privileged = os.geteuid() == 0
    if setup.get("isolate", True):
        try:
            _enter_namespaces(privileged)
            _private_scratch()
            if privileged:
                _expose_runtime()
            _hide(list(setup.get("hide", [])))
            applied += ["network namespace", "hidden course files", "private /tmp"]
        except OSError as exc:
            missing += [f"namespaces unavailable ({exc.strerror})"]
    _set_limits(setup.get("limits", {}))
    applied.append("resource limits")
    if privileged and setup.get("isolate", True):
        _drop_privileges(sandbox_uid(os.getpid()))
        applied.append("unprivileged user")
    elif setup.get("isolate", True):
        missing.append("unprivileged user (the grader is not running as root)")
    _check(_libc.prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0), "prctl")
    return {"uid": os.getuid(), "applied": applied, "missing": missing}
