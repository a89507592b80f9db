"""nag fixture submissions for the export tests, as tests/submissions/nag/expected.toml defines them.

A fixture is either its own file (`<stem>.py`) or, with `from_reference = true`, the
reference solution with a known mistake (`solutions/mistakes/nag/<mistake>.py`) appended.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

from conftest import ROOT, SUBMISSIONS

EXPECTED = SUBMISSIONS / "nag" / "expected.toml"


def spec(stem: str) -> dict:
    return tomllib.loads(EXPECTED.read_text())[stem]


def expected_score(stem: str) -> float:
    return spec(stem)["score"]


def source(stem: str) -> str:
    own = SUBMISSIONS / "nag" / f"{stem}.py"
    if own.is_file():
        return own.read_text()
    entry = spec(stem)
    if stem == "untouched_template":
        return (ROOT / "student_templates" / "nag.py").read_text()
    assert entry.get("from_reference"), f"fixture {stem} has no file and is not built from the reference"
    text = (ROOT / "solutions" / "nag.py").read_text()
    if entry.get("mistake"):
        text += "\n\n" + (ROOT / "solutions" / "mistakes" / "nag" / f"{entry['mistake']}.py").read_text()
    return text


def write(stem: str, folder: Path) -> Path:
    """``folder/nag.py`` holding the fixture (``folder`` is created)."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "nag.py"
    path.write_text(source(stem))
    return path
