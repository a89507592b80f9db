"""Helpers for the security suites: grade fixture submissions through the real CLI,
fingerprint the files a submission must never change, and find leftover processes.

Hostile fixtures live in ``attacks/`` and broken ones in ``faults/``; ``expected.toml``
beside them says what each must get. Fixture text may contain placeholders
(``__PORT__``, ``__SIBLING__``, ...) that a test fills in before grading.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import site
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from conftest import ROOT, run_grader

HERE = Path(__file__).resolve().parent
ATTACKS = HERE / "attacks"
FAULTS = HERE / "faults"
HONEST = HERE / "honest"
SANDBOX_UID_MIN = 1_000_000
PARALLEL = 4

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

# Top-level keys and per-test keys of a single-assignment JSON report: nothing a student
# prints may add, remove or rename any of them.
REPORT_KEYS = {"assignment", "score", "max_score", "source", "tests", "warnings", "isolation"}
TEST_KEYS = {"name", "score", "max_score", "status", "output", "hidden"}
OPTIONAL_TEST_KEYS = {"mistakes", "fingerprint"}  # of failed checks: known mistakes, answer digest
STATUSES = {"passed", "failed", "error", "timeout", "missing", "skipped"}


def expectations(folder: Path) -> dict:
    return tomllib.loads((folder / "expected.toml").read_text())


def fixture_file(folder: Path, stem: str) -> Path:
    """The fixture's own file, or the released nag template for ``from_template = true``."""
    if expectations(folder)[stem].get("from_template"):
        return ROOT / "student_templates" / "nag.py"
    found = [p for p in folder.iterdir() if p.stem == stem and p.suffix in (".py", ".ipynb")]
    assert len(found) == 1, f"{folder.name}/expected.toml lists {stem}, which has no fixture file"
    return found[0]


def place(fixture: Path, folder: Path, name: str = "nag", fill: dict | None = None) -> Path:
    """Copy ``fixture`` into ``folder`` as ``<name><suffix>``, filling placeholders."""
    folder.mkdir(parents=True, exist_ok=True)
    data = fixture.read_bytes()
    for key, value in (fill or {}).items():
        data = data.replace(key.encode(), str(value).encode())
    target = folder / f"{name}{fixture.suffix}"
    target.write_bytes(data)
    return target


def grade(path: Path, *extra: str, env: dict | None = None) -> tuple[dict | None, subprocess.CompletedProcess]:
    """Grade ``path`` as `nag` with the JSON report; the report is None if stdout is not JSON."""
    if env:
        proc = _run_with_env(path, env, *extra)
    else:
        proc = run_grader("grade", str(path), "--assignment", "nag", "--format", "json", *extra, timeout=240)
    try:
        report = json.loads(proc.stdout)
    except ValueError:
        report = None
    return report, proc


def _run_with_env(path: Path, env: dict, *extra: str) -> subprocess.CompletedProcess:
    full = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST")}
    full.update(env)
    return subprocess.run([sys.executable, "-m", "grader", "grade", str(path), "--assignment", "nag",
                           "--format", "json", *extra], capture_output=True, text=True, env=full, timeout=240)


def grade_many(jobs: dict[str, tuple], env: dict | None = None) -> dict:
    """Grade several ``name -> (path, *extra)`` jobs concurrently; ``name -> (report, proc)``."""
    with ThreadPoolExecutor(max_workers=PARALLEL) as pool:
        futures = {name: pool.submit(grade, job[0], *job[1:], env=env) for name, job in jobs.items()}
        return {name: future.result() for name, future in futures.items()}


def check_report_shape(report: dict) -> None:
    """The JSON report has exactly the documented structure (no forged keys or tests)."""
    assert set(report) == REPORT_KEYS, sorted(report)
    assert report["assignment"] == "nag" and isinstance(report["tests"], list)
    for test in report["tests"]:
        assert TEST_KEYS <= set(test) <= TEST_KEYS | OPTIONAL_TEST_KEYS, sorted(test)
        assert re.fullmatch(r"[0-9a-f]{16}", test.get("fingerprint", "0" * 16))  # a digest, never a value
        assert all(re.fullmatch(r"[A-Za-z_]\w*", name) for name in test.get("mistakes", []))
        assert test["status"] in STATUSES
        assert 0 <= test["score"] <= test["max_score"]
        assert "\n" not in test["output"] and "\x1b" not in test["output"] and "\r" not in test["output"]
    assert abs(sum(t["score"] for t in report["tests"]) - report["score"]) < 1e-6


# ---------------------------------------------------------------- fingerprints


def _protected_files() -> list[Path]:
    """The repository's course and grader files, plus the parts of the Python runtime a
    submission could use to run code in the next grader process."""
    files = []
    for top in ("grader", "assignments", "solutions", "student_templates", "examples", "tests", ".ci"):
        base = ROOT / top
        if base.is_dir():
            files += [p for p in base.rglob("*") if p.is_file() and "__pycache__" not in p.parts
                      and not _is_scratch(p)]
    files += [p for p in ROOT.iterdir() if p.is_file()]
    for directory in site.getsitepackages():
        base = Path(directory)
        files += [p for p in base.iterdir() if p.is_file()]  # .pth files, sitecustomize.py
        files += [base / "numpy" / "__init__.py"]
    return sorted(set(files))


def _is_scratch(path: Path) -> bool:
    return ".pytest_cache" in path.parts or path.suffix == ".pyc"


MARK = b"written by a submission"  # what the writing attacks append


def fingerprint() -> dict[str, tuple]:
    """path -> (sha256, owner, mode) for every protected file."""
    out = {}
    for path in _protected_files():
        try:
            st = path.lstat()
            data = path.read_bytes() if path.is_file() else b""
        except OSError:
            continue
        out[str(path)] = (hashlib.sha256(data).hexdigest(), st.st_uid, st.st_gid, st.st_mode, MARK in data)
    return out


def changed(before: dict, after: dict) -> list[str]:
    """Protected files a submission changed or created.

    Signs that cannot come from other work going on in the same checkout: the attacks'
    mark in a file, an owner or mode that changed, a file owned by a sandbox uid, or new
    content in the Python runtime's startup files (.pth, sitecustomize, numpy).
    """
    runtime = tuple(site.getsitepackages())
    found = []
    for path in sorted(before.keys() | after.keys()):
        old, new = before.get(path), after.get(path)
        if old == new:
            continue
        if (new and (new[4] or new[1] >= SANDBOX_UID_MIN or new[2] >= SANDBOX_UID_MIN)
                or (old and new and old[1:4] != new[1:4]) or path.startswith(runtime)):
            found.append(path)
    return found


# ---------------------------------------------------------------- processes


def processes_with(marker: str) -> list[int]:
    """Live processes whose command line contains ``marker``."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit() or int(entry.name) == os.getpid():
            continue
        try:
            if marker.encode() in (entry / "cmdline").read_bytes():
                found.append(int(entry.name))
        except OSError:
            continue
    return found
