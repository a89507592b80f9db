"""``grader export batch-workflow``: grade a class on a GitHub Actions matrix, N shards on N runners.

The workflow (``.github/workflows/grade-class.yml``, in the instructor's course
repository, never the students') runs ``grader batch --shard I/N`` in a matrix job per
shard, keeps each shard's output as an artifact, and a final job downloads them all,
runs ``grader merge`` and ``grader report`` and keeps the merged folder (gradebook,
class report, feedback pages, records) as the artifact ``class-results``.
Run steps take the matrix and the inputs only through ``env:``, never spliced into scripts.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

WORKFLOW = Path(".github") / "workflows" / "grade-class.yml"
MAX_SHARDS = 256  # GitHub's limit on the jobs of one matrix


def workflow_text(shards: int, roster: str = "roster.zip", assignment: str = "all",
                  python_version: str = "3.11") -> str:
    """The workflow YAML grading ``roster`` in ``shards`` shards."""
    if not 1 <= shards <= MAX_SHARDS:
        raise ValueError(f"--shards must be between 1 and {MAX_SHARDS} (GitHub's matrix limit)")
    if any(c in roster + assignment for c in "\"'\n${}"):
        raise ValueError("the roster path and assignment must be plain names")
    template = resources.files("grader.export").joinpath("templates", "batch_workflow.yml").read_text("utf-8")
    return (template.replace("@SHARD_LIST@", ", ".join(str(i) for i in range(1, shards + 1)))
            .replace("@SHARDS@", str(shards)).replace("@ROSTER@", roster)
            .replace("@ASSIGNMENT@", assignment).replace("@PYTHON@", python_version))


def write_workflow(outdir: Path, shards: int, roster: str = "roster.zip", assignment: str = "all",
                   python_version: str = "3.11") -> Path:
    path = outdir / WORKFLOW
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(workflow_text(shards, roster, assignment, python_version), encoding="utf-8")
    return path
