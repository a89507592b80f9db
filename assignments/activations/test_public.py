"""Public tests for `activations`: small hand-checked examples you can run with `grader check`.

Each example includes x = 0 exactly, where every function takes its negative side
(slope 0 for ReLU, α for leaky ReLU and PReLU, λα for SELU). The last test checks each
backward pass against numerical derivatives of your own forward pass.
"""

import numpy as np
import pytest

from grader.checks import Earlier, OwnBackward, away_from_zero, backward_agreements, combine, compare

X = np.array([[-2.0, 0.0, 3.0],
              [1.5, -0.5, -1.0]])
DOUT = np.array([[1.0, 2.0, 3.0],
                 [4.0, 5.0, 6.0]])
LAMBDA, ALPHA = 1.0507009873554805, 1.6732632423543772  # SELU's constants
# (as the paper prints them, λ ≈ 1.0507, α ≈ 1.67326, they are right too: hence rtol=1e-4 below)


@pytest.mark.points(0.5)
def test_relu_example(student):
    """relu_forward and relu_backward on a 2 × 3 example with a zero"""
    (out, _), dx = student.forward_backward("relu_forward", (X,), "relu_backward", (DOUT,))
    # out = max(0, x); dx = dout where x > 0, else 0 (x = 0 included)
    return combine([compare(out, np.array([[0.0, 0.0, 3.0], [1.5, 0.0, 0.0]]), "relu_forward → out"),
                    compare(dx, np.array([[0.0, 0.0, 3.0], [4.0, 0.0, 0.0]]), "relu_backward")])


@pytest.mark.points(0.5)
def test_leaky_relu_example(student):
    """leaky_relu_forward and leaky_relu_backward with alpha 0.1"""
    (out, _), dx = student.values_each([("leaky_relu_forward", (X,), {"alpha": 0.1}),  # one round trip
                                        ("leaky_relu_backward", (DOUT, Earlier(0, 1)))])
    # out = x where x > 0, else 0.1·x;  slopes [[0.1, 0.1, 1], [1, 0.1, 0.1]] (0.1 at x = 0)
    return combine([
        compare(out, np.array([[-0.2, 0.0, 3.0], [1.5, -0.05, -0.1]]), "leaky_relu_forward → out"),
        compare(dx, np.array([[0.1, 0.2, 3.0], [4.0, 0.5, 0.6]]), "leaky_relu_backward"),
    ])


@pytest.mark.points(0.5)
def test_prelu_example(student):
    """prelu_forward and prelu_backward with one slope per channel, alpha = (0.1, 0.25, 0.5)"""
    alpha = np.array([0.1, 0.25, 0.5])
    (out, _), (dx, dalpha) = student.forward_backward("prelu_forward", (X, alpha), "prelu_backward", (DOUT,))
    # out[n, c] = x where x > 0, else alpha[c]·x: row 0 (−0.2, 0, 3), row 1 (1.5, −0.125, −0.5)
    # dx = dout·slope with slopes [[0.1, 0.25, 1], [1, 0.25, 0.5]]
    # dalpha[c] = Σ_n dout·x over x ≤ 0: (1·(−2), 2·0 + 5·(−0.5), 6·(−1)) = (−2, −2.5, −6)
    return combine([
        compare(out, np.array([[-0.2, 0.0, 3.0], [1.5, -0.125, -0.5]]), "prelu_forward → out"),
        compare(dx, np.array([[0.1, 0.5, 3.0], [4.0, 1.25, 3.0]]), "prelu_backward → dx"),
        compare(dalpha, np.array([-2.0, -2.5, -6.0]), "prelu_backward → dalpha"),
    ])


@pytest.mark.points(0.5)
def test_selu_example(student):
    """selu_forward and selu_backward at x = −1, 0, 2"""
    x = np.array([-1.0, 0.0, 2.0])
    (out, _), dx = student.forward_backward("selu_forward", (x,), "selu_backward", (np.ones(3),))
    # λα ≈ 1.7581: out = (λα(e⁻¹ − 1), λα(e⁰ − 1), 2λ) ≈ (−1.11133, 0, 2.10140)
    # slopes (dout = 1): (λα·e⁻¹, λα·e⁰, λ) ≈ (0.64677, 1.75810, 1.05070)
    return combine([
        compare(out, np.array([LAMBDA * ALPHA * np.expm1(-1.0), 0.0, 2 * LAMBDA]), "selu_forward → out", rtol=1e-4),
        compare(dx, np.array([LAMBDA * ALPHA * np.exp(-1.0), LAMBDA * ALPHA, LAMBDA]), "selu_backward", rtol=1e-4),
    ])


@pytest.mark.points(0.5)
def test_backward_matches_own_forward(student):
    """every backward pass is the gradient of your own forward pass (numerical check)"""
    rng = np.random.default_rng(7)
    # Entries at least 0.1 away from the kink at 0, so that a small step never crosses it.
    x = away_from_zero(rng, (4, 3), 0.1, 2.0)
    alpha = np.array([0.1, 0.3, -0.2])
    dout = rng.normal(size=(4, 3))
    passes = [("relu_forward", (x,), ("dx",)), ("leaky_relu_forward", (x, 0.05), ("dx",)),
              ("selu_forward", (x,), ("dx",)), ("prelu_forward", (x, alpha), ("dx", "dalpha"))]
    cases = [OwnBackward(f, f.replace("forward", "backward"), args, [dout], names, single=len(names) == 1)
             for f, args, names in passes]
    return combine(backward_agreements(student, cases, rng), [len(c.names) for c in cases])  # every gradient alike
