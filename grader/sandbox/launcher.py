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
from collections import deque
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
    or None while it runs.

    ``pid`` may be learnt later than the start (a fork server answers while the grader
    goes on): the first use asks for it; None if the worker never started."""

    _pid: int | Callable[[], int | None]
    output: int  # the read end of the pipe that is the worker's stdout and stderr
    wait: Callable[[float], int | None]

    @property
    def pid(self) -> int | None:
        if callable(self._pid):
            self._pid = self._pid()
        return self._pid


class Launcher(Protocol):
    def spawn(self, workdir: str, pipes: tuple[int, int, int], hide: tuple[str, ...] = ()) -> WorkerProcess:
        """Start a worker in ``workdir`` with ``pipes``, the ends it keeps of its three pipes
        to the grader (requests: read; answers and progress: write); ``hide``: paths it
        must not see (a launcher that builds the sandbox around the worker hides them
        itself; otherwise the worker's lock-down does, from its setup)."""

    def reap(self, worker: WorkerProcess) -> None:
        """SIGKILL the worker, its process group and (as root) every process of its
        private uid, and collect its exit status; may finish after returning."""


def _start(command: list[str], workdir: str, pipes: tuple[int, int, int]) -> WorkerProcess:
    """A worker process running ``command`` in its own session, with the protocol pipes,
    the scrubbed environment and its output captured."""
    out_r, out_w = os.pipe()
    try:
        proc = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=out_w, stderr=subprocess.STDOUT,
                                pass_fds=pipes, env=dict(ENV, HOME=workdir, TMPDIR="/tmp"), cwd=workdir,
                                start_new_session=True)
    except BaseException:
        os.close(out_r)
        raise
    finally:
        os.close(out_w)

    def wait(seconds: float) -> int | None:
        try:
            return proc.wait(timeout=seconds)
        except subprocess.TimeoutExpired:
            return None

    return WorkerProcess(proc.pid, out_r, wait)


class DirectLauncher:
    """Start each worker as a new Python process."""

    setup: dict = {}  # extra setup keys for the worker (see WorkerHost._spawn)

    def spawn(self, workdir: str, pipes: tuple[int, int, int], hide: tuple[str, ...] = ()) -> WorkerProcess:
        return _start([sys.executable, "-I", "-u", "-c", _WORKER_BOOT, _PACKAGE_PARENT, *map(str, pipes)],
                      workdir, pipes)

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

    def spawn(self, workdir: str, pipes: tuple[int, int, int], hide: tuple[str, ...] = ()) -> WorkerProcess:
        command = bwrap.bwrap_command(self.program, workdir, list(hide))
        command += ["--", sys.executable, "-I", "-u", "-c", _WORKER_BOOT, bwrap.MOUNTED_PARENT, *map(str, pipes)]
        return _start(command, workdir, pipes)

    def reap(self, worker: WorkerProcess) -> None:
        # bubblewrap's pid 1 dies with the process the grader knows, and the kernel then
        # kills everything in the sandbox: no uid to sweep.
        reaper.reap(worker.pid, lambda uid: None, lambda: worker.wait(5.0))


@dataclass
class _Reply:
    """The fork server's answer to one request, once read."""

    text: str | None = None


class ForkServer:
    """A process with everything a worker needs imported, forking workers on request."""

    def __init__(self, level: str | None = None):
        """``level``: an isolation level of ``modes.LEVELS``; by default the one forced by
        ``GRADER_ISOLATION``, else root's, else the best this machine gives (probed)."""
        self.level = level
        self._direct: DirectLauncher | BwrapLauncher = DirectLauncher()
        self._sock: socket.socket | None = None
        self._proc: subprocess.Popen | None = None
        self._unread: deque[_Reply] = deque()  # requests whose answers were not read yet

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

    def _request(self, message: str, fds: tuple[int, ...] = ()) -> _Reply:
        """Send a request whose answer is read when ``_answer`` asks for it: the grader goes
        on meanwhile (answers come in the order of the requests)."""
        self._sock.settimeout(30.0)
        socket.send_fds(self._sock, [message.encode()], list(fds))
        reply = _Reply()
        self._unread.append(reply)
        return reply

    def _answer(self, reply: _Reply, timeout: float = 30.0) -> str:
        if self._sock is None:
            raise OSError("the fork server is closed")
        self._sock.settimeout(timeout)
        while reply.text is None:
            text = self._sock.recv(64)
            if not text:
                raise OSError("the fork server closed its socket")
            self._unread.popleft().text = text.decode()
        return reply.text

    def _ask(self, message: str, timeout: float = 30.0) -> str:
        return self._answer(self._request(message), timeout)

    def spawn(self, workdir: str, pipes: tuple[int, int, int], hide: tuple[str, ...] = ()) -> WorkerProcess:
        """A worker whose pid is read when first needed: the fork server forks while the
        grader goes on with its work."""
        if self._sock is None:
            return self._direct.spawn(workdir, pipes, hide)
        out_r, out_w = os.pipe()
        try:
            reply = self._request(f"spawn {workdir}", (*pipes, out_w))
        except OSError:
            os.close(out_r)
            self.__exit__()  # unusable from now on: start workers directly
            return self._direct.spawn(workdir, pipes, hide)
        finally:
            os.close(out_w)

        def pid() -> int | None:
            try:
                return int(self._answer(reply))
            except (OSError, ValueError):
                self.__exit__()  # the worker never started; start the next ones directly
                return None

        worker = WorkerProcess(pid, out_r, lambda seconds: self._wait(worker.pid, seconds))
        return worker

    def reap(self, worker: WorkerProcess) -> None:
        """Queued in the fork server without waiting for it (~4 ms of forking a killer
        and scanning /proc), so grading goes on at once."""
        if worker.pid is None:  # never started
            return
        if self._sock is not None:
            try:
                self._sock.settimeout(30.0)
                self._sock.send(f"reap {worker.pid}".encode())
                return
            except OSError:
                pass
        self._direct.reap(worker)

    def settle(self, timeout: float = 30.0) -> None:
        """Return once the server has done every request sent so far: the reaps it runs
        after the grader has gone on (a benchmark times the next thing on a quiet machine)."""
        if self._sock is not None:
            try:
                self._ask("idle", timeout)
            except OSError:
                pass

    def _wait(self, pid: int | None, seconds: float) -> int | None:
        if self._sock is None or pid is None:
            return None
        try:
            reply = self._ask(f"wait {pid} {seconds}", timeout=seconds + 10)
        except OSError:
            return None
        return int(reply) if reply.lstrip("-").isdigit() else None
