"""Pure parts of batch grading: ids from folder names, shard slices, seeds, gradebook cells."""

from __future__ import annotations

import hashlib
import hmac

import pytest

from grader.batch.gradebook import render_csv
from grader.batch.roster import RosterError, discover
from grader.batch.seeds import student_seed
from grader.batch.shard import ShardError, ShardSpec


def _folders(tmp_path, *names):
    for name in names:
        (tmp_path / name).mkdir()
    return tmp_path


def test_ids_drop_the_shared_classroom_prefix(tmp_path):
    students, warnings = discover(_folders(tmp_path, "hw1-nag-alice", "hw1-nag-bob-smith", "hw1-nag-c"))
    assert [s.id for s in students] == ["alice", "bob-smith", "c"] and not warnings


def test_folder_name_is_the_id_without_a_common_prefix(tmp_path):
    students, _ = discover(_folders(tmp_path, "alice", "bob"))
    assert [s.id for s in students] == ["alice", "bob"]


def test_symlinked_and_odd_folders_are_left_out(tmp_path):
    _folders(tmp_path, "alice", "=cmd|calc", "bob\n")  # a trailing newline would shadow bob in an LMS
    (tmp_path / "mallory").symlink_to(tmp_path / "alice")
    students, warnings = discover(tmp_path)
    assert [s.id for s in students] == ["alice"] and len(warnings) == 3


def test_two_folders_for_one_id_are_refused(tmp_path):
    _folders(tmp_path, "hw-x", "x")
    assert [s.id for s in discover(tmp_path)[0]] == ["hw-x", "x"]  # no shared prefix: full names
    with pytest.raises(RosterError, match="both map"):
        discover(tmp_path, prefix="hw-")


def test_shards_partition_the_roster():
    ids = [f"u{k}" for k in range(11)]
    slices = [ShardSpec(i, 3).select(ids) for i in (1, 2, 3)]
    assert sorted(sum(slices, [])) == sorted(ids)
    assert max(map(len, slices)) - min(map(len, slices)) <= 1
    assert ShardSpec.parse("2/3").select(list(reversed(ids))) == slices[1]
    for bad in ("0/3", "4/3", "1-3", ""):
        with pytest.raises(ShardError):
            ShardSpec.parse(bad)


def test_secret_seed_is_truncated_hmac_sha256():
    digest = hmac.new(b"s3cret-key", b"alice", hashlib.sha256).digest()
    assert student_seed(b"s3cret-key", "alice") == int.from_bytes(digest[:8], "big") >> 1
    assert 0 <= student_seed(b"s3cret-key", "bob") < 2 ** 63
    assert student_seed(None, "alice", fixed=7) == student_seed(None, "bob", fixed=7) == 7


def test_gradebook_rows_sorted_and_formula_cells_neutralised():
    def rec(score):
        return {"assignments": ["nag"], "result": {"assignments": {"nag": {"score": score}}}}
    text = render_csv({"bob": rec(2.5), "=evil": rec(1.0), "al": rec(10.0)}, ["nag"])
    assert text.splitlines() == ["student,nag,total", "'=evil,1,1", "al,10,10", "bob,2.5,2.5"]


def test_a_seeding_names_the_fixed_seed_or_fingerprints_the_secret():
    from grader.batch.seeds import seeding
    assert seeding(None, 7) == "fixed 7"
    one, other = seeding(b"a long secret 1", 0), seeding(b"a long secret 2", 0)
    assert one.startswith("secret ") and one != other and "long secret" not in one
    assert seeding(b"a long secret 1", 3) == one  # the fixed seed plays no part with a secret
