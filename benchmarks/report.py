"""The benchmark's figures as rich tables: a summary with targets, then the breakdowns
that say where the time goes (pure: figures in, tables out)."""

from __future__ import annotations

from rich.table import Table

from breakdown import BACKGROUND, CALLS, FORK, IMPORT, SHUTDOWN, START

COLD = "cold process"
BATCH = "batch: warm process, warm fork server"
TARGETS = {"latency": 1.5, "throughput": 60.0, "ratio": 1.3, "memory": 150.0, "otter": 15.0}


def _verdict(ok: bool) -> str:
    return "met" if ok else "MISSED"


def _range(stats: dict, scale: float = 1.0, unit: str = " s", digits: int = 2) -> str:
    return (f"{stats['median'] * scale:.{digits}f}{unit} (range {stats['min'] * scale:.{digits}f}–"
            f"{stats['max'] * scale:.{digits}f}, {stats['runs']} runs)")


def tables(figures: dict) -> list[Table]:
    out = [summary(figures)]
    for label, row in figures.get("latency", {}).items():
        if isinstance(row, dict) and "breakdown_ms" in row:
            b = row["breakdown_ms"]
            out.append(_phases(f"Where a cold `grader grade` ({label}) spends its {b['total_ms']:.0f} ms "
                               f"(one traced run; {b['calls']} student calls)", b["phases_ms"]))
    tp = figures.get("throughput", {})
    if "per_student" in tp:
        out.append(_batch(tp))
    if figures.get("overhead") and "failed" not in figures["overhead"]:
        out.append(_overhead(figures["overhead"], figures.get("round_trip")))
    if figures.get("gradchecks"):
        out.append(_gradchecks(figures["gradchecks"]))
    return out


