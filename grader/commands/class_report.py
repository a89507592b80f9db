"""`grader report RESULTS`: the class report of a batch folder (page, CSV, summary)."""

from __future__ import annotations

import sys
from pathlib import Path

import click
from rich.console import Console

from grader.classreport import analysis, page
from grader.classreport.gather import ReportError, load_run
from grader.classreport.hints import mistake_hints
from grader.classreport.summary import print_summary
from grader.classreport.tables import misconceptions_csv
from grader.commands.report import EXIT_USAGE
from grader.files import write_atomic

REPORT_NAME = "report.html"


@click.command("report")
@click.argument("results", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--out", "-o", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help=f"Where to write the page (default: RESULTS/{REPORT_NAME}; the CSV goes beside it).")
def command(results: Path, out: Path | None) -> None:
    """Write the class report of RESULTS (the --out folder of `grader batch` or `grader merge`).

    The page (score histograms, each test's pass rate, known misconceptions and who made
    them, wrong answers no known mistake explains grouped by answer, timeouts and
    crashes) and misconceptions.csv beside it; a summary on stderr, the page's path on
    stdout. Exit codes: 0 written, 2 RESULTS is not a batch folder with graded students.
    """
    try:
        run = load_run(results)
    except ReportError as exc:
        click.echo(f"grader report: {exc}", err=True)
        sys.exit(EXIT_USAGE)
    target = out or results / REPORT_NAME
    hints = mistake_hints(run.assignments)
    found = analysis.analyse(run.records, run.assignments)
    write_atomic(target, page.render(run, found, hints))
    csv_path = target.parent / page.CSV_NAME
    write_atomic(csv_path, misconceptions_csv(found.misconceptions, hints))
    print_summary(run, found, Console(stderr=True))
    click.echo(f"wrote {target} and {csv_path}", err=True)
    click.echo(str(target))
