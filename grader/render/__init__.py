"""Output formats: one pure renderer module per target, ``render(result) -> str``.

``result`` is a ``SubmissionResult``. Renderers take the visibility policy as an
argument where a format needs one; the model itself knows nothing about formats.
"""

from __future__ import annotations

import importlib
import importlib.util

RENDERERS = {
    "text": "grader.render.text",
    "json": "grader.render.json_report",
    "classroom": "grader.render.classroom",
    "junit": "grader.render.junit",
    "gradescope": "grader.render.gradescope",
    "markdown": "grader.render.markdown",
}


def available() -> list[str]:
    return [name for name, module in RENDERERS.items() if importlib.util.find_spec(module)]


def render(name: str, result, **options) -> str:
    return importlib.import_module(RENDERERS[name]).render(result, **options)
