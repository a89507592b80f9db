"""Run every benchmark, print tables of figures and write them as JSON.

    python benchmarks/run.py                 # full run (several minutes)
    python benchmarks/run.py --quick         # fewer repeats, a 40-student class
    python benchmarks/run.py --only latency,overhead

Figures: median and range over repeated runs, each with the conditions it was taken
under (a cold process, or batch: a warm grading process with a warm fork server).
Targets (2-core machine) are printed beside, met or missed. A timed run that failed or
graded wrongly is reported as FAILED (exit code 1), never as a figure.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import gradchecks  # noqa: E402
import latency  # noqa: E402
import otter_compare  # noqa: E402
import overhead  # noqa: E402
import roundtrip  # noqa: E402
import throughput  # noqa: E402
from common import ROOT, BenchmarkFailure, environment  # noqa: E402
from report import tables  # noqa: E402
from rich.console import Console  # noqa: E402

SECTIONS = ("latency", "throughput", "overhead", "round_trip", "gradchecks", "otter")


def run(only: set[str], quick: bool, otter: str | None = None) -> dict:
    repeats = 3 if quick else 7
    figures = {"environment": environment(), "date": time.strftime("%Y-%m-%d %H:%M:%S"), "quick": quick,
               "load_average_before": os.getloadavg()}
    steps = {
        "latency": lambda: latency.measure(repeats),
        "throughput": lambda: throughput.measure(40 if quick else 200, jobs=2, sample=2 if quick else 5),
        # A batch repeat costs ~0.1 s: in a full run, three times as many keep a ratio of
        # two medians from moving with the machine's neighbours as much as it did (±0.1 at 7).
        "overhead": lambda: overhead.measure(repeats if quick else 3 * repeats, cold_repeats=1 if quick else 3),
        "round_trip": lambda: roundtrip.measure(repeats),
        "gradchecks": lambda: gradchecks.measure(repeats),
        "otter": lambda: otter_compare.measure(2 if quick else 3, otter=otter),
    }
    if "overhead" in only:
        only = only | {"round_trip"}  # the overhead's floor, printed with it
    for name in SECTIONS:
        if name in only:
            try:
                figures[name] = steps[name]()
            except BenchmarkFailure as failure:
                figures[name] = {"failed": str(failure)}
    figures["load_average_after"] = os.getloadavg()
    return figures


def failures(figures: dict) -> dict[str, str]:
    return {name: row["failed"] for name, row in figures.items() if isinstance(row, dict) and "failed" in row}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--only", default=",".join(SECTIONS))
    parser.add_argument("--otter", default=None, help="the otter executable to time (default: otter on PATH)")
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results" / "latest.json")
    args = parser.parse_args()
    figures = run(set(args.only.split(",")), args.quick, args.otter)
    console = Console(width=160)
    for table in tables(figures):
        console.print(table)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(figures, indent=2) + "\n")
    print(f"figures written to {args.out}")
    failed = failures(figures)
    for name, why in failed.items():
        print(f"FAILED: {name}: {why}", file=sys.stderr)
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
