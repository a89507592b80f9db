"""Broken submissions (``faults/``) get a clear message naming the problem, in bounded
time, and the tests that do not depend on the broken part are still graded."""

from __future__ import annotations

import shutil

import pytest

import security_harness as harness

EXPECTED = harness.expectations(harness.FAULTS)


@pytest.fixture(scope="module")
def fault_run(tmp_path_factory):
    base = tmp_path_factory.mktemp("faults")
    jobs = {}
    for name in EXPECTED:
        source = harness.FAULTS / name
        if source.is_dir():  # a student's folder, graded as a whole (e.g. a misnamed file)
            folder = base / name
            shutil.copytree(source, folder)
        else:
            folder = harness.place(harness.fixture_file(harness.FAULTS, name), base / name)
        jobs[name] = (folder, "--timeout-scale", "0.2")
    return harness.grade_many(jobs)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_fault_is_reported_clearly(fault_run, name):
    spec = EXPECTED[name]
    report, proc = fault_run[name]
    assert report is not None, f"no JSON report (exit {proc.returncode}): {proc.stderr[-1500:]}"
    harness.check_report_shape(report)
    summary = "\n".join(f"{t['status']:8} {t['score']}/{t['max_score']} {t['name']}: {t['output']}"
                        for t in report["tests"])
    assert proc.returncode == (0 if spec["score"] == 10 else 1), proc.stderr[-1500:]
    assert report["score"] == pytest.approx(spec["score"], abs=1e-9), summary
    assert spec["status"] in {t["status"] for t in report["tests"]}, summary
    text = " ".join(t["output"] for t in report["tests"])
    for phrase in spec.get("mentions", []):
        assert phrase in text, summary
    if spec["status"] != "passed":
        assert all(t["output"] for t in report["tests"] if t["status"] != "passed"), summary
