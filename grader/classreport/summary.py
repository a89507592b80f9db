"""The short terminal summary of the class report (rich tables, for people: stderr)."""

from __future__ import annotations

import statistics

from rich.console import Console
from rich.table import Table

from grader.classreport import analysis
from grader.classreport.gather import ClassRun

TOP = 5


def print_summary(run: ClassRun, analysed: analysis.ClassAnalysis, console: Console) -> None:
    """Scores per assignment, the most common misconceptions and unexplained answers, troubles."""
    missing = f"; {len(run.missing)} of {len(run.expected)} students missing" if run.missing else ""
    shard = f" (shard {run.shard} only)" if run.shard else ""
    console.print(f"[bold]{len(run.records)} students graded{shard}[/bold]{missing}")
    scores = Table("assignment", "mean", "median", "max", "hardest test", "passed", title="scores")
    for name in run.assignments:
        values, maximum = analysed.scores[name]
        hardest = analysed.pass_rates[name][0]
        scores.add_row(name, f"{statistics.fmean(values):.2f}", f"{statistics.median(values):g}", f"{maximum:g}",
                       hardest.name, f"{100 * hardest.rate:.0f}%")
    console.print(scores)
    found = analysed.misconceptions
    if found:
        table = Table("assignment", "known mistake", "students", title="most common misconceptions")
        for m in found[:TOP]:
            table.add_row(m.assignment, m.name, str(len(m.students)))
        console.print(table)
    groups = analysed.unexplained
    if groups:
        table = Table("assignment", "tests failed alike", "students", "look at",
                      title="wrong answers no known mistake explains")
        for g in groups[:TOP]:
            first = g.tests[0] + (f" (+{len(g.tests) - 1} more)" if len(g.tests) > 1 else "")
            table.add_row(g.assignment, first, str(len(g.students)), g.example)
        console.print(table)
    troubles = analysed.troubles
    if troubles:
        kinds = {kind: sum(t.kind == kind for t in troubles) for kind in ("timeout", "crash", "internal error")}
        console.print("students with " + ", ".join(f"{kind}: {n}" for kind, n in kinds.items() if n))
