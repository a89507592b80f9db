"""The class report's analysis, on hand-made records (pure functions, no grading)."""

import csv
import io

from grader.classreport import analysis
from grader.classreport.tables import misconceptions_csv


def test(name, status, hidden=True, mistakes=(), fingerprint=""):
    data = {"name": name, "status": status, "score": 1.0 if status == "passed" else 0.0, "max_score": 1.0,
            "output": "", "hidden": hidden}
    if mistakes:
        data["mistakes"] = list(mistakes)
    if fingerprint:
        data["fingerprint"] = fingerprint
    return data


test.__test__ = False


def record(*tests, internal_error=False, note=""):
    score = sum(t["score"] for t in tests)
    return {"internal_error": internal_error, "note": note,
            "result": {"assignments": {"nag": {"score": score, "max_score": 4.0, "tests": list(tests)}}}}


RECORDS = {
    "ann": record(test("a", "passed"), test("b", "passed"), test("c", "passed"), test("d", "passed")),
    "ben": record(test("a", "passed"), test("b", "failed", mistakes=["at_theta"], fingerprint="1" * 16),
                  test("c", "failed", fingerprint="2" * 16), test("d", "passed")),
    "cal": record(test("a", "passed"), test("b", "failed", fingerprint="3" * 16),
                  test("c", "failed", fingerprint="4" * 16), test("d", "timeout")),
    "dan": record(test("a", "passed"), test("b", "failed", fingerprint="3" * 16),
                  test("c", "failed", fingerprint="4" * 16), test("d", "error")),
    "eve": record(test("a", "failed", hidden=False), test("b", "failed", fingerprint="5" * 16),
                  test("c", "failed", fingerprint="4" * 16), test("d", "passed")),
    "fay": record(test("a", "error"), test("b", "error"), test("c", "error"), test("d", "error"),
                  internal_error=True, note="grading process killed"),
}


def test_histogram_bins_cover_zero_to_max_with_the_top_closed():
    assert analysis.histogram([0, 0.39, 0.4, 3.99, 4.0], 4.0, bins=10) == [2, 1, 0, 0, 0, 0, 0, 0, 0, 2]
    values, maximum = analysis.scores(RECORDS, "nag")
    assert maximum == 4.0 and values == [4.0, 2.0, 1.0, 1.0, 1.0, 0.0]


def test_pass_rates_are_sorted_hardest_first_then_in_file_order():
    rates = analysis.pass_rates(RECORDS, "nag")
    assert [(r.name, r.passed, r.graded) for r in rates] == [("b", 1, 6), ("c", 1, 6), ("d", 3, 6), ("a", 4, 6)]
    assert rates[-1].hidden is True and abs(rates[0].rate - 1 / 6) < 1e-12


def test_misconceptions_name_the_students_and_tests():
    [found] = analysis.misconceptions(RECORDS, ["nag"])
    assert (found.assignment, found.name, found.students, found.tests) == ("nag", "at_theta", ("ben",), ("b",))
    rows = list(csv.DictReader(io.StringIO(misconceptions_csv([found], {("nag", "at_theta"): "grad at θ"}))))
    assert rows == [{"assignment": "nag", "mistake": "at_theta", "students": "1", "hint": "grad at θ",
                     "student_ids": "ben"}]


def test_unexplained_failures_group_by_answer_fold_tests_and_leave_out_known_mistakes():
    groups = analysis.unexplained(RECORDS, ["nag"])
    summary = [(g.tests, g.students, g.fingerprints) for g in groups]
    # cal and dan failed b and c with the same answers: one group over both tests, largest first.
    assert summary[0] == (("c",), ("cal", "dan", "eve"), ("4" * 16,))
    assert (("b",), ("cal", "dan"), ("3" * 16,)) in summary
    assert (("b",), ("eve",), ("5" * 16,)) in summary
    assert all("ben" not in g.students for g in groups)  # his failures follow from a known mistake
    assert all("fay" not in g.students for g in groups)  # errors have no fingerprint
    assert groups[0].example == "cal"


def test_same_students_failing_several_tests_alike_make_one_group():
    records = {sid: record(test("b", "failed", fingerprint="3" * 16), test("c", "failed", fingerprint="4" * 16))
               for sid in ("x", "y")}
    [group] = analysis.unexplained(records, ["nag"])
    assert group.tests == ("b", "c") and group.students == ("x", "y")


def test_troubles_list_timeouts_crashes_and_internal_errors():
    found = {(t.student, t.kind): t.where for t in analysis.troubles(RECORDS, ["nag"])}
    assert found == {("cal", "timeout"): ("nag: d",), ("dan", "crash"): ("nag: d",),
                     ("fay", "internal error"): ("grading process killed",)}
