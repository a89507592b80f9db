"""What students' code prints: every worker's output pipe drained by one thread per
grading process, keeping the first bytes of each.

A worker that prints without end must never block on a full pipe, so its output is read
as it comes, whatever the grader is doing. One thread serves every worker of the process
(starting a thread for each worker costs about a millisecond on a small virtual machine).
"""

from __future__ import annotations

import os
import selectors
import threading


class Captured:
    """The first ``cap`` bytes a worker printed; the rest is read and dropped."""

    def __init__(self, cap: int):
        self.cap = cap
        self.data = bytearray()

    def add(self, chunk: bytes) -> None:
        room = self.cap - len(self.data)
        if room > 0:
            self.data += chunk[:room]

    def text(self) -> str:
        return bytes(self.data).decode("utf-8", "replace")


class _Drain:
    """A daemon thread reading every watched pipe until its end, then closing it."""

    def __init__(self):
        self._lock = threading.Lock()
        self._selector: selectors.BaseSelector | None = None
        self._owner = 0  # the pid that started the thread: a forked child starts its own
        self._idle: tuple[int, int] | None = None

    def watch(self, fd: int, cap: int) -> Captured:
        """Drain the read end ``fd`` (owned from now on: closed at its end) into a ``Captured``."""
        captured = Captured(cap)
        os.set_blocking(fd, False)
        with self._lock:
            if self._owner != os.getpid():
                self._selector = selectors.DefaultSelector()
                self._owner = os.getpid()
                # A pipe never written (both ends kept: it never becomes readable), always
                # registered: a kqueue asked for events on no descriptors returns at once,
                # and the thread would spin.
                self._idle = os.pipe()
                self._selector.register(self._idle[0], selectors.EVENT_READ, None)
                threading.Thread(target=self._run, args=(self._selector,), name="grader-output", daemon=True).start()
            self._selector.register(fd, selectors.EVENT_READ, captured)
        return captured

    def _run(self, selector: selectors.BaseSelector) -> None:
        while True:
            for key, _ in selector.select():
                self._read(selector, key.fd, key.data)

    def _read(self, selector: selectors.BaseSelector, fd: int, captured: Captured) -> None:
        try:
            chunk = os.read(fd, 65536)  # one read per wake-up: other pipes get their turn
        except BlockingIOError:
            return
        except OSError:
            chunk = b""
        if chunk:
            captured.add(chunk)
            return
        with self._lock:  # the end of the stream: every writer is gone
            selector.unregister(fd)
            os.close(fd)


_DRAIN = _Drain()


def capture(fd: int, cap: int) -> Captured:
    """Keep the first ``cap`` bytes of what arrives on the pipe's read end ``fd``."""
    return _DRAIN.watch(fd, cap)
