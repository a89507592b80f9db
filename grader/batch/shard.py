"""Deterministic slices of a roster, and the manifest each sharded run leaves behind.

Shard ``I/N`` (1 ≤ I ≤ N, as in a CI matrix ``shard: [1, 2, 3]``) holds the students
whose position in the id-sorted roster is congruent to I − 1 modulo N: every shard
sees the same roster, so the slices are disjoint, cover the class, and differ in size
by at most one.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path

MANIFEST = "shard.json"
FORMAT = "dl-grader-shard/1"


class ShardError(Exception):
    """A shard spec or manifest is invalid, or shards do not fit together."""


@dataclass(frozen=True)
class ShardSpec:
    index: int  # 1-based
    count: int

    def __str__(self) -> str:
        return f"{self.index}/{self.count}"

    @classmethod
    def parse(cls, text: str) -> "ShardSpec":
        match = re.fullmatch(r"\s*(\d+)\s*/\s*(\d+)\s*", text or "")
        if not match:
            raise ShardError(f"--shard {text!r}: expected I/N, e.g. 1/4")
        index, count = int(match.group(1)), int(match.group(2))
        if not 1 <= index <= count:
            raise ShardError(f"--shard {text}: I must be between 1 and N")
        return cls(index, count)

    def select(self, ids: list[str]) -> list[str]:
        """The ids of this shard, from the whole roster's ids."""
        ordered = sorted(ids)
        return [sid for k, sid in enumerate(ordered) if k % self.count == self.index - 1]


def roster_digest(ids: list[str]) -> str:
    """A fingerprint of the whole roster, so shards of different rosters are never merged."""
    return hashlib.sha256("\n".join(sorted(ids)).encode()).hexdigest()


def manifest(spec: ShardSpec, roster: list[str], students: list[str], assignments: list[str],
             seeding: str = "") -> dict:
    """``seeding``: how the students' seeds were chosen (``seeds.seeding``), the same for
    every shard of one batch."""
    return {"format": FORMAT, "shard": str(spec), "roster_size": len(roster),
            "roster_digest": roster_digest(roster), "roster": sorted(roster),
            "assignments": list(assignments), "students": sorted(students), "seeding": seeding}


def read_manifest(folder: Path) -> dict:
    path = folder / MANIFEST
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ShardError(f"{folder} has no {MANIFEST}: not the output of `grader batch`") from None
    except (OSError, ValueError) as exc:
        raise ShardError(f"{path} is unreadable: {exc}") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ShardError(f"{path} is not a dl-grader shard manifest")
    return data


def write_manifest(folder: Path, data: dict, write) -> None:
    """Write the manifest with ``write(path, text)`` (an atomic writer)."""
    write(folder / MANIFEST, json.dumps(data, indent=2) + "\n")
