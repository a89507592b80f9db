"""What a class's records say, as plain values: pure functions over ``ClassRun.records``.

Scores per assignment, each test's pass rate, who made which known mistake, which
failures match no known mistake (grouped by the fingerprint of the wrong answer), and
whose grading hit a timeout, a crash or an internal error. Nothing here reads files or
formats text.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

PASSED, TIMEOUT, ERROR = "passed", "timeout", "error"


@dataclass(frozen=True)
class TestRate:
    """One test of one assignment across the class."""

    assignment: str
    name: str
    hidden: bool
    passed: int
    graded: int

    @property
    def rate(self) -> float:
        return self.passed / self.graded if self.graded else 0.0


@dataclass(frozen=True)
class Misconception:
    """A known mistake (``solutions/mistakes/<assignment>/<name>.py``) and who made it."""

    assignment: str
    name: str
    students: tuple[str, ...]
    tests: tuple[str, ...]


@dataclass(frozen=True)
class AnswerGroup:
    """Students who failed the same hidden tests of an assignment with the same answers
    (per test, one fingerprint), none of whom made a known mistake there."""

    assignment: str
    tests: tuple[str, ...]
    fingerprints: tuple[str, ...]  # one per test
    students: tuple[str, ...]

    @property
    def example(self) -> str:
        return self.students[0]


@dataclass(frozen=True)
class Trouble:
    """A student whose grading did not run normally: ``kind`` is timeout, crash or internal error."""

    student: str
    kind: str
    where: tuple[str, ...]  # "assignment: test" (or the record's note for an internal error)


def _tests(record: dict, assignment: str) -> list[dict]:
    return record["result"].get("assignments", {}).get(assignment, {}).get("tests", [])


def scores(run_records: dict, assignment: str) -> tuple[list[float], float]:
    """Every student's score on ``assignment`` (id order) and the assignment's maximum."""
    values, maximum = [], 0.0
    for record in run_records.values():
        graded = record["result"].get("assignments", {}).get(assignment, {})
        values.append(float(graded.get("score", 0.0)))
        maximum = max(maximum, float(graded.get("max_score", 0.0)))
    return values, maximum


def histogram(values: list[float], maximum: float, bins: int = 10) -> list[int]:
    """Counts of ``values`` in ``bins`` equal bins over [0, maximum] (the last one closed)."""
    counts = [0] * bins
    for value in values:
        k = int(value / maximum * bins) if maximum > 0 else 0
        counts[min(max(k, 0), bins - 1)] += 1
    return counts


def pass_rates(run_records: dict, assignment: str) -> list[TestRate]:
    """Each test's pass rate on ``assignment``, hardest first (then in file order)."""
    order: dict[str, bool] = {}
    passed: dict[str, int] = defaultdict(int)
    graded: dict[str, int] = defaultdict(int)
    for record in run_records.values():
        for test in _tests(record, assignment):
            order.setdefault(test["name"], bool(test.get("hidden")))
            graded[test["name"]] += 1
            passed[test["name"]] += test.get("status") == PASSED
    rates = [TestRate(assignment, name, hidden, passed[name], graded[name]) for name, hidden in order.items()]
    position = {name: k for k, name in enumerate(order)}
    return sorted(rates, key=lambda r: (r.rate, position[r.name]))


def misconceptions(run_records: dict, assignments) -> list[Misconception]:
    """Every known mistake recognised in some student, most students first."""
    students: dict[tuple[str, str], dict[str, None]] = defaultdict(dict)
    tests: dict[tuple[str, str], dict[str, None]] = defaultdict(dict)
    for sid, record in run_records.items():
        for assignment in assignments:
            for test in _tests(record, assignment):
                for name in test.get("mistakes", ()):
                    students[assignment, name][sid] = None
                    tests[assignment, name][test["name"]] = None
    found = [Misconception(a, n, tuple(students[a, n]), tuple(tests[a, n])) for a, n in students]
    return sorted(found, key=lambda m: (-len(m.students), m.assignment, m.name))


def unexplained(run_records: dict, assignments) -> list[AnswerGroup]:
    """Failed hidden tests that matched no known mistake, largest group first.

    Students are grouped per test by the fingerprint of their answers; tests of one
    assignment whose groups hold the same students become one group (one wrong idea
    fails several tests). A student with a known mistake in an assignment is left out
    of its groups: their other failures there most likely follow from that mistake.
    """
    per_test: dict[tuple[str, str, str], list[str]] = defaultdict(list)
    for sid, record in run_records.items():
        for assignment in assignments:
            tests = _tests(record, assignment)
            if any(t.get("mistakes") for t in tests):
                continue
            for test in tests:
                if test.get("status") == "failed" and test.get("fingerprint"):
                    per_test[assignment, test["name"], test["fingerprint"]].append(sid)
    folded: dict[tuple[str, tuple[str, ...]], list[tuple[str, str]]] = defaultdict(list)
    for (assignment, test, fingerprint), sids in per_test.items():
        folded[assignment, tuple(sids)].append((test, fingerprint))
    found = [AnswerGroup(a, tuple(t for t, _ in pairs), tuple(f for _, f in pairs), sids)
             for (a, sids), pairs in folded.items()]
    return sorted(found, key=lambda g: (-len(g.students), -len(g.tests), g.assignment, g.tests))


def troubles(run_records: dict, assignments) -> list[Trouble]:
    """Students whose grading hit a timeout, a crash of their code, or an internal error."""
    found = []
    for sid, record in run_records.items():
        if record.get("internal_error"):
            note = record.get("note") or "a check could not be completed by the grader"
            found.append(Trouble(sid, "internal error", (note,)))
            continue
        for kind, status in (("timeout", TIMEOUT), ("crash", ERROR)):
            where = tuple(_where(a, [t["name"] for t in _tests(record, a) if t.get("status") == status])
                          for a in assignments if any(t.get("status") == status for t in _tests(record, a)))
            if where:
                found.append(Trouble(sid, kind, where))
    return found


def _where(assignment: str, tests: list[str]) -> str:
    """"nag: first test" (and how many more): a timeout at import fails every test alike."""
    more = f" and {len(tests) - 1} more" if len(tests) > 1 else ""
    return f"{assignment}: {tests[0]}{more}"


@dataclass(frozen=True)
class ClassAnalysis:
    """Everything the page, the summary and the CSV show, computed once for a run."""

    scores: dict  # assignment → (every student's score, the maximum)
    pass_rates: dict  # assignment → [TestRate], hardest first
    misconceptions: list
    unexplained: list
    troubles: list


def analyse(run_records: dict, assignments) -> ClassAnalysis:
    return ClassAnalysis({name: scores(run_records, name) for name in assignments},
                         {name: pass_rates(run_records, name) for name in assignments},
                         misconceptions(run_records, assignments), unexplained(run_records, assignments),
                         troubles(run_records, assignments))
