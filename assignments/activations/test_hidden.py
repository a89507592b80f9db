"""Hidden grading tests for `activations`: random inputs of several shapes, non-default
slopes (PReLU's of both signs), exact zeros, SELU at |x| up to 1e4.

Backward passes are judged entry by entry against numerical gradients (central
differences, float64) of the REFERENCE forward, on inputs at least 0.05 away from the
kink at 0. When a gradient is wrong but is the exact gradient of the student's own
(wrong) forward, half of its points are kept and the message says to fix the forward.
The rule at x = 0 exactly is judged on its own, against the reference's backward.
"""

import numpy as np
import pytest

from grader.checks import (FreshCache, Unchanged, Verdict, away_from_zero, backward_pass, combine, compare,
                           judge_gradient, module_call, with_hint)
from grader.checks.compare import RTOL as COMPARE_RTOL

pytestmark = pytest.mark.hidden

GRADIENTS = {"relu": ("dx",), "leaky_relu": ("dx",), "prelu": ("dx", "dalpha"), "selu": ("dx",)}
# SELU's constants as the paper prints them (λ ≈ 1.0507, α ≈ 1.67326) are right: five
# significant digits put its values within 3e-5 of the 16-digit ones; a wrong constant or
# formula is off by far more.
SELU_RTOL = 1e-4
RTOL = {"selu": SELU_RTOL}  # by kind; the others: the checks library's default


def prelu_alpha(rng, C):
    """Per-channel slopes, one of them negative (a learned slope may be)."""
    alpha = rng.uniform(0.05, 0.6, size=C)
    alpha[rng.integers(C)] *= -1
    return alpha


def problem(rng, kind):
    """Arguments of ``<kind>_forward`` (away from 0) and an upstream gradient of the output's shape."""
    if kind == "prelu":
        x = away_from_zero(rng, (5, 3), 0.05, 2.5)
        return (x, prelu_alpha(rng, 3)), rng.normal(size=x.shape)
    shape = {"relu": (4, 5), "leaky_relu": (3, 4, 2), "selu": (4, 5)}[kind]
    x = away_from_zero(rng, shape, 0.05, 2.5)  # no finite-difference step crosses the kink
    args = (x, float(rng.uniform(0.05, 0.3))) if kind == "leaky_relu" else (x,)
    return args, rng.normal(size=shape)


def backward_of(runner, kind, args, dout):
    """Every gradient of ``kind`` from a runner (the student, or a ``module_call``)."""
    return backward_pass(runner, f"{kind}_forward", f"{kind}_backward", args, [dout], single=len(GRADIENTS[kind]) == 1)


# ------------------------------------------------------------------ forward passes


@pytest.mark.points(0.25)
def test_relu_forward_random(student, solution, rng):
    """relu_forward on an input of shape (3, 4, 2) with exact zeros"""
    x = rng.normal(size=(3, 4, 2))
    x[0, 1, :] = 0.0
    return solution.judge(student.relu_forward(x), "relu_forward", x)


@pytest.mark.points(0.25)
def test_leaky_relu_forward_random(student, solution, rng):
    """leaky_relu_forward with a non-default alpha"""
    x, alpha = rng.normal(size=(6, 3)), float(rng.uniform(0.05, 0.3))
    return solution.judge(student.leaky_relu_forward(x, alpha=alpha), "leaky_relu_forward", x, alpha=alpha)


@pytest.mark.points(0.5)
def test_prelu_forward_random(student, solution, rng):
    """prelu_forward with a different slope per channel"""
    x, alpha = rng.normal(size=(7, 4)), prelu_alpha(rng, 4)
    return solution.judge(student.prelu_forward(x, alpha), "prelu_forward", x, alpha)


@pytest.mark.points(0.5)
def test_selu_forward_random(student, solution, rng):
    """selu_forward on an input of shape (5, 2, 3)"""
    x = 2 * rng.normal(size=(5, 2, 3))
    return solution.judge(student.selu_forward(x), "selu_forward", x, rtol=SELU_RTOL)


