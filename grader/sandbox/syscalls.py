"""The few Linux system calls the sandbox needs that Python's os module lacks (3.10+)."""

from __future__ import annotations

import ctypes
import ctypes.util
import errno
import os

CLONE_NEWNS = 0x00020000
CLONE_NEWUSER = 0x10000000
CLONE_NEWPID = 0x20000000
CLONE_NEWNET = 0x40000000
MS_RDONLY = 1
MS_NOSUID = 2
MS_NODEV = 4
MS_REC = 0x4000
MS_REMOUNT = 32
MS_BIND = 4096
MS_NOEXEC = 8
MS_NOATIME = 1024
MS_NODIRATIME = 2048
MS_MOVE = 8192
MS_PRIVATE = 1 << 18
MS_RELATIME = 1 << 21
MNT_DETACH = 2
PR_SET_PDEATHSIG = 1
PR_SET_DUMPABLE = 4
PR_CAPBSET_DROP = 24
PR_SET_NO_NEW_PRIVS = 38
PR_CAP_AMBIENT = 47
PR_CAP_AMBIENT_CLEAR_ALL = 4
_CAPABILITY_VERSION_3 = 0x20080522
M_TRIM_THRESHOLD = -1
M_MMAP_THRESHOLD = -3


class _Libc:
    """The C library. A function this system lacks (``prctl``, ``mallopt``, ``capset`` and
    ``unshare`` outside Linux) fails like a refused call, -1 with ``ENOSYS``, so each
    caller's "the OS does not allow it" path applies instead of an AttributeError."""

    def __init__(self, library: ctypes.CDLL):
        self._library = library

    def __getattr__(self, name: str):
        try:
            return getattr(self._library, name)
        except AttributeError:
            return _unavailable


def _unavailable(*args) -> int:
    ctypes.set_errno(errno.ENOSYS)
    return -1


libc = _Libc(ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True))


def check(ret: int, what: str) -> None:
    if ret != 0:
        err = ctypes.get_errno()
        raise OSError(err, f"{what}: {os.strerror(err)}")


def unshare(flags: int) -> None:
    check(libc.unshare(flags), "unshare")


def mount(source: str, target: str, fstype: str | None, flags: int, data: str | None) -> None:
    check(
        libc.mount(source.encode(), target.encode(), fstype.encode() if fstype else None,
                    ctypes.c_ulong(flags), data.encode() if data else None),
        f"mount {target}",
    )


def keep_freed_memory() -> None:
    """Let freed memory (up to 32 MiB blocks) stay in the heap for the next allocation.

    glibc otherwise maps each large block afresh and returns it on free, so a worker
    that receives, computes on and sends the same large arrays call after call pays a
    page fault for every 4 KiB of them, every time (measured: 200 faults, ~1 ms, per
    call with one 800 KB array)."""
    libc.mallopt(M_MMAP_THRESHOLD, 32 << 20)
    libc.mallopt(M_TRIM_THRESHOLD, 64 << 20)


class _CapHeader(ctypes.Structure):
    _fields_ = [("version", ctypes.c_uint32), ("pid", ctypes.c_int)]


class _CapData(ctypes.Structure):
    _fields_ = [("effective", ctypes.c_uint32), ("permitted", ctypes.c_uint32), ("inheritable", ctypes.c_uint32)]


def drop_capabilities() -> None:
    """Give up every capability for good: the bounding and ambient sets, then the
    effective, permitted and inheritable ones. A process that created a user namespace
    holds every capability inside it, enough to unmount the very mounts that hide the
    course or to remount the runtime writable; its uid there is not 0, so nothing can
    give them back. Raises OSError if the kernel refuses."""
    try:
        with open("/proc/sys/kernel/cap_last_cap") as fh:
            last = int(fh.read())
    except (OSError, ValueError):
        last = 63
    for cap in range(last + 1):
        libc.prctl(PR_CAPBSET_DROP, cap, 0, 0, 0)  # fails (harmlessly) for caps already gone
    libc.prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0)
    data = (_CapData * 2)()
    check(libc.capset(ctypes.byref(_CapHeader(_CAPABILITY_VERSION_3, 0)), data), "capset")
