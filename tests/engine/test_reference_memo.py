"""Reference answers remembered across students: exact keys, copies out, bounded, and
grades identical to grading without the memo."""

from __future__ import annotations

import numpy as np
import pytest

from grader.batch.job import request_options
from grader.course import load_course
from grader.engine.grade import GradeOptions, grade_assignment
from grader.engine.judge import Solution
from grader.engine.reference import load_mistakes, load_reference, mistake_source
from grader.engine.reference_memo import MEMO, ReferenceMemo, frozen
from grader.sandbox.launcher import ForkServer


def key(*args, **kwargs):
    return ReferenceMemo().key("module", "f", args, kwargs)


def test_equal_questions_have_equal_keys_and_any_difference_a_different_one():
    x = np.arange(6.0).reshape(2, 3)
    assert key(x, 0.5, n=3) == key(x.copy(), 0.5, n=3)
    different = [key(x.reshape(3, 2), 0.5, n=3), key(x.astype(np.float32), 0.5, n=3), key(x, -0.5, n=3),
                 key(x, 0.5, n=3.0), key(x, 0.5, m=3), key([x], 0.5, n=3), key((x,), 0.5, n=3),
                 key(x + 1e-16 * (x == 0), 0.5, n=3)]
    assert len({key(x, 0.5, n=3), *different}) == len(different) + 1
    zero, negative_zero = np.zeros(2), -np.zeros(2)
    assert key(zero) != key(negative_zero) and key(0.0) != key(-0.0)


def test_a_question_with_a_generator_or_an_object_is_never_remembered():
    assert key(np.random.default_rng(0)) is None
    assert key(np.array([object()], dtype=object)) is None
    assert key({1: np.zeros(2)}) is None
    assert key(lambda v: v) is None


def test_answers_come_back_read_only_in_fresh_containers():
    memo = ReferenceMemo()
    k = key(np.ones(3))
    memo.put(k, frozen((np.ones(3), [np.zeros(2)], {"W": np.eye(2)}, 1.5)))
    first = memo.get(k)
    with pytest.raises(ValueError):
        first[0][:] = 7  # a test that writes into its expected values is stopped
    with pytest.raises(ValueError):
        first[2]["W"][0, 0] = 7
    first[1].append(np.ones(1))  # a list it changes is its own
    del first[2]["W"]
    second = memo.get(k)
    assert len(second[1]) == 1 and np.array_equal(second[1][0], np.zeros(2))
    assert np.array_equal(second[2]["W"], np.eye(2)) and second[3] == 1.5
    assert memo.hits == 2 and memo.get(key(np.zeros(3))) is None and memo.misses == 1


def test_the_memo_stays_within_its_bytes_dropping_the_least_recently_used():
    memo = ReferenceMemo(max_bytes=10_000)
    keys = [key(np.full(100, float(i))) for i in range(30)]  # each entry ~1.6 kB with its key
    for k in keys:
        memo.put(k, (np.zeros(100),))
        memo.get(keys[0])  # kept in use: never the one dropped
    assert memo._bytes <= 10_000
    assert memo.get(keys[0]) is not None and memo.get(keys[1]) is None and memo.get(keys[-1]) is not None


def test_a_solution_answers_a_repeated_question_from_memory_but_never_a_raise():
    assignment = load_course()["clipping"]
    memo = ReferenceMemo()
    solution = Solution(assignment, load_reference(assignment), lambda: load_mistakes(assignment), memo=memo)
    grads = [np.array([3.0, 4.0]), np.array([[12.0]])]
    first = solution.run("clip_by_global_norm", grads, 1.0)
    with pytest.raises(ValueError):
        first[0][0][:] = 0.0  # read-only with or without the memo: a cold run behaves as a batch
    without_memo = Solution(assignment, load_reference(assignment), lambda: ()).run("clip_by_global_norm", grads, 1.0)
    with pytest.raises(ValueError):
        without_memo[0][0][:] = 0.0
    again = Solution(assignment, load_reference(assignment), lambda: (), memo=memo)  # the next student
    second = again.run("clip_by_global_norm", grads, 1.0)
    assert memo.hits == 1 and np.allclose(second[0][0], [3 / 13, 4 / 13]) and second[1] == pytest.approx(13.0)
    for _ in range(2):
        with pytest.raises(ValueError):
            again.run("clip_by_global_norm", [np.array([np.nan])], 1.0)
    assert memo.hits == 1


def test_a_mistake_and_the_reference_never_share_answers():
    assignment = load_course()["rnn"]
    memo = ReferenceMemo()
    reference = Solution(assignment, load_reference(assignment), lambda: (), memo=memo)
    mistake = next(m for m in load_mistakes(assignment) if m.name == "bias_outside_tanh")
    rng = np.random.default_rng(1)
    args = (rng.normal(size=(2, 3)), rng.normal(size=(2, 4)), rng.normal(size=(3, 4)), rng.normal(size=(4, 4)),
            rng.normal(size=4))
    right = reference.run("rnn_step_forward", *args)[0]
    wrong = reference.run("rnn_step_forward", *args, module=mistake.module)[0]
    assert not np.allclose(right, wrong) and memo.hits == 0


def test_grades_with_the_memo_equal_grades_without_it(tmp_path):
    # The reference first (filling the memo), then every known mistake of rnn, whose
    # hidden tests ask the reference ~1000 questions each: same scores, same messages.
    assignment = load_course()["rnn"]
    variants = {"reference": assignment.solution.read_text()}
    variants.update({p.stem: mistake_source(assignment, p) for p in assignment.mistakes})
    for name, source in variants.items():
        folder = tmp_path / name
        folder.mkdir()
        (folder / "rnn.py").write_text(source)
    hits_before = MEMO.hits
    with ForkServer() as launcher:  # one for all the gradings, as validate does
        for remember in (False, True):
            seen = {}
            for name in variants:
                result = grade_assignment(tmp_path / name, assignment,
                                          GradeOptions(seed=5, remember_reference=remember), launcher)
                seen[name] = [(t.name, t.status, t.score, t.output) for t in result.tests]
            if remember:
                assert seen == without
                assert MEMO.hits - hits_before > 1000  # the answers did come from memory
            else:
                without = seen
    # Not a comparison of empty lists: the reference passes everything, every mistake fails something.
    assert without["reference"] and all(status.value == "passed" for _, status, _, _ in without["reference"])
    assert all(any(status.value != "passed" for _, status, _, _ in seen_tests)
               for name, seen_tests in without.items() if name != "reference")


def test_a_batch_remembers_answers_only_when_its_students_share_a_seed(tmp_path):
    from grader.batch.roster import Student
    from grader.batch.runner import BatchPlan, request_for

    student = Student("s1", tmp_path / "s1")
    shared = request_options(request_for(BatchPlan((student,), tmp_path / "out", ("nag",)), student))
    secret = request_options(request_for(BatchPlan((student,), tmp_path / "out", ("nag",), secret=b"s" * 16), student))
    assert shared.remember_reference and not secret.remember_reference
