"""Checks about how a student's function behaves, beyond its return values."""

from __future__ import annotations

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


def expect_unmodified(student, func: str, *args, **kwargs) -> Verdict:
    """Pass when ``func`` returns normally and leaves every array argument as it found it."""
    outcome = student.tracked(func, *args, **kwargs)
    if outcome.mutated:
        names = ", ".join(f"`{n}`" for n in outcome.mutated)
        return Verdict.fail(f"`{func}` modified its argument {names} in place; work on a copy "
                            "(e.g. `x = x + ...` instead of `x += ...`)")
    return Verdict.ok()
