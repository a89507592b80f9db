"""Hostile submissions (``attacks/``), graded through the real CLI, earn no more than their
honest content, never change a protected file, leave nothing running, and cannot reach
the network, the grader's secrets or its report.

All attacks are graded once, concurrently (``attack_run``); the tests then examine that
run, so the suite costs one batch of CLI runs rather than one per assertion.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import threading

import pytest

import security_harness as harness

SCALE = ("--timeout-scale", "0.2")
EXPECTED = harness.expectations(harness.ATTACKS)
SHARED = sorted(name for name, spec in EXPECTED.items() if not spec.get("separate"))
CANARY = {"GRADER_SECURITY_CANARY": "canary-7f3a9c"}
MARKERS = ("grader-security-daemon-marker", "3600.424242")


class Listener:
    """A TCP server on 127.0.0.1 that counts the connections it accepts."""

    def __init__(self):
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self.accepted = 0
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self):
        while not self.stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except OSError:
                continue
            self.accepted += 1
            conn.close()

    def close(self):
        self.stop.set()
        self.thread.join(2)
        self.sock.close()


@pytest.fixture(scope="module")
def attack_run(tmp_path_factory):
    """Grade the honest twins and every shared attack concurrently; fingerprint around it."""
    base = tmp_path_factory.mktemp("attacks")
    listener = Listener()
    before = harness.fingerprint()
    jobs = {f"honest/{stem}": (harness.place(harness.HONEST / f"{stem}.py", base / f"honest-{stem}"), *SCALE)
            for stem in ("wrong", "correct")}
    for name in SHARED:
        folder = harness.place(harness.fixture_file(harness.ATTACKS, name), base / name,
                               fill={"__PORT__": listener.port})
        jobs[name] = (folder, *SCALE)
    results = harness.grade_many(jobs, env=CANARY)
    after = harness.fingerprint()
    # The next student, graded after all of that, must be graded as if nothing happened.
    results["next/correct"] = harness.grade(base / "honest-correct", *SCALE)
    results["next/wrong"] = harness.grade(base / "honest-wrong", *SCALE)
    listener.close()
    return {"results": results, "changed": harness.changed(before, after), "connections": listener.accepted}


def _honest_score(spec, results) -> float:
    honest = spec["honest"]
    return results[f"honest/{honest}"][0]["score"] if isinstance(honest, str) else float(honest)


def _summary(report) -> str:
    return "\n".join(f"{t['status']:8} {t['score']}/{t['max_score']} {t['name']}: {t['output']}"
                     for t in report["tests"])


@pytest.mark.parametrize("name", SHARED)
def test_attack_earns_no_more_than_its_honest_content(attack_run, name):
    spec = EXPECTED[name]
    report, proc = attack_run["results"][name]
    assert report is not None, f"no JSON report (exit {proc.returncode}): {proc.stderr[-1500:]}"
    harness.check_report_shape(report)
    summary = _summary(report)
    assert proc.returncode in (0, 1), f"exit {proc.returncode} (internal error?): {proc.stderr[-1500:]}"
    assert report["score"] == pytest.approx(spec["score"], abs=1e-9), summary
    assert report["score"] <= _honest_score(spec, attack_run["results"]) + 1e-9, summary
    for phrase in spec.get("mentions", []):
        assert phrase in " ".join(t["output"] for t in report["tests"]), summary
    for phrase in spec.get("never_mentions", []):
        assert phrase not in " ".join(t["output"] for t in report["tests"]), summary
    if os.geteuid() == 0:
        assert report["warnings"] == [], "full isolation must have been applied as root"


def test_honest_twins_score_as_documented(attack_run):
    results = attack_run["results"]
    assert results["honest/correct"][0]["score"] == 10.0
    assert results["honest/wrong"][0]["score"] == 0.5


def test_the_next_student_is_unaffected(attack_run):
    results = attack_run["results"]
    for twin in ("correct", "wrong"):
        first, later = results[f"honest/{twin}"][0], results[f"next/{twin}"][0]
        assert later == first


def test_no_grader_course_or_runtime_file_changed(attack_run):
    assert attack_run["changed"] == []


def test_no_process_outlives_the_grading(attack_run):
    for marker in MARKERS:
        assert harness.processes_with(marker) == [], marker


def test_no_connection_reached_the_host(attack_run):
    assert attack_run["connections"] == 0


def test_secrets_in_the_grader_environment_stay_there(attack_run):
    report, _ = attack_run["results"]["reads_environment_secrets"]
    assert report["score"] == attack_run["results"]["honest/wrong"][0]["score"]


@pytest.mark.parametrize("name", ["prints_fake_results", "forges_report_in_exception_messages"])
def test_printed_or_raised_text_cannot_forge_the_text_report(tmp_path, name):
    folder = harness.place(harness.fixture_file(harness.ATTACKS, name), tmp_path / name)
    proc = harness.run_grader("grade", str(folder), "--assignment", "nag", "--format", "text", *SCALE)
    assert proc.returncode == 1, proc.stderr[-1500:]
    text = proc.stdout
    assert "\x1b" not in text and "\r" not in text and "\u202e" not in text
    assert not any(line.lstrip().startswith("::") for line in text.splitlines())
    # Forged text may appear, inert, inside a message cell; only the real total is a total.
    expected = EXPECTED[name]["score"]
    assert [line for line in text.splitlines() if line.startswith("nag: ")] == [f"nag: {expected:g} / 10"]
    if name == "forges_report_in_exception_messages":
        assert "[green]passed[/]" in text  # shown literally, never interpreted as markup


def test_grading_is_deterministic(attack_run, tmp_path):
    """The same submission graded twice gives the identical report (partial credit included)."""
    for name in ("returns_broadcastable_shapes", "exits_inside_functions"):
        folder = harness.place(harness.fixture_file(harness.ATTACKS, name), tmp_path / name)
        again, _ = harness.grade(folder, *SCALE)
        assert again == attack_run["results"][name][0], name


def test_grader_memory_stays_bounded_when_a_submission_returns_huge_arrays(tmp_path):
    """The grader process itself (not its workers) stays far below the 1 GB it is sent."""
    folder = harness.place(harness.fixture_file(harness.ATTACKS, "returns_gigantic_arrays"), tmp_path / "big")
    probe = ("import atexit, resource, sys\n"
             "atexit.register(lambda: sys.stderr.write("
             "'MAXRSS_KB=%d\\n' % resource.getrusage(resource.RUSAGE_SELF).ru_maxrss))\n"
             "from grader.cli import main\n"
             "main(sys.argv[1:], prog_name='grader')\n")
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST")}
    proc = subprocess.run([sys.executable, "-c", probe, "grade", str(folder), "--assignment", "nag",
                           "--format", "json", "--timeout-scale", "1"],
                          capture_output=True, text=True, env=env, timeout=240)
    report = json.loads(proc.stdout)
    harness.check_report_shape(report)
    assert report["score"] <= EXPECTED["returns_gigantic_arrays"]["honest"]
    kilobytes = int(proc.stderr.rsplit("MAXRSS_KB=", 1)[1].split()[0])
    assert kilobytes < 400 * 1024, f"grader peak RSS {kilobytes / 1024:.0f} MB"
