"""The JSON report: one assignment's result, or every assignment's plus the totals."""

from __future__ import annotations

import json

from grader.model import SubmissionResult


def as_data(result: SubmissionResult, combined: bool = False) -> dict:
    """One assignment's object, or (``combined``, or several results) every assignment plus totals."""
    if len(result.results) == 1 and not combined:
        data = result.results[0].as_dict()
        data["warnings"] = list(dict.fromkeys(data["warnings"] + list(result.warnings)))
        data["isolation"] = result.isolation
        return data
    return result.as_dict()


def render(result: SubmissionResult, *, combined: bool = False, **_options) -> str:
    return json.dumps(as_data(result, combined), indent=2, ensure_ascii=False) + "\n"
