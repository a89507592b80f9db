"""`--shard I/N` slices the roster deterministically; `grader merge` joins shards, refusing overlaps and gaps."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

import pytest

from batch_helpers import correct, environment, gradebook, run_batch, student, with_mistake

CLASS = {"ann": correct(), "ben": with_mistake("gradient_at_theta"), "cal": correct()}


def merge(*args) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "grader", "merge", *map(str, args)], capture_output=True,
                          text=True, env=environment(), timeout=120)


@pytest.fixture(scope="module")
def shards(tmp_path_factory):
    base = tmp_path_factory.mktemp("shards")
    for sid, source in CLASS.items():
        student(base / "roster", sid, source)
    for index in (1, 2):
        proc = run_batch(base / "roster", base / f"shard{index}", "--jobs", "2", "--shard", f"{index}/2")
        assert proc.returncode == 1 if index == 2 else proc.returncode == 0, proc.stderr
    return base


def test_shards_are_disjoint_slices_with_manifests(shards):
    one = json.loads((shards / "shard1" / "shard.json").read_text())
    two = json.loads((shards / "shard2" / "shard.json").read_text())
    assert one["students"] == ["ann", "cal"] and two["students"] == ["ben"]
    assert one["roster_size"] == two["roster_size"] == 3 and one["shard"] == "1/2"
    assert sorted(p.stem for p in (shards / "shard1" / "students").glob("*.json")) == ["ann", "cal"]


def test_merge_builds_one_complete_gradebook(shards):
    proc = merge(shards / "merged", shards / "shard1", shards / "shard2")
    assert proc.returncode == 0, proc.stderr
    rows = gradebook(shards / "merged")
    assert [r["student"] for r in rows] == ["ann", "ben", "cal"]
    assert float(rows[1]["nag"]) < 10 and float(rows[0]["nag"]) == 10
    assert (shards / "merged" / "feedback" / "ben.html").is_file()


def test_merge_refuses_a_missing_shard(shards):
    proc = merge(shards / "m1", shards / "shard1")
    assert proc.returncode == 2 and "missing shard(s) 2/2" in proc.stderr


def test_merge_refuses_overlapping_shards(shards, tmp_path):
    copy = tmp_path / "again"
    shutil.copytree(shards / "shard1", copy)
    proc = merge(tmp_path / "m2", shards / "shard1", copy, shards / "shard2")
    assert proc.returncode == 2 and "given twice" in proc.stderr
    manifest = json.loads((copy / "shard.json").read_text())
    manifest["shard"], manifest["students"] = "2/2", ["ann"]
    (copy / "shard.json").write_text(json.dumps(manifest))
    proc = merge(tmp_path / "m3", shards / "shard1", copy)
    assert proc.returncode == 2 and "student ann is in two shards" in proc.stderr


def test_merge_refuses_a_gap(shards, tmp_path):
    gap = tmp_path / "gap"
    shutil.copytree(shards / "shard2", gap)
    (gap / "students" / "ben.json").unlink()
    proc = merge(tmp_path / "m4", shards / "shard1", gap)
    assert proc.returncode == 2 and "have no result: ben" in proc.stderr
    assert not (tmp_path / "m4" / "gradebook.csv").exists()


def test_merge_refuses_shards_graded_with_different_seeds(shards, tmp_path):
    reseeded = tmp_path / "reseeded"
    proc = run_batch(shards / "roster", reseeded, "--jobs", "2", "--shard", "2/2", "--seed", "5")
    assert proc.returncode == 1, proc.stderr
    assert json.loads((shards / "shard1" / "shard.json").read_text())["seeding"] == "fixed 0"
    proc = merge(tmp_path / "m5", shards / "shard1", reseeded)
    assert proc.returncode == 2 and "different seeding" in proc.stderr
