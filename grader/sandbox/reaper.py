"""Ending a worker for good: kill it and every process of its private uid."""

from __future__ import annotations

import os
import signal
from typing import Callable

from grader.sandbox.isolation import sandbox_uid


def reap(pid: int, kill_uid: Callable[[int], None], wait: Callable[[], object]) -> None:
    """SIGKILL worker ``pid``'s process group and, as root, every process of its private
    uid; then ``wait()`` to collect its exit status.

    ``kill_uid(uid)`` signals every process of the uid at once (daemons that called
    setsid, fork-bomb children, processes in other sessions); a scan of /proc then
    catches any process forked while that ran, and repeats.
    """
    try:
        os.killpg(pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    if os.geteuid() == 0:
        kill_uid(sandbox_uid(pid))
        for _ in range(3):
            if not kill_by_scan(sandbox_uid(pid)):
                break
    wait()


def kill_by_scan(uid: int) -> bool:
    """SIGKILL every process whose real uid is ``uid``; True if any was found."""
    found = False
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            if os.stat(entry.path).st_uid != uid:
                continue
            os.kill(int(entry.name), signal.SIGKILL)
            found = True
        except (OSError, ValueError):
            continue
    return found
