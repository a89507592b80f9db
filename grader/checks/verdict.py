"""The value a check returns: how much of a test's points were earned, and why."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence


@dataclass(frozen=True)
class Verdict:
    """``fraction`` of the test's points earned (0 to 1) and a message for the student."""

    fraction: float
    message: str = ""

    def __post_init__(self):
        if not 0.0 <= self.fraction <= 1.0:
            raise ValueError(f"fraction must be in [0, 1], got {self.fraction}")

    @property
    def passed(self) -> bool:
        return self.fraction == 1.0

    @classmethod
    def ok(cls) -> "Verdict":
        return cls(1.0)

    @classmethod
    def fail(cls, message: str) -> "Verdict":
        return cls(0.0, message)


class CheckFailed(Exception):
    """Raised by a check that cannot go on (e.g. a result of the wrong type)."""


def combine(verdicts: Sequence[Verdict], weights: Sequence[float] | None = None) -> Verdict:
    """Weighted mean of several verdicts; the messages of those not fully earned, joined."""
    if not verdicts:
        return Verdict.ok()
    weights = list(weights) if weights is not None else [1.0] * len(verdicts)
    total = sum(weights)
    fraction = sum(v.fraction * w for v, w in zip(verdicts, weights)) / total
    messages = [v.message for v in verdicts if not v.passed and v.message]
    return Verdict(min(1.0, max(0.0, round(fraction, 9))), "; ".join(messages))


def combine_cases(verdicts: Sequence[Verdict], what: str) -> Verdict:
    """The mean of the verdicts of several cases of one check (``what``: "random
    networks"), with the message of the first failing case only (the others usually
    repeat it) and how many failed."""
    result = combine(verdicts)
    failed = [v for v in verdicts if not v.passed]
    if not failed:
        return result
    return Verdict(result.fraction, f"{failed[0].message} (wrong on {len(failed)} of {len(verdicts)} {what})")


def only_with(verdict: Verdict, condition: Verdict, what: str) -> Verdict:
    """``verdict``, paid only when ``condition`` passes too: for checks that code doing
    nothing of the assignment would pass (a right shape, a reproducible draw). ``what``
    names what counts only so ("the shape and the seeding")."""
    if not verdict.passed or condition.passed:
        return verdict
    return Verdict.fail(f"{what} count only {condition.message}")


def require(condition: bool, message: str) -> None:
    """Fail the test with ``message`` unless ``condition`` holds."""
    if not condition:
        raise CheckFailed(message)
