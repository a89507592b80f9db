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
- unprivileged with user namespaces: the same namespaces and view, same uid;

In both, the worker gets a PID namespace of its own (``pidns.py``) where the kernel
allows one: no pid outside it can be named (signals, ``ptrace``), its ``/proc`` shows
only the student's processes, and everything in it dies with the worker;
- neither: only resource limits; the missing protections are reported back so the
  grader can warn (or refuse with ``--require-isolation``).

If the minimal view cannot be built, the older blacklist is applied instead: the
protected paths are covered with empty read-only tmpfs mounts and ``/tmp`` is private.

Resource limits (address space, CPU, processes, file size, core dumps), ``no_new_privs``
and dropping every capability apply in every mode (a worker that made a user namespace
holds all capabilities inside it, enough to undo its own mounts).
"""

from __future__ import annotations

import os
import resource

from grader.sandbox import pidns, rootfs
from grader.sandbox.syscalls import (CLONE_NEWNET, CLONE_NEWNS, CLONE_NEWPID, CLONE_NEWUSER, PR_SET_DUMPABLE,
                                     PR_SET_NO_NEW_PRIVS, PR_SET_PDEATHSIG, check, drop_capabilities, libc,
                                     unshare)

SANDBOX_UID_BASE = 1_000_000


def sandbox_uid(pid: int) -> int:
    """The uid a privileged worker with this pid runs as: unique among live workers."""
    return SANDBOX_UID_BASE + pid


def _write(path: str, text: str) -> None:
    with open(path, "w") as fh:
        fh.write(text)


def _enter_namespaces(privileged: bool) -> bool:
    """Enter new mount and network namespaces (and a user namespace unless root), with a
    PID namespace for the children if the kernel allows one; True if it did."""
    base = CLONE_NEWNS | CLONE_NEWNET if privileged else CLONE_NEWUSER | CLONE_NEWNS | CLONE_NEWNET
    uid, gid = os.getuid(), os.getgid()
    try:
        unshare(base | CLONE_NEWPID)
        own_pids = True
    except OSError:
        unshare(base)  # an old kernel, or a seccomp policy that forbids PID namespaces
        own_pids = False
    if not privileged:
        _map_own_ids(uid, gid)
    return own_pids


def _map_own_ids(uid: int, gid: int) -> None:
    """In a user namespace just made: the caller's uid and gid, mapped to themselves (the
    one mapping an unprivileged process may write)."""
    _write("/proc/self/setgroups", "deny")
    _write("/proc/self/uid_map", f"{uid} {uid} 1")
    _write("/proc/self/gid_map", f"{gid} {gid} 1")


def _forbid_user_namespaces(entered: bool) -> None:
    """Leave the worker's processes no way to make a user namespace: inside one of their
    own they would hold every capability again (enough to mount a tmpfs of any size, RAM
    outside every limit). The limit on user namespaces is per namespace: it is set to 0
    in the worker's own (``entered``: the one it made; else a fresh one, made now, its uid
    mapped to itself), where only the worker, still capable, can change it."""
    if not entered:
        uid, gid = os.getuid(), os.getgid()
        # Changing uid from root made the process undumpable, its /proc/self files root's:
        # it could not write its own uid map. Its own processes are of its uid anyway.
        libc.prctl(PR_SET_DUMPABLE, 1, 0, 0, 0)
        unshare(CLONE_NEWUSER)
        _map_own_ids(uid, gid)
    _write("/proc/sys/user/max_user_namespaces", "0")


def _set_limits(limits: dict) -> list[str]:
    """Apply the resource limits; returns those the system refused (macOS refuses an
    address-space limit, for one)."""
    table = {
        "address_space": resource.RLIMIT_AS,
        "cpu_seconds": resource.RLIMIT_CPU,
        "processes": resource.RLIMIT_NPROC,
        "file_size": resource.RLIMIT_FSIZE,
        "open_files": resource.RLIMIT_NOFILE,
    }
    refused = []
    for key, which, value in [("core dumps", resource.RLIMIT_CORE, 0),
                              *((key, which, int(limits[key])) for key, which in table.items() if key in limits)]:
        try:
            resource.setrlimit(which, (value, value))
        except (OSError, ValueError):
            refused.append(key)
    return refused


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


def lock_down(setup: dict) -> dict:
    """Apply every protection the OS allows; returns what was applied and what was not.

    ``setup`` keys: ``workdir`` (str), ``hide`` (list of paths), ``limits`` (dict),
    ``isolate`` (bool: try namespaces and privilege drop), ``outside`` (what a sandbox
    built around the worker, bubblewrap, applied already: namespaces are then skipped).
    Returns ``{"uid": int, "applied": [...], "missing": [...]}``.
    """
    applied, missing = [], []
    workdir = setup["workdir"]
    hide = [os.path.realpath(str(h)) for h in setup.get("hide", [])]
    isolate = setup.get("isolate", True)
    os.umask(0o022)  # directories made for the new root must be traversable by the worker uid
    os.chdir(workdir)
    privileged = os.geteuid() == 0
    # The pid the grader knows: after a PID namespace the worker continues as pid 2.
    uid = sandbox_uid(os.getpid())
    # Die with the grader even if it is killed before it can clean up (again after the
    # uid change, which clears it). The outer process of a PID namespace keeps this one.
    outside = [str(what) for what in setup.get("outside", [])]
    libc.prctl(PR_SET_PDEATHSIG, 9, 0, 0, 0)
    if not outside and os.getppid() == 1:  # (inside bubblewrap the parent is its pid 1)
        os._exit(1)
    own_pids = False
    if outside:  # a sandbox built around the worker (bubblewrap) did this part
        applied += outside
        own_pids = "PID namespace" in outside
    elif isolate:
        try:
            own_pids = _enter_namespaces(privileged)
        except OSError as exc:
            missing.append(f"namespaces unavailable ({exc.strerror})")
        else:
            applied += ["network namespace", "private /tmp"]
            if own_pids:
                pidns.split()
                applied.append("PID namespace")
            else:
                missing.append("PID namespace (signals and ptrace can reach the grader's processes)")
            try:
                lacking = rootfs.enter_minimal_root(workdir, hide, privileged, own_pids)
                applied += ["minimal filesystem view", "hidden course files"]
                applied += [f"no {what}" for what in lacking]
            except OSError:
                # Fall back to hiding the known paths in the full view.
                rootfs.private_scratch()
                if privileged:
                    rootfs.expose_runtime()
                if own_pids:
                    rootfs.fresh_proc()
                rootfs.hide(hide)
                applied += ["hidden course files"]
    refused = _set_limits(setup.get("limits", {}))
    applied.append("resource limits")
    missing += [f"{key.replace('_', ' ')} limit" for key in refused]
    if privileged and isolate and not outside:
        _drop_privileges(uid)
        applied.append("unprivileged user")
    elif isolate:
        missing.append("unprivileged user (the grader is not running as root)")
    elif not outside:
        missing.append("namespaces (isolation turned off)")
    if isolate and not outside:
        try:
            _forbid_user_namespaces(entered=not privileged)
            applied.append("no nested user namespaces")
        except OSError as exc:
            missing.append(f"a limit on nested user namespaces ({exc.strerror})")
    # Whatever the mode: a user namespace of its own gives the worker every capability
    # there, and a uid change from root is the only other thing that clears them.
    try:
        drop_capabilities()
        applied.append("no capabilities")
    except OSError as exc:
        missing.append(f"dropping capabilities ({exc.strerror})")
    try:
        check(libc.prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0), "prctl")
    except OSError:  # not Linux: there is no set-uid gain to refuse through it either
        missing.append("no_new_privs")
    libc.prctl(PR_SET_PDEATHSIG, 9, 0, 0, 0)
    if not own_pids and os.getppid() == 1:  # inside a PID namespace the parent is init
        os._exit(1)
    return {"uid": os.getuid(), "applied": applied, "missing": missing}
