"""`grader report`: a real class graded in two shards and merged, then reported (and opened in Chromium).

The class: one right answer, two students with the same known mistake (in different
shards), two with the same mistake nobody wrote down (twice the learning rate, written
two different ways), one whose import never ends, and one whose code raises.
"""

from __future__ import annotations

import csv
import json
import re
import shutil
import subprocess
import sys

import jsonschema
import pytest

import browser
from batch_helpers import HOSTILE, ROOT, correct, environment, run_batch, student, with_mistake

SCHEMA = json.loads((ROOT / "grader" / "schemas" / "report.schema.json").read_text())
RIGHT = "velocity_next = rho * velocity - lr * grad_fn(theta + rho * velocity)"
CLASS = {
    "ann": correct(),
    "ben": with_mistake("gradient_at_theta"),
    "cal": with_mistake("gradient_at_theta"),
    "dan": correct().replace(RIGHT, "velocity_next = rho * velocity - 2 * lr * grad_fn(theta + rho * velocity)"),
    "eve": correct().replace(RIGHT, "velocity_next = velocity * rho - (lr + lr) * grad_fn(rho * velocity + theta)"),
    "fay": "\nwhile True:\n    pass\n",
    "gus": correct() + HOSTILE,
}


def grader(*args) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "grader", *map(str, args)], capture_output=True, text=True,
                          env=environment(), timeout=300)


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    base = tmp_path_factory.mktemp("class")
    for sid, source in CLASS.items():
        student(base / "roster", sid, source)
    for index in (1, 2):
        proc = run_batch(base / "roster", base / f"shard{index}", "--jobs", "2", "--shard", f"{index}/2")
        assert proc.returncode == 1, proc.stderr
    proc = grader("merge", base / "merged", base / "shard1", base / "shard2")
    assert proc.returncode == 0, proc.stderr
    return base


def checks_in(folder, sid):
    return json.loads((folder / "students" / f"{sid}.json").read_text())["result"]["assignments"]["nag"]["tests"]


def test_records_name_known_mistakes_and_fingerprint_hidden_answers_within_the_schema(runs):
    merged = runs / "merged"
    for sid in CLASS:
        jsonschema.validate(json.loads((merged / "students" / f"{sid}.json").read_text())["result"], SCHEMA)
    assert {name for t in checks_in(merged, "ben") for name in t.get("mistakes", ())} == {"gradient_at_theta"}
    dan, eve = checks_in(merged, "dan"), checks_in(merged, "eve")
    printed = [t for t in dan if t.get("fingerprint")]
    assert printed and all(t["status"] == "failed" and t["hidden"] for t in printed)
    assert all(re.fullmatch(r"[0-9a-f]{16}", t["fingerprint"]) for t in printed)
    # Same wrong idea, different code, other shard: the same fingerprints, test by test.
    assert [t.get("fingerprint") for t in dan] == [t.get("fingerprint") for t in eve]
    assert not any(t.get("fingerprint") or t.get("mistakes") for t in checks_in(merged, "ann"))
    assert [t.get("fingerprint") for t in checks_in(merged, "ben")] != [t.get("fingerprint") for t in dan]


def test_grade_json_names_the_known_mistake_within_the_schema(tmp_path):
    folder = student(tmp_path, "zoe", with_mistake("gradient_at_theta"))
    proc = grader("grade", folder, "-a", "nag", "--format", "json")
    assert proc.returncode == 1, proc.stderr
    report = json.loads(proc.stdout)
    jsonschema.validate(report, SCHEMA)
    assert any(t.get("mistakes") == ["gradient_at_theta"] for t in report["tests"])


