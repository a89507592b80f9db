"""Which isolation this machine gives student code, found by trying it (grader process only).

Levels, best first:

- ``root``: namespaces, a PID namespace, the minimal filesystem view and a private uid
  per worker;
- ``userns``: the same as an unprivileged user, with a PID namespace, but the worker
  shares the grader's uid (it cannot name any process outside its namespace);
- ``userns-no-pidns``: user namespaces without a PID namespace: signals, ``ptrace``
  and ``kill(-1)`` reach every process of the user;
- ``bwrap``: user namespaces are restricted (Ubuntu's AppArmor) or absent, and
  bubblewrap builds the sandbox instead (namespaces, PID namespace, minimal view);
- ``none``: resource limits only: the worker can signal, read and write whatever the
  user can.

``GRADER_ISOLATION=bwrap|none`` in the grader's environment forces a weaker level (for
tests, or to compare); workers never see it (their environment is scrubbed). ``detect``
always reports what the machine really gives.
"""

from __future__ import annotations

import functools
import json
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

FORCE_VARIABLE = "GRADER_ISOLATION"
FORCEABLE = ("auto", "bwrap", "none")
# Set by `--container` for the grader it starts inside the container: the engine's name.
CONTAINER_VARIABLE = "GRADER_IN_CONTAINER"
_PACKAGE_PARENT = str(Path(__file__).resolve().parents[2])
# Run in a throw-away child: enter the namespaces the worker would, as the worker would.
_PROBE = """
import json, os, sys
sys.path.insert(0, sys.argv[1])
from grader.sandbox import syscalls as s
out = {"userns": False, "pidns": False, "proc": False, "error": ""}
uid, gid = os.getuid(), os.getgid()
base = s.CLONE_NEWNS | s.CLONE_NEWNET | (0 if uid == 0 else s.CLONE_NEWUSER)
try:
    s.unshare(base)
    out["userns"] = True
    if uid:
        for name, text in (("setgroups", "deny"), ("uid_map", f"{uid} {uid} 1"), ("gid_map", f"{gid} {gid} 1")):
            with open(f"/proc/self/{name}", "w") as fh:
                fh.write(text)
    s.unshare(s.CLONE_NEWPID)
    out["pidns"] = True
    r, w = os.pipe()
    if os.fork() == 0:
        try:
            s.mount("none", "/", None, s.MS_REC | s.MS_PRIVATE, None)
            s.mount("proc", "/proc", "proc", s.MS_NOSUID | s.MS_NODEV | s.MS_NOEXEC, None)
            os.write(w, b"1" if os.getpid() == 1 else b"0")
        finally:
            os._exit(0)
    os.close(w)
    os.wait()
    out["proc"] = os.read(r, 1) == b"1"
except OSError as exc:
    out["error"] = exc.strerror or str(exc)
print(json.dumps(out))
"""


@dataclass(frozen=True)
class Level:
    """One isolation level: its name, what it protects, what it lacks, how to do better."""

    name: str
    summary: str
    protects: tuple[str, ...]
    lacks: tuple[str, ...]
    fix: str = ""


_FULL = ("no network", "minimal filesystem view (course, reference and other students invisible)",
         "resource limits and wall-clock deadlines")
LEVELS = {
    "root": Level("root", "full isolation (root)",
                  _FULL + ("PID namespace: no process outside can be signalled, traced or read",
                           "a private uid per worker"), ()),
    "userns": Level("userns", "unprivileged, user + PID namespaces",
                    _FULL + ("PID namespace: kill(-1), signals and ptrace reach only the student's own "
                             "processes; nothing outlives the worker",),
                    ("a private uid (the worker shares yours: its process count counts against your limit)",),
                    "for a private uid per worker too: sudo grader ... (or --container)"),
    "userns-no-pidns": Level("userns-no-pidns", "unprivileged, user namespaces without a PID namespace",
                             _FULL, ("PID namespace: kill(-1) and signals reach every process of your user, "
                                     "the grader included",),
                             "use --container, or run as root"),
    "bwrap": Level("bwrap", "bubblewrap (user namespaces restricted for this program)",
                   _FULL + ("PID namespace (bubblewrap's): nothing outside can be signalled or traced",),
                   ("a private uid", "the 16 MB caps on scratch space (bubblewrap 0.8 cannot size a tmpfs)"),
                   "use --container, or run as root, for the full isolation"),
    "none": Level("none", "NO isolation: resource limits only",
                  ("resource limits and wall-clock deadlines",),
                  ("network", "filesystem view: the student's code can read and write your files",
                   "PID namespace: kill(-1) ends every process of your user, the grader included"),
                  "install bubblewrap (sudo apt install bubblewrap), or use --container"),
}


@dataclass(frozen=True)
class Machine:
    """What was found: the best level and the facts behind it."""

    level: Level
    root: bool
    userns: bool
    pidns: bool
    bwrap: str  # path to a working bwrap, or ""
    engines: tuple[str, ...]  # container engines installed (docker, podman)
    restriction: str  # why user namespaces are unavailable, with the fix, or ""


