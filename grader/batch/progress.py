"""Progress of a batch run: a rich bar on a terminal, plain lines on stderr otherwise.

Both report the same events: a student finished (with their score), or was already
done in an earlier run.
"""

from __future__ import annotations

import sys
import time

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn


def _summary(record: dict) -> str:
    result = record["result"]
    state = "CRASHED" if record.get("status") != "graded" else ("all passed" if record.get("all_passed") else "")
    return f"{result['score']:g}/{result['max_score']:g}" + (f" ({state})" if state else "")


class PlainProgress:
    """One line per finished student on ``stream``: ``[k/N] id: score/max (3.1 s)``."""

    def __init__(self, total: int, skipped: int, stream=None):
        self.total, self.done, self.stream = total, skipped, stream or sys.stderr
        self.start = time.monotonic()
        if skipped:
            print(f"{skipped} of {total} students already graded (resuming; --force regrades them)",
                  file=self.stream, flush=True)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    def finished(self, student_id: str, record: dict, seconds: float) -> None:
        self.done += 1
        print(f"[{self.done}/{self.total}] {student_id}: {_summary(record)} ({seconds:.1f} s)",
              file=self.stream, flush=True)


class RichProgress(PlainProgress):
    """A progress bar with counts, elapsed time and ETA, plus a line per finished student."""

    def __init__(self, total: int, skipped: int, stream=None):
        self.console = Console(file=stream or sys.stderr, highlight=False)
        super().__init__(total, skipped, stream)
        self.bar = Progress(TextColumn("[bold]grading"), BarColumn(), MofNCompleteColumn(),
                            TimeElapsedColumn(), TextColumn("ETA"), TimeRemainingColumn(),
                            console=self.console, transient=False)
        self.task = self.bar.add_task("grading", total=total, completed=skipped)

    def __enter__(self):
        self.bar.start()
        return self

    def __exit__(self, *exc):
        self.bar.stop()
        return False

    def finished(self, student_id: str, record: dict, seconds: float) -> None:
        self.done += 1
        self.bar.console.print(f"{student_id}: {_summary(record)} ({seconds:.1f} s)", markup=False)
        self.bar.advance(self.task)


def make_progress(total: int, skipped: int, stream=None):
    stream = stream or sys.stderr
    return RichProgress(total, skipped, stream) if stream.isatty() else PlainProgress(total, skipped, stream)
