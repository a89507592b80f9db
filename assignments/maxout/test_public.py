"""Public tests for `maxout`: small hand-checked examples you can run with `grader check`.

The example layer has N = 2 inputs of dimension D = 2, M = 2 units and K = 2 pieces
per unit; every expected value below can be checked with pencil and paper (the
README works through the forward pass).
"""

import numpy as np
import pytest

from grader.checks import (Earlier, Verdict, array_of_shape, backward_agrees_with_own_forward, check_shape, combine,
                           compare, maxout_layer)

X = np.array([[1.0, 2.0],
              [-1.0, 0.5]])
# W[d, m, k]: unit 0 has pieces (1, 0) and (-1, 1); unit 1 has pieces (0.5, 1) and (2, -1).
W = np.array([[[1.0, -1.0], [0.5, 2.0]],
              [[0.0, 1.0], [1.0, -1.0]]])
B = np.array([[0.0, 0.5],
              [-1.0, 0.0]])
DOUT = np.array([[1.0, 2.0],
                 [3.0, -1.0]])


@pytest.mark.points(0.5)
def test_forward_example(student):
    """maxout_forward on a 2 × 2 example (K = 2 pieces per unit)"""
    out, _ = student.maxout_forward(X, W, B)
    return compare(out, np.array([[1.5, 1.5], [2.0, -1.0]]), "maxout_forward → out")


@pytest.mark.points(0.5)
def test_output_shapes(student):
    """maxout_forward and maxout_backward return arrays of the documented shapes"""
    N, D, M, K = 4, 3, 5, 2
    rng = np.random.default_rng(0)
    x, w, b = rng.normal(size=(N, D)), 0.5 * rng.normal(size=(D, M, K)), rng.normal(size=(M, K))
    x2, dout, dout2 = rng.normal(size=(N, D)), rng.normal(size=(N, M)), rng.normal(size=(N, M))
    (out, _), (other, _), grads, _, others = student.values_each([  # one round trip, a fresh cache per backward
        ("maxout_forward", (x, w, b)), ("maxout_forward", (x2, w, b)), ("maxout_backward", (dout, Earlier(0, 1))),
        ("maxout_forward", (x, w, b)), ("maxout_backward", (dout2, Earlier(3, 1)))])
    shape = check_shape(out, (N, M), "maxout_forward → out", inputs=(x, w, b), other=other)
    if not shape.passed:
        return shape
    return combine([check_shape(got, shape, f"maxout_backward → {name}", inputs=(x, w, b, dout), other=other)
                    for got, other, shape, name in zip(grads, others, ((N, D), (D, M, K), (M, K)),
                                                       ("dx", "dW", "db"))])


@pytest.mark.points(0.5)
def test_backward_example(student):
    """maxout_backward on the 2 × 2 example: only the winning pieces get gradient"""
    _, (dx, dw, db) = student.forward_backward("maxout_forward", (X, W, B), "maxout_backward", (DOUT,))
    return combine([
        compare(dx, np.array([[0.0, 3.0], [-3.5, 2.0]]), "maxout_backward → dx"),
        compare(dw, np.array([[[0.0, -2.0], [3.0, 0.0]], [[0.0, 3.5], [3.5, 0.0]]]), "maxout_backward → dW"),
        compare(db, np.array([[0.0, 4.0], [1.0, 0.0]]), "maxout_backward → db"),
    ])


@pytest.mark.points(0.5)
def test_backward_matches_own_forward(student):
    """maxout_backward is the gradient of your own maxout_forward (numerical check)"""
    rng = np.random.default_rng(1)
    args = maxout_layer(rng, 5, 4, 3, 3)
    dout = rng.normal(size=(5, 3))
    return backward_agrees_with_own_forward(student, "maxout_forward", "maxout_backward", args, [dout],
                                            ("dx", "dW", "db"), rng)


@pytest.mark.points(0.5)
def test_relu_as_maxout_example(student):
    """relu_as_maxout: your maxout_forward with the returned W2, b2 computes relu(x @ W + b)"""
    w = np.array([[1.0, -2.0], [0.5, 1.0]])
    b = np.array([0.5, -1.0])
    w2, b2 = student.relu_as_maxout(w, b)
    shapes = combine([array_of_shape(w2, (2, 2, 2), "relu_as_maxout → W2"),
                      array_of_shape(b2, (2, 2), "relu_as_maxout → b2")])
    if not shapes.passed:
        return Verdict.fail(shapes.message)
    x = np.array([[1.0, 1.0], [-2.0, 1.0], [0.0, 3.0]])  # x @ W + b = [[2, -2], [-1, 4], [2, 2]]
    out, _ = student.maxout_forward(x, w2, b2)
    return compare(out, np.array([[2.0, 0.0], [0.0, 4.0], [2.0, 2.0]]),
                   "maxout_forward(x, W2, b2) → out (should equal relu(x @ W + b))")
