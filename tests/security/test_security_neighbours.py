"""Attacks on whatever lies next to the submission on the grading machine: another
student's folder during batch grading, and files outside the sandbox reached through a
symlink left for the next worker. Both need a folder outside /tmp (which every worker
sees as a private, empty tmpfs), so they use a scratch folder beside the repository."""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from pathlib import Path

import pytest

import security_harness as harness
from conftest import ROOT

EXPECTED = harness.expectations(harness.ATTACKS)
SCALE = ("--timeout-scale", "0.2")


@pytest.fixture
def scratch(tmp_path):
    """A world-readable folder outside /tmp, like a teaching assistant's class folder."""
    try:
        folder = Path(tempfile.mkdtemp(prefix=".grader-security-", dir=ROOT.parent))
    except OSError:
        folder = Path(tempfile.mkdtemp(prefix="grader-security-", dir=tmp_path))
    folder.chmod(0o755)
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


def _digest(folder: Path) -> dict:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


def test_batch_neighbour_cannot_be_read_or_written(scratch):
    bob = harness.place(harness.HONEST / "correct.py", scratch / "bob")
    bob.chmod(0o666)  # even a carelessly writable file is out of reach
    before = _digest(bob.parent)
    alice = harness.place(harness.fixture_file(harness.ATTACKS, "writes_into_sibling_submission"),
                          scratch / "alice", fill={"__SIBLING__": bob.parent})
    alice_report, _ = harness.grade(alice.parent, *SCALE)
    bob_report, _ = harness.grade(bob.parent, *SCALE)
    assert alice_report["score"] == EXPECTED["writes_into_sibling_submission"]["score"]
    assert _digest(bob.parent) == before
    assert bob_report["score"] == 10.0


def test_symlink_left_for_the_next_worker_does_not_hand_over_files(scratch):
    canary = scratch / "canary.txt"
    canary.write_text("original\n")
    canary.chmod(0o644)
    attack = harness.place(harness.fixture_file(harness.ATTACKS, "symlinks_workdir_to_take_over_files"),
                           scratch / "mallory", fill={"__CANARY__": canary})
    report, _ = harness.grade(attack.parent, *SCALE)
    harness.check_report_shape(report)
    assert report["score"] == EXPECTED["symlinks_workdir_to_take_over_files"]["score"]
    assert canary.read_text() == "original\n"
    stat = canary.stat()
    assert (stat.st_uid, stat.st_gid) == (os.getuid(), os.getgid())
