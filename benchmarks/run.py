"""Run every benchmark, print a table of figures and write them as JSON.

    python benchmarks/run.py                 # full run (a few minutes)
    python benchmarks/run.py --quick         # fewer repeats, 40 students
    python benchmarks/run.py --only latency,overhead

Figures: median and range over repeated runs. Targets (2-core machine) are printed beside.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import gradchecks  # noqa: E402
import latency  # noqa: E402
import otter_compare  # noqa: E402
import overhead  # noqa: E402
import throughput  # noqa: E402
from common import ROOT, environment  # noqa: E402
from rich.console import Console  # noqa: E402
from rich.table import Table  # noqa: E402

SECTIONS = ("latency", "throughput", "overhead", "gradchecks", "otter")


def run(only: set[str], quick: bool) -> dict:
    repeats = 3 if quick else 7
    figures = {"environment": environment(), "date": time.strftime("%Y-%m-%d %H:%M:%S")}
    if "latency" in only:
        figures["latency"] = latency.measure(repeats)
    if "throughput" in only:
        figures["throughput"] = throughput.measure(40 if quick else 200, jobs=2)
    if "overhead" in only:
        figures["overhead"] = overhead.measure(repeats)
    if "gradchecks" in only:
        figures["gradchecks"] = gradchecks.measure(repeats)
    if "otter" in only:
        figures["otter"] = otter_compare.measure(2 if quick else 3)
    return figures


def table(figures: dict) -> Table:
    t = Table(title="dl-grader benchmarks", title_justify="left")
    for column in ("measure", "figure", "target"):
        t.add_column(column)
    for label, row in figures.get("latency", {}).items():
        s = row["seconds"]
        target = "≤ 1.0 s" if label == "all assignments" else ""
        t.add_row(f"cold grade, {label}", f"{s['median']:.2f} s (range {s['min']:.2f}–{s['max']:.2f}), "
                  f"peak {row['peak_mib']:.0f} MiB", target)
    tp = figures.get("throughput", {})
    if "seconds" in tp:
        t.add_row(f"batch, {tp['students']} students × all, --jobs {tp['jobs']}",
                  f"{tp['seconds']:.1f} s, {tp['students_per_second']:.1f} students/s, "
                  f"peak {tp['peak_mib_per_grader_process']:.0f} MiB", "≤ 60 s for 200; ≤ 150 MiB")
    elif tp:
        t.add_row("batch", tp.get("skipped", ""), "")
    for name, row in figures.get("overhead", {}).items():
        t.add_row(f"sandbox overhead, {name}", f"{row['sandboxed']['median']*1000:.0f} ms vs "
                  f"{row['in_process']['median']*1000:.0f} ms in-process: ×{row['ratio']:.2f} "
                  f"(fastest runs: ×{row['ratio_of_fastest']:.2f})", "≤ ×1.5")
        b = row.get("breakdown")
        if b:
            t.add_row(f"  where the sandboxed {b['total_ms']:.0f} ms go",
                      f"{b['calls']} calls {b['calls_ms']:.1f} ms ({b['ms_per_call']:.2f} ms each; the same "
                      f"calls in-process {b['calls_in_process_ms']:.1f} ms), "
                      f"waiting for the worker's start {b['start_wait_ms']:.1f} ms, import "
                      f"{b['import_ms']:.1f} ms, shutdown {b['shutdown_ms']:.1f} ms; the rest is pytest and "
                      "the tests' own work, as in-process", "")
    for label, row in figures.get("gradchecks", {}).items():
        t.add_row(f"gradient check, {label}", f"full: {row['full']['evaluations']} evals "
                  f"{row['full']['seconds']*1000:.1f} ms; direction: {row['direction']['evaluations']} evals "
                  f"{row['direction']['seconds']*1000:.2f} ms", "")
    ot = figures.get("otter", {})
    if "speedup" in ot:
        t.add_row("otter run vs grader grade (nag), one cold process each",
                  f"{ot['otter_seconds']:.2f} s vs {ot['grader_seconds']:.2f} s: ×{ot['speedup']:.1f}", "≥ ×15")
        t.add_row("otter run vs grader batch --jobs 1 (nag), per submission",
                  f"{ot['otter_seconds']:.2f} s vs {ot['class_seconds_per_submission']:.3f} s: "
                  f"×{ot['class_speedup']:.0f}", "≥ ×15")
    elif ot:
        t.add_row("otter run vs grader grade", ot.get("skipped", ""), "")
    return t


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--only", default=",".join(SECTIONS))
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results" / "latest.json")
    args = parser.parse_args()
    figures = run(set(args.only.split(",")), args.quick)
    Console().print(table(figures))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(figures, indent=2) + "\n")
    print(f"figures written to {args.out}")


if __name__ == "__main__":
    main()
