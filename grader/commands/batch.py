"""`grader batch ROSTER`: grade a whole class, resumably, in parallel."""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path

import click

from grader.batch.archive import UnsafeArchive, extract_roster
from grader.batch.progress import make_progress
from grader.batch.roster import RosterError, discover, unwrap
from grader.batch.runner import BatchPlan, run_batch
from grader.batch.seeds import SecretError, read_secret, seeding
from grader.batch.shard import ShardError, ShardSpec, manifest, read_manifest, write_manifest
from grader.commands.options import container_options
from grader.commands.report import EXIT_USAGE, container_config
from grader.container import batching
from grader.container.run import ContainerFailed
from grader.files import write_atomic
from grader.course import CourseError, load_course
from grader.sandbox import modes


def _assignments(names: str) -> list[str]:
    """``all``, or comma-separated assignment names, in the lecture's order."""
    course = load_course()
    if names == "all":
        return list(course)
    wanted = [n.strip() for n in names.split(",") if n.strip()]
    unknown = [n for n in wanted if n not in course]
    if unknown or not wanted:
        raise click.UsageError(f"unknown assignment {', '.join(map(repr, unknown)) or repr(names)} "
                               f"(known: {', '.join(course)})")
    return [n for n in course if n in wanted]


def _earlier_run(out: Path, names: list[str]) -> str:
    """Why grading ``names`` into ``out`` would replace what an earlier run left there
    (another set of assignments); empty when nothing would be lost."""
    try:
        earlier = read_manifest(out)
    except ShardError:
        return ""
    before = earlier.get("assignments")
    if not isinstance(before, list) or before == names or not any((out / "students").glob("*.json")):
        return ""
    return (f"{out} holds results for {', '.join(map(str, before))}; grading {', '.join(names)} there would "
            f"replace them: use another --out, grade them together (-a {','.join(dict.fromkeys([*before, *names]))}), "
            "or pass --force")


@click.command("batch")
@click.argument("roster", type=click.Path(exists=True, path_type=Path))
@click.option("--assignment", "-a", default="all", show_default=True,
              help="Assignments to grade, comma-separated (nag,dropout), or `all`: one gradebook column each.")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None,
              help="Students graded at once (default: the number of CPU cores).")
@click.option("--out", "-o", "out", type=click.Path(file_okay=False, path_type=Path), required=True,
              help="Output folder: students/<id>.json, feedback/<id>.html, gradebook.csv, shard.json.")
@click.option("--force", is_flag=True, help="Regrade students that already have a result in OUT.")
@click.option("--shard", default="1/1", show_default=True,
              help="Grade only slice I of N of the roster (e.g. one CI matrix job); combine with `grader merge`.")
@click.option("--seed-secret", type=click.Path(exists=True, dir_okay=False, path_type=Path), default=None,
              help="File with a secret: each student's seed is HMAC-SHA256(secret, id), so copied values fail.")
@click.option("--seed", type=int, default=0, show_default=True, help="The fixed seed used without --seed-secret.")
@click.option("--prefix", default=None,
              help="Folder-name prefix to strip to get student ids (default: the prefix all folders share).")
@click.option("--timeout-scale", type=click.FloatRange(min=0.01), default=1.0, show_default=True,
              help="Multiply every time limit (e.g. 3 on a slow machine).")
@click.option("--student-timeout", type=click.FloatRange(min=1), default=900.0, show_default=True,
              help="Seconds after which one student's whole grading is stopped (their checks: error).")
@click.option("--require-isolation", is_flag=True,
              help="Refuse to grade unless student code runs in namespaces as an unprivileged user.")
