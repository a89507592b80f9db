"""`grader merge OUT SHARD_DIR...`: one gradebook from the outputs of sharded batch runs."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from grader.batch.merge import merge_shards
from grader.batch.shard import ShardError
from grader.commands.report import EXIT_USAGE
from grader.files import write_atomic


@click.command("merge")
@click.argument("out", type=click.Path(file_okay=False, path_type=Path))
@click.argument("shards", nargs=-1, required=True, type=click.Path(exists=True, file_okay=False, path_type=Path))
def command(out: Path, shards: tuple[Path, ...]) -> None:
    """Combine SHARDS (the --out folders of `grader batch --shard I/N`) into OUT.

    Refuses shards that overlap, a missing shard, or roster students without a result.
    """
    try:
        count = merge_shards(out, list(shards), write_atomic)
    except ShardError as exc:
        click.echo(f"grader merge: {exc}", err=True)
        sys.exit(EXIT_USAGE)
    click.echo(f"merged {len(shards)} shard(s): {count} students", err=True)
    click.echo(str(out / "gradebook.csv"))
