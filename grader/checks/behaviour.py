"""Checks about how a student's function behaves, beyond its return values."""

from __future__ import annotations

from typing import Callable

from grader.checks.verdict import Verdict
from grader.engine.issues import StudentIssue


def expect_raises(student, exception: type[BaseException], func: str, *args, **kwargs) -> Verdict:
    """Pass when ``func(*args, **kwargs)`` raises ``exception`` (matched by its name)."""
    outcome = student.call(func, *args, **kwargs)
    wanted = exception.__name__
    if outcome.ok:
        return Verdict.fail(f"`{func}` returned normally on invalid arguments; it should raise {wanted}")
    if student.unusable(outcome):
        raise StudentIssue(*student.explain(func, outcome))
    error = outcome.error or {}
    # The worker reports the builtin exception classes the raised one derives from (by
    # name), so a subclass of the wanted exception counts as it.
    kinds = error.get("kinds") if isinstance(error.get("kinds"), list) else []
    if error.get("type") == wanted or wanted in kinds:
        return Verdict.ok()
    return Verdict.fail(f"`{func}` raised {error.get('type')} on invalid arguments; it should raise {wanted}")


def expect_unmodified(student, func: str, *args, right: Callable[[object], Verdict], **kwargs) -> Verdict:
    """Pass when ``func(*args, **kwargs)`` leaves every array argument as it found it and
    its result is right, as judged by ``right(result) -> Verdict``.

    A function that does nothing modifies nothing: leaving the inputs alone earns its
    points only together with right values from the same call.
    """
    outcome = student.tracked(func, *args, **kwargs)
    if outcome.mutated:
        names = ", ".join(f"`{n}`" for n in outcome.mutated)
        return Verdict.fail(f"`{func}` modified its argument {names} in place; work on a copy "
                            "(e.g. `x = x + ...` instead of `x += ...`)")
    judged = right(student.result(func, outcome))
    if not judged.passed:
        return Verdict.fail(f"`{func}` leaves its inputs unmodified, which counts only when the same call "
                            f"returns right values: {judged.message}")
    return Verdict.ok()
