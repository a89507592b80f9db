"""Public tests for `rnn`: small hand-checked examples you can run with `grader check`.

The step example has N = 2 examples, D = 2 inputs and H = 2 hidden units; the sequence
example is a one-unit RNN (D = H = 1) whose states you can follow with a calculator.
The README works through the step forward pass.
"""

import numpy as np
import pytest

from grader.checks import (backward_agrees_with_own_forward, check_shape, combine, compare,
                           recurrent_parameters)

X = np.array([[1.0, 0.0],
              [0.0, 2.0]])
PREV_H = np.array([[0.5, -0.5],
                   [0.0, 1.0]])
WX = np.array([[1.0, -1.0],
               [0.5, 0.0]])
WH = np.array([[1.0, 0.0],
               [0.0, -1.0]])
B = np.array([-0.5, 0.25])
# a = x·Wx + prev_h·Wh + b:
#   row 0: [1, −1] + [0.5, 0.5] + [−0.5, 0.25] = [1, −0.25]
#   row 1: [1, 0] + [0, −1] + [−0.5, 0.25] = [0.5, −0.75]
A = np.array([[1.0, -0.25],
              [0.5, -0.75]])


@pytest.mark.points(0.5)
def test_step_forward_example(student):
    """rnn_step_forward on a 2 × 2 example: next_h = tanh(x·Wx + prev_h·Wh + b)"""
    next_h, _ = student.rnn_step_forward(X, PREV_H, WX, WH, B)
    # tanh(1) ≈ 0.7616, tanh(−0.25) ≈ −0.2449, tanh(0.5) ≈ 0.4621, tanh(−0.75) ≈ −0.6351
    return compare(next_h, np.tanh(A), "rnn_step_forward → next_h")


@pytest.mark.points(0.5)
def test_step_backward_example(student):
    """rnn_step_backward on the 2 × 2 example (tanh'(a) = 1 − tanh(a)²)"""
    dnext_h = np.array([[1.0, 0.0],
                        [0.0, 2.0]])
    _, (dx, dprev_h, dWx, dWh, db) = student.forward_backward(
        "rnn_step_forward", (X, PREV_H, WX, WH, B), "rnn_step_backward", (dnext_h,))
    # da = dnext_h·(1 − next_h²): [[1·(1 − 0.7616²), 0], [0, 2·(1 − 0.6351²)]] ≈ [[0.4200, 0], [0, 1.1933]]
    da = dnext_h * (1.0 - np.tanh(A) ** 2)
    # dx = da·Wxᵀ, dprev_h = da·Whᵀ, dWx = xᵀ·da, dWh = prev_hᵀ·da, db = Σ_n da
    return combine([compare(dx, da @ WX.T, "rnn_step_backward → dx"),
                    compare(dprev_h, da @ WH.T, "rnn_step_backward → dprev_h"),
                    compare(dWx, X.T @ da, "rnn_step_backward → dWx"),
                    compare(dWh, PREV_H.T @ da, "rnn_step_backward → dWh"),
                    compare(db, da.sum(axis=0), "rnn_step_backward → db")])


@pytest.mark.points(0.5)
def test_forward_example(student):
    """rnn_forward on a one-unit RNN over T = 3 steps: each step starts from the previous state"""
    # Wx = [[1]], Wh = [[0.5]], b = [0]: h_t = tanh(x_t + 0.5·h_{t−1}).
    x = np.array([[[1.0], [0.0], [0.0]],     # example 0: one input, then nothing
                  [[0.0], [0.0], [2.0]]])    # example 1: nothing, then an input of 2
    h0 = np.array([[0.0], [1.0]])
    h, _ = student.rnn_forward(x, h0, np.array([[1.0]]), np.array([[0.5]]), np.array([0.0]))
    # example 0: h1 = tanh(1) ≈ 0.7616, h2 = tanh(0.5·0.7616) ≈ 0.3635, h3 = tanh(0.5·0.3635) ≈ 0.1798
    # example 1: h1 = tanh(0.5·1) ≈ 0.4621, h2 = tanh(0.5·0.4621) ≈ 0.2270, h3 = tanh(2 + 0.5·0.2270) ≈ 0.9711
    e0 = [np.tanh(1.0)]
    e1 = [np.tanh(0.5)]
    for t in (1, 2):
        e0.append(np.tanh(x[0, t, 0] + 0.5 * e0[-1]))
        e1.append(np.tanh(x[1, t, 0] + 0.5 * e1[-1]))
    return compare(h, np.array([e0, e1])[:, :, None], "rnn_forward → h")


def sequence(rng, N=3, T=4, D=5, H=6):
    """x (N, T, D), h0 (N, H) and weights Wx (D, H), Wh (H, H), b (H,)."""
    return [rng.normal(size=(N, T, D)), rng.normal(size=(N, H)), *recurrent_parameters(rng, D, H, 1)]


def all_outputs(student, problems):
    """(next_h, step grads ×5, h, sequence grads ×5) of the student's four functions, for
    each (args, dh) of ``problems``; every pass in one round trip."""
    passes = []
    for (x, h0, Wx, Wh, b), dh in problems:
        passes += [("rnn_step_forward", (x[:, 0, :], h0, Wx, Wh, b), "rnn_step_backward", (dh[:, 0, :],)),
                   ("rnn_forward", (x, h0, Wx, Wh, b), "rnn_backward", (dh,))]
    done = student.forward_backward_each(passes)
    return [(step_out[0], *step_grads, out[0], *grads)
            for ((step_out, step_grads), (out, grads)) in zip(done[::2], done[1::2])]


@pytest.mark.points(0.5)
def test_output_shapes(student):
    """all four functions return arrays of the documented shapes"""
    N, T, D, H = 3, 4, 5, 6
    rng = np.random.default_rng(0)
    args, dh = sequence(rng), rng.normal(size=(N, T, H))
    # The same outputs for another problem: values that do not change with the inputs earn nothing.
    got, other = all_outputs(student, [(args, dh), (sequence(rng), rng.normal(size=(N, T, H)))])
    names = ["rnn_step_forward → next_h"] + [f"rnn_step_backward → {n}" for n in
                                             ("dx", "dprev_h", "dWx", "dWh", "db")]
    names += ["rnn_forward → h"] + [f"rnn_backward → {n}" for n in ("dx", "dh0", "dWx", "dWh", "db")]
    shapes = [(N, H), (N, D), (N, H), (D, H), (H, H), (H,), (N, T, H), (N, T, D), (N, H), (D, H), (H, H), (H,)]
    inputs = [args[0][:, 0, :], dh[:, 0, :], dh, *args]
    return combine([check_shape(g, s, n, inputs=inputs, other=o) for g, o, s, n in zip(got, other, shapes, names)])


@pytest.mark.points(0.5)
def test_backward_matches_own_forward(student):
    """rnn_backward is the gradient of your own rnn_forward (numerical check, T = 4)"""
    rng = np.random.default_rng(1)
    args = sequence(rng, N=2, T=4, D=3, H=4)
    dh = rng.normal(size=(2, 4, 4))
    return backward_agrees_with_own_forward(student, "rnn_forward", "rnn_backward", args, [dh],
                                            ("dx", "dh0", "dWx", "dWh", "db"), rng, dense=True)
