"""Run the container engine: in the foreground for grading, or briefly to see whether it works."""

from __future__ import annotations

import signal
import subprocess

from grader.container.config import ContainerConfig

EXIT_USAGE, EXIT_INTERNAL = 2, 3
PROBE_SECONDS = 60


class ContainerFailed(Exception):
    """The container gave no result; ``code`` is the exit code the grader should give."""

    def __init__(self, message: str, code: int):
        super().__init__(message)
        self.code = code


def probe(config: ContainerConfig) -> tuple[bool, str]:
    """Whether ``config`` can start a container here (running ``true`` in it), and why not."""
    try:
        proc = subprocess.run(config.run_argv([], ["true"]), stdin=subprocess.DEVNULL, capture_output=True,
                              text=True, timeout=PROBE_SECONDS)
    except (OSError, subprocess.SubprocessError) as exc:
        return False, str(exc)
    lines = [line for line in proc.stderr.splitlines() if line.strip()]
    return proc.returncode == 0, (lines[-1][:300] if lines else f"exit code {proc.returncode}")


def run_foreground(argv: list[str], quiet: bool = False) -> int:
    """Run the engine with our standard error (and output unless ``quiet``); stop the
    container if we are stopped."""
    proc = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL if quiet else None)
    try:
        return proc.wait()
    except BaseException:
        # SIGTERM is forwarded into the container by the engine (its --sig-proxy); a
        # killed engine client could leave the container running.
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        raise
