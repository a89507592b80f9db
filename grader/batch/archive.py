"""Safe extraction of a roster zip (a class's repositories, downloaded from GitHub Classroom).

The zip comes from outside the grader's control, so every entry is checked before
anything is written: no absolute paths, no ``..``, no drive letters or backslashes, no
symlinks or special files, a cap on the number of entries, and a cap on the total
number of bytes actually decompressed (headers can lie about sizes, so bytes are
counted while copying): a zip bomb stops at the cap instead of filling the disk.
"""

from __future__ import annotations

import shutil
import stat
import zipfile
from pathlib import Path, PurePosixPath

MAX_TOTAL_BYTES = 512 * 1024 * 1024
MAX_ENTRIES = 100_000
_CHUNK = 1 << 20


class UnsafeArchive(Exception):
    """The zip is malformed or tries to write outside its folder; the message says which entry."""


def _safe_parts(name: str) -> tuple[str, ...]:
    """The path components of an entry name, or ``UnsafeArchive`` if it could escape."""
    if "\\" in name or "\x00" in name:
        raise UnsafeArchive(f"entry {name!r}: backslashes and NUL bytes are not allowed in names")
    path = PurePosixPath(name)
    if path.is_absolute() or name.startswith("/"):
        raise UnsafeArchive(f"entry {name!r} has an absolute path")
    parts = tuple(p for p in path.parts if p not in ("", "."))
    if any(p == ".." for p in parts):
        raise UnsafeArchive(f"entry {name!r} points outside the archive (`..`)")
    if parts and ":" in parts[0]:
        raise UnsafeArchive(f"entry {name!r} names a drive")
    return parts


def _kind(info: zipfile.ZipInfo) -> str:
    kind = stat.S_IFMT(info.external_attr >> 16)  # 0 when the zip records no Unix file type
    if stat.S_ISLNK(kind):
        return "symlink"
    if kind and not (stat.S_ISREG(kind) or stat.S_ISDIR(kind)):
        return "special"
    return "dir" if info.is_dir() else "file"


def check_archive(archive: zipfile.ZipFile, max_entries: int = MAX_ENTRIES) -> list[tuple[zipfile.ZipInfo, tuple]]:
    """Every entry with its safe path components; raise ``UnsafeArchive`` on the first bad one."""
    infos = archive.infolist()
    if len(infos) > max_entries:
        raise UnsafeArchive(f"the zip has {len(infos)} entries (at most {max_entries} allowed)")
    checked = []
    for info in infos:
        kind = _kind(info)
        if kind in ("symlink", "special"):
            raise UnsafeArchive(f"entry {info.filename!r} is a {kind}; only files and folders are allowed")
        if info.flag_bits & 0x1:
            raise UnsafeArchive(f"entry {info.filename!r} is encrypted")
        parts = _safe_parts(info.filename)
        if parts:
            checked.append((info, parts))
    return checked


def extract_roster(zip_path: Path, dest: Path, max_total_bytes: int = MAX_TOTAL_BYTES) -> Path:
    """Extract ``zip_path`` into the (new or empty) folder ``dest`` and return ``dest``.

    Nothing is written unless every entry name is safe; if the decompressed bytes
    exceed ``max_total_bytes`` the partial extraction is removed and ``UnsafeArchive``
    raised.
    """
    try:
        archive = zipfile.ZipFile(zip_path)
    except (zipfile.BadZipFile, OSError) as exc:
        raise UnsafeArchive(f"{zip_path.name} is not a readable zip: {exc}") from None
    dest.mkdir(parents=True, exist_ok=True)
    root = dest.resolve()
    written = 0
    try:
        with archive:
            for info, parts in check_archive(archive):
                target = root.joinpath(*parts)
                if root not in target.resolve().parents and target.resolve() != root:
                    raise UnsafeArchive(f"entry {info.filename!r} resolves outside the archive")
                if info.is_dir():
                    target.mkdir(parents=True, exist_ok=True)
                    continue
                target.parent.mkdir(parents=True, exist_ok=True)
                written = _copy_capped(archive, info, target, written, max_total_bytes)
    except UnsafeArchive:
        shutil.rmtree(dest, ignore_errors=True)
        raise
    except (zipfile.BadZipFile, OSError, EOFError) as exc:
        shutil.rmtree(dest, ignore_errors=True)
        raise UnsafeArchive(f"{zip_path.name} could not be extracted: {exc}") from None
    return dest


def _copy_capped(archive: zipfile.ZipFile, info: zipfile.ZipInfo, target: Path, written: int, cap: int) -> int:
    """Copy one entry, counting decompressed bytes against ``cap``; the new running total."""
    with archive.open(info) as src, open(target, "xb") as dst:
        while True:
            chunk = src.read(_CHUNK)
            if not chunk:
                return written
            written += len(chunk)
            if written > cap:
                raise UnsafeArchive(f"the zip expands to more than {cap // (1024 * 1024)} MB "
                                    "(a zip bomb, or a class too large for one archive)")
            dst.write(chunk)
