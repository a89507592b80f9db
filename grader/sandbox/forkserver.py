"""The fork server (runs as its own process, started by ``launcher.ForkServer``).

Starting a Python worker costs ~0.1 s, most of it importing NumPy; grading five
assignments, or a class, starts many. The fork server imports everything a worker needs
once, then forks a fresh worker for each request: the child is exactly a newly started
worker (no student code has ever run in the fork server), at a fraction of the cost.

Requests arrive on a Unix socket, one datagram each, with file descriptors attached:
  ``spawn <workdir>`` + fds (request, response, progress and output pipes) → ``<pid>``
  ``wait <pid> <seconds>`` → ``<exit status>`` (as ``subprocess``: negative for a
  signal) or ``running``
  ``idle`` → ``idle``, once every request before it is done (a reap included)
  ``reap <pid>`` → no answer: SIGKILL the worker's process group and (as root) every
  process of its private uid, then collect its exit status. The grader goes on while
  this runs; requests are served in order, and the grader's closing of the socket is
  seen only after every reap before it is done.
"""

from __future__ import annotations

import gc
import os
import signal
import socket
import sys
import time

import numpy  # noqa: F401 - imported once here so that every forked worker has it
import numpy.random  # noqa: F401 - (lazily loaded otherwise, after the worker's lock-down)

from grader.sandbox import reaper, syscalls, worker



def _spawn(sock: socket.socket, workdir: str, fds: list[int]) -> int:
    req_r, resp_w, progress_w, out_w = fds
    pid = os.fork()
    if pid == 0:  # the new worker
        try:
            sock.close()
            os.setsid()
            os.dup2(out_w, 1)
            os.dup2(out_w, 2)
            os.closerange(3, min(req_r, resp_w, progress_w))
            for fd in (out_w,):
                os.close(fd)
            os.environ["HOME"] = workdir
            os.chdir(workdir)
            signal.signal(signal.SIGCHLD, signal.SIG_DFL)
            worker.main([str(req_r), str(resp_w), str(progress_w)])
        finally:
            os._exit(1)
    for fd in fds:
        os.close(fd)
    return pid


def _wait(pid: int, seconds: float) -> str:
    deadline = time.monotonic() + seconds
    while True:
        try:
            done, status = os.waitpid(pid, os.WNOHANG)
        except ChildProcessError:
            return "gone"
        if done:
            return str(os.waitstatus_to_exitcode(status))
        if time.monotonic() >= deadline:
            return "running"
        time.sleep(0.005)


def _kill_uid(uid: int) -> None:
    """SIGKILL every process of ``uid``: a child takes the uid and calls kill(-1), one
    system call that reaches processes in any session, however they were started."""
    pid = os.fork()
    if pid == 0:
        try:
            os.setgroups([])
            os.setgid(uid)
            os.setuid(uid)
            for _ in range(3):  # a process may fork while the kernel walks the list
                try:
                    os.kill(-1, signal.SIGKILL)
                except ProcessLookupError:
                    break
        finally:
            os._exit(0)
    os.waitpid(pid, 0)


def serve(sock: socket.socket) -> None:
    while True:
        message, fds, _flags, _addr = socket.recv_fds(sock, 4096, 4)
        if not message:
            return
        words = message.decode().split(" ", 2)
        if words[0] == "spawn" and len(fds) == 4:
            sock.send(str(_spawn(sock, words[1], fds)).encode())
        elif words[0] == "idle" and not fds:
            sock.send(b"idle")
        elif words[0] == "wait":
            sock.send(_wait(int(words[1]), float(words[2])).encode())
        elif words[0] == "reap" and not fds:
            pid = int(words[1])
            reaper.reap(pid, _kill_uid, lambda: _wait(pid, 10.0))
        else:
            for fd in fds:
                os.close(fd)
            sock.send(b"error")


def main(argv: list[str]) -> None:
    # Die with the grader; never become a zombie's keeper for longer than needed.
    syscalls.libc.prctl(syscalls.PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    sock = socket.socket(fileno=int(argv[0]))
    gc.freeze()
    try:
        serve(sock)
    except (OSError, ValueError):
        pass
    os._exit(0)


if __name__ == "__main__":
    main(sys.argv[1:])
