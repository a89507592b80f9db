"""Text from the worker made safe to show: one printable line, and type names or reasons
the student cannot choose (they could otherwise carry hidden inputs into a report)."""

from __future__ import annotations

import builtins
import re

import numpy as np

# Characters that could restyle or forge a report when text from the worker is shown:
# C0/C1 controls (ANSI escapes, carriage returns, newlines that would start a `::notice`
# workflow-command line), Unicode bidirectional overrides and line separators.
_UNPRINTABLE = {c: " " for c in [*range(0x00, 0x20), 0x7F, *range(0x80, 0xA0), 0x2028, 0x2029,
                                 *range(0x202A, 0x202F), *range(0x2066, 0x206A), 0x200E, 0x200F, 0x061C]}


def printable(text, limit: int) -> str:
    """At most ``limit`` characters of one line of plain text (controls become spaces)."""
    if not isinstance(text, str):
        return ""
    return text[:limit].translate(_UNPRINTABLE).strip()


_REASONS = {"ndarray subclass", "not plain data", "nested too deeply", ""}
_DTYPE_REASON = re.compile(r"dtype [A-Za-z0-9<>|=\[\]]{1,24}")


def public_type_name(name: str) -> str:
    """A type name the student may see in a report: a builtin's or NumPy's, else a generic
    word. Names of the student's own classes are chosen by student code, so they could
    smuggle hidden test inputs into a report."""
    if isinstance(getattr(builtins, name, None), type) or isinstance(getattr(np, name, None), type):
        return name
    return "custom class"


def public_reason(why: str) -> str:
    return why if why in _REASONS or _DTYPE_REASON.fullmatch(why) else "not plain data"
