"""Lock the worker down before any student code runs (executed inside the worker).

What is applied depends on what the operating system allows:

- root: new mount and network namespaces and a *minimal filesystem view*: the worker
  pivots into a fresh root holding only read-only binds of the system and Python
  runtime directories, a few device nodes, a ``/proc`` that shows only its own
  processes, and empty size-capped tmpfs for ``/tmp`` and its working directory. The
  course, the grader, other students' folders and everything else on the machine
  simply do not exist there (a whitelist, so new paths are covered without naming
  them). Then a drop to an unprivileged uid of the worker's own (so a process-count
  limit cannot be shared with another student, and every leftover process can be
  killed by uid);
- unprivileged with user namespaces: the same namespaces and view (no ``/proc``), same uid;
- neither: only resource limits; the missing protections are reported back so the
  grader can warn (or refuse with ``--require-isolation``).

If the minimal view cannot be built, the older blacklist is applied instead: the
protected paths are covered with empty read-only tmpfs mounts and ``/tmp`` is private.

Resource limits (address space, CPU, processes, file size, core dumps) and
``no_new_privs`` apply in every mode.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import platform
import resource
import site
import stat
import sys
import sysconfig

CLONE_NEWNS = 0x00020000
CLONE_NEWUSER = 0x10000000
CLONE_NEWNET = 0x40000000
MS_RDONLY = 1
MS_NOSUID = 2
MS_NODEV = 4
MS_REC = 0x4000
MS_REMOUNT = 32
MS_BIND = 4096
MS_NOEXEC = 8
MS_NOATIME = 1024
MS_NODIRATIME = 2048
MS_MOVE = 8192
MS_PRIVATE = 1 << 18
MS_RELATIME = 1 << 21
MNT_DETACH = 2
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
SCRATCH_SIZE = "16m"
PR_SET_PDEATHSIG = 1
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
    # Relative paths: the workdir may sit under a mount that hides its absolute path.
    # Never follow symlinks here: this runs as root, and a link left in a reused
    # workdir by an earlier worker would hand any file of the machine to this uid.
    os.chown(".", uid, uid, follow_symlinks=False)
    for name in os.listdir("."):
        os.chown(name, uid, uid, follow_symlinks=False)
    os.setgroups([])
    os.setgid(uid)
    os.setuid(uid)


# ------------------------------------------------------------------ minimal root


def _inside(path: str, parent: str) -> bool:
    return path == parent or path.startswith(parent.rstrip(os.sep) + os.sep)


def _remount_readonly(target: str) -> None:
    flags = os.statvfs(target).f_flag
    keep = 0
    for st_flag, ms_flag in _KEPT_FLAGS:
        if flags & st_flag:
            keep |= ms_flag
    _mount("none", target, None, MS_BIND | MS_REMOUNT | MS_RDONLY | MS_NOSUID | MS_NODEV | keep, None)


def _bind_readonly(source: str, new_root: str) -> None:
    """Bind ``source`` (a directory or file) at the same path under ``new_root``, read-only."""
    target = new_root + source
    if os.path.isdir(source):
        os.makedirs(target, exist_ok=True)
    else:
        os.makedirs(os.path.dirname(target), exist_ok=True)
        open(target, "a").close()
    _mount(source, target, None, MS_BIND | MS_REC, None)
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
            _mount(f"/dev/{name}", f"{dev}/{name}", None, MS_BIND, None)
    for name, target in (("fd", "/proc/self/fd"), ("stdin", "/proc/self/fd/0"),
                         ("stdout", "/proc/self/fd/1"), ("stderr", "/proc/self/fd/2")):
        os.symlink(target, f"{dev}/{name}")
    os.makedirs(dev + "/shm")
    _mount("tmpfs", dev + "/shm", "tmpfs", MS_NOSUID | MS_NODEV, f"size={SCRATCH_SIZE},mode=1777")


def _mount_proc(new_root: str, privileged: bool) -> bool:
    """A fresh /proc in which an unprivileged uid sees only its own processes."""
    os.makedirs(new_root + "/proc")
    if not privileged:
        # Without a PID namespace of its own a user namespace cannot mount proc, and a
        # bind of the host's /proc would show the grader (same uid) in full: none at all.
        return False
    try:
        _mount("proc", new_root + "/proc", "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC, "hidepid=2")
    except OSError:
        return False
    return True


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


def _build_root(new_root: str, workdir: str, hide: list[str], privileged: bool) -> list[str]:
    """Assemble the worker's whole filesystem under ``new_root``; returns what it lacks."""
    lacking = []
    _mount("tmpfs", new_root, "tmpfs", MS_NOSUID | MS_NODEV, "size=1m,mode=0755")
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
        _mount("tmpfs", new_root + scratch, "tmpfs", MS_NOSUID | MS_NODEV, f"size={SCRATCH_SIZE},mode={mode}")
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
            _mount("tmpfs", new_root + path, "tmpfs", MS_RDONLY | MS_NOSUID | MS_NODEV, "size=4k,mode=0555")
        elif not os.path.lexists(new_root + path):
            os.makedirs(new_root + path)
    _populate_dev(new_root)
    if not _mount_proc(new_root, privileged):
        lacking.append("private /proc")
    return lacking


