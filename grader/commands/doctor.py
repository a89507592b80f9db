"""`grader doctor`: which isolation this machine gives student code, and how to get the full one."""

from __future__ import annotations

import json
import sys

import click

from grader.container import run
from grader.container.config import ContainerError, from_environment
from grader.sandbox import modes


def container_status() -> dict:
    """Whether ``--container`` (as configured by the environment) can start a container here."""
    try:
        config = from_environment()
    except ContainerError as exc:
        return {"engine": "", "where": "", "runs": False, "detail": str(exc)}
    runs, detail = run.probe(config)
    return {"engine": config.name, "where": config.describe(), "runs": runs, "detail": "" if runs else detail}


def _container_line(status: dict) -> str:
    if not status["engine"]:
        return f"  --container: no ({status['detail']})"
    if status["runs"]:
        return f"  --container: yes, {status['where']} runs a container"
    hint = "" if "root filesystem" in status["where"] else \
        " (build the image: grader container build; or set GRADER_CONTAINER_ROOTFS)"
    return f"  --container: no, {status['where']} cannot run a container: {status['detail']}{hint}"


def describe(machine: modes.Machine, container: dict) -> str:
    """The report for people: the level, what it protects and lacks, the fix."""
    level = machine.level
    lines = [f"isolation: {level.name} ({level.summary})",
             f"  running as root: {'yes' if machine.root else 'no'}",
             f"  user namespaces: {'yes' if machine.userns else 'no'}"
             + (f" ({machine.restriction})" if machine.restriction else ""),
             f"  PID namespace: {'yes' if machine.pidns else 'no'}",
             f"  bubblewrap: {machine.bwrap or 'not installed or not working'}",
             f"  container engines: {', '.join(machine.engines) or 'none installed'}",
             _container_line(container),
             "protects:"]
    lines += [f"  + {item}" for item in level.protects]
    if level.lacks:
        lines.append("does not protect:")
        lines += [f"  - {item}" for item in level.lacks]
    if level.fix:
        lines.append(f"for the full isolation: {level.fix}")
    return "\n".join(lines)


def as_dict(machine: modes.Machine, container: dict) -> dict:
    level = machine.level
    return {"level": level.name, "summary": level.summary, "root": machine.root, "user_namespaces": machine.userns,
            "pid_namespace": machine.pidns, "bwrap": machine.bwrap, "container_engines": list(machine.engines),
            "restriction": machine.restriction, "protects": list(level.protects), "lacks": list(level.lacks),
            "fix": level.fix, "container": container}


@click.command("doctor")
@click.option("--json", "as_json", is_flag=True, help="Print the findings as JSON on stdout.")
def command(as_json: bool) -> None:
    """Print which isolation this machine gives student code (tried, not guessed), and whether
    `--container` can start a container here (configured by the GRADER_CONTAINER_* variables).

    Exit codes: 0 full isolation, 1 a weaker level (the report says what is missing).
    """
    machine, container = modes.detect(), container_status()
    click.echo(json.dumps(as_dict(machine, container), indent=2) if as_json else describe(machine, container))
    sys.exit(0 if machine.level.name == "root" else 1)
