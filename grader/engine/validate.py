"""Check an assignment's test suite against what it must tell apart.

The reference and every right solution in another style (``solutions/styles/``) must
score full marks; the untouched template must score 0 with no ``error`` (every function
"not implemented"); a submission that does nothing (``null_variants``: None, zeros,
constants, input-independent noise, its inputs echoed) must score 0; every known
mistake must lose points on at least one hidden test; and every hidden test must be
failed by at least one known mistake, unless it carries ``@pytest.mark.uncovered("why")``.
Parts still missing (``grader.engine.readiness``: a fresh ``grader new`` skeleton) are
listed first; without a reference solution nothing is graded.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path

from grader.engine.readiness import missing_parts
from grader.course import Assignment, course_root
from grader.engine.grade import GradeOptions, grade_assignment, uncovered_reasons
from grader.engine.null_variants import KINDS, null_source
from grader.engine.reference import mistake_source
from grader.model import AssignmentResult, Status
from grader.sandbox.launcher import ForkServer


@dataclass(frozen=True)
class Row:
    """One graded subject (reference, template or a known mistake) and its verdict."""

    subject: str
    score: float
    max_score: float
    problem: str  # empty when the subject behaves as required


@dataclass(frozen=True)
class Validation:
    assignment: str
    rows: tuple[Row, ...]
    uncovered: tuple[str, ...]  # hidden tests no mistake fails and no reason excuses
    missing: tuple[str, ...] = ()  # parts the assignment still lacks (readiness.missing_parts)

    @property
    def ok(self) -> bool:
        return not self.missing and not self.uncovered and not any(r.problem for r in self.rows)


def _grade_source(assignment: Assignment, source: str, options: GradeOptions, launcher: ForkServer) -> AssignmentResult:
    with tempfile.TemporaryDirectory(prefix="grader-validate-") as tmp:
        path = Path(tmp) / assignment.filename
        path.write_text(source)
        return grade_assignment(path, assignment, options, launcher)


def validate_assignment(assignment: Assignment, seed: int = 0) -> Validation:
    missing = tuple(missing_parts(assignment, course_root()))
    if not assignment.solution.is_file():
        return Validation(assignment.name, (), (), missing)
    options = GradeOptions(hidden=True, seed=seed, remember_reference=True)  # every variant: one seed
    reference_source = assignment.solution.read_text()
    # One fork server for every variant (a fork server per variant cost ~0.1 s each).
    with ForkServer() as launcher:
        def grade(source: str) -> AssignmentResult:
            return _grade_source(assignment, source, options, launcher)

        rows = []
        reference = grade(reference_source)
        rows.append(Row("reference", reference.score, reference.max_score,
                        "" if reference.score == reference.max_score else _failures(reference)))
        template_path = course_root() / "student_templates" / assignment.filename
        if template_path.is_file():
            template = grade(template_path.read_text())
            bad = [t.name for t in template.tests if t.status is not Status.MISSING]
            rows.append(Row("template", template.score, template.max_score,
                            f"not reported as missing: {', '.join(bad)}" if bad else ""))
        else:
            rows.append(Row("template", 0.0, 0.0, "no template yet: run grader release --update-templates"))
        for path in assignment.styles:
            style = grade(mistake_source(assignment, path))
            rows.append(Row(f"style {path.stem}", style.score, style.max_score,
                            "" if style.score == style.max_score else _failures(style)))
        for kind in KINDS:
            null = grade(null_source(assignment, reference_source, kind))
            paid = [f"{t.name} ({t.score:g})" for t in null.tests if t.score > 0]
            rows.append(Row(f"does nothing: {kind}", null.score, null.max_score,
                            f"earns points: {'; '.join(paid)}"[:800] if paid else ""))
        failed_by_some = set()
        for path in assignment.mistakes:
            result = grade(mistake_source(assignment, path))
            lost = [t.name for t in result.tests if t.hidden and t.score < t.max_score]
            failed_by_some.update(lost)
            rows.append(Row(f"mistake {path.stem}", result.score, result.max_score,
                            "" if lost else "loses no points on any hidden test"))
    excused = uncovered_reasons(assignment)
    hidden = [t.name for t in reference.tests if t.hidden]
    uncovered = tuple(n for n in hidden if n not in failed_by_some and n not in excused)
    return Validation(assignment.name, tuple(rows), uncovered, missing)


def _failures(result: AssignmentResult) -> str:
    return "; ".join(f"{t.name}: {t.status.value} {t.output}" for t in result.tests
                     if t.status is not Status.PASSED)[:800]
