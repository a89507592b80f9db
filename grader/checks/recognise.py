"""Recognise a known mistake: which misconception gives exactly the student's output.

A known mistake is a variant of the reference (``solutions/mistakes/<assignment>/``)
with a ``hint`` naming the misconception. The student's output is recognised as that
mistake when it equals the variant's output and the variant's output differs from the
reference's (a variant that happens to be right on these inputs says nothing). Arrays
with non-finite entries are the same when those entries sit at the same places (NaN
with NaN) and the finite ones match.
"""

from __future__ import annotations

from typing import Callable, Sequence

import numpy as np

from grader.checks.compare import RTOL, matches


def _same(got, expected, rtol, atol) -> bool:
    if isinstance(expected, (list, tuple)):
        return (isinstance(got, (list, tuple)) and len(got) == len(expected)
                and all(_same(g, e, rtol, atol) for g, e in zip(got, expected)))
    if isinstance(expected, dict):
        return (isinstance(got, dict) and set(got) == set(expected)
                and all(_same(got[k], expected[k], rtol, atol) for k in expected))
    try:
        if _same_nonfinite(got, expected):
            finite = np.isfinite(expected)
            return bool(finite.any()) is False or matches(got[finite], expected[finite], rtol=rtol, atol=atol)
        return matches(got, expected, rtol=rtol, atol=atol)
    except (TypeError, ValueError):
        return False


def _same_nonfinite(got, expected) -> bool:
    """Both float arrays of one shape, with some non-finite entries, and the same ones (NaN
    where NaN, +inf where +inf, −inf where −inf): a variant that overflows where the
    student's code does is recognised, though NaN never equals NaN."""
    if not (isinstance(got, np.ndarray) and isinstance(expected, np.ndarray) and got.shape == expected.shape
            and got.dtype.kind == "f" and expected.dtype.kind == "f"):
        return False
    bad = ~np.isfinite(expected)
    return bool(bad.any()) and np.array_equal(bad, ~np.isfinite(got)) and \
        np.array_equal(np.isnan(expected), np.isnan(got)) and np.array_equal(expected[bad & ~np.isnan(expected)],
                                                                             got[bad & ~np.isnan(got)])


def matching_mistake(reference, mistakes: Sequence, compute: Callable, got, *, rtol: float = RTOL,
                     atol: float | None = None, correct=None):
    """The first of ``mistakes`` whose ``compute(module)`` equals ``got`` and differs from
    ``compute(reference)`` (or ``correct``, when the caller has it already); None when none does.

    ``compute`` maps a module (the reference or a variant, run in the grader process) to
    the output being judged: an array, a scalar, or a list, tuple or dict of them.
    ``mistakes`` are objects with ``module`` and ``hint``.
    """
    if not mistakes:
        return None
    if correct is None:
        correct = compute(reference)
    for mistake in mistakes:
        try:
            theirs = compute(mistake.module)
        except Exception:  # noqa: BLE001 - a variant may be undefined on these inputs
            continue
        if _same(got, theirs, rtol, atol) and not _same(theirs, correct, rtol, atol):
            return mistake
    return None


def known_mistake(reference, mistakes: Sequence, compute: Callable, got, *, rtol: float = RTOL,
                  atol: float | None = None) -> str:
    """The hint of ``matching_mistake``; empty when none matches."""
    mistake = matching_mistake(reference, mistakes, compute, got, rtol=rtol, atol=atol)
    return mistake.hint if mistake is not None else ""


def with_hint(verdict, hint: str):
    """``verdict`` with "Likely cause: hint" appended to its message (when there is a hint)."""
    if not hint or verdict.passed:
        return verdict
    return type(verdict)(verdict.fraction, f"{verdict.message}. Likely cause: {hint}")
