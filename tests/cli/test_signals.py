"""A grader stopped by SIGTERM (a CI timeout) takes the student's processes with it."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

MARK = "4242.5"
SOURCE = f"""
import os, time

def gd_step(theta, grad_fn, lr):
    if os.fork() == 0:
        os.setsid()
        os.execv("/bin/sleep", ["sleep", "{MARK}"])
    while True:
        time.sleep(0.1)
"""


def _marked() -> list[int]:
    found = []
    for proc in Path("/proc").iterdir():
        try:
            if proc.name.isdigit() and MARK.encode() in (proc / "cmdline").read_bytes():
                found.append(int(proc.name))
        except OSError:
            pass
    return found


def test_sigterm_kills_leftover_student_processes(tmp_path):
    (tmp_path / "nag.py").write_text(SOURCE)
    grader = subprocess.Popen([sys.executable, "-m", "grader", "grade", str(tmp_path), "-a", "nag"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while not _marked() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert _marked(), "the submission's background process never started"
    grader.send_signal(signal.SIGTERM)
    assert grader.wait(timeout=30) == 128 + signal.SIGTERM
    deadline = time.monotonic() + 10
    while _marked() and time.monotonic() < deadline:
        time.sleep(0.1)
    leftover = _marked()
    for pid in leftover:
        os.kill(pid, signal.SIGKILL)
    assert not leftover
