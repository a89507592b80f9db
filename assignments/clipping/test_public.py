"""Public tests for `clipping`: small hand-checked examples you can run with `grader check`.

The gradients below are a list of two arrays, (3, −4) and [[12]], whose global norm is
sqrt(9 + 16 + 144) = 13, so every expected value can be checked with pencil and paper.
"""

import numpy as np
import pytest

from grader.checks import combine, compare, compare_list, expect_raises_each


def grads_13():
    """Two gradient arrays of global norm 13."""
    return [np.array([3.0, -4.0]), np.array([[12.0]])]


@pytest.mark.points(0.5)
def test_global_norm_example(student):
    """global_norm of (3, −4) and [[12]] is 13"""
    return compare(student.global_norm(grads_13()), 13.0, "global_norm")


@pytest.mark.points(0.5)
def test_clip_by_value_example(student):
    """clip_by_value to [−1, 1]"""
    grads = [np.array([-3.0, 0.5, 2.0]), np.array([[1.5, -0.2], [-0.9, 7.0]])]
    expected = [np.array([-1.0, 0.5, 1.0]), np.array([[1.0, -0.2], [-0.9, 1.0]])]
    return compare_list(student.clip_by_value(grads, 1.0), expected, "clip_by_value")


@pytest.mark.points(0.5)
def test_clip_by_global_norm_example(student):
    """clip_by_global_norm halves gradients of norm 13 for max_norm 6.5 and keeps them for 20"""
    (clipped, norm), (kept, norm_kept) = student.values("clip_by_global_norm", [(grads_13(), 6.5), (grads_13(), 20.0)])
    halved = compare_list(clipped, [np.array([1.5, -2.0]), np.array([[6.0]])], "clip_by_global_norm → clipped")
    if not halved.passed:
        # Returning the gradients unchanged is right for max_norm 20 only in a function
        # that also clips: it earns nothing on its own.
        return halved
    return combine([
        compare(norm, 13.0, "clip_by_global_norm → norm (the norm before clipping)"),
        compare_list(kept, grads_13(), "clip_by_global_norm → clipped (norm 13 ≤ max_norm 20: unchanged)"),
        compare(norm_kept, 13.0, "clip_by_global_norm → norm"),
    ])


@pytest.mark.points(0.5)
def test_scalar_rnn_grad_example(student):
    """scalar_rnn_grad for w = 2, T = 3 (y = 8, dy/dw = 12) and w = 0.5, T = 3 (y = 1/8, dy/dw = 3/4)"""
    checks = []
    cases = [(2.0, 3, 8.0, 12.0), (0.5, 3, 0.125, 0.75)]
    for (w, T, y, dy), (y_T, dy_dw) in zip(cases, student.values("scalar_rnn_grad", [c[:2] for c in cases])):
        checks += [compare(y_T, y, f"scalar_rnn_grad(w={w}, T={T}) → y_T"),
                   compare(dy_dw, dy, f"scalar_rnn_grad(w={w}, T={T}) → dy_dw")]
    return combine(checks)


@pytest.mark.points(0.5)
def test_invalid_arguments(student):
    """clip_value ≤ 0, max_norm ≤ 0 and an infinite gradient raise ValueError"""
    return combine(expect_raises_each(student, ValueError, [
        ("clip_by_value", grads_13(), 0.0),
        ("clip_by_value", grads_13(), -1.0),
        ("clip_by_global_norm", grads_13(), 0.0),
        ("clip_by_global_norm", grads_13(), -2.0),
        ("clip_by_global_norm", [np.array([1.0, np.inf])], 1.0),
    ]))
