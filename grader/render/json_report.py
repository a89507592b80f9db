"""The JSON report: one assignment's result, or every assignment's plus the totals."""

from __future__ import annotations

import json

from grader.model import SubmissionResult


def as_data(result: SubmissionResult) -> dict:
    if len(result.results) == 1:
        data = result.results[0].as_dict()
        data["warnings"] = list(dict.fromkeys(data["warnings"] + list(result.warnings)))
        return data
    return result.as_dict()


def render(result: SubmissionResult, **_options) -> str:
    return json.dumps(as_data(result), indent=2, ensure_ascii=False) + "\n"
