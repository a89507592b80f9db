"""Run the grader as an ordinary (unprivileged) user, from a test that runs as root.

CI runs as root, but instructors run the grader under their own account. ``Unprivileged``
creates the user ``gradertest`` once (idempotent) and runs commands as that uid with no
capability at all. The Python runtime and the checkout may sit below a directory other
users cannot traverse (``/root/.pyenv``, a clone under ``/root``): instead of changing
the machine's permissions or copying 600 MB, each command starts in a private mount
namespace (made by root, before the uid drop) where every such directory is covered by
an empty tmpfs into which only the needed paths are bound back, read-only. The user gets
no other privilege from it: the same uid, no capabilities, the machine's own /proc.

Run as a script (by ``Unprivileged.command``): ``as_user.py UID GID PATH... -- ARGV...``.
"""

from __future__ import annotations

import os
import pwd
import shutil
import stat
import subprocess
import sys
from pathlib import Path

USER = "gradertest"
HERE = Path(__file__).resolve()


def _blocking_ancestor(path: str) -> str | None:
    parts = Path(path).parts
    for i in range(2, len(parts)):
        ancestor = str(Path(*parts[:i]))
        if not stat.S_IMODE(os.stat(ancestor).st_mode) & 0o001:
            return ancestor
    return None


def _expose(paths: list[str]) -> None:
    """(Root, in a private mount namespace) make ``paths`` reachable through their
    untraversable ancestors: cover each ancestor with a tmpfs, bind the paths back."""
    plan: dict[str, list[str]] = {}
    for path in paths:
        ancestor = _blocking_ancestor(path)
        if ancestor:
            plan.setdefault(ancestor, []).append(path)
    for n, (ancestor, inner) in enumerate(plan.items()):
        staged = []
        for k, path in enumerate(inner):
            stage = f"/run/as-user-{os.getpid()}-{n}-{k}"
            os.makedirs(stage)
            subprocess.run(["mount", "--rbind", path, stage], check=True)
            staged.append((stage, path))
        subprocess.run(["mount", "-t", "tmpfs", "-o", "mode=0755,size=64k", "tmpfs", ancestor], check=True)
        for stage, path in staged:
            os.makedirs(path, exist_ok=True)
            subprocess.run(["mount", "--rbind", stage, path], check=True)
            subprocess.run(["umount", "-l", stage], check=True)
            os.rmdir(stage)


def main(argv: list[str]) -> None:
    split = argv.index("--")
    uid, gid, paths, command = int(argv[0]), int(argv[1]), argv[2:split], argv[split + 1:]
    subprocess.run(["mount", "--make-rprivate", "/"], check=True)
    _expose(paths)
    os.setgroups([])
    os.setgid(gid)
    os.setuid(uid)
    os.execvpe(command[0], command, os.environ)


class Unprivileged:
    """The test user; ``run(argv)`` runs a command as it, with the runtime reachable."""

    def __init__(self, needed: list[str]):
        entry = pwd.getpwnam(USER)
        self.uid, self.gid, self.home = entry.pw_uid, entry.pw_gid, entry.pw_dir
        runtime = {sys.prefix, sys.base_prefix, os.path.dirname(os.path.realpath(sys.executable))}
        self.needed = sorted({os.path.realpath(p) for p in [*runtime, *needed]})

    @classmethod
    def create(cls, needed: list[str]) -> "Unprivileged":
        """The user (made if missing); raises RuntimeError with the reason it cannot be."""
        if os.geteuid() != 0:
            raise RuntimeError("making a test user needs root")
        for tool in ("useradd", "unshare", "mount"):
            if not shutil.which(tool):
                raise RuntimeError(f"{tool} is not installed")
        try:
            pwd.getpwnam(USER)
        except KeyError:
            subprocess.run(["useradd", "--create-home", USER], check=True, capture_output=True)
        return cls(needed)

    def command(self, argv: list[str]) -> list[str]:
        return ["unshare", "--mount", "--", sys.executable, "-I", str(HERE), str(self.uid), str(self.gid),
                *self.needed, "--", *argv]

    def env(self, extra: dict | None = None) -> dict:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST", "VIRTUAL_ENV"))}
        env.update(HOME=self.home, USER=USER, LOGNAME=USER, TMPDIR="/tmp", **(extra or {}))
        return env

    def run(self, argv: list[str], cwd: str | None = None, env: dict | None = None,
            timeout: float = 300) -> subprocess.CompletedProcess:
        return subprocess.run(self.command(argv), capture_output=True, text=True, cwd=cwd or "/",
                              env=self.env(env), timeout=timeout)

    def start(self, argv: list[str]) -> subprocess.Popen:
        """A long-running process of the user (the instructor's "shell"), outside any namespace."""
        return subprocess.Popen(["setpriv", f"--reuid={self.uid}", f"--regid={self.gid}", "--clear-groups", *argv],
                                stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def shared_dir(self, parent: Path) -> Path:
        """A folder the user owns, below ``parent``, whose ancestors it can traverse."""
        folder = Path("/tmp") / f"as-user-{parent.name}"
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(mode=0o755)
        os.chown(folder, self.uid, self.gid)
        return folder


if __name__ == "__main__":
    main(sys.argv[1:])
