"""A PID namespace of its own for the worker (run inside the worker, during lock-down).

``unshare(CLONE_NEWPID)`` only places the caller's *children* in the new namespace, so
the worker splits itself in three once the namespaces exist:

- the **outer** process keeps the pid the grader knows. It stays outside the namespace,
  holds nothing (every file descriptor closed) and only waits; when the worker ends it
  ends the same way (same exit code or signal), so the grader sees the worker's death as
  before. It dies with the grader (``PR_SET_PDEATHSIG``);
- **init**, pid 1 of the namespace, reaps orphans and reports the worker's exit status to
  the outer process. It dies with the outer process (so does everything in the
  namespace: killing the outer process kills the worker), and when it exits the kernel kills
  every process left in the namespace: nothing the student starts (a daemon that called
  ``setsid``, a double fork) outlives the worker, without any uid of its own;
- the **worker**, pid 2, returns from ``split`` and goes on locking itself down. Signals,
  ``ptrace`` and ``process_vm_readv`` take a pid, and no pid outside the namespace can be
  named from inside: ``kill(-1)`` reaches only the student's own processes, and
  ``getppid()`` is init, which ignores every signal sent from inside (it has no handlers).

The protocol pipes are inherited by the worker alone; the other two close their copies,
so the grader sees end-of-stream exactly when the worker and its children are gone.
"""

from __future__ import annotations

import os
import select
import signal

from grader.sandbox.syscalls import PR_SET_PDEATHSIG, libc



def split() -> None:
    """Fork into the PID namespace created by the caller's ``unshare``; only the worker
    (pid 2 inside) returns. The caller must have set ``PR_SET_PDEATHSIG`` already."""
    status_r, status_w = os.pipe()
    init = os.fork()
    if init:
        os.close(status_w)
        _outer(init, status_r)
    os.close(status_r)
    # Python installs a SIGINT handler; pid 1 with handlers could be signalled from inside.
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if _reader_gone(status_w):  # the outer process died before the line above
        os._exit(1)
    # Sessions of their own: the process group the grader knows holds the outer process
    # alone, so killpg() on a group named from inside (getpgid of anything there) can
    # only reach init (which ignores it) or the worker's own group.
    os.setsid()
    worker = os.fork()
    if worker:
        _init(worker, status_w)
    os.close(status_w)
    os.setsid()


def _reader_gone(write_end: int) -> bool:
    poller = select.poll()
    poller.register(write_end, select.POLLOUT)
    return any(events & select.POLLERR for _, events in poller.poll(0))


def _close_all_but(keep: int) -> None:
    os.closerange(0, keep)
    os.closerange(keep + 1, os.sysconf("SC_OPEN_MAX"))


def _outer(init: int, status_r: int) -> None:
    """Wait for init, then end exactly as the worker ended. Never returns."""
    _close_all_but(status_r)
    try:
        os.waitpid(init, 0)
        raw = os.read(status_r, 64)
        status = int(raw) if raw.strip().isdigit() else None
    except (OSError, ValueError):
        status = None
    if status is None:  # init was killed (the grader reaped the worker): as SIGKILL
        status = signal.SIGKILL
    if os.WIFSIGNALED(status):
        sig = os.WTERMSIG(status)
        try:
            signal.signal(sig, signal.SIG_DFL)
        except (OSError, ValueError):
            pass  # SIGKILL and SIGSTOP keep their default anyway
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {sig})
        os.kill(os.getpid(), sig)
    os._exit(os.WEXITSTATUS(status) if os.WIFEXITED(status) else 1)


def _init(worker: int, status_w: int) -> None:
    """Pid 1: reap every orphan until the worker ends, report its status, exit (the
    kernel then kills what is left in the namespace). Never returns."""
    _close_all_but(status_w)
    while True:
        try:
            pid, status = os.waitpid(-1, 0)
        except ChildProcessError:
            os._exit(1)
        if pid == worker:
            try:
                os.write(status_w, str(status).encode())
            finally:
                os._exit(0)
