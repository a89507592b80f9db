"""Array comparison: type, shape, dtype, finiteness, then tolerance."""

import numpy as np
import pytest

from grader.checks import compare, compare_dict
from grader.checks.compare import shown_shape
from grader.checks.verdict import Verdict, combine
from grader.sandbox.protocol import Foreign, Handle

EXPECTED = np.array([[1.0, -2.0], [3.0, 4.0]])


def test_identical_and_nearly_identical_pass():
    assert compare(EXPECTED.copy(), EXPECTED, "f").passed
    assert compare(EXPECTED * (1 + 1e-9), EXPECTED, "f").passed


@pytest.mark.parametrize("bad, phrase", [
    (np.nan, "contains NaN at index (0, 1)"),
    (np.inf, "contains inf at index (0, 1)"),
])
def test_non_finite_values_never_pass(bad, phrase):
    got = EXPECTED.copy()
    got[0, 1] = bad
    verdict = compare(got, EXPECTED, "f")
    assert not verdict.passed and phrase in verdict.message


def test_wrong_shape_names_both_shapes():
    verdict = compare(EXPECTED.T.reshape(4), EXPECTED, "lstm_step_backward → dWh")
    assert not verdict.passed
    assert verdict.message == "lstm_step_backward → dWh: shape expected (2, 2), got (4,)"


def test_broadcastable_shape_is_still_wrong():
    verdict = compare(np.ones((2, 1)), np.ones((2, 2)), "f")
    assert not verdict.passed and "shape expected (2, 2), got (2, 1)" in verdict.message


def test_integer_dtype_where_floats_are_expected_fails():
    verdict = compare(EXPECTED.astype(np.int64), EXPECTED, "f")
    assert not verdict.passed and "dtype int64" in verdict.message


@pytest.mark.parametrize("got, phrase", [
    (Foreign("MyArray", "ndarray subclass"), "a MyArray object, ndarray subclass"),
    (Foreign("Fake", "not plain data"), "a Fake object"),
    (None, "None (is a `return` statement missing?)"),
    ([[1.0, -2.0], [3.0, 4.0]], "a list of length 2"),
    (Handle(3, "dict"), "a dict object"),
])
def test_non_arrays_fail_with_a_description(got, phrase):
    verdict = compare(got, EXPECTED, "f")
    assert not verdict.passed and phrase in verdict.message


def test_wrong_values_report_first_index_and_relative_error_but_not_the_values():
    got = EXPECTED.copy()
    got[1, 0] = 3.3
    verdict = compare(got, EXPECTED, "f")
    assert "the first at index (1, 0) (relative error 1.0e-01)" in verdict.message
    assert "3.3" not in verdict.message and "3.0" not in verdict.message


def test_scalars_are_accepted_for_zero_dimensional_results():
    assert compare(2.5, np.float64(2.5), "global_norm").passed
    assert compare(np.float32(2.5), np.array(2.5), "global_norm").passed
    assert not compare(2.6, np.array(2.5), "global_norm").passed


def test_tolerance_is_relative_to_the_output_scale():
    expected = np.array([1e6, 1e-9])
    assert compare(np.array([1e6, 0.0]), expected, "f").passed
    assert not compare(np.array([1e6 * (1 + 1e-4), 1e-9]), expected, "f").passed


def test_combine_weighs_partial_credit_and_joins_messages():
    verdict = combine([Verdict.ok(), Verdict.fail("a"), Verdict(0.5, "b")], weights=[2, 1, 1])
    assert verdict.fraction == pytest.approx(0.625)
    assert verdict.message == "a; b"


def test_verdict_fraction_must_be_a_fraction():
    with pytest.raises(ValueError):
        Verdict(1.5)


def test_errors_of_single_precision_size_say_so():
    expected = np.random.default_rng(0).normal(size=(4, 5))
    single = (expected * (1 + 3e-6)).astype(np.float32)  # a few float32 roundings off, as sums of products are
    rounded = single.astype(np.float64)  # float32 arithmetic, handed back as float64
    assert "the array is float32: compute in float64" in compare(single, expected, "f").message
    assert "within 1e-4 (relative) of the right value" in compare(rounded, expected, "f").message
    wrong = expected.copy()
    wrong[0, 0] *= 1.01
    assert "float32" not in compare(wrong, expected, "f").message
    assert compare(single, expected, "f", rtol=1e-5).passed  # a looser check accepts it


def test_entries_that_should_all_be_zero_report_an_absolute_error():
    verdict = compare(np.array([0.0, 0.25]), np.zeros(2), "grads['b1']")
    assert "the first at index (1,) (absolute error 2.5e-01)" in verdict.message


def test_shapes_only_a_mistake_gives_are_written_out():
    assert shown_shape((2, 3), (3, 2)) == "(2, 3)"
    assert shown_shape((3, 2, 1), (3, 2)) == "(3, 2, 1)"
    assert shown_shape((0, 3), (3, 2)) == "another shape, of 2 dimensions"  # free numbers: not quoted
    assert shown_shape((3, 992867), (3, 2)) == "another shape, of 2 dimensions"
    assert shown_shape((0,), (0,)) == "(0,)"
    verdict = compare(np.empty((0, 123456, 2)), np.zeros((3, 2)), "out")
    assert "123456" not in verdict.message and "another shape, of 3 dimensions" in verdict.message


def test_a_dicts_unexpected_keys_are_counted_not_quoted():
    verdict = compare_dict({"W1": np.ones(2), "LEAK 0.1234": np.ones(1), "x": np.ones(1)}, {"W1": np.ones(2),
                                                                                            "b1": np.ones(1)}, "grads")
    assert verdict.message == "grads: must have exactly the keys of params (missing 'b1'; 2 unexpected keys)"