def _switch_root(new_root: str) -> None:
    """Make ``new_root`` the root and detach the old one entirely."""
    os.chdir(new_root)
    number = _SYS_PIVOT_ROOT.get(platform.machine())
    if number is not None and _libc.syscall(number, b".", b".") == 0:
        _check(_libc.umount2(b".", MNT_DETACH), "umount old root")
    else:
        _mount(".", "/", None, MS_MOVE, None)
        os.chroot(".")
    os.chdir("/")
    _mount("none", "/", None, MS_BIND | MS_REMOUNT | MS_RDONLY | MS_NOSUID | MS_NODEV, None)


def _enter_minimal_root(workdir: str, hide: list[str], privileged: bool) -> list[str]:
    """Pivot into a root holding only the runtime, scratch space and an empty workdir.

    The new root is assembled on a tmpfs mounted over the (fresh, private) workdir, so
    nothing is created in the host's folders and the host's /tmp stays visible while
    the runtime is bound in."""
    _mount("none", "/", None, MS_REC | MS_PRIVATE, None)
    lacking = _build_root(workdir, workdir, hide, privileged)
    _switch_root(workdir)
    os.chdir(workdir)
    return lacking


def lock_down(setup: dict) -> dict:
    """Apply every protection the OS allows; returns what was applied and what was not.

    ``setup`` keys: ``workdir`` (str), ``hide`` (list of paths), ``limits`` (dict),
    ``isolate`` (bool: try namespaces and privilege drop).
    Returns ``{"uid": int, "applied": [...], "missing": [...]}``.
    """
    applied, missing = [], []
    workdir = setup["workdir"]
    hide = [os.path.realpath(str(h)) for h in setup.get("hide", [])]
    isolate = setup.get("isolate", True)
    os.umask(0o022)  # directories made for the new root must be traversable by the worker uid
    os.chdir(workdir)
    privileged = os.geteuid() == 0
    if isolate:
        try:
            _enter_namespaces(privileged)
        except OSError as exc:
            missing.append(f"namespaces unavailable ({exc.strerror})")
        else:
            applied += ["network namespace", "private /tmp"]
            try:
                lacking = _enter_minimal_root(workdir, hide, privileged)
                applied += ["minimal filesystem view", "hidden course files"]
                applied += [f"no {what}" for what in lacking]
            except OSError:
                # Fall back to hiding the known paths in the full view.
                _private_scratch()
                if privileged:
                    _expose_runtime()
                _hide(hide)
                applied += ["hidden course files"]
    _set_limits(setup.get("limits", {}))
    applied.append("resource limits")
    if privileged and isolate:
        _drop_privileges(sandbox_uid(os.getpid()))
        applied.append("unprivileged user")
    elif isolate:
        missing.append("unprivileged user (the grader is not running as root)")
    _check(_libc.prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0), "prctl")
    # Die with the grader even if it is killed before it can clean up (set after the
    # uid change, which clears it).
    _libc.prctl(PR_SET_PDEATHSIG, 9, 0, 0, 0)
    if os.getppid() == 1:
        os._exit(1)
    return {"uid": os.getuid(), "applied": applied, "missing": missing}
