"""The per-student feedback page: one self-contained HTML file.

``render(result, figures=..., student=...) -> str`` is pure. The page has no scripts and
loads nothing (inline CSS and SVG, and a Content-Security-Policy forbidding the rest),
and every piece of text is escaped: messages quote students' exception texts.
"""

from __future__ import annotations

import html

from grader.feedback import problems
from grader.feedback.chart_svg import chart_html
from grader.feedback.charts import Chart
from grader.feedback.figures import Curves, Trajectories
from grader.feedback.pictures import curves_svg, trajectory_svg
from grader.model import AssignmentResult, Status, SubmissionResult

CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"
STYLE = """
body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#222}
table{border-collapse:collapse;width:100%;margin:.5rem 0 1rem}
th,td{border-bottom:1px solid #ddd;padding:.35rem .5rem;text-align:left;vertical-align:top}
td.points{text-align:right;white-space:nowrap}
.status{font-weight:600;white-space:nowrap}
.passed{color:#1e8449}.failed,.error{color:#c0392b}.timeout{color:#8e44ad}.missing{color:#b7950b}
.skipped{color:#888}.hidden{color:#888;font-size:.85em}
.problem{background:#fdf2e9;border-left:4px solid #e67e22;padding:.5rem .75rem}
figure{margin:1rem 0}figcaption{font-size:.9em;color:#555;max-width:44rem}
.warning{color:#9a7d0a}.isolation{color:#555;font-size:.9em}
.panels{display:flex;flex-wrap:wrap;gap:.5rem}.panel h3{font-size:.95em;margin:.2rem 0}
"""


def esc(text) -> str:
    return html.escape(str(text), quote=True)


def _points(x: float) -> str:
    return f"{x:g}"


def _row(test, show_hidden_names: bool) -> str:
    name = esc(test.name) if show_hidden_names or not test.hidden else "hidden test"
    if test.hidden:
        name += ' <span class="hidden">(hidden)</span>'
    return (f"<tr><td>{name}</td><td class=\"points\">{_points(test.score)}/{_points(test.max_score)}</td>"
            f"<td class=\"status {esc(test.status.value)}\">{esc(test.status.value)}</td>"
            f"<td>{esc(test.output)}</td></tr>")


def _table(result: AssignmentResult, show_hidden_names: bool) -> str:
    rows = "".join(_row(t, show_hidden_names) for t in result.tests)
    return ("<table><thead><tr><th>Test</th><th>Points</th><th>Status</th><th>Message</th></tr></thead>"
            f"<tbody>{rows}</tbody></table>")


def _nag_figure(fig: Trajectories) -> str:
    # Captions are trusted markup written here; nothing in them comes from the student.
    caption = (f"Your <code>optimize(grad_fn, theta0, 'nag', lr={problems.NAG_LR:g}, rho={problems.NAG_RHO:g}, "
               f"num_steps={problems.NAG_STEPS})</code> from θ₀ = {problems.NAG_START} on the quadratic "
               f"J(θ) = ½θᵀAθ − bᵀθ whose Hessian has eigenvalues {problems.NAG_EIGENVALUES[0]:g} and "
               f"{problems.NAG_EIGENVALUES[1]:g}. A correct Nesterov step follows the dashed reference.")
    parts = []
    if fig.problem:
        lead = "Your path could not be drawn in full" if fig.student is not None else "Your path could not be drawn"
        parts.append(f'<p class="problem">{lead}: {esc(fig.problem)}</p>')
    if fig.note:
        parts.append(f"<p>{esc(fig.note)}.</p>")
    parts.append(f"<figure>{trajectory_svg(fig, f'clip-{fig.assignment}')}<figcaption>{caption}"
                 "</figcaption></figure>")
    return "".join(parts)


def _clipping_figure(fig: Curves) -> str:
    if fig.problem:
        return f'<p class="problem">The loss curves could not be drawn: {esc(fig.problem)}</p>'
    caption = (f"Training w of the scalar RNN y_t = w·y_(t−1), y_0 = 1, T = {problems.RNN_T}, by gradient "
               f"descent (lr {problems.RNN_LR:g}) on L = ½(y_T − 1)² from w = {problems.RNN_W0:g}, with the "
               "gradient from your <code>scalar_rnn_grad</code>; the clipped run passes it through your "
               f"<code>clip_by_global_norm</code> with max_norm {problems.RNN_MAX_NORM:g}. Log scale.")
    notes = "".join(f'<p class="problem">{esc(s.label)}: {esc(s.problem)}</p>' for s in fig.series if s.problem)
    return (f"{notes}<figure>{curves_svg(fig, f'clip-{fig.assignment}')}<figcaption>{caption}"
            "</figcaption></figure>")


def _figure(fig) -> str:
    if isinstance(fig, Chart):
        return chart_html(fig)
    if isinstance(fig, Trajectories):
        return _nag_figure(fig)
    if isinstance(fig, Curves):
        return _clipping_figure(fig)
    return ""


def _section(result: AssignmentResult, figures: dict, show_hidden_names: bool) -> str:
    source = f" <small>({esc(result.source)})</small>" if result.source else ""
    warnings = "".join(f'<p class="warning">warning: {esc(w)}</p>' for w in result.warnings)
    figure = _figure(figures[result.assignment]) if result.assignment in figures else ""
    return (f"<section><h2>{esc(result.assignment)}: {_points(result.score)} / {_points(result.max_score)}"
            f"{source}</h2>{warnings}{_table(result, show_hidden_names)}{figure}</section>")


def render(result: SubmissionResult, *, figures=(), student: str = "", show_hidden_names: bool = True) -> str:
    """The feedback page of ``result``, with ``figures`` placed under their assignments."""
    by_assignment = {fig.assignment: fig for fig in figures}
    title = f"Feedback for {student}" if student else "Feedback"
    sections = "".join(_section(r, by_assignment, show_hidden_names) for r in result.results)
    warnings = "".join(f'<p class="warning">warning: {esc(w)}</p>' for w in result.warnings
                       if not any(w in r.warnings for r in result.results))
    isolation = f'<p class="isolation">isolation: {esc(result.isolation)}</p>' if result.isolation else ""
    passed = sum(t.status is Status.PASSED for r in result.results for t in r.tests)
    total = sum(len(r.tests) for r in result.results)
    return ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            f'<meta http-equiv="Content-Security-Policy" content="{CSP}">'
            f"<title>{esc(title)}</title><style>{STYLE}</style></head><body>"
            f"<h1>{esc(title)}</h1><p><strong>Total: {_points(result.score)} / {_points(result.max_score)}"
            f"</strong> — {passed} of {total} checks passed.</p>{isolation}{warnings}{sections}</body></html>\n")