def test_report_of_a_merged_sharded_run(runs):
    merged = runs / "merged"
    proc = grader("report", merged)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == str(merged / "report.html")
    assert "7 students graded" in proc.stderr and "gradient_at_theta" in proc.stderr
    page = (merged / "report.html").read_text()
    assert page.count("<svg") == 2 and "Content-Security-Policy" in page and "<script" not in page
    misconceptions = page.split("<h2>Known misconceptions</h2>")[1].split("<h2>")[0]
    assert "gradient_at_theta" in misconceptions and "look-ahead point" in misconceptions
    assert 'href="feedback/ben.html"' in misconceptions and 'href="feedback/cal.html"' in misconceptions
    unexplained = page.split("<h2>Wrong answers no known mistake explains</h2>")[1].split("<h2>")[0]
    first_row = unexplained.split("<tbody>")[1].split("</tr>")[0]
    assert 'href="feedback/dan.html"' in first_row and 'href="feedback/eve.html"' in first_row
    assert "ben" not in unexplained and "same seed" in unexplained
    troubles = page.split("<h2>Timeouts, crashes and internal errors</h2>")[1]
    assert re.search(r"fay\.html.*?timeout", troubles) and re.search(r"gus\.html.*?crash", troubles)
    with open(merged / "misconceptions.csv", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert [(r["assignment"], r["mistake"], r["students"], r["student_ids"]) for r in rows] == \
        [("nag", "gradient_at_theta", "2", "ben cal")]


def test_report_of_a_partial_run_says_who_is_missing_and_of_mixed_seeds_that_grouping_needs_one(runs, tmp_path):
    partial = tmp_path / "partial"
    shutil.copytree(runs / "merged", partial)
    (partial / "students" / "eve.json").unlink()
    ann = partial / "students" / "ann.json"
    ann.write_text(ann.read_text().replace('"seed": 0', '"seed": 12345'))
    proc = grader("report", partial)
    assert proc.returncode == 0, proc.stderr
    assert "1 of 7 students missing" in proc.stderr
    page = (partial / "report.html").read_text()
    assert "1 of 7 students have no result yet" in page and "eve." in page
    assert "2 different seeds" in page


def test_report_of_one_shard_says_it_is_not_the_whole_class(runs):
    proc = grader("report", runs / "shard2")
    assert proc.returncode == 0, proc.stderr
    page = (runs / "shard2" / "report.html").read_text()
    assert "shard 2/2 only: 3 of the class's 7 students" in page and "3 student(s) graded" in page


def test_report_refuses_a_folder_that_is_not_a_batch_run(tmp_path):
    proc = grader("report", tmp_path)
    assert proc.returncode == 2 and "not the output of `grader batch`" in proc.stderr
    assert not (tmp_path / "report.html").exists()


def test_report_help():
    proc = grader("report", "--help")
    assert proc.returncode == 0 and "RESULTS" in proc.stdout


# ---------------------------------------------------------------- in a real browser
needs_chromium = pytest.mark.skipif(browser.CHROMIUM is None, reason=browser.SKIP_REASON)


def check_in_browser(page, scratch, figures: int):
    """The page loads with nothing logged (no error, no CSP violation), keeps every figure,
    is not blank, and each figure, drawn alone, shows more than a background."""
    scratch.mkdir(parents=True, exist_ok=True)
    rendered = browser.open_page(page, scratch)
    assert rendered.console == (), f"{page.name} logged: {rendered.console}"
    drawn = browser.figures_of(rendered.dom)
    assert len(drawn) == page.read_text().count("<svg") == figures
    assert "</body>" in rendered.dom and not browser.blank(rendered.screenshot)
    shares = browser.figure_sheet(page, drawn, scratch)
    assert all(share > 0.01 for share in shares), f"empty figure(s) in {page.name}: {shares}"


@needs_chromium
def test_report_and_feedback_pages_render_in_chromium(runs, tmp_path):
    merged = runs / "merged"
    if not (merged / "report.html").exists():
        assert grader("report", merged).returncode == 0
    check_in_browser(merged / "report.html", tmp_path, figures=2)
    for sid in ("ben", "gus"):  # a trajectory beside the reference; a student's exception text quoted
        page = merged / "feedback" / f"{sid}.html"
        check_in_browser(page, tmp_path / sid, figures=page.read_text().count("<svg"))


@needs_chromium
def test_every_assignments_figures_render_in_chromium(tmp_path):
    roster = tmp_path / "roster" / "hw-all"
    roster.mkdir(parents=True)
    for source in (ROOT / "solutions").glob("*.py"):
        shutil.copy(source, roster / source.name)
    proc = grader("batch", tmp_path / "roster", "--out", tmp_path / "out", "--jobs", "2")
    assert proc.returncode == 0, proc.stderr
    [page] = (tmp_path / "out" / "feedback").glob("*.html")
    sections = page.read_text().count("<section>")
    assert sections == 13
    check_in_browser(page, tmp_path / "page", figures=page.read_text().count("<svg"))
    assert page.read_text().count("<svg") >= 13


@needs_chromium
def test_the_browser_check_catches_scripts_and_blocked_loads(tmp_path):
    empty = tmp_path / "empty.html"
    empty.write_text('<!DOCTYPE html><html><head><meta http-equiv="Content-Security-Policy" '
                     "content=\"default-src 'none'\"></head><body>"
                     '<svg xmlns="http://www.w3.org/2000/svg" width="300" height="200"></svg></body></html>')
    assert browser.figure_sheet(empty, browser.figures_of(browser.open_page(empty, tmp_path).dom), tmp_path) == [0.0]
    page = tmp_path / "bad.html"
    page.write_text('<!DOCTYPE html><html><head><meta http-equiv="Content-Security-Policy" '
                    "content=\"default-src 'none'\"></head><body><p>x</p><script>alert(1)</script>"
                    '<img src="https://example.invalid/x.png"></body></html>')
    rendered = browser.open_page(page, tmp_path)
    assert len(rendered.console) == 2 and all("Content Security Policy" in line for line in rendered.console)
