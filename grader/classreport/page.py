"""The class report page: one self-contained HTML file (pure: ``render(run, hints) -> str``).

Like the feedback pages it has no scripts and loads nothing (inline CSS and SVG under
a Content-Security-Policy forbidding the rest); links to students' feedback pages are
relative (``feedback/<id>.html``), so the results folder can be moved or zipped whole.
"""

from __future__ import annotations

import statistics
from urllib.parse import quote

from grader.classreport import analysis
from grader.classreport.charts import histogram_svg, pass_rate_svg
from grader.classreport.gather import ClassRun
from grader.feedback.drawing import esc
from grader.render.feedback_html import CSP, STYLE

CSV_NAME = "misconceptions.csv"
MAX_GROUPS = 40
EXTRA_STYLE = """
.charts{display:flex;flex-wrap:wrap;gap:1rem;align-items:flex-start}
td.n{text-align:right}.ids{font-size:.9em;color:#444}
.note{background:#eef4fb;border-left:4px solid #1f5fbf;padding:.5rem .75rem}
"""


def _link(sid: str) -> str:
    return f'<a href="feedback/{quote(sid)}.html">{esc(sid)}</a>'


def _ids(students, limit: int = 12) -> str:
    shown = ", ".join(_link(s) for s in students[:limit])
    return shown + (f" and {len(students) - limit} more" if len(students) > limit else "")


def _class_line(run: ClassRun) -> str:
    graded, expected = len(run.records), len(run.expected)
    parts = [f"<p><strong>{graded} student(s) graded</strong> on {esc(', '.join(run.assignments))}."]
    if run.shard:
        parts.append(f' <span class="warning">This folder is shard {esc(run.shard)} only: {expected} of the '
                     f"class's {run.roster_size} students. Merge every shard (`grader merge`) for the whole "
                     "class.</span>")
    parts.append("</p>")
    if run.missing:
        parts.append(f'<p class="problem">{len(run.missing)} of {expected} students have no result yet '
                     f"(a run cut short?): {esc(', '.join(run.missing[:20]))}"
                     f"{' …' if len(run.missing) > 20 else ''}. Rerun `grader batch`: it resumes.</p>")
    return "".join(parts)


def _assignment_section(found: analysis.ClassAnalysis, name: str) -> str:
    values, maximum = found.scores[name]
    rates = found.pass_rates[name]
    counts = analysis.histogram(values, maximum)
    mean, median = statistics.fmean(values), statistics.median(values)
    full = sum(v >= maximum for v in values) if maximum else 0
    return (f"<section><h3>{esc(name)}</h3><p>mean {mean:.2f}, median {median:g} of {maximum:g}; "
            f"{full} of {len(values)} with full marks.</p><div class=\"charts\">"
            f"<figure>{histogram_svg(counts, maximum, f'{name}: score distribution')}"
            f"<figcaption>Students per score ({name}).</figcaption></figure>"
            f"<figure>{pass_rate_svg(rates, f'{name}: pass rate per test, hardest first')}"
            "<figcaption>Pass rate per test, hardest first.</figcaption></figure></div></section>")


def _misconceptions(found: list[analysis.Misconception], hints: dict) -> str:
    if not found:
        return "<p>No known mistake was recognised in any student.</p>"
    rows = "".join(f"<tr><td>{esc(m.assignment)}</td><td><code>{esc(m.name)}</code></td>"
                   f"<td>{esc(hints.get((m.assignment, m.name), ''))}</td><td class=\"n\">{len(m.students)}</td>"
                   f"<td class=\"ids\">{_ids(m.students)}</td></tr>" for m in found)
    return ("<table><thead><tr><th>Assignment</th><th>Known mistake</th><th>Misconception</th>"
            f"<th>Students</th><th>Who</th></tr></thead><tbody>{rows}</tbody></table>"
            f'<p>The same counts as a table: <a href="{CSV_NAME}">{CSV_NAME}</a>.</p>')


def _unexplained(run: ClassRun, groups: list[analysis.AnswerGroup]) -> str:
    seeds = ('<p class="note">Every student here was graded with the same seed, so equal fingerprints '
             "mean equal answers on the same hidden inputs.</p>" if len(run.seeds) == 1 else
             f'<p class="warning">Students were graded with {len(run.seeds)} different seeds (--seed-secret '
             "gives each student their own hidden inputs), so equal wrong answers rarely share a fingerprint: "
             "grouping needs one seed for the class (regrade into another folder with --seed N).</p>")
    if not groups:
        return seeds + "<p>Every failed hidden test matched a known mistake (or none failed).</p>"
    rows = "".join(f"<tr><td>{esc(g.assignment)}</td><td>{'<br>'.join(esc(t) for t in g.tests)}</td>"
                   f"<td class=\"n\">{len(g.students)}</td><td>{_link(g.example)}</td>"
                   f"<td class=\"ids\">{_ids(g.students[1:])}</td>"
                   f"<td><code>{'<br>'.join(esc(f) for f in g.fingerprints)}</code></td></tr>"
                   for g in groups[:MAX_GROUPS])
    more = (f"<p>{len(groups) - MAX_GROUPS} smaller groups are not shown.</p>" if len(groups) > MAX_GROUPS else "")
    return (seeds + "<p>Failed hidden tests that match no known mistake, grouped by the student's answers (a "
            "fingerprint of the arrays returned on the hidden inputs; tests failed alike by the same students "
            "form one group), largest group first. Students with a known mistake in an assignment are left "
            "out of its groups. A large group is "
            "a misconception nobody has written down yet: look at the example student, then add it to "
            "<code>solutions/mistakes/&lt;assignment&gt;/</code>.</p>"
            "<table><thead><tr><th>Assignment</th><th>Tests</th><th>Students</th><th>Look at</th>"
            f"<th>Also</th><th>Fingerprint</th></tr></thead><tbody>{rows}</tbody></table>{more}")


def _troubles(found: list[analysis.Trouble]) -> str:
    if not found:
        return "<p>No timeouts, crashes or internal errors.</p>"
    rows = "".join(f"<tr><td>{_link(t.student)}</td><td class=\"status {'error' if t.kind != 'timeout' else 'timeout'}\">"
                   f"{esc(t.kind)}</td><td>{esc('; '.join(t.where))}</td></tr>" for t in found)
    return ("<p>A crash is student code that raised or was killed; an internal error is the grader's own "
            "failure (running the same <code>grader batch</code> again grades those students again).</p><table><thead><tr><th>Student</th><th>What</th>"
            f"<th>Where</th></tr></thead><tbody>{rows}</tbody></table>")


def render(run: ClassRun, found: analysis.ClassAnalysis, hints: dict | None = None) -> str:
    """The report page of ``run`` (``found``: its analysis); ``hints`` maps (assignment,
    mistake name) to its text."""
    hints = hints or {}
    sections = "".join(_assignment_section(found, name) for name in run.assignments)
    body = (f"<h1>Class report</h1>{_class_line(run)}"
            f"<h2>Scores and tests</h2>{sections}"
            f"<h2>Known misconceptions</h2>{_misconceptions(found.misconceptions, hints)}"
            f"<h2>Wrong answers no known mistake explains</h2>{_unexplained(run, found.unexplained)}"
            f"<h2>Timeouts, crashes and internal errors</h2>{_troubles(found.troubles)}")
    return ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            f'<meta http-equiv="Content-Security-Policy" content="{CSP}">'
            f"<title>Class report</title><style>{STYLE}{EXTRA_STYLE}</style></head><body>{body}</body></html>\n")
