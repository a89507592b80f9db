"""Reference curves of the pictures, computed once per process.

A picture's inputs are fixed (not drawn from the run's seed), so the reference's half of
it is the same for every student: a batch process draws it for the first student and
reuses it. Keyed by the reference's source digest (``engine/reference.py``), so an
edited reference is drawn afresh; a module without one is never cached.
"""

from __future__ import annotations

from typing import Callable, TypeVar

from grader.engine.reference_memo import frozen

T = TypeVar("T")
_DRAWN: dict[tuple[str, str], object] = {}


def once(reference, name: str, compute: Callable[[], T]) -> T:
    """``compute()`` for ``reference``, remembered under ``name``; its arrays are made
    read-only (a builder that wrote into one would change every later student's picture)."""
    digest = getattr(reference, "__source_digest__", None)
    if digest is None:
        return compute()
    key = (digest, name)
    if key not in _DRAWN:
        _DRAWN[key] = frozen(compute())
    return _DRAWN[key]
