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

from grader.checks import (Verdict, agrees_with_own_forward, combine, compare, expect_unmodified, loss_along,
                           numerical_gradient, real_work, with_hint)

pytestmark = pytest.mark.hidden

GRAD_RTOL = 1e-5  # central differences are good to ~1e-9 here; the mistakes are off by ≳1e-2
OWN_FORWARD_CREDIT = 0.5
GRADIENTS = {"relu": ("dx",), "leaky_relu": ("dx",), "prelu": ("dx", "dalpha"), "selu": ("dx",)}


def away_from_zero(rng, shape, low=0.05, high=2.5):
    """Inputs of both signs with |x| in [low, high]: no finite-difference step crosses the kink."""
    return rng.choice([-1.0, 1.0], size=shape) * rng.uniform(low, high, size=shape)


def prelu_alpha(rng, C):
    """Per-channel slopes, one of them negative (a learned slope may be)."""
    alpha = rng.uniform(0.05, 0.6, size=C)
    alpha[rng.integers(C)] *= -1
    return alpha


def problem(rng, kind):
    """Arguments of ``<kind>_forward`` (away from 0) and an upstream gradient of the output's shape."""
    if kind == "prelu":
        x = away_from_zero(rng, (5, 3))
        return (x, prelu_alpha(rng, 3)), rng.normal(size=x.shape)
    shape = {"relu": (4, 5), "leaky_relu": (3, 4, 2), "selu": (4, 5)}[kind]
    x = away_from_zero(rng, shape)
    args = (x, float(rng.uniform(0.05, 0.3))) if kind == "leaky_relu" else (x,)
    return args, rng.normal(size=shape)


def grads_of(outputs, kind):
    """A backward pass's outputs as a tuple (single-output backwards return one array)."""
    return tuple(outputs) if len(GRADIENTS[kind]) > 1 else (outputs,)


def backward_of(call, kind, args, dout):
    """Every gradient of ``kind`` from a ``call(func, *args)`` (the student's or a module's)."""
    cache = call(f"{kind}_forward", *args)[1]
    return grads_of(call(f"{kind}_backward", dout, cache), kind)


def student_call(student):
    """``call(func, *args)`` running the student's function: its return value as is."""
    return lambda func, *args: getattr(student, func)(*args)


def module_call(solution, module=None):
    """``call(func, *args)`` running the reference (or ``module``) on copies, returning
    what the function returns (not wrapped in a tuple, as ``solution.run`` does)."""
    def call(func, *args):
        out = solution.run(func, *args, module=module)
        return out[0] if solution.assignment.function(func).single else out
    return call


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
    return solution.judge(student.selu_forward(x), "selu_forward", x)


def nonfinite_hint(solution, compute, got) -> str:
    """The hint of a known mistake whose output is non-finite exactly where the student's
    is, and equal elsewhere (``recognise`` alone never matches NaN with NaN)."""
    if not isinstance(got, np.ndarray) or got.dtype.kind != "f" or np.isfinite(got).all():
        return ""
    for mistake in solution.mistakes:
        try:
            theirs = np.asarray(compute(mistake.module))
        except Exception:  # noqa: BLE001 - a variant may be undefined on these inputs
            continue
        if theirs.shape == got.shape and np.array_equal(np.isfinite(theirs), np.isfinite(got)) \
                and np.allclose(theirs[np.isfinite(got)], got[np.isfinite(got)], rtol=1e-6, atol=0.0):
            return mistake.hint
    return ""


@pytest.mark.points(0.5)
def test_selu_large_inputs(student, solution, rng):
    """selu_forward and selu_backward are finite and right for |x| up to 1e4"""
    big = np.array([-1e4, -5000.0, -800.0, -710.0, -40.0, 40.0, 710.0, 800.0, 5000.0, 1e4])
    x = rng.permutation(np.concatenate([big, 3 * rng.normal(size=10)])).reshape(4, 5)
    dout = rng.normal(size=x.shape)
    out, cache = student.selu_forward(x)
    dx = student.selu_backward(dout, cache)
    expected_out, ref_cache = solution.run("selu_forward", x)
    expected_dx = solution.reference.selu_backward(dout.copy(), ref_cache)
    # Warnings on the way (overflow in an unused branch) are not penalized: values are.
    verdicts = [compare(out, expected_out, "selu_forward → out"), compare(dx, expected_dx, "selu_backward")]
    hints = [nonfinite_hint(solution, lambda m: solution.run("selu_forward", x, module=m)[0], out),
             nonfinite_hint(solution, lambda m: backward_of(module_call(solution, m), "selu", (x,), dout)[0], dx)]
    hint = next((h for h in hints if h), "")
    if not hint and not combine(verdicts).passed:
        hint = solution.recognise(lambda m: [solution.run("selu_forward", x, module=m)[0]], [out])
    return with_hint(combine(verdicts), hint)


# ------------------------------------------------------------------ backward passes


