"""Checks about how a student's function behaves, beyond its return values."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Sequence

import numpy as np

from grader.checks.compare import RTOL
from grader.checks.inputs import local_copy
from grader.checks.verdict import Verdict


@dataclass(frozen=True)
class Unmodified(Verdict):
    """The verdict of ``expect_unmodified``; ``mutated`` names the arguments the call wrote into."""

    mutated: tuple[str, ...] = ()


def expect_raises(student, exception: type[BaseException], func: str, *args, **kwargs) -> Verdict:
    """Pass when ``func(*args, **kwargs)`` raises ``exception`` (matched by its name)."""
    return _raised(student, exception, func, student.call(func, *args, **kwargs))


def expect_raises_each(student, exception: type[BaseException], calls: Sequence[tuple]) -> list[Verdict]:
    """``[expect_raises(student, exception, *call) for call in calls]`` (each call is
    ``(func, *args)``), the calls made in one round trip to the sandbox."""
    outcomes = student.outcomes([(call[0], call[1:]) for call in calls])
    return [_raised(student, exception, call[0], outcome) for call, outcome in zip(calls, outcomes)]


def _raised(student, exception: type[BaseException], func: str, outcome) -> Verdict:
    wanted = exception.__name__
    if outcome.ok:
        return Verdict.fail(f"`{func}` returned normally on invalid arguments; it should raise {wanted}")
    if student.unusable(outcome):
        student.raise_issue(func, outcome)  # the function could not run at all: the test's status says why
    error = outcome.error or {}
    # The worker reports the builtin exception classes the raised one derives from (by
    # name), so a subclass of the wanted exception counts as it.
    kinds = error.get("kinds") if isinstance(error.get("kinds"), list) else []
    if error.get("type") == wanted or wanted in kinds:
        return Verdict.ok()
    return Verdict.fail(f"`{func}` raised {error.get('type')} on invalid arguments; it should raise {wanted}")


@dataclass(frozen=True)
class FreshCache:
    """An argument that is the cache of a call of the student's own ``forward`` on ``args``
    made just before (the cache last among its outputs): a backward call's cache of its own."""

    forward: str
    args: tuple


@dataclass(frozen=True)
class Untouched:
    """One call for ``expect_unmodified_each``: ``func(*args, **kwargs)`` (an argument may be
    a ``FreshCache``), its result judged by ``right(result) -> Verdict``; with ``copies``,
    the result must not hold the argument arrays themselves (where the assignment says its
    values are returned "as copies")."""

    func: str
    args: tuple
    right: Callable[[object], Verdict]
    kwargs: dict = field(default_factory=dict)
    copies: bool = False


@dataclass(frozen=True)
class Unchanged:
    """One check for ``solution.unmodified_each``: ``func(*args, **kwargs)`` leaves its
    arguments alone and its result matches the reference's on the same arguments (a
    ``FreshCache`` there: the reference's own cache from the same forward call), within
    ``rtol``."""

    func: str
    args: tuple
    rtol: float = RTOL
    kwargs: dict = field(default_factory=dict)
    copies: bool = False  # as Untouched's


def expect_unmodified(student, func: str, *args, right: Callable[[object], Verdict], **kwargs) -> Unmodified:
    """Pass when ``func(*args, **kwargs)`` leaves every array argument as it found it and
    its result is right, as judged by ``right(result) -> Verdict``.

    A function that does nothing modifies nothing: leaving the inputs alone earns its
    points only together with right values from the same call. The outcome's ``mutated``
    names the arguments written into (for the hint of a known mistake that does the same).
    """
    return _untouched(student, func, student.tracked(func, *args, **kwargs), right)


def expect_unmodified_each(student, checks: Sequence[Untouched]) -> list[Unmodified]:
    """``expect_unmodified`` for each of ``checks``, the calls (and their fresh caches' forward
    calls) made in one round trip to the sandbox."""
    outcomes = student.tracked_each([(c.func, c.args, c.kwargs) for c in checks])
    return [_untouched(student, c.func, outcome, c.right, c.copies) for c, outcome in zip(checks, outcomes)]


def _untouched(student, func: str, outcome, right: Callable[[object], Verdict], copies: bool = False) -> Unmodified:
    if outcome.mutated:
        names = ", ".join(f"`{n}`" for n in outcome.mutated)
        return Unmodified(0.0, f"`{func}` modified its argument {names} in place; work on a copy "
                          "(e.g. `x = x + ...` instead of `x += ...`)", tuple(outcome.mutated))
    if copies and outcome.returned:
        names = ", ".join(f"`{n}`" for n in outcome.returned)
        return Unmodified(0.0, f"`{func}` returned the arrays of its argument {names} themselves; return copies "
                          "(e.g. `x.copy()`), so that updating the result in place cannot change the input")
    judged = right(student.result(func, outcome))
    if not judged.passed:
        return Unmodified(0.0, f"`{func}` leaves its inputs unmodified, which counts only when the same call "
                          f"returns right values: {judged.message}")
    return Unmodified(1.0)


def written_arguments(function: Callable, args: Sequence, names: Sequence[str], **kwargs) -> np.ndarray:
    """Which array arguments an in-process ``function`` (the reference, a known mistake)
    writes into, called on copies of ``args``.

    Returns: (len(args),) float flags, 1.0 where argument ``names[i]`` was changed in place.
    """
    before = [local_copy(a) for a in args]
    given = [local_copy(a) for a in args]
    function(*given, **{k: local_copy(v) for k, v in kwargs.items()})
    return np.array([float(_arrays(b) and not _unchanged(b, g)) for b, g in zip(before, given)])


def _arrays(value) -> bool:
    return isinstance(value, np.ndarray) or (isinstance(value, list) and any(_arrays(v) for v in value))


def _unchanged(before, after) -> bool:
    if isinstance(before, list):
        return all(_unchanged(b, a) for b, a in zip(before, after))
    return not isinstance(before, np.ndarray) or np.array_equal(before, after)
