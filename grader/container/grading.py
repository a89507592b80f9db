"""`grade` and `check` in a container: the submission mounted read-only at its own path, the
whole result written by the grader inside to a host folder and read back with ``transfer``."""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from grader.container import transfer
from grader.container.config import ContainerConfig
from grader.container.run import EXIT_INTERNAL, EXIT_USAGE, ContainerFailed, run_foreground
from grader.model import SubmissionResult

INSIDE_OUT = "/grader-out"
RESULT = "result.json"


@dataclass(frozen=True)
class GradeRequest:
    """What `grader grade` or `grader check` asks of the grader inside."""

    path: Path
    assignment: str  # a name, or "all"
    hidden: bool = True
    seed: int = 0
    timeout_scale: float = 1.0
    require_isolation: bool = False


def grade(config: ContainerConfig, request: GradeRequest) -> SubmissionResult:
    """Grade ``request.path`` in a container; the result exactly as the grader there made it."""
    path = request.path.resolve()
    folder = tempfile.mkdtemp(prefix="grader-container-")
    try:
        inner = [config.python, "-m", "grader", "container", "grade-inside", str(path),
                 "--result", f"{INSIDE_OUT}/{RESULT}", "--assignment", request.assignment,
                 "--seed", str(request.seed), "--timeout-scale", repr(request.timeout_scale)]
        inner += ["--public-only"] * (not request.hidden) + ["--require-isolation"] * request.require_isolation
        code = run_foreground(config.run_argv([(str(path), str(path), "ro"), (folder, INSIDE_OUT, "rw")], inner))
        result_file = Path(folder, RESULT)
        if not result_file.is_file():
            raise ContainerFailed(f"the grader in the container ({config.describe()}) gave no result "
                                  f"(exit code {code})", EXIT_USAGE if code == EXIT_USAGE else EXIT_INTERNAL)
        try:
            return transfer.loads(result_file.read_text(encoding="utf-8"))
        except (OSError, transfer.TransferError) as exc:
            raise ContainerFailed(f"unreadable result from the container: {exc}", EXIT_INTERNAL) from None
    finally:
        shutil.rmtree(folder, ignore_errors=True)
