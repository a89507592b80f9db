"""`batch` in a container: the roster mounted read-only and the output folder read-write, each
at its own path, so what the grader inside prints and records names the host's paths. The
exit code is read back from the manifest and records it left."""

from __future__ import annotations

from pathlib import Path

from grader.batch import records
from grader.batch.runner import BatchSummary
from grader.batch.shard import ShardError, read_manifest
from grader.container.config import ContainerConfig
from grader.container.run import EXIT_INTERNAL, EXIT_USAGE, ContainerFailed, run_foreground


def batch(config: ContainerConfig, roster: Path, out: Path, options: list[str],
          secret: Path | None = None) -> int:
    """Run `grader batch` in a container writing to ``out``; the exit code its records give."""
    roster, out = roster.resolve(), out.resolve()
    out.mkdir(parents=True, exist_ok=True)
    mounts = [(str(roster), str(roster), "ro"), (str(out), str(out), "rw")]
    inner = [config.python, "-m", "grader", "batch", str(roster), "--out", str(out), *options]
    if secret is not None:
        mounts.append((str(secret.resolve()), str(secret.resolve()), "ro"))
        inner += ["--seed-secret", str(secret.resolve())]
    # Its standard output names the gradebook by the resolved path: the caller prints it as given.
    code = run_foreground(config.run_argv(mounts, inner), quiet=True)
    if code == EXIT_USAGE:
        return code
    try:
        return exit_code_of(out)
    except ShardError as exc:
        raise ContainerFailed(f"the grader in the container ({config.describe()}) left no batch output "
                              f"(exit code {code}): {exc}", EXIT_INTERNAL) from None


def exit_code_of(out: Path) -> int:
    """The exit code of a batch run, from the manifest and records it left in ``out``."""
    manifest = read_manifest(out)
    done = {}
    for sid in manifest["students"]:
        record = records.read_record(records.record_path(out, sid))
        if not records.is_done(record, sid, manifest["assignments"]):
            return EXIT_INTERNAL  # a student without a record: the run did not finish
        done[sid] = record
    return BatchSummary(done, len(done), 0, 0).exit_code
