"""Hidden grading tests for `maxout`: random layers of several shapes, non-zero biases,
gradients checked against numerical gradients of the maxout function itself.

Random layers are drawn so that the best two pieces of every unit differ by a margin
(no ties, no kink within a finite-difference step); the tie rule is tested on its own,
with inputs whose arithmetic is exact.
"""

import numpy as np
import pytest

from grader.checks import (FreshCache, Unchanged, Untouched, Verdict, array_of_shape, backward_pass, combine, compare,
                           judge_gradient, maxout_layer, module_call, with_hint)

pytestmark = pytest.mark.hidden

GRADIENTS = ("dx", "dW", "db")


def known_backward_mistake(solution, args, dout, got, which) -> str:
    """Hint of the first known mistake whose (forward, backward) gives the student's output."""
    return solution.recognise(lambda module: backward_pass(module_call(solution, module), "maxout_forward",
                                                           "maxout_backward", args, [dout])[which], got)


def judge(student, solution, rng, which: int) -> Verdict:
    """One output of the student's backward pass on a random layer, entry by entry (see
    ``grader.checks.judge_gradient``)."""
    args = maxout_layer(rng, 6, 5, 4, 3)
    dout = rng.normal(size=(6, 4))
    return judge_gradient(student, solution, "maxout_forward", "maxout_backward", args, [dout], which, rng,
                          name=f"maxout_backward → {GRADIENTS[which]}", by_direction=False)


@pytest.mark.points(0.5)
@pytest.mark.parametrize("shape", [(4, 5, 3, 4), (7, 3, 6, 2), (5, 4, 3, 1)],
                         ids=["N=4 D=5 M=3 K=4", "N=7 D=3 M=6 K=2", "K=1, a linear layer"])
def test_forward_random(student, solution, rng, shape):
    """maxout_forward on a random layer"""
    x, W, b = maxout_layer(rng, *shape)
    return solution.judge(student.maxout_forward(x, W, b), "maxout_forward", x, W, b)


@pytest.mark.points(1.25)
def test_backward_dx(student, solution, rng):
    """maxout_backward → dx equals the numerical gradient"""
    return judge(student, solution, rng, 0)


@pytest.mark.points(1.25)
def test_backward_dW(student, solution, rng):
    """maxout_backward → dW equals the numerical gradient"""
    return judge(student, solution, rng, 1)


@pytest.mark.points(1)
def test_backward_db(student, solution, rng):
    """maxout_backward → db equals the numerical gradient"""
    return judge(student, solution, rng, 2)


@pytest.mark.points(0.5)
def test_backward_linear_layer(student, solution, rng):
    """with K = 1, maxout_backward gives a linear layer's gradients"""
    x, W, b = maxout_layer(rng, 5, 4, 3, 1)
    dout = rng.normal(size=(5, 3))
    got = backward_pass(student, "maxout_forward", "maxout_backward", (x, W, b), [dout])
    expected = (dout @ W[:, :, 0].T, (x.T @ dout)[:, :, None], dout.sum(axis=0)[:, None])
    verdicts = [compare(g, e, f"maxout_backward → {n}") for g, e, n in zip(got, expected, GRADIENTS)]
    hints = {known_backward_mistake(solution, (x, W, b), dout, got[i], i)
             for i, v in enumerate(verdicts) if not v.passed}
    return with_hint(combine(verdicts), "; ".join(h for h in hints if h))


def tied_layer(rng):
    """x, W, b of small dyadic numbers (exact arithmetic) where pieces 0 and 2 of unit 0,
    and pieces 1 and 2 of unit 1, are identical and win for every example: exact ties."""
    x = rng.integers(-3, 4, size=(6, 3)).astype(np.float64)
    W = rng.integers(-4, 5, size=(3, 3, 3)) / 2.0
    b = rng.integers(-4, 5, size=(3, 3)) / 4.0
    W[:, 0, 2], b[0, 0] = W[:, 0, 0], 20.0
    b[0, 2] = b[0, 0]
    W[:, 1, 2], b[1, 1] = W[:, 1, 1], 20.0
    b[1, 2] = b[1, 1]
    return x, W, b


@pytest.mark.points(0.5)
def test_backward_tie_rule(student, solution, rng):
    """on a tie, the gradient goes to the first winning piece (as np.argmax)"""
    x, W, b = tied_layer(rng)
    dout = rng.integers(-3, 4, size=(6, 3)) + 0.5
    got = backward_pass(student, "maxout_forward", "maxout_backward", (x, W, b), [dout])
    expected = backward_pass(module_call(solution), "maxout_forward", "maxout_backward", (x, W, b), [dout])
    verdicts = [compare(g, e, f"maxout_backward → {n} (inputs with tied pieces)")
                for g, e, n in zip(got, expected, GRADIENTS)]
    result = combine(verdicts)
    if result.passed:
        return result
    hint = next((known_backward_mistake(solution, (x, W, b), dout, got[i], i)
                 for i, v in enumerate(verdicts) if not v.passed), "")
    return with_hint(Verdict.fail(result.message), hint)


def judge_relu_parameters(solution, got, W, b, x) -> Verdict:
    """relu_as_maxout's (W2, b2) judged by the function they make maxout compute on x
    (the pieces may come in either order), with the hint of a matching known mistake."""
    W2, b2 = got
    D, M = W.shape
    shapes = combine([array_of_shape(W2, (D, M, 2), "relu_as_maxout → W2"),
                      array_of_shape(b2, (M, 2), "relu_as_maxout → b2")])
    if not shapes.passed:
        return Verdict.fail(shapes.message)
    relu = np.maximum(x @ W + b, 0.0)
    out = solution.run("maxout_forward", x, W2, b2)[0]
    result = compare(out, relu, "maxout with relu_as_maxout's W2, b2 (should equal relu(x @ W + b))")
    if result.passed:
        return result
    hint = solution.recognise(lambda module: solution.run("maxout_forward", x, *solution.run(
        "relu_as_maxout", W, b, module=module))[0], out)
    return with_hint(result, hint)


@pytest.mark.points(1)
def test_relu_as_maxout_function(student, solution, rng):
    """relu_as_maxout's parameters make maxout compute relu(x @ W + b) on random inputs"""
    W, b = 0.5 * rng.normal(size=(4, 5)), 0.5 * rng.normal(size=5)
    x = rng.normal(size=(30, 4))
    return judge_relu_parameters(solution, student.relu_as_maxout(W, b), W, b, x)


@pytest.mark.points(0.5)
@pytest.mark.uncovered("no known mistake writes into its inputs; the fixture submission "
                       "tests/submissions/maxout/mutates_input.py fails this test")
def test_inputs_not_modified(student, solution, rng):
    """no function modifies its input arrays"""
    x, W, b = maxout_layer(rng, 4, 3, 2, 3)
    dout = rng.normal(size=(4, 2))
    x_relu = rng.normal(size=(10, 3))
    return combine(solution.unmodified_each(student, [
        Unchanged("maxout_forward", (x, W, b)),
        Unchanged("maxout_backward", (dout, FreshCache("maxout_forward", (x, W, b)))),
        Untouched("relu_as_maxout", (W[:, :, 0], b[:, 0]), right=lambda got:
                  judge_relu_parameters(solution, got, W[:, :, 0], b[:, 0], x_relu))]))
