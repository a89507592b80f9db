"""`grader doctor`: which isolation this machine gives student code, and how to get the full one."""

from __future__ import annotations

import json
import sys

import click

from grader.sandbox import modes


def describe(machine: modes.Machine) -> str:
    """The report for people: the level, what it protects and lacks, the fix."""
    level = machine.level
    lines = [f"isolation: {level.name} ({level.summary})",
             f"  running as root: {'yes' if machine.root else 'no'}",
             f"  user namespaces: {'yes' if machine.userns else 'no'}"
             + (f" ({machine.restriction})" if machine.restriction else ""),
             f"  PID namespace: {'yes' if machine.pidns else 'no'}",
             f"  bubblewrap: {machine.bwrap or 'not installed or not working'}",
             f"  container engines (--container): {', '.join(machine.engines) or 'none installed'}",
             "protects:"]
    lines += [f"  + {item}" for item in level.protects]
    if level.lacks:
        lines.append("does not protect:")
        lines += [f"  - {item}" for item in level.lacks]
    if level.fix:
        lines.append(f"for the full isolation: {level.fix}")
    return "\n".join(lines)


def as_dict(machine: modes.Machine) -> dict:
    level = machine.level
    return {"level": level.name, "summary": level.summary, "root": machine.root, "user_namespaces": machine.userns,
            "pid_namespace": machine.pidns, "bwrap": machine.bwrap, "container_engines": list(machine.engines),
            "restriction": machine.restriction, "protects": list(level.protects), "lacks": list(level.lacks),
            "fix": level.fix}


@click.command("doctor")
@click.option("--json", "as_json", is_flag=True, help="Print the findings as JSON on stdout.")
def command(as_json: bool) -> None:
    """Print which isolation this machine gives student code (tried, not guessed).

    Exit codes: 0 full isolation, 1 a weaker level (the report says what is missing).
    """
    machine = modes.detect()
    click.echo(json.dumps(as_dict(machine), indent=2) if as_json else describe(machine))
    sys.exit(0 if machine.level.name == "root" else 1)
