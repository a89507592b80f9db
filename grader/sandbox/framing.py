"""Frames on a pipe: an 8-byte big-endian payload length, then the payload.

The length is checked against a cap before anything is read, a payload is written
straight from its buffers (no joined copy) in gathered writes, and read (``FrameReader``)
with one system call when it is all there.
"""

from __future__ import annotations

import fcntl
import os
import struct

MAX_FRAME_BYTES = 64 * 1024 * 1024
_LENGTH = struct.Struct(">Q")


class ProtocolError(Exception):
    """The other side sent something that is not a well-formed frame (or, see ``values``,
    a well-formed value)."""


def write_frame(fd: int, parts: list) -> None:
    """Write one frame, whose payload is the buffers ``parts``, to a file descriptor
    (blocking); one gathered write per pipe-full, without joining the parts first."""
    pending = [memoryview(p).cast("B") for p in parts if len(p)]
    pending.insert(0, memoryview(_LENGTH.pack(sum(len(p) for p in pending))))
    first = 0
    while first < len(pending):
        written = os.writev(fd, pending[first:first + _IOV_MAX])
        while written:
            if written >= len(pending[first]):
                written -= len(pending[first])
                first += 1
            else:
                pending[first] = pending[first][written:]
                written = 0


class FrameReader:
    """Frames from a stream, read with as few system calls as the data allows: the other
    side writes a frame at once, so one read usually brings all of it (the length prefix
    and the payload), into a buffer kept from frame to frame."""

    def __init__(self, limit: int = MAX_FRAME_BYTES):
        self._limit = limit
        self._buffer = bytearray(_BUFFER_BYTES)
        self._start = self._end = 0  # the unread bytes are _buffer[_start:_end]

    def frame(self, readinto) -> memoryview:
        """The next frame's payload, a view valid until the next call. ``readinto(view)``
        fills the start of ``view`` with what the stream has (at least one byte, waiting
        if need be; 0 at its end) and says how many bytes; it raises for a deadline. The
        announced length is checked against the limit before anything else is read."""
        self._fill(PREFIX_BYTES, readinto)
        length = frame_length(bytes(self._buffer[self._start:self._start + PREFIX_BYTES]), self._limit)
        self._start += PREFIX_BYTES
        if length > len(self._buffer):  # a frame of its own size, read straight into it
            frame = bytearray(length)
            have = self._end - self._start
            frame[:have] = self._buffer[self._start:self._end]
            self._start = self._end = 0
            while have < length:
                have += _some(readinto, memoryview(frame)[have:])
            return memoryview(frame)
        self._fill(length, readinto)
        payload = memoryview(self._buffer)[self._start:self._start + length]
        self._start += length
        return payload

    def _fill(self, n: int, readinto) -> None:
        """At least ``n`` (≤ the buffer's size) unread bytes in the buffer."""
        if self._end - self._start >= n:
            return
        if self._start + n > len(self._buffer):  # move the unread bytes to the front
            unread = self._end - self._start
            self._buffer[:unread] = self._buffer[self._start:self._end]
            self._start, self._end = 0, unread
        while self._end - self._start < n:
            self._end += _some(readinto, memoryview(self._buffer)[self._end:])


def _some(readinto, view: memoryview) -> int:
    count = readinto(view)
    if not count:
        raise EOFError("the other side closed the pipe")
    return count


def frame_length(prefix: bytes, limit: int = MAX_FRAME_BYTES) -> int:
    """Payload length announced by an 8-byte prefix; refuses anything over ``limit``."""
    (length,) = _LENGTH.unpack(prefix)
    if length > limit:
        raise ProtocolError(f"frame of {length} bytes exceeds the {limit}-byte limit")
    return length


PREFIX_BYTES = _LENGTH.size
_IOV_MAX = 512
_BUFFER_BYTES = 256 * 1024  # frames up to this size are read into the kept buffer
PIPE_BYTES = 1 << 20  # pipes this large carry a typical call in one write


def enlarge_pipe(fd: int) -> None:
    """Ask for a pipe buffer of ``PIPE_BYTES`` (fewer round trips through the scheduler
    for large arrays); keeps the default where the system refuses."""
    try:
        fcntl.fcntl(fd, fcntl.F_SETPIPE_SZ, PIPE_BYTES)
    except (OSError, AttributeError):
        pass
