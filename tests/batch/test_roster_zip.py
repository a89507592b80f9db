"""Zipped rosters: graded like folders; unsafe archives (traversal, symlinks, bombs) refused."""

from __future__ import annotations

import stat
import zipfile

import pytest

from batch_helpers import correct, gradebook, record, run_batch
from grader.batch.archive import UnsafeArchive, extract_roster
from grader.batch.seeds import student_seed


def _zip(path, entries: dict[str, str]) -> None:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, text in entries.items():
            zf.writestr(name, text)


def test_zip_roster_with_wrapping_folder_and_secret_seeds(tmp_path):
    archive = tmp_path / "class.zip"
    _zip(archive, {"download/hw1-nag-ann/nag.py": correct(), "download/hw1-nag-ben/nag.py": correct(),
                   "download/hw1-nag-ben/README.md": "hi"})
    secret = tmp_path / "secret"
    secret.write_text("a-long-course-secret\n")
    proc = run_batch(archive, tmp_path / "out", "--jobs", "2", "--seed-secret", str(secret))
    assert proc.returncode == 0, proc.stderr
    assert [r["student"] for r in gradebook(tmp_path / "out")] == ["ann", "ben"]
    seeds = {sid: record(tmp_path / "out", sid)["seed"] for sid in ("ann", "ben")}
    assert seeds == {sid: student_seed(b"a-long-course-secret", sid) for sid in seeds}
    assert seeds["ann"] != seeds["ben"]


def test_path_traversal_zip_is_refused_and_writes_nothing(tmp_path):
    archive = tmp_path / "evil.zip"
    _zip(archive, {"hw-ann/nag.py": correct(), "../escaped.py": "print('x')"})
    proc = run_batch(archive, tmp_path / "out")
    assert proc.returncode == 2
    assert "outside the archive" in proc.stderr
    assert not (tmp_path / "escaped.py").exists()
    assert not (tmp_path / "out" / "gradebook.csv").exists()


@pytest.mark.parametrize("name", ["/etc/evil.py", "a/../../evil.py", "C:/evil.py", "a\\..\\evil.py"])
def test_unsafe_names_are_refused(tmp_path, name):
    archive = tmp_path / "bad.zip"
    _zip(archive, {"hw-ann/nag.py": "x = 1", name: "x = 2"})
    with pytest.raises(UnsafeArchive):
        extract_roster(archive, tmp_path / "dest")
    assert not (tmp_path / "dest").exists()


def test_symlink_entries_are_refused(tmp_path):
    archive = tmp_path / "link.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        info = zipfile.ZipInfo("hw-ann/nag.py")
        info.external_attr = (stat.S_IFLNK | 0o777) << 16
        zf.writestr(info, "/etc/passwd")
    with pytest.raises(UnsafeArchive, match="symlink"):
        extract_roster(archive, tmp_path / "dest")


def test_zip_bomb_stops_at_the_size_cap(tmp_path):
    archive = tmp_path / "bomb.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zf:
        for k in range(4):
            zf.writestr(f"hw-{k}/nag.py", b"\0" * (4 * 1024 * 1024))
    assert archive.stat().st_size < 200_000
    with pytest.raises(UnsafeArchive, match="expands to more than"):
        extract_roster(archive, tmp_path / "dest", max_total_bytes=10 * 1024 * 1024)
    assert not (tmp_path / "dest").exists()
