"""Every fixture submission, graded through the real CLI, gets exactly its expected score."""

from __future__ import annotations

import sys

import pytest

from conftest import SUBMISSIONS, grade_json, submission_dir

if sys.version_info >= (3, 11):
    import tomllib
else:
    import tomli as tomllib


def _cases():
    for expected_file in sorted(SUBMISSIONS.glob("*/expected.toml")):
        assignment = expected_file.parent.name
        expected = tomllib.loads(expected_file.read_text())
        for stem, spec in expected.items():
            files = [p for p in expected_file.parent.glob(f"{stem}.*") if p.suffix in (".py", ".ipynb")]
            yield pytest.param(assignment, files[0] if files else expected_file.parent / f"{stem}.py", spec,
                               id=f"{assignment}/{stem}")


@pytest.mark.parametrize("assignment, fixture, spec", list(_cases()))
def test_fixture_gets_expected_score(tmp_path, assignment, fixture, spec):
    assert fixture.is_file(), f"fixture {fixture.name} listed in expected.toml does not exist"
    report, proc = grade_json(submission_dir(tmp_path, fixture, assignment), assignment, *spec.get("args", []))
    summary = "\n".join(f"{t['status']:8} {t['score']}/{t['max_score']} {t['name']}: {t['output']}"
                        for t in report["tests"])
    assert report["score"] == pytest.approx(spec["score"], abs=1e-6), summary
    assert proc.returncode == (0 if spec["score"] == report["max_score"] else 1), proc.stderr
    for name, status in spec.get("statuses", {}).items():
        assert {t["name"]: t["status"] for t in report["tests"]}.get(name) == status, summary
    text = " ".join(t["output"] for t in report["tests"])
    for phrase in spec.get("mentions", []):
        assert phrase in text, summary