def probe_namespaces() -> dict:
    """Try the worker's namespaces in a child process; ``{userns, pidns, proc, error}``."""
    try:
        proc = subprocess.run([sys.executable, "-I", "-c", _PROBE, _PACKAGE_PARENT], capture_output=True,
                              text=True, timeout=20, env={"PATH": "/usr/bin:/bin"})
        return json.loads(proc.stdout)
    except (OSError, ValueError, subprocess.SubprocessError):
        return {"userns": False, "pidns": False, "proc": False, "error": "probe failed"}


def working_bwrap() -> str:
    """The path of a bubblewrap that can build the worker's namespaces here, or ""."""
    path = shutil.which("bwrap")
    if not path:
        return ""
    try:
        ok = subprocess.run([path, "--unshare-all", "--die-with-parent", "--ro-bind", "/", "/", "--proc", "/proc",
                             "--dev", "/dev", "true"], capture_output=True, timeout=20).returncode == 0
    except (OSError, subprocess.SubprocessError):
        ok = False
    return path if ok else ""


def restriction() -> str:
    """Why unprivileged user namespaces are off, with the one-line fix; "" if they are not."""
    facts = (("/proc/sys/kernel/apparmor_restrict_unprivileged_userns", "1",
              "AppArmor restricts unprivileged user namespaces (Ubuntu 23.10+): install bubblewrap "
              "(sudo apt install bubblewrap) or run: sudo sysctl kernel.apparmor_restrict_unprivileged_userns=0"),
             ("/proc/sys/kernel/unprivileged_userns_clone", "0",
              "unprivileged user namespaces are disabled: sudo sysctl kernel.unprivileged_userns_clone=1"),
             ("/proc/sys/user/max_user_namespaces", "0",
              "user namespaces are disabled: sudo sysctl user.max_user_namespaces=15000"))
    for path, bad, why in facts:
        try:
            if Path(path).read_text().strip() == bad:
                return why
        except OSError:
            continue
    return ""


ENGINES = ("podman", "docker")  # container engines --container can use, preferred first


def engines() -> tuple[str, ...]:
    """The container engines installed here, preferred first."""
    return tuple(name for name in ENGINES if shutil.which(name))


def detect(full: bool = True) -> Machine:
    """The best isolation this machine gives the current user, found by trying it.

    ``full=False`` skips what cannot change the level (bubblewrap when namespaces work)."""
    root = os.geteuid() == 0
    ns = probe_namespaces() if sys.platform.startswith("linux") else {"userns": False, "pidns": False}
    needed = full or not (ns["userns"] and ns["pidns"] and ns.get("proc"))
    bwrap = working_bwrap() if needed and sys.platform.startswith("linux") else ""
    if root and ns["userns"]:
        name = "root"
    elif ns["userns"] and ns["pidns"] and ns.get("proc"):
        name = "userns"
    elif bwrap:
        name = "bwrap"
    elif ns["userns"]:
        name = "userns-no-pidns"
    else:
        name = "none"
    why = "" if ns["userns"] else (restriction() or (ns.get("error") or "not Linux"))
    return Machine(LEVELS[name], root, bool(ns["userns"]), bool(ns["pidns"]), bwrap, engines(), why)


def forced(environ: dict | None = None) -> str:
    """The level forced by ``GRADER_ISOLATION`` ("auto" when unset); ValueError if unknown."""
    value = (environ if environ is not None else os.environ).get(FORCE_VARIABLE, "auto").strip() or "auto"
    if value not in FORCEABLE:
        raise ValueError(f"{FORCE_VARIABLE}={value!r}: expected one of {', '.join(FORCEABLE)}")
    return value


def chosen(environ: dict | None = None) -> Level:
    """The level a grading run uses (the one rule for the fork server, the batch manifest
    and the reports): a forced one; as root, root's without probing (a root that cannot
    make namespaces learns it from its workers, which report what they lack: "root
    (incomplete)"); else the best this machine gives, probed once per process."""
    value = forced(environ)
    if value != "auto":
        return LEVELS[value]
    return LEVELS["root"] if os.geteuid() == 0 else _detected().level


@functools.lru_cache(maxsize=1)
def _detected() -> Machine:
    return detect(full=False)


def label(level: str, complete: bool = True, isolate: bool = True, environ: dict | None = None) -> str:
    """How reports name the isolation a grading run used: ``root (full)``, ``root (incomplete)``
    (the worker reported something missing: see the warnings), ``userns``, ``bwrap``, ``none``...,
    prefixed by ``container (ENGINE): `` inside a `--container` run."""
    if not isolate:
        text = "none (isolation turned off)"
    elif level == "root":
        text = "root (full)" if complete else "root (incomplete)"
    else:
        text = level
    engine = (environ if environ is not None else os.environ).get(CONTAINER_VARIABLE, "").strip()
    return f"container ({engine}): {text}" if re.fullmatch(r"[a-z0-9._-]+", engine) else text
