"""Writing GitHub Actions step outputs (the ``$GITHUB_OUTPUT`` file)."""

from __future__ import annotations

import re
import secrets
from pathlib import Path


def append_step_output(path: Path, name: str, value: str) -> None:
    """Append ``name`` = ``value`` to a ``$GITHUB_OUTPUT`` file as a multi-line value.

    The runner reads ``name<<DELIM``, the value's lines, then ``DELIM``. The delimiter is
    random so that no value (even one holding text a student chose) can end it early.
    """
    delimiter = f"ghadelimiter_{secrets.token_hex(16)}"
    while delimiter in value:  # astronomically unlikely; keeps the guarantee unconditional
        delimiter = f"ghadelimiter_{secrets.token_hex(16)}"
    with path.open("a", encoding="utf-8") as fh:
        fh.write(f"{name}<<{delimiter}\n{value}\n{delimiter}\n")


def step_id(name: str) -> str:
    """A step id the reporter accepts: letters and digits only (its runner-list pattern)."""
    cleaned = re.sub(r"[^A-Za-z0-9]", "", name)
    if not cleaned:
        raise ValueError(f"assignment name {name!r} gives no usable step id")
    return cleaned
