"""Reading a batch output folder: the students' records, and who is missing.

A folder written by ``grader batch`` (one shard or all), or by ``grader merge``, holds
``shard.json`` (the roster and the students this run was to grade) and
``students/<id>.json``. A run cut short, or a shard on its own, has fewer records than
students: the report says how many are missing rather than pretend the class is whole.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from grader.batch import records
from grader.batch.shard import ShardError, ShardSpec, read_manifest


class ReportError(Exception):
    """The folder is not the output of a batch run, or holds no graded student."""


@dataclass(frozen=True)
class ClassRun:
    """The records of one batch folder and what the class should have been.

    ``records``: student id → record (``grader/batch/records.py``), sorted by id;
    ``expected``: the ids this folder was to grade; ``roster_size``: the whole class;
    ``shard``: "I/N" when the folder is one shard of several.
    """

    folder: Path
    assignments: tuple[str, ...]
    records: dict
    expected: tuple[str, ...]
    roster_size: int
    shard: str = ""

    @property
    def missing(self) -> tuple[str, ...]:
        return tuple(sid for sid in self.expected if sid not in self.records)

    @property
    def seeds(self) -> frozenset:
        return frozenset(r.get("seed") for r in self.records.values())


def load_run(folder: Path) -> ClassRun:
    """The ``ClassRun`` of a batch output folder; ``ReportError`` when it is none."""
    try:
        manifest = read_manifest(folder)
    except ShardError as exc:
        raise ReportError(str(exc)) from None
    assignments = tuple(manifest.get("assignments") or ())
    expected = tuple(sorted(manifest.get("students") or ()))
    found = {}
    for path in sorted((folder / records.STUDENTS).glob("*.json")):
        record = records.read_record(path)
        if path.stem in expected and records.is_done(record, path.stem, list(assignments)):
            found[path.stem] = record
    if not found:
        raise ReportError(f"{folder} holds no graded student yet (students/<id>.json): run `grader batch` first")
    spec = ShardSpec.parse(manifest.get("shard", "1/1"))
    return ClassRun(folder, assignments, dict(sorted(found.items())), expected,
                    int(manifest.get("roster_size", len(expected))), str(spec) if spec.count > 1 else "")
