"""The attacks that target processes, in every isolation mode this machine can produce.

A class containing hostile students (``kill(-1, SIGKILL)``, signals to the parent and its
group, ``ptrace`` of the grader, ``/proc/<ppid>/environ``, a daemon that outlives grading)
is graded with `grader batch`:

- ``root``: the grader as root (private uid per worker, PID namespace);
- ``userns``: as the unprivileged user ``gradertest`` (user + PID namespaces);
- ``bwrap``: as that user with ``GRADER_ISOLATION=bwrap`` (bubblewrap's namespaces).

In each mode the batch must finish, grade the honest students exactly as a batch without
the hostile ones does, give every hostile student its documented score, leave the
instructor's long-running process (its "shell") alive and leave no daemon behind.
``GRADER_ISOLATION=none`` cannot survive ``kill(-1)`` (nothing stands between the worker
and the user's processes): that mode is covered by `grader doctor`, not here.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import security_harness as harness
from as_user import Unprivileged
from conftest import ROOT

HOSTILE = ("kills_every_process_of_the_user", "kills_the_grader", "ptraces_the_grader",
           "reads_environment_secrets", "leaves_background_processes", "unmounts_the_sandbox")
HONEST = ("correct", "wrong")
CANARY = {"GRADER_SECURITY_CANARY": "canary-7f3a9c"}
DAEMON_MARKER = "grader-security-daemon-marker"
EXPECTED = harness.expectations(harness.ATTACKS)


@pytest.fixture(scope="module")
def user():
    try:
        account = Unprivileged.create([str(ROOT)])
    except (RuntimeError, subprocess.CalledProcessError) as exc:
        pytest.skip(f"cannot run the grader as an unprivileged user here: {exc}")
    probe = account.run([sys.executable, "-m", "grader", "doctor", "--json"], cwd=str(ROOT))
    try:
        account.machine = json.loads(probe.stdout)
    except ValueError:
        pytest.skip(f"the grader does not start as user {account.uid}: {probe.stderr[-500:]}")
    return account


def _write_class(folder: Path, names: tuple[str, ...]) -> None:
    for name in names:
        source = harness.HONEST / f"{name}.py" if name in HONEST else harness.fixture_file(harness.ATTACKS, name)
        harness.place(source, folder / f"hw-nag-{name}")
    for path in [folder, *folder.rglob("*")]:
        path.chmod(0o755 if path.is_dir() else 0o644)


def _scores(out: Path) -> dict:
    scores = {}
    for record in (out / "students").glob("*.json"):
        data = json.loads(record.read_text())
        scores[data["student"].removeprefix("hw-nag-")] = data["result"]["assignments"]["nag"]
    return scores


def _daemons() -> list[str]:
    found = []
    for entry in Path("/proc").iterdir():
        try:
            if entry.name.isdigit() and DAEMON_MARKER in (entry / "cmdline").read_text(errors="replace"):
                found.append(entry.name)
        except OSError:
            continue
    return found


def _batch(mode: str, user, roster: Path, out: Path) -> subprocess.CompletedProcess:
    argv = [sys.executable, "-m", "grader", "batch", str(roster), "--assignment", "nag", "--out", str(out),
            "--jobs", "2", "--timeout-scale", "0.3"]
    env = dict(CANARY, GRADER_ISOLATION="bwrap" if mode == "bwrap" else "auto")
    if mode == "root":
        full = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST")}
        return subprocess.run(argv, capture_output=True, text=True, cwd=str(ROOT), env={**full, **env}, timeout=600)
    return user.run(argv, cwd=str(ROOT), env=env, timeout=600)


def _skip_unless_possible(mode: str, user) -> None:
    machine = user.machine
    if mode == "userns" and machine["level"] != "userns":
        pytest.skip(f"unprivileged user + PID namespaces unavailable for {user.uid}: "
                    f"{machine['restriction'] or machine['level']}")
    if mode == "bwrap" and not machine["bwrap"]:
        pytest.skip("bubblewrap is not installed or cannot create namespaces here (apt-get install bubblewrap)")


@pytest.mark.parametrize("mode", ["root", "userns", "bwrap"])
def test_a_batch_with_hostile_students_finishes_and_grades_the_others_alike(mode, user):
    _skip_unless_possible(mode, user)
    base = user.shared_dir(Path(f"modes-{mode}"))
    baseline_roster, hostile_roster = base / "baseline", base / "class"
    _write_class(baseline_roster, HONEST)
    _write_class(hostile_roster, HONEST + HOSTILE)
    outs = base / "out-baseline", base / "out-class"
    for path in outs:
        path.mkdir()
        os.chown(path, user.uid, user.gid)
    # The instructor's shell: a process of the grading user that must survive.
    shell = user.start(["sleep", "600"]) if mode != "root" else subprocess.Popen(["sleep", "600"])
    try:
        baseline = _batch(mode, user, baseline_roster, outs[0])
        graded = _batch(mode, user, hostile_roster, outs[1])
        shell_alive = shell.poll() is None
    finally:
        shell.kill()
        shell.wait()
    assert shell_alive, f"the grading user's other process was killed (mode {mode}): {graded.stderr[-1500:]}"
    assert graded.returncode in (0, 1), f"exit {graded.returncode}: {graded.stderr[-2000:]}"
    assert f"isolation: {mode}" in graded.stderr, graded.stderr[-1500:]
    scores = _scores(outs[1])
    assert set(scores) == set(HONEST + HOSTILE), graded.stderr[-2000:]
    reference = _scores(outs[0])
    for name in HONEST:
        assert scores[name] == reference[name], f"{name} graded differently next to hostile students"
    assert reference["correct"]["score"] == 10.0 and reference["wrong"]["score"] == 0.5
    for name in HOSTILE:
        got = scores[name]["score"]
        assert got == pytest.approx(EXPECTED[name]["score"], abs=1e-9), (name, [
            (t["name"], t["score"], t["output"]) for t in scores[name]["tests"] if t["score"] < t["max_score"]])
    deadline = time.monotonic() + 5
    while _daemons() and time.monotonic() < deadline:
        time.sleep(0.1)
    left = _daemons()
    for pid in left:
        os.kill(int(pid), signal.SIGKILL)
    assert not left, f"a student's daemon outlived the batch (mode {mode})"
    shutil.rmtree(base, ignore_errors=True)


def test_doctor_reports_the_mode_truthfully_as_root_and_as_a_user(user):
    as_root = json.loads(subprocess.run([sys.executable, "-m", "grader", "doctor", "--json"], capture_output=True,
                                        text=True, cwd=str(ROOT), timeout=60).stdout)
    assert as_root["root"] is True and user.machine["root"] is False
    # What the doctor says must be what the kernel does: try it directly, as each.
    plain = subprocess.run(["unshare", "--user", "--map-root-user", "--pid", "--fork", "--mount", "--mount-proc",
                            "true"], capture_output=True, timeout=30).returncode == 0
    as_user = user.run(["unshare", "--user", "--map-current-user", "--pid", "--fork", "--mount", "--mount-proc",
                        "true"]).returncode == 0
    assert as_root["level"] == ("root" if plain else "none")
    assert (user.machine["level"] == "userns") == as_user
    assert user.machine["pid_namespace"] == as_user
    assert bool(user.machine["bwrap"]) == bool(shutil.which("bwrap")) or not as_user
