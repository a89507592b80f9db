"""Ending a worker for good: find every process of its private uid; drain its output."""

from __future__ import annotations

import os
import signal


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


def drain(stream, sink: bytearray, cap: int) -> None:
    """Keep the first ``cap`` bytes of the student's output and discard the rest; close
    the stream at its end (when the worker and every process it left are gone)."""
    try:
        while True:
            chunk = stream.read1(65536)
            if not chunk:
                break
            room = cap - len(sink)
            if room > 0:
                sink += chunk[:room]
    except (OSError, ValueError):
        pass
    try:
        stream.close()
    except (OSError, ValueError):
        pass
