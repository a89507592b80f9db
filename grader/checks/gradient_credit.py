"""Credit for one output of a backward pass: right against a numerical gradient of the
REFERENCE forward, or half right when it is the gradient of the student's own (wrong)
forward pass.

The reference's numerical gradient is taken entry by entry (central differences, float64)
for small arrays and along a random direction for larger ones. A wrong gradient gets the
hint of a known mistake whose own forward and backward give it. Nothing here holds
reference code or test inputs: both come from the calling test.
"""

from __future__ import annotations

from typing import Callable, NamedTuple, Sequence

import numpy as np

from grader.checks.backprop import backward_pass, module_call, upstream_loss
from grader.checks.compare import compare, matches
from grader.checks.gradcheck import check_direction, directional_derivative, numerical_gradient, random_direction
from grader.checks.own_forward import Agreements, agrees_with_own_forward, evaluate, loss_along, plan_agreements
from grader.checks.recognise import with_hint
from grader.checks.verdict import Verdict, combine
from grader.checks.work import real_output

GRAD_RTOL = 1e-5  # central differences in float64 are good to ~1e-9 here; mistakes are off by ≳1e-2
GRAD_ATOL = 1e-7  # times the largest |expected| entry (at least 1e-3)
ELEMENTWISE_MAX = 50  # arrays up to this size are checked entry by entry, larger ones along a direction
OWN_FORWARD_CREDIT = 0.5


def against_numerical(got, f: Callable[[np.ndarray], float], x: np.ndarray, name: str, rng, *,
                      by_direction: bool | None = None, rtol: float = GRAD_RTOL, atol: float = GRAD_ATOL) -> Verdict:
    """``got`` (an array of x's shape) against the gradient of the scalar function ``f`` at
    ``x``: entry by entry, or along one random direction when ``by_direction`` (by default
    when x has more than ``ELEMENTWISE_MAX`` entries)."""
    if not (isinstance(got, np.ndarray) and got.shape == x.shape):
        return compare(got, np.zeros(x.shape), name)  # says what is wrong with the type or shape
    if x.size > ELEMENTWISE_MAX if by_direction is None else by_direction:
        u = random_direction(rng, x.shape)
        ok, err = check_direction(got, directional_derivative(f, x, 1.0, u), direction=u, rtol=rtol)
        return Verdict.ok() if ok else Verdict.fail(
            f"{name}: differs from the numerical gradient along a random direction (relative error {err:.1e})")
    expected = numerical_gradient(f, x, 1.0)
    return compare(got, expected, name, rtol=rtol, atol=atol * max(float(np.max(np.abs(expected))), 1e-3))


def judge_gradient(student, solution, forward: str, backward: str, args: Sequence, upstream: Sequence, k: int,
                   rng, *, name: str, loss: Callable | None = None, by_direction: bool | None = None,
                   rtol: float = GRAD_RTOL, dense: bool = False) -> Verdict:
    """Output k of the student's ``backward`` (the gradient of argument k of ``forward``)
    after their own ``forward`` on ``args``, against the numerical gradient of the
    reference forward.

    Inputs: ``args``, the forward's arguments (argument k an array); ``upstream``, a list
    of upstream gradients, one per differentiable output of the forward; ``loss``, the
    scalar as a function of the forward's return value (default Σ outputs ⊙ upstream);
    ``name`` labels the output in messages (``lstm_backward → dWh``).
    Returns: full points when right; ``OWN_FORWARD_CREDIT`` when wrong but the student's
    forward is wrong and this is the exact gradient of it (real work needed; with
    ``dense``, a gradient with no zero entry, see ``real_gradient``); else 0. A wrong
    output gets the hint of a known mistake that gives it.
    """
    single = solution.assignment.function(backward).single
    loss = loss or upstream_loss(upstream)
    out, grads = student.forward_backward(forward, args, backward, upstream)
    got = ((grads,) if single else tuple(grads))[k]
    reference = loss_along(lambda *a: solution.run(forward, *a), args, k, loss)
    verdict = against_numerical(got, reference, args[k], name, rng, by_direction=by_direction, rtol=rtol)
    if verdict.passed:
        return verdict
    hint = _recognised(solution, forward, backward, args, upstream, k, (grads,) if single else tuple(grads),
                       single=single, rtol=rtol)
    if not matches(out[0], reference.output[0]):
        own = loss_along(lambda arg_lists: student.values(forward, arg_lists), args, k, loss, output=out, many=True)
        if agrees_with_own_forward(own, args[k], got, rng, name, forward, rtol=rtol, dense=dense).passed:
            verdict = Verdict(OWN_FORWARD_CREDIT, f"{verdict.message}. It is the exact gradient of your own "
                              f"{forward}, so your backward pass is consistent and the error is in {forward} "
                              "(see its tests): half the points; fix the forward pass and this passes too")
    return with_hint(verdict, hint)


