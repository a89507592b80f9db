"""Hidden grading tests for `maxout`: random layers of several shapes, non-zero biases,
gradients checked against numerical gradients of the maxout function itself.

Random layers are drawn so that the best two pieces of every unit differ by a margin
(no ties, no kink within a finite-difference step); the tie rule is tested on its own,
with inputs whose arithmetic is exact.
"""

import numpy as np
import pytest

from grader.checks import (Verdict, check_shape, combine, compare, directional_derivative,
                           expect_unmodified, matches, numerical_gradient, random_direction, require)
from grader.checks.gradcheck import check_direction

pytestmark = pytest.mark.hidden

GRADIENTS = ("dx", "dW", "db")
GRAD_RTOL, GRAD_ATOL = 1e-5, 1e-7


def pieces(x, W, b):
    """z[n, m, k] = Σ_d x[n, d]·W[d, m, k] + b[m, k], shape (N, M, K)."""
    return np.einsum("nd,dmk->nmk", x, W) + b


def layer(rng, N, D, M, K, gap=1e-2):
    """Random x (N, D), W (D, M, K) of order 0.5 and b (M, K), with a margin of at least
    ``gap`` between the best and second-best piece of every unit."""
    for _ in range(1000):
        x, W, b = rng.normal(size=(N, D)), 0.5 * rng.normal(size=(D, M, K)), 0.5 * rng.normal(size=(M, K))
        z = np.sort(pieces(x, W, b), axis=2)
        if K == 1 or np.min(z[:, :, -1] - z[:, :, -2]) > gap:
            return x, W, b
    raise RuntimeError("could not draw a layer without near-ties")


def known_backward_mistake(solution, args, dout, got, which) -> str:
    """Hint of the first known mistake whose (forward, backward) gives the student's output."""
    expected = solution.reference.maxout_backward(dout, solution.run("maxout_forward", *args)[1])[which]
    for mistake in solution.mistakes:
        try:
            _, cache = mistake.module.maxout_forward(*[a.copy() for a in args])
            theirs = mistake.module.maxout_backward(dout.copy(), cache)[which]
        except Exception:  # noqa: BLE001 - a variant may be undefined on these inputs
            continue
        if matches(got, theirs) and not matches(theirs, expected):
            return mistake.hint
    return ""


def consistent_with_own_forward(student, args, which, dout, grad, rng) -> bool:
    """True when ``grad`` is the derivative of the student's own forward (two random directions)."""
    def out_of(value):
        varied = list(args)
        varied[which] = value
        out = student.maxout_forward(*varied)[0]
        require(isinstance(out, np.ndarray) and out.shape == dout.shape,
                f"maxout_forward → out should have shape {dout.shape}")
        return out
    for _ in range(2):
        direction = random_direction(rng, args[which].shape)
        ok, _ = check_direction(grad, directional_derivative(out_of, args[which], dout, direction),
                                direction=direction)
        if not ok:
            return False
    return True


def judge_gradient(student, solution, rng, which: int) -> Verdict:
    """One output of the student's backward pass against the numerical gradient of the
    reference forward; half the points when it is the gradient of the student's own
    (wrong) forward pass."""
    args = layer(rng, 6, 5, 4, 3)
    dout = rng.normal(size=(6, 4))
    out, cache = student.maxout_forward(*args)
    got = student.maxout_backward(dout, cache)[which]
    name = f"maxout_backward → {GRADIENTS[which]}"

    def reference_out(value):
        varied = list(args)
        varied[which] = value
        return solution.run("maxout_forward", *varied)[0]

    numeric = numerical_gradient(reference_out, args[which], dout)
    verdict = compare(got, numeric, name, rtol=GRAD_RTOL, atol=GRAD_ATOL)
    if verdict.passed:
        return verdict
    fraction, message = 0.0, verdict.message
    forward_right = matches(out, solution.run("maxout_forward", *args)[0])
    if (not forward_right and isinstance(out, np.ndarray) and out.shape == dout.shape
            and check_shape(got, args[which].shape, name).passed
            and consistent_with_own_forward(student, args, which, dout, got, rng)):
        fraction = 0.5
        message = (f"{name} is the correct gradient of your own maxout_forward, but maxout_forward "
                   "is wrong (see its tests), so it is the gradient of the wrong function: half "
                   "the points; fix maxout_forward and this passes too")
    hint = known_backward_mistake(solution, args, dout, got, which)
    return Verdict(fraction, f"{message}. Likely cause: {hint}" if hint else message)


@pytest.mark.points(0.5)
@pytest.mark.parametrize("shape", [(4, 5, 3, 4), (7, 3, 6, 2), (5, 4, 3, 1)],
                         ids=["N=4 D=5 M=3 K=4", "N=7 D=3 M=6 K=2", "K=1, a linear layer"])
