"""Combining sharded batch outputs into one: all shards, no overlaps, no gaps.

Each shard folder holds ``shard.json`` (the whole roster, the shard spec, the shard's
students, how seeds were chosen) and the records of its students. The merge refuses shards
of different rosters, assignments or seeds, a shard given twice or missing, a student claimed by two
shards, and any roster student without a record.
"""

from __future__ import annotations

import json
from pathlib import Path

from grader.batch import gradebook, records
from grader.batch.shard import ShardError, ShardSpec, manifest, read_manifest


def _consistent(manifests: dict[Path, dict]) -> tuple[dict, int]:
    first_path, first = next(iter(manifests.items()))
    count = ShardSpec.parse(first["shard"]).count
    for path, data in manifests.items():
        for key in ("roster_digest", "assignments", "seeding"):
            if data.get(key) != first.get(key):
                raise ShardError(f"{path} and {first_path} have a different {key.replace('_', ' ')}: "
                                 "they are not shards of the same batch")
        if ShardSpec.parse(data["shard"]).count != count:
            raise ShardError(f"{path} is shard {data['shard']} but {first_path} is shard {first['shard']}")
    return first, count


def check_shards(folders: list[Path]) -> tuple[dict, dict[str, Path]]:
    """The common manifest and student id → folder holding their record; ``ShardError`` if unfit."""
    manifests = {folder: read_manifest(folder) for folder in folders}
    first, count = _consistent(manifests)
    seen_shards: dict[int, Path] = {}
    owner: dict[str, Path] = {}
    for folder, data in manifests.items():
        index = ShardSpec.parse(data["shard"]).index
        if index in seen_shards:
            raise ShardError(f"shard {data['shard']} given twice: {seen_shards[index]} and {folder}")
        seen_shards[index] = folder
        for sid in data["students"]:
            if sid in owner:
                raise ShardError(f"student {sid} is in two shards ({owner[sid]} and {folder}); "
                                 "shards overlap, so they come from different runs")
            owner[sid] = folder
    missing_shards = sorted(set(range(1, count + 1)) - set(seen_shards))
    if missing_shards:
        raise ShardError(f"missing shard(s) {', '.join(f'{i}/{count}' for i in missing_shards)}: "
                         "pass the output folder of every shard")
    roster = set(first["roster"])
    strangers = sorted(set(owner) - roster)
    if strangers:
        raise ShardError(f"student(s) not in the roster: {', '.join(strangers[:10])}")
    ungraded = sorted(sid for sid in roster
                      if sid not in owner or not records.is_done(
                          records.read_record(records.record_path(owner[sid], sid)), sid, first["assignments"]))
    if ungraded:
        shown = ", ".join(ungraded[:10]) + (" …" if len(ungraded) > 10 else "")
        raise ShardError(f"{len(ungraded)} roster student(s) have no result: {shown}; "
                         "rerun `grader batch` for their shard (it resumes) and merge again")
    return first, owner


def merge_shards(out: Path, folders: list[Path], write) -> int:
    """Copy every shard's records and pages into ``out`` and write one gradebook; the student count."""
    first, owner = check_shards(folders)
    done = {}
    for sid, folder in sorted(owner.items()):
        for path_of in (records.feedback_path, records.record_path):
            source, target = path_of(folder, sid), path_of(out, sid)
            if source.is_file() and source.resolve() != target.resolve():
                write(target, source.read_text(encoding="utf-8"))
        done[sid] = records.read_record(records.record_path(out, sid))
    roster = first["roster"]
    whole = manifest(ShardSpec(1, 1), roster, roster, first["assignments"], first.get("seeding", ""))
    write(out / "shard.json", json.dumps(whole, indent=2) + "\n")
    write(out / "gradebook.csv", gradebook.render_csv(done, first["assignments"]))
    return len(done)