def _recognised(solution, forward: str, backward: str, args: Sequence, upstream: Sequence, k: int, grads: tuple, *,
                single: bool, rtol: float) -> str:
    """The hint of a known mistake whose backward pass gives the student's wrong gradient
    k AND the student's right gradients: a mistake that would also have got those wrong
    is not the student's (dh0 = 0 alone is not "the gradient through time is dropped",
    which would get dx wrong too)."""
    def gradients(module) -> tuple:
        return backward_pass(module_call(solution, module), forward, backward, args, upstream, single=single)
    correct = gradients(solution.reference)
    judged = [k] + [j for j in range(min(len(correct), len(grads)))
                    if j != k and matches(grads[j], correct[j], rtol=rtol)]
    return solution.recognise(lambda module: [gradients(module)[j] for j in judged], [grads[j] for j in judged],
                              rtol=rtol, correct=[correct[j] for j in judged])


def backward_agrees_with_own_forward(student, forward: str, backward: str, args: Sequence, upstream: Sequence,
                                     names: Sequence[str], rng, *, single: bool = False,
                                     dense: bool = False) -> Verdict:
    """Every gradient of the student's ``backward`` (``names``, one per argument of
    ``forward`` in order) against numerical derivatives of the student's own ``forward``
    on ``args`` with loss Σ outputs ⊙ ``upstream`` (see ``agrees_with_own_forward``; ``dense``
    there)."""
    return backward_agreements(student, [OwnBackward(forward, backward, args, upstream, names, single, dense)],
                               rng)[0]


class OwnBackward(NamedTuple):
    """One case of ``backward_agreements``: the arguments of ``backward_agrees_with_own_forward``."""

    forward: str
    backward: str
    args: Sequence
    upstream: Sequence
    names: Sequence[str]
    single: bool = False
    dense: bool = False


def backward_agreements(student, cases: Sequence[OwnBackward], rng) -> list[Verdict]:
    """``backward_agrees_with_own_forward`` for each of ``cases``, in two round trips: every
    forward and backward pass first, then every forward at every point its checks need
    (the same values, random directions and ``StudentIssue`` as the cases one by one)."""
    passes = student.forward_backward_each([(c.forward, c.args, c.backward, c.upstream) for c in cases])
    plans = [_plan(student, case, out, grads, rng) for case, (out, grads) in zip(cases, passes)]
    judged = iter(evaluate([p for p in plans if isinstance(p, Agreements)],
                           lambda calls: student.values_each([(plan.forward, args) for plan, args in calls])))
    return [plan if isinstance(plan, Verdict) else combine(next(judged)) for plan in plans]


def _plan(student, case: OwnBackward, out, grads, rng) -> Verdict | Agreements:
    """A case's verdict when its forward does no real work, else its ``Agreements`` plan."""
    works = real_output(out, f"{case.forward} → output", inputs=case.args)  # once, not once per gradient
    if not works.passed:
        return works
    grads = (grads,) if case.single else grads
    loss = upstream_loss(case.upstream)
    own = [loss_along(lambda arg_lists: student.values(case.forward, arg_lists), case.args, k, loss, output=out,
                      many=True) for k in range(len(case.names))]
    return plan_agreements([(own[k], case.args[k], grads[k], f"{case.backward} → {n}")
                            for k, n in enumerate(case.names)], rng, case.forward, dense=case.dense)
