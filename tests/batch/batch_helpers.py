"""Synthetic rosters for the batch tests: student folders built from the reference and known mistakes."""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
from pathlib import Path

from conftest import compose, expected

ROOT = Path(__file__).resolve().parents[2]
REFERENCE = ROOT / "solutions" / "nag.py"
FIXTURES = ROOT / "tests" / "submissions" / "nag"
PREFIX = "hw-nag-"

HANGS_AT_IMPORT = "\nwhile True:\n    pass\n"
HOSTILE = '''
def optimize(grad_fn, theta0, method, lr, rho=0.9, num_steps=100):
    raise ValueError("<script>alert('pwned')</script>")
'''


def student(roster: Path, sid: str, source: str) -> Path:
    folder = roster / f"{PREFIX}{sid}"
    folder.mkdir(parents=True)
    (folder / "nag.py").write_text(source)
    return folder


def correct() -> str:
    return REFERENCE.read_text()


def with_mistake(name: str) -> str:
    return compose("nag", {"from_reference": True, "mistake": name})


def fixture(name: str) -> str:
    """A nag fixture submission's source: its own file, or as expected.toml composes it."""
    own = FIXTURES / f"{name}.py"
    return own.read_text() if own.is_file() else compose("nag", expected("nag")[name])


def batch_command(roster: Path, out: Path, *extra: str) -> list[str]:
    return [sys.executable, "-m", "grader", "batch", str(roster), "--assignment", "nag", "--out", str(out),
            *extra]


def environment(**extra: str) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST")}
    env.update(extra)
    return env


def run_batch(roster: Path, out: Path, *extra: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(batch_command(roster, out, *extra), capture_output=True, text=True,
                          env=env or environment(), timeout=300)


def gradebook(out: Path) -> list[dict]:
    with open(out / "gradebook.csv", newline="") as fh:
        return list(csv.DictReader(fh))


def record(out: Path, sid: str) -> dict:
    return json.loads((out / "students" / f"{sid}.json").read_text())


def checks_of(rec: dict, assignment: str = "nag") -> list[dict]:
    return rec["result"]["assignments"][assignment]["tests"]