@pytest.mark.points(0.5)
def test_selu_large_inputs(student, solution, rng):
    """selu_forward and selu_backward are finite and right for |x| up to 1e4"""
    big = np.array([-1e4, -5000.0, -800.0, -710.0, -40.0, 40.0, 710.0, 800.0, 5000.0, 1e4])
    x = rng.permutation(np.concatenate([big, 3 * rng.normal(size=10)])).reshape(4, 5)
    dout = rng.normal(size=x.shape)
    (out, _), dx = student.forward_backward("selu_forward", (x,), "selu_backward", (dout,))
    expected_out, ref_cache = solution.run("selu_forward", x)
    expected_dx = solution.reference.selu_backward(dout.copy(), ref_cache)
    # Warnings on the way (overflow in an unused branch) are not penalized: values are.
    verdicts = [compare(out, expected_out, "selu_forward → out", rtol=SELU_RTOL),
                compare(dx, expected_dx, "selu_backward", rtol=SELU_RTOL)]
    hint = "" if verdicts[0].passed else solution.recognise(lambda m: solution.run("selu_forward", x, module=m)[0],
                                                            out, rtol=SELU_RTOL)
    if not hint and not verdicts[1].passed:
        hint = solution.recognise(lambda m: backward_of(module_call(solution, m), "selu", (x,), dout)[0], dx,
                                  rtol=SELU_RTOL)
    return with_hint(combine(verdicts), hint)


# ------------------------------------------------------------------ backward passes


def judge(student, solution, rng, kind, which) -> Verdict:
    """Gradient ``which`` of ``<kind>_backward``, entry by entry (see ``grader.checks.judge_gradient``)."""
    name = f"{kind}_backward"
    args, dout = problem(rng, kind)
    return judge_gradient(student, solution, f"{kind}_forward", name, args, [dout], GRADIENTS[kind].index(which),
                          rng, name=f"{name} → {which}" if len(GRADIENTS[kind]) > 1 else name, by_direction=False,
                          **({"rtol": RTOL[kind]} if kind in RTOL else {}))


@pytest.mark.points(0.75)
def test_relu_backward(student, solution, rng):
    """relu_backward equals the numerical gradient"""
    return judge(student, solution, rng, "relu", "dx")


@pytest.mark.points(0.75)
def test_leaky_relu_backward(student, solution, rng):
    """leaky_relu_backward equals the numerical gradient (non-default alpha, shape (3, 4, 2))"""
    return judge(student, solution, rng, "leaky_relu", "dx")


@pytest.mark.points(0.75)
def test_prelu_backward_dx(student, solution, rng):
    """prelu_backward → dx equals the numerical gradient"""
    return judge(student, solution, rng, "prelu", "dx")


@pytest.mark.points(1)
def test_prelu_backward_dalpha(student, solution, rng):
    """prelu_backward → dalpha equals the numerical gradient (summed over the batch)"""
    return judge(student, solution, rng, "prelu", "dalpha")


@pytest.mark.points(0.75)
def test_selu_backward(student, solution, rng):
    """selu_backward equals the numerical gradient"""
    return judge(student, solution, rng, "selu", "dx")


@pytest.mark.points(0.25)
@pytest.mark.parametrize("kind", list(GRADIENTS))
def test_backward_at_zero(student, solution, rng, kind):
    """at x = 0 exactly, the backward pass takes the negative side's slope"""
    shape = (4, 3)
    x = rng.normal(size=shape)
    x[rng.integers(shape[0], size=shape[1]), np.arange(shape[1])] = 0.0  # a zero in every channel
    args = {"prelu": (x, rng.uniform(0.1, 0.6, size=shape[1])), "leaky_relu": (x, 0.2)}.get(kind, (x,))
    dout = rng.normal(size=shape)
    got = backward_of(student, kind, args, dout)
    expected = backward_of(module_call(solution), kind, args, dout)
    names = [f"{kind}_backward → {n} (input with zeros)" for n in GRADIENTS[kind]]
    rtol = RTOL.get(kind, COMPARE_RTOL)
    verdict = combine([compare(g, e, n, rtol=rtol) for g, e, n in zip(got, expected, names)])
    hint = "" if verdict.passed else solution.recognise(
        lambda m: list(backward_of(module_call(solution, m), kind, args, dout)), list(got), rtol=rtol)
    return with_hint(verdict, hint)


# ------------------------------------------------------------------ inputs


@pytest.mark.points(0.5)
def test_inputs_not_modified(student, solution, rng):
    """no function modifies its input arrays"""
    checks = []
    for kind in GRADIENTS:
        forward, (args, dout) = f"{kind}_forward", problem(rng, kind)
        rtol = RTOL.get(kind, COMPARE_RTOL)
        checks += [Unchanged(forward, args, rtol), Unchanged(f"{kind}_backward", (dout, FreshCache(forward, args)), rtol)]
    return combine(solution.unmodified_each(student, checks))