def judge_gradient(student, solution, rng, kind, which) -> Verdict:
    """Gradient ``which`` of ``<kind>_backward`` against the numerical gradient of the
    reference forward; half the points when it is the gradient of the student's own
    (wrong) forward, which must do real work."""
    forward, name = f"{kind}_forward", f"{kind}_backward"
    k = GRADIENTS[kind].index(which)
    label = f"{name} → {which}" if len(GRADIENTS[kind]) > 1 else name
    args, dout = problem(rng, kind)
    out, cache = getattr(student, forward)(*args)
    got = grads_of(getattr(student, name)(dout, cache), kind)[k]

    def loss(outputs):
        return np.sum(outputs[0] * dout)

    reference_loss = loss_along(lambda *a: solution.run(forward, *a), args, k, loss)
    expected = numerical_gradient(reference_loss, args[k], 1.0)
    verdict = compare(got, expected, label, rtol=GRAD_RTOL, atol=1e-7 * np.max(np.abs(expected)))
    if verdict.passed:
        return verdict
    hint = solution.recognise(lambda m: backward_of(module_call(solution, m), kind, args, dout)[k],
                              got, rtol=GRAD_RTOL)
    verdict = with_hint(verdict, hint)
    forward_wrong = not compare(out, solution.run(forward, *args)[0], f"{forward} → out").passed
    if not forward_wrong or not real_work(out, f"{forward} → out", inputs=args).passed:
        return verdict
    own = agrees_with_own_forward(loss_along(lambda *a: getattr(student, forward)(*a), args, k, loss),
                                  args[k], got, rng, label, forward, rtol=GRAD_RTOL)
    if not own.passed:
        return verdict
    return Verdict(OWN_FORWARD_CREDIT, f"{verdict.message}. It is the exact gradient of your own {forward}, "
                   f"so your backward pass is consistent and the error is in {forward} (see its test): "
                   "half the points; fix the forward pass and this passes too")


@pytest.mark.points(0.75)
def test_relu_backward(student, solution, rng):
    """relu_backward equals the numerical gradient"""
    return judge_gradient(student, solution, rng, "relu", "dx")


@pytest.mark.points(0.75)
def test_leaky_relu_backward(student, solution, rng):
    """leaky_relu_backward equals the numerical gradient (non-default alpha, shape (3, 4, 2))"""
    return judge_gradient(student, solution, rng, "leaky_relu", "dx")


@pytest.mark.points(0.75)
def test_prelu_backward_dx(student, solution, rng):
    """prelu_backward → dx equals the numerical gradient"""
    return judge_gradient(student, solution, rng, "prelu", "dx")


@pytest.mark.points(1)
def test_prelu_backward_dalpha(student, solution, rng):
    """prelu_backward → dalpha equals the numerical gradient (summed over the batch)"""
    return judge_gradient(student, solution, rng, "prelu", "dalpha")


@pytest.mark.points(0.75)
def test_selu_backward(student, solution, rng):
    """selu_backward equals the numerical gradient"""
    return judge_gradient(student, solution, rng, "selu", "dx")


@pytest.mark.points(0.25)
@pytest.mark.parametrize("kind", list(GRADIENTS))
def test_backward_at_zero(student, solution, rng, kind):
    """at x = 0 exactly, the backward pass takes the negative side's slope"""
    shape = (4, 3)
    x = rng.normal(size=shape)
    x[rng.integers(shape[0], size=shape[1]), np.arange(shape[1])] = 0.0  # a zero in every channel
    args = {"prelu": (x, rng.uniform(0.1, 0.6, size=shape[1])), "leaky_relu": (x, 0.2)}.get(kind, (x,))
    dout = rng.normal(size=shape)
    got = backward_of(student_call(student), kind, args, dout)
    expected = backward_of(module_call(solution), kind, args, dout)
    names = [f"{kind}_backward → {n} (input with zeros)" for n in GRADIENTS[kind]]
    verdict = combine([compare(g, e, n) for g, e, n in zip(got, expected, names)])
    hint = "" if verdict.passed else solution.recognise(
        lambda m: list(backward_of(module_call(solution, m), kind, args, dout)), list(got))
    return with_hint(verdict, hint)


# ------------------------------------------------------------------ inputs


def mutation_flags(module, func, args) -> np.ndarray:
    """1.0 for each array argument that ``module.func`` changes in place, else 0.0."""
    copies = [a.copy() if isinstance(a, np.ndarray) else a for a in args]
    getattr(module, func)(*copies)
    return np.array([float(isinstance(a, np.ndarray) and not np.array_equal(a, c)) for a, c in zip(args, copies)])


def unmodified(student, solution, func, *args, expected_args=None) -> Verdict:
    """``expect_unmodified`` judged with the reference's values (on ``expected_args`` when the
    student's arguments hold a cache); a mutation gets the hint of a known mistake that
    changes the same arguments."""
    reference_args = expected_args or args
    verdict = expect_unmodified(student, func, *args,
                                right=lambda result: solution.judge(result, func, *reference_args))
    if verdict.passed or "in place" not in verdict.message:
        return verdict
    names = solution.assignment.function(func).args
    named = np.array([float(f"`{n}`" in verdict.message) for n in names[:len(args)]])
    return with_hint(verdict, solution.recognise(lambda m: mutation_flags(m, func, reference_args), named))


@pytest.mark.points(0.5)
def test_inputs_not_modified(student, solution, rng):
    """no function modifies its input arrays"""
    verdicts = []
    for kind in GRADIENTS:
        args, dout = problem(rng, kind)
        verdicts.append(unmodified(student, solution, f"{kind}_forward", *args))
        cache = getattr(student, f"{kind}_forward")(*args)[1]
        verdicts.append(unmodified(student, solution, f"{kind}_backward", dout, cache,
                                   expected_args=(dout, solution.run(f"{kind}_forward", *args)[1])))
    return combine(verdicts)