def summary(figures: dict) -> Table:
    t = Table(title=f"dl-grader benchmarks ({figures.get('date', '')}, load average before "
                    f"{_load(figures, 'before')}, after {_load(figures, 'after')})", title_justify="left")
    for column in ("measure", "conditions", "figure", "target", ""):
        t.add_column(column)
    for name, row in figures.items():
        if isinstance(row, dict) and "failed" in row:
            t.add_row(name, "", f"FAILED: {row['failed'][:300]}", "", "FAILED")
    for label, row in figures.get("latency", {}).items():
        if not isinstance(row, dict) or "seconds" not in row:
            continue
        s, mem = row["seconds"], row["peak_mib"]
        target = TARGETS["latency"] if label.startswith("all") else None
        t.add_row(f"grader grade, {label}", COLD, _range(s), f"≤ {target} s" if target else "",
                  _verdict(s["median"] <= target) if target else "")
        t.add_row(f"  peak memory, {label}", COLD, f"grader {mem['grader']:.0f} MiB; fork server "
                  f"{mem['fork server']:.0f} MiB, largest worker {mem['worker']:.0f} MiB (apart)",
                  f"grader ≤ {TARGETS['memory']:g} MiB", _verdict(mem["grader"] <= TARGETS["memory"]))
    tp = figures.get("throughput", {})
    if "seconds" in tp:
        kinds = ", ".join(f"{v} {k}" for k, v in tp["kinds"].items())
        t.add_row(f"grader batch --jobs {tp['jobs']}, {tp['students']} students × {tp['assignments']} ({kinds})",
                  "one run (a class run is batch by nature)",
                  f"{tp['seconds']:.1f} s, {tp['students_per_second']:.2f} students/s; all {tp['graded']} graded "
                  f"and checked", f"≤ {TARGETS['throughput']:g} s for 200",
                  _verdict(tp["seconds"] <= TARGETS["throughput"]) if tp["students"] >= 200 else "(quick: n/a)")
        mem = tp["peak_mib"]
        t.add_row("  peak memory, batch", "one run", f"each grading process ≤ {mem['grader']:.0f} MiB; fork server "
                  f"{mem['fork server']:.0f} MiB, largest worker {mem['worker']:.0f} MiB (apart)",
                  f"grader ≤ {TARGETS['memory']:g} MiB",
                  _verdict(mem["grader"] <= TARGETS["memory"]))
    ov = figures.get("overhead", {})
    if ov and "failed" not in ov:
        worst = max(ov, key=lambda n: ov[n]["batch"]["ratio"])
        ratios = [r["batch"]["ratio"] for r in ov.values()]
        met = sum(r <= TARGETS["ratio"] for r in ratios)
        t.add_row("sandboxed / in-process, every assignment", BATCH,
                  f"×{min(ratios):.2f}–×{max(ratios):.2f} (worst {worst}); {met} of {len(ratios)} within ×{TARGETS['ratio']:g}",
                  f"≤ ×{TARGETS['ratio']:g} each", _verdict(met == len(ratios)))
        watching = all(r["batch"].get("watching") for r in ov.values())
        if any("batch_sleeping" in r for r in ov.values()):
            asleep = [r["batch_sleeping"]["ratio"] for r in ov.values() if "batch_sleeping" in r]
            t.add_row("  the same, both sides sleeping" + (" (the row above watches: one grading process, two "
                      "CPUs)" if watching else ""), BATCH + ", as in --jobs 2 on 2 cores",
                      f"×{min(asleep):.2f}–×{max(asleep):.2f}", "(printed beside)", "")
        cold = [r["cold"]["ratio"] for r in ov.values()]
        t.add_row("  the same, cold", COLD, f"×{min(cold):.2f}–×{max(cold):.2f}", "(printed beside)", "")
    ot = figures.get("otter", {})
    if "speedup" in ot:
        t.add_row(f"otter run / grader batch per submission ({ot['assignment']}, {ot['class_size']} students)",
                  "otter: cold process; ours: batch", f"{ot['otter_seconds']:.2f} s / "
                  f"{ot['class_seconds_per_submission'] * 1000:.0f} ms: ×{ot['class_speedup']:.0f}", f"≥ ×{TARGETS['otter']:g}",
                  _verdict(ot["class_speedup"] >= TARGETS["otter"]))
        t.add_row(f"  otter run / grader grade ({ot['assignment']})", COLD,
                  f"{ot['otter_seconds']:.2f} s / {ot['grader_seconds']:.2f} s: ×{ot['speedup']:.1f}",
                  "(printed beside)", "")
    elif "skipped" in ot:
        t.add_row("otter run vs grader", "", ot["skipped"], "", "skipped")
    return t


def _load(figures: dict, when: str) -> str:
    load = figures.get(f"load_average_{when}")
    return f"{load[0]:.1f}" if load else "?"


def _phases(title: str, phases: dict) -> Table:
    t = Table(title=title, title_justify="left")
    t.add_column("phase")
    t.add_column("ms", justify="right")
    for label, ms in phases.items():
        t.add_row(label, f"{ms:.1f}")
    return t


def _batch(tp: dict) -> Table:
    ps = tp["per_student"]
    t = _phases(f"Where a reference student's {ps['seconds'] * 1000:.0f} ms go in a grading process (batch "
                f"conditions, median of a sample, timers on)", ps["phases_ms"])
    per_job = tp["students"] * ps["seconds"] / tp["jobs"]
    t.add_row("—", "")
    t.add_row(f"class at this cost: {tp['students']} × {ps['seconds']:.2f} s / {tp['jobs']} jobs",
              f"{per_job * 1000:.0f}")
    for kind, row in tp.get("seconds_by_kind", {}).items():
        t.add_row(f"in the class run: {row['students']} {kind} students, median {row['median']:.1f} s each",
                  f"{row['total'] * 1000:.0f} in all")
    busy = sum(row["total"] for row in tp.get("seconds_by_kind", {}).values())
    t.add_row(f"measured class run: {tp['jobs']} jobs busy {busy:.0f} s in all; the rest of "
              f"{tp['jobs']} × wall is the runner and process start", f"{tp['seconds'] * 1000:.0f}")
    t.add_row(f"floor: the students' own work, {tp['students_own_work_s'] * 1000:.0f} ms each "
              f"(in-process), on {tp['jobs']} cores", f"{tp['floor_seconds'] * 1000:.0f}")
    return t