def test_forward_random(student, solution, rng, shape):
    """maxout_forward on a random layer"""
    x, W, b = layer(rng, *shape)
    return solution.judge(student.maxout_forward(x, W, b), "maxout_forward", x, W, b)


@pytest.mark.points(1.25)
def test_backward_dx(student, solution, rng):
    """maxout_backward → dx equals the numerical gradient"""
    return judge_gradient(student, solution, rng, 0)


@pytest.mark.points(1.25)
def test_backward_dW(student, solution, rng):
    """maxout_backward → dW equals the numerical gradient"""
    return judge_gradient(student, solution, rng, 1)


@pytest.mark.points(1)
def test_backward_db(student, solution, rng):
    """maxout_backward → db equals the numerical gradient"""
    return judge_gradient(student, solution, rng, 2)


@pytest.mark.points(0.5)
def test_backward_linear_layer(student, solution, rng):
    """with K = 1, maxout_backward gives a linear layer's gradients"""
    x, W, b = layer(rng, 5, 4, 3, 1)
    dout = rng.normal(size=(5, 3))
    _, cache = student.maxout_forward(x, W, b)
    got = student.maxout_backward(dout, cache)
    expected = (dout @ W[:, :, 0].T, (x.T @ dout)[:, :, None], dout.sum(axis=0)[:, None])
    verdicts = [compare(g, e, f"maxout_backward → {n}") for g, e, n in zip(got, expected, GRADIENTS)]
    result = combine(verdicts)
    hints = {known_backward_mistake(solution, (x, W, b), dout, got[i], i)
             for i, v in enumerate(verdicts) if not v.passed}
    hint = "; ".join(h for h in hints if h)
    return Verdict(result.fraction, f"{result.message}. Likely cause: {hint}" if hint else result.message)


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
    _, cache = student.maxout_forward(x, W, b)
    got = student.maxout_backward(dout, cache)
    expected = solution.reference.maxout_backward(dout, solution.run("maxout_forward", x, W, b)[1])
    verdicts = [compare(g, e, f"maxout_backward → {n} (inputs with tied pieces)")
                for g, e, n in zip(got, expected, GRADIENTS)]
    result = combine(verdicts)
    if result.passed:
        return result
    hint = next((known_backward_mistake(solution, (x, W, b), dout, got[i], i)
                 for i, v in enumerate(verdicts) if not v.passed), "")
    return Verdict(0.0, f"{result.message}. Likely cause: {hint}" if hint else result.message)


@pytest.mark.points(1)
def test_relu_as_maxout_function(student, solution, rng):
    """relu_as_maxout's parameters make maxout compute relu(x @ W + b) on random inputs"""
    W, b = 0.5 * rng.normal(size=(4, 5)), 0.5 * rng.normal(size=5)
    x = rng.normal(size=(30, 4))
    relu = np.maximum(x @ W + b, 0.0)
    W2, b2 = student.relu_as_maxout(W, b)
    shapes = combine([check_shape(W2, (4, 5, 2), "relu_as_maxout → W2"),
                      check_shape(b2, (5, 2), "relu_as_maxout → b2")])
    if not shapes.passed:
        return shapes
    # The function is judged, not the parameters: the pieces may come in either order.
    out = solution.run("maxout_forward", x, W2, b2)[0]
    result = compare(out, relu, "maxout with relu_as_maxout's W2, b2 (should equal relu(x @ W + b))")
    if result.passed:
        return result
    for mistake in solution.mistakes:
        theirs = solution.run("maxout_forward", x, *solution.run("relu_as_maxout", W, b, module=mistake.module))[0]
        if matches(out, theirs) and not matches(theirs, relu):
            return Verdict(0.0, f"{result.message}. Likely cause: {mistake.hint}")
    return result


@pytest.mark.points(0.5)
@pytest.mark.uncovered("no known mistake writes into its inputs; the fixture submission "
                       "tests/submissions/maxout/mutates_input.py fails this test")
def test_inputs_not_modified(student, rng):
    """no function modifies its input arrays"""
    x, W, b = layer(rng, 4, 3, 2, 3)
    dout = rng.normal(size=(4, 2))
    verdicts = [expect_unmodified(student, "maxout_forward", x, W, b)]
    _, cache = student.maxout_forward(x, W, b)
    verdicts.append(expect_unmodified(student, "maxout_backward", dout, cache))
    verdicts.append(expect_unmodified(student, "relu_as_maxout", W[:, :, 0], b[:, 0]))
    return combine(verdicts)
