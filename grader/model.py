"""Grading results: small frozen dataclasses in which every outcome is explicit.

Totals are computed from the tests, never stored.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


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

    def as_dict(self) -> dict:
        return {"name": self.name, "score": self.score, "max_score": self.max_score,
                "status": self.status.value, "output": self.output, "hidden": self.hidden}


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
        return round(sum(t.score for t in self.tests), 6)

    @property
    def max_score(self) -> float:
        return round(sum(t.max_score for t in self.tests), 6)

    @property
    def all_passed(self) -> bool:
        return all(t.status is Status.PASSED for t in self.tests)

    def as_dict(self) -> dict:
        return {"assignment": self.assignment, "score": self.score, "max_score": self.max_score,
                "source": self.source, "tests": [t.as_dict() for t in self.tests],
                "warnings": list(self.warnings)}


@dataclass(frozen=True)
class SubmissionResult:
    """Every graded assignment of one submission (one student)."""

    results: tuple[AssignmentResult, ...]
    warnings: tuple[str, ...] = ()

    @property
    def score(self) -> float:
        return round(sum(r.score for r in self.results), 6)

    @property
    def max_score(self) -> float:
        return round(sum(r.max_score for r in self.results), 6)

    @property
    def all_passed(self) -> bool:
        return all(r.all_passed for r in self.results)

    @property
    def internal_error(self) -> bool:
        return any(r.internal_error for r in self.results)

    def as_dict(self) -> dict:
        return {"score": self.score, "max_score": self.max_score,
                "assignments": {r.assignment: r.as_dict() for r in self.results},
                "warnings": list(self.warnings)}
