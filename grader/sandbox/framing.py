"""Frames on a pipe: an 8-byte big-endian payload length, then the payload.

The length is checked against a cap before anything is read, and a payload is written
straight from its buffers (no joined copy) in gathered writes.
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


def read_frame(read, limit: int = MAX_FRAME_BYTES) -> bytes:
    """One frame's payload, from ``read(n)``, which returns at most ``n`` bytes (b"" at
    the end of the stream) and raises for a deadline; the announced length is checked
    against ``limit`` before anything is read."""
    length = frame_length(_read_exact(read, PREFIX_BYTES), limit)
    return _read_exact(read, length)


def _read_exact(read, n: int) -> bytes:
    chunks, remaining = [], n
    while remaining:
        chunk = read(min(remaining, _READ_CHUNK))
        if not chunk:
            raise EOFError("the other side closed the pipe")
        chunks.append(chunk)
        remaining -= len(chunk)
    return chunks[0] if len(chunks) == 1 else b"".join(chunks)


def frame_length(prefix: bytes, limit: int = MAX_FRAME_BYTES) -> int:
    """Payload length announced by an 8-byte prefix; refuses anything over ``limit``."""
    (length,) = _LENGTH.unpack(prefix)
    if length > limit:
        raise ProtocolError(f"frame of {length} bytes exceeds the {limit}-byte limit")
    return length


PREFIX_BYTES = _LENGTH.size
_IOV_MAX = 512
_READ_CHUNK = 1 << 20
PIPE_BYTES = 1 << 20  # pipes this large carry a typical call in one write


def enlarge_pipe(fd: int) -> None:
    """Ask for a pipe buffer of ``PIPE_BYTES`` (fewer round trips through the scheduler
    for large arrays); keeps the default where the system refuses."""
    try:
        fcntl.fcntl(fd, fcntl.F_SETPIPE_SZ, PIPE_BYTES)
    except (OSError, AttributeError):
        pass