def _real_call(real: dict | None) -> str:
    if not real:
        return ""
    worker = (f", the worker {real['worker_cpu_us']['median']:.0f} µs of CPU (each side's watching included)"
              if real.get("worker_cpu_us")
              else " (the worker's CPU time: no /proc here)")
    return (f" A real call (the reference rnn's forward and backward, 5 arrays in, 6 out): "
            f"{real['wall_us']['median']:.0f} µs, of which the grader {real['grader_cpu_us']['median']:.0f} µs "
            f"of CPU{worker}; the same two calls in-process (the student's own work, inside the worker's) "
            f"{real['in_process_us']['median']:.0f} µs.")


def _overhead(ov: dict, trip: dict | None) -> Table:
    caption = None
    if trip and "failed" not in trip:
        watched = (f", {trip['watched_pipe_us']['median']:.0f} µs with both sides watching their pipe"
                   if "watched_pipe_us" in trip else "")
        mode = ("here the grader and its worker watch (one grading process, two CPUs)" if trip.get("watching")
                else "here the grader and its worker sleep")
        caption = (f"One round trip, batch conditions (medians; {mode}): a bare pipe round trip between two "
                   f"processes {trip['pipe_us']['median']:.0f} µs sleeping{watched} (the system's floors); "
                   "a trivial sandboxed call "
                   f"{trip['sandboxed_call_us']['median']:.0f} µs (framing, checks and bookkeeping on both sides), "
                   f"{trip['sandboxed_call_between_work_us']['median']:.0f} µs with 3 ms of the grader's own work "
                   "between two calls (the worker asleep by then, its caches cold); "
                   f"the same in-process {trip['in_process_call_us']['median']:.1f} µs."
                   + _real_call(trip.get("real_call")))
    t = Table(title="Sandboxed / in-process, the same tests (ms, medians)", title_justify="left", caption=caption,
              caption_justify="left")
    for column in ("assignment", "batch: sandboxed vs in-process", "batch, both sides sleeping",
                   "cold: sandboxed vs in-process", "round trips", "extra per round trip (batch)",
                   "where the batch difference goes"):
        t.add_column(column)
    for name, row in ov.items():
        b, c, d = row["batch"], row["cold"], row["breakdown"]
        z = row.get("batch_sleeping")
        ms, here = d["phases_ms"], d["in_process_phases_ms"]
        t.add_row(name, f"{b['sandboxed']['median'] * 1000:.0f} vs {b['in_process']['median'] * 1000:.0f}: "
                  f"×{b['ratio']:.2f}" + (" ✗" if b["ratio"] > TARGETS["ratio"] else ""),
                  f"{z['sandboxed']['median'] * 1000:.0f}: ×{z['ratio']:.2f}" if z else "",
                  f"{c['sandboxed']['median'] * 1000:.0f} vs {c['in_process']['median'] * 1000:.0f}: ×{c['ratio']:.2f}",
                  str(d["calls"]), f"{d['extra_ms_per_call']:.2f}",
                  f"calls {ms.get(CALLS, 0):.1f} vs {here.get(CALLS, 0):.1f}; worker start "
                  f"{ms.get(START, 0):.1f}, import {ms.get(IMPORT, 0):.1f}, shutdown {ms.get(SHUTDOWN, 0):.1f} "
                  f"(fork request {ms.get(FORK + BACKGROUND, 0):.1f}, overlapped)")
    return t


def _gradchecks(gc: dict) -> Table:
    t = Table(title="Gradient checks: full elementwise vs one random direction", title_justify="left")
    for column in ("shape", "full", "direction"):
        t.add_column(column)
    for label, row in gc.items():
        t.add_row(label, f"{row['full']['evaluations']} evaluations, {row['full']['seconds'] * 1000:.1f} ms",
                  f"{row['direction']['evaluations']} evaluations, {row['direction']['seconds'] * 1000:.2f} ms")
    return t
