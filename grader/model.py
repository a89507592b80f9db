"""Grading results: small frozen dataclasses in which every outcome is explicit.

Totals are computed from the tests, never stored, and kept exact: only what is shown
(``as_dict`` and the renderers) is rounded, so that 2/3 + 1/3 of a point reads 1.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from enum import Enum

DISPLAY_DECIMALS = 6


def shown(points: float) -> float:
    """Points as reports show them: rounded, with the float noise of exact sums gone."""
    return round(points, DISPLAY_DECIMALS) + 0.0


class Status(str, Enum):
    PASSED = "passed"
    FAILED = "failed"
    ERROR = "error"
    TIMEOUT = "timeout"
    MISSING = "missing"
    SKIPPED = "skipped"


@dataclass(frozen=True)
class TestResult:
    """One declared check: what it was worth, what it earned, and why."""

    __test__ = False  # not a pytest test class

    name: str
    status: Status
    score: float
    max_score: float
    output: str
    hidden: bool
    seconds: float = 0.0
    # Of a failed check: the known mistakes recognised (``solutions/mistakes/<a>/<name>.py``
    # names), and a digest of the student's answers in a hidden test (engine/fingerprint.py).
    mistakes: tuple[str, ...] = ()
    fingerprint: str = ""

    def as_dict(self) -> dict:
        data = {"name": self.name, "score": shown(self.score), "max_score": self.max_score,
                "status": self.status.value, "output": self.output, "hidden": self.hidden}
        if self.mistakes:
            data["mistakes"] = list(self.mistakes)
        if self.fingerprint:
            data["fingerprint"] = self.fingerprint
        return data


@dataclass(frozen=True)
class AssignmentResult:
    """All checks of one assignment for one submission."""

    assignment: str
    tests: tuple[TestResult, ...]
    warnings: tuple[str, ...] = ()
    source: str = ""  # the file that was graded, relative to the submission
    internal_error: bool = False

    @property
    def score(self) -> float:
        return math.fsum(t.score for t in self.tests)

    @property
    def max_score(self) -> float:
        return math.fsum(t.max_score for t in self.tests)

    @property
    def all_passed(self) -> bool:
        return all(t.status is Status.PASSED for t in self.tests)

    def as_dict(self) -> dict:
        return {"assignment": self.assignment, "score": shown(self.score), "max_score": shown(self.max_score),
                "source": self.source, "tests": [t.as_dict() for t in self.tests],
                "warnings": list(self.warnings)}


@dataclass(frozen=True)
class SubmissionResult:
    """Every graded assignment of one submission (one student)."""

    results: tuple[AssignmentResult, ...]
    warnings: tuple[str, ...] = ()
    # The isolation that graded it, e.g. "root (full)", "bwrap", "container (podman): root (full)".
    isolation: str = ""

    @property
    def score(self) -> float:
        return math.fsum(t.score for r in self.results for t in r.tests)

    @property
    def max_score(self) -> float:
        return math.fsum(t.max_score for r in self.results for t in r.tests)

    @property
    def all_passed(self) -> bool:
        return all(r.all_passed for r in self.results)

    @property
    def internal_error(self) -> bool:
        return any(r.internal_error for r in self.results)

    def as_dict(self) -> dict:
        return {"score": shown(self.score), "max_score": shown(self.max_score),
                "assignments": {r.assignment: r.as_dict() for r in self.results},
                "warnings": list(self.warnings), "isolation": self.isolation}
