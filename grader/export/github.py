"""Writing GitHub Actions step outputs (the ``$GITHUB_OUTPUT`` file)."""

from __future__ import annotations

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


def read_step_outputs(text: str) -> dict[str, str]:
    """Parse a ``$GITHUB_OUTPUT`` file (both ``name=value`` and ``name<<DELIM`` forms)."""
    outputs: dict[str, str] = {}
    lines = text.splitlines()
    i = 0
    while i < len(lines):
        line = lines[i]
        if "<<" in line and ("=" not in line or line.index("<<") < line.index("=")):
            name, delimiter = line.split("<<", 1)
            end = lines.index(delimiter, i + 1)  # ValueError: unterminated value
            outputs[name] = "\n".join(lines[i + 1:end])
            i = end + 1
            continue
        if "=" in line:
            name, value = line.split("=", 1)
            outputs[name] = value
        elif line.strip():
            raise ValueError(f"malformed GITHUB_OUTPUT line {i + 1}")
        i += 1
    return outputs
