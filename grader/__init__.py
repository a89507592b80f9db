"""Autograder for the deep-learning course's NumPy assignments.

From a notebook cell, ``import grader; grader.check("nag")`` runs the public tests on
the code this Jupyter kernel has executed (see ``grader.interactive``). Everything else
is the ``grader`` command (``grader.cli``). ``import grader`` itself imports nothing:
``check`` is loaded on first use, so the import costs a notebook nothing.
"""

from __future__ import annotations

import importlib

_LAZY = {"check": "grader.interactive.check"}


def __getattr__(name: str):
    if name in _LAZY:
        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'grader' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(list(globals()) + list(_LAZY))
