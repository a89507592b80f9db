"""How worker processes are started: directly, or forked from a fork server.

Both give a ``WorkerProcess``: its pid, the read end of its output pipe, and a way to
learn how it ended. ``ForkServer`` is a context manager owned by one grading run; if it
cannot be used for any reason, it falls back to starting workers directly, so a broken
fork server costs speed, never a grade.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Protocol

from grader.sandbox import bwrap, modes, reaper

_PACKAGE_PARENT = str(Path(__file__).resolve().parents[2])
_WORKER_BOOT = (
    "import sys; sys.path.insert(0, sys.argv[1]); "
    "from grader.sandbox.worker import main; main(sys.argv[2:])"
)
_FORKSERVER_BOOT = (
    "import sys; sys.path.insert(0, sys.argv[1]); "
    "from grader.sandbox.forkserver import main; main(sys.argv[2:])"
)
ENV = {
    "PATH": "/usr/local/bin:/usr/bin:/bin",
    "LANG": "C.UTF-8",
    "LC_ALL": "C.UTF-8",
    "OPENBLAS_NUM_THREADS": "1",
    "OMP_NUM_THREADS": "1",
    "MKL_NUM_THREADS": "1",
    "PYTHONDONTWRITEBYTECODE": "1",
    "PYTHONHASHSEED": "0",
}


@dataclass
class WorkerProcess:
    """A started worker: ``wait(seconds)`` gives its exit status (negative: the signal)
    or None while it runs."""

    pid: int
    stdout: object  # binary file object: the worker's stdout and stderr
    wait: Callable[[float], int | None]


class Launcher(Protocol):
    def spawn(self, workdir: str, req_r: int, resp_w: int, hide: tuple[str, ...] = ()) -> WorkerProcess:
        """Start a worker in ``workdir``; ``hide``: paths it must not see (a launcher that
        builds the sandbox around the worker hides them itself; otherwise the worker's
        lock-down does, from its setup)."""

    def reap(self, worker: WorkerProcess) -> None:
        """SIGKILL the worker, its process group and (as root) every process of its
        private uid, and collect its exit status; may finish after returning."""


def _start(command: list[str], workdir: str, req_r: int, resp_w: int) -> WorkerProcess:
    """A worker process running ``command`` in its own session, with the two protocol pipes,
    the scrubbed environment and its output captured."""
    proc = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            pass_fds=(req_r, resp_w), env=dict(ENV, HOME=workdir, TMPDIR="/tmp"), cwd=workdir,
                            start_new_session=True)

    def wait(seconds: float) -> int | None:
        try:
            return proc.wait(timeout=seconds)
        except subprocess.TimeoutExpired:
            return None

    return WorkerProcess(proc.pid, proc.stdout, wait)


class DirectLauncher:
    """Start each worker as a new Python process."""

    setup: dict = {}  # extra setup keys for the worker (see WorkerHost._spawn)

    def spawn(self, workdir: str, req_r: int, resp_w: int, hide: tuple[str, ...] = ()) -> WorkerProcess:
        return _start([sys.executable, "-I", "-u", "-c", _WORKER_BOOT, _PACKAGE_PARENT, str(req_r), str(resp_w)],
                      workdir, req_r, resp_w)

    def reap(self, worker: WorkerProcess) -> None:
        reaper.reap(worker.pid, self._kill_uid, lambda: worker.wait(5.0))

    @staticmethod
    def _kill_uid(uid: int) -> None:
        """SIGKILL every process of ``uid`` with ``kill -9 -- -1`` run as that uid."""
        kill = shutil.which("kill", path="/usr/bin:/bin") or "/bin/kill"
        try:
            subprocess.run([kill, "-9", "--", "-1"], user=uid, group=uid, extra_groups=[],
                           stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                           env={"PATH": "/usr/bin:/bin"}, timeout=5, check=False)
        except (OSError, subprocess.SubprocessError):
            pass


class BwrapLauncher:
    """Start each worker as a new Python process inside bubblewrap."""

    setup = {"outside": bwrap.APPLIED}

    def __init__(self, program: str | None = None):
        self.program = program or shutil.which("bwrap") or "bwrap"

    def spawn(self, workdir: str, req_r: int, resp_w: int, hide: tuple[str, ...] = ()) -> WorkerProcess:
        command = bwrap.bwrap_command(self.program, workdir, list(hide))
        command += ["--", sys.executable, "-I", "-u", "-c", _WORKER_BOOT, bwrap.MOUNTED_PARENT, str(req_r), str(resp_w)]
        return _start(command, workdir, req_r, resp_w)

    def reap(self, worker: WorkerProcess) -> None:
        # bubblewrap's pid 1 dies with the process the grader knows, and the kernel then
        # kills everything in the sandbox: no uid to sweep.
        reaper.reap(worker.pid, lambda uid: None, lambda: worker.wait(5.0))


class ForkServer:
    """A process with everything a worker needs imported, forking workers on request."""

    def __init__(self, level: str | None = None):
        """``level``: an isolation level of ``modes.LEVELS``; by default the one forced by
        ``GRADER_ISOLATION``, else root's, else the best this machine gives (probed)."""
        self.level = level
        self._direct: DirectLauncher | BwrapLauncher = DirectLauncher()
        self._sock: socket.socket | None = None
        self._proc: subprocess.Popen | None = None

    @property
    def setup(self) -> dict:
        if self.level == "bwrap":
            return BwrapLauncher.setup
        return {"isolate": False} if self.level == "none" else {}

    def __enter__(self) -> "ForkServer":
        if self.level is None:
            self.level = modes.chosen().name
        if self.level == "bwrap":  # each worker its own bubblewrap: no fork server
            self._direct = BwrapLauncher()
            return self
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        try:
            self._proc = subprocess.Popen(
                [sys.executable, "-I", "-u", "-c", _FORKSERVER_BOOT, _PACKAGE_PARENT, str(theirs.fileno())],
                stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                pass_fds=(theirs.fileno(),), env=dict(ENV, TMPDIR="/tmp"), start_new_session=True)
            self._sock = ours
        except OSError:
            ours.close()
        finally:
            theirs.close()
        return self

    def __exit__(self, *exc) -> None:
        if self._sock is not None:
            # The server finishes the reaps still queued, then sees the end of the stream.
            try:
                self._sock.shutdown(socket.SHUT_WR)
            except OSError:
                pass
            self._sock.close()
            self._sock = None
        if self._proc is not None:
            try:
                self._proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self._proc.kill()
                self._proc.wait()
            self._proc = None

    def _ask(self, message: str, fds: tuple[int, ...] = (), timeout: float = 30.0) -> str:
        self._sock.settimeout(timeout)
        socket.send_fds(self._sock, [message.encode()], list(fds))
        reply = self._sock.recv(64)
        if not reply:
            raise OSError("the fork server closed its socket")
        return reply.decode()

    def spawn(self, workdir: str, req_r: int, resp_w: int, hide: tuple[str, ...] = ()) -> WorkerProcess:
        if self._sock is None:
            return self._direct.spawn(workdir, req_r, resp_w, hide)
        out_r, out_w = os.pipe()
        try:
            pid = int(self._ask(f"spawn {workdir}", (req_r, resp_w, out_w)))
        except (OSError, ValueError):
            os.close(out_r)
            self.__exit__()  # unusable from now on: start workers directly
            return self._direct.spawn(workdir, req_r, resp_w, hide)
        finally:
            os.close(out_w)
        return WorkerProcess(pid, os.fdopen(out_r, "rb"), lambda seconds: self._wait(pid, seconds))

    def reap(self, worker: WorkerProcess) -> None:
        """Queued in the fork server without waiting for it (~4 ms of forking a killer
        and scanning /proc), so grading goes on at once."""
        if self._sock is not None:
            try:
                self._sock.settimeout(30.0)
                self._sock.send(f"reap {worker.pid}".encode())
                return
            except OSError:
                pass
        self._direct.reap(worker)

    def _wait(self, pid: int, seconds: float) -> int | None:
        if self._sock is None:
            return None
        try:
            reply = self._ask(f"wait {pid} {seconds}", timeout=seconds + 10)
        except OSError:
            return None
        return int(reply) if reply.lstrip("-").isdigit() else None