@container_options
def command(roster: Path, assignment: str, jobs: int | None, out: Path, force: bool, shard: str,
            seed_secret: Path | None, seed: int, prefix: str | None, timeout_scale: float,
            student_timeout: float, require_isolation: bool, container: bool, container_image: str | None,
            container_rootfs: str | None) -> None:
    """Grade every student folder in ROSTER (a folder, or a .zip, of `<assignment>-<username>` repositories).

    Exit codes: 0 every student passed everything, 1 some checks failed or some folders
    were left out (see the warnings), 2 usage error, 3 internal error (results still
    written, affected checks marked `error`).
    """
    try:
        names = _assignments(assignment)
        spec = ShardSpec.parse(shard)
        secret = read_secret(seed_secret) if seed_secret else None
    except (CourseError, ShardError, SecretError) as exc:
        raise click.UsageError(str(exc)) from None
    config = container_config(container, container_image, container_rootfs)
    if config is not None:
        options = ["--assignment", assignment, "--shard", shard, "--seed", str(seed),
                   "--timeout-scale", repr(timeout_scale), "--student-timeout", repr(student_timeout)]
        options += ["--jobs", str(jobs)] * (jobs is not None) + ["--prefix", prefix] * (prefix is not None)
        options += ["--force"] * force + ["--require-isolation"] * require_isolation
        try:
            code = batching.batch(config, roster, out, options, seed_secret)
        except ContainerFailed as exc:
            click.echo(f"grader: {exc}", err=True)
            sys.exit(exc.code)
        if code != EXIT_USAGE:
            click.echo(str(out / "gradebook.csv"))
        sys.exit(code)
    scratch = tempfile.mkdtemp(prefix="grader-roster-") if roster.suffix.lower() == ".zip" else None
    try:
        root = _roster_root(roster, scratch)
        students, warnings = discover(root, prefix)
        for warning in warnings:
            click.echo(f"warning: {warning}", err=True)
        chosen = set(spec.select([s.id for s in students]))
        mine = tuple(s for s in students if s.id in chosen)
        level = modes.chosen()
        replaced = "" if force else _earlier_run(out, names)
        if replaced:
            raise click.UsageError(replaced)
        out.mkdir(parents=True, exist_ok=True)
        write_manifest(out, dict(manifest(spec, [s.id for s in students], sorted(chosen), names,
                                          seeding(secret, seed)),
                                 isolation=modes.label(level.name)), write_atomic)
        plan = BatchPlan(mine, out, tuple(names), secret, seed, jobs or os.cpu_count() or 1, force,
                         timeout_scale, student_timeout, require_isolation)
        click.echo(f"grading {len(mine)} of {len(students)} students (shard {spec}) on {', '.join(names)} "
                   f"with {plan.jobs} jobs", err=True)
        click.echo(_isolation_line(level), err=True)
        summary = run_batch(plan, make_progress)
    except (UnsafeArchive, RosterError) as exc:
        click.echo(f"grader: {exc}", err=True)
        sys.exit(EXIT_USAGE)
    finally:
        if scratch:
            shutil.rmtree(scratch, ignore_errors=True)
    click.echo(f"{summary.graded} graded, {summary.resumed} already done, {summary.crashed} internal errors; "
               f"isolation: {_labels(summary.records)}; gradebook: {out / 'gradebook.csv'}", err=True)
    click.echo(str(out / "gradebook.csv"))
    # A folder left out (an id that is no id, a symbolic link) is a student missing from
    # the gradebook: never "every student passed everything".
    sys.exit(max(summary.exit_code, 1) if warnings else summary.exit_code)


def _labels(done: dict) -> str:
    """The isolation the students' records say graded them (several after a resumed run)."""
    found = sorted({str(r["result"].get("isolation") or "") for r in done.values()} - {""})
    return ", ".join(found) or "unknown"


def _isolation_line(level: modes.Level) -> str:
    """The isolation every student's code gets in this run, and how to do better."""
    line = f"isolation: {modes.label(level.name)} ({level.summary})"
    if level.lacks:
        line += f"; lacks {'; '.join(level.lacks)}"
    return line + (f"; for the full isolation: {level.fix}" if level.fix else "")


def _roster_root(roster: Path, scratch: str | None) -> Path:
    if scratch is None:
        if not roster.is_dir():
            raise RosterError(f"{roster} is neither a folder nor a .zip of student folders")
        return unwrap(roster)
    return unwrap(extract_roster(roster, Path(scratch) / "roster"))
