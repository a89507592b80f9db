"""Every fixture submission, graded through the real CLI, gets exactly its expected score.

A fixture is either a file ``tests/submissions/<assignment>/<outcome>.py`` (or .ipynb),
or, when it is the reference solution changed in a known way, an entry in
``expected.toml`` that composes it, so the reference is not copied into many files:

    [nag_uses_plain_momentum]
    from_reference = true            # the reference solution (markers removed) ...
    mistake = "gradient_at_theta"    # ... with solutions/mistakes/nag/<mistake>.py appended
    prepend = "import torch\\n"       # ... and/or text put before it
    replace = [["def nag_step(", "def nesterov_step("]]   # ... and/or one edit
    mentions = ["look-ahead point"]  # phrases the report must hold; never_mentions: must not

    [untouched_template]
    from_template = true             # the student template, as released

See ``conftest.compose``.

Besides the listed fixtures, every right solution in another style
(``solutions/styles/<assignment>/``) must get full marks, and every kind of submission that
does nothing (``grader.engine.null_variants``) must get 0, through the same CLI.
"""

from __future__ import annotations

import pytest

from conftest import ROOT, SUBMISSIONS, compose, expected, grade_json, submission_dir
from grader.course import load_course
from grader.engine.null_variants import KINDS, null_source


def _cases():
    for expected_file in sorted(SUBMISSIONS.glob("*/expected.toml")):
        assignment = expected_file.parent.name
        for stem, spec in expected(assignment).items():
            files = [p for p in expected_file.parent.glob(f"{stem}.*") if p.suffix in (".py", ".ipynb")]
            yield pytest.param(assignment, stem, files[0] if files else None, spec, id=f"{assignment}/{stem}")


@pytest.mark.parametrize("assignment, stem, fixture, spec", list(_cases()))
def test_fixture_gets_expected_score(tmp_path, assignment, stem, fixture, spec):
    if spec.get("from_reference") or spec.get("from_template"):
        assert fixture is None, f"{stem} is both a file and composed in expected.toml"
        fixture = tmp_path / f"{stem}.py"
        fixture.write_text(compose(assignment, spec))
    assert fixture is not None and fixture.is_file(), f"fixture {stem} listed in expected.toml does not exist"
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
    for phrase in spec.get("never_mentions", []):  # a hint that would blame the wrong thing
        assert phrase not in text, summary


def test_every_fixture_file_is_listed():
    for folder in SUBMISSIONS.iterdir():
        if (folder / "expected.toml").is_file():
            listed = set(expected(folder.name))
            files = {p.stem for p in folder.iterdir() if p.suffix in (".py", ".ipynb")}
            assert files <= listed, f"{folder.name}: fixtures without an expected score: {files - listed}"


def _styles():
    for path in sorted((ROOT / "solutions" / "styles").glob("*/*.py")):
        yield pytest.param(path.parent.name, path.stem, id=f"{path.parent.name}/{path.stem}")


@pytest.mark.parametrize("assignment, style", list(_styles()))
def test_right_solution_in_another_style_gets_full_marks(tmp_path, assignment, style):
    fixture = tmp_path / f"{style}.py"
    fixture.write_text(compose(assignment, {"from_reference": True, "style": style}))
    report, proc = grade_json(submission_dir(tmp_path, fixture, assignment), assignment)
    lost = [f"{t['name']}: {t['output']}" for t in report["tests"] if t["score"] < t["max_score"]]
    assert report["score"] == report["max_score"] and not lost, lost
    assert proc.returncode == 0


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("assignment", [p.parent.name for p in sorted(SUBMISSIONS.glob("*/expected.toml"))])
def test_a_submission_that_does_nothing_gets_nothing(tmp_path, assignment, kind):
    course = load_course()
    fixture = tmp_path / f"does_nothing_{kind}.py"
    fixture.write_text(null_source(course[assignment], course[assignment].solution.read_text(), kind))
    report, proc = grade_json(submission_dir(tmp_path, fixture, assignment), assignment)
    paid = [f"{t['name']} ({t['score']})" for t in report["tests"] if t["score"] > 0]
    assert report["score"] == 0 and not paid, paid
    assert proc.returncode == 1
