"""Partial credit for a backward pass that is right for the student's own forward pass.

When a forward pass is wrong, the matching backward pass can still be the exact
gradient of what that forward computes: the student understood backpropagation and
should not lose it twice. This credit needs real work on both sides: the forward's
output must come from its inputs (an input handed back unchanged has the identity as
its derivative, which a backward that hands back ``dout`` "agrees" with), it must
change along the direction checked (a constant forward has derivative zero, and a zero
backward would "agree" with it) and the gradient must not be zero.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Callable

import numpy as np

from grader.checks.compare import shown_shape
from grader.checks.gradcheck import STEP, check_direction, random_direction
from grader.checks.verdict import Verdict
from grader.checks.work import real_gradient, real_output

DIRECTIONS = 2
FLAT = 1e-9  # a directional derivative this small (relative to the gradient's size) is "no change"


@dataclass(frozen=True, eq=False)
class OwnLoss:
    """x ↦ loss(forward(args with argument k replaced by x)), a scalar, together with what
    the forward returned on ``args`` themselves (``output``), for the real-work guard.

    ``outputs_of`` maps a list of argument tuples to the list of what the forward returns
    on each (an array or a tuple of outputs: arrays, caches); ``loss`` maps one such return
    value to a float. For the student, ``student.values``: every point of a check goes to
    the sandbox in one round trip.
    """

    outputs_of: Callable
    args: tuple
    k: int
    loss: Callable
    output: object

    def __call__(self, x) -> float:
        return self.losses(self.outputs_of([self.arguments(x)]))[0]

    def arguments(self, x) -> tuple:
        """The forward's arguments with argument k replaced by ``x``."""
        changed = list(self.args)
        changed[self.k] = x
        return tuple(changed)

    def losses(self, outputs: list) -> list[float]:
        return [float(self.loss(out)) for out in outputs]


def loss_along(forward: Callable, args, k: int, loss: Callable, *, output=None, many: bool = False) -> OwnLoss:
    """The scalar whose gradient with respect to argument k a backward pass returns, as an
    ``OwnLoss``. ``forward(*args)`` returns what the forward does; with ``many``,
    ``forward(arg_lists)`` returns that for each argument tuple at once (``student.values``).
    ``output`` is what the forward returned on ``args`` (asked for here when not given)."""
    outputs_of = forward if many else (lambda arg_lists: [forward(*a) for a in arg_lists])
    args = tuple(args)
    return OwnLoss(outputs_of, args, k, loss, outputs_of([args])[0] if output is None else output)


def agrees_with_own_forward(own_loss: OwnLoss, x: np.ndarray, analytic, rng, name: str, forward: str, *,
                            rtol: float = 1e-5, forward_out=None, inputs=None, dense: bool = False) -> Verdict:
    """Pass when ``analytic`` (the student's gradient with respect to ``x``, of x's shape)
    matches central differences of ``own_loss`` (built with ``loss_along`` from the
    student's own forward) along ``DIRECTIONS`` random directions, and both do real work.

    The forward's output must not be one of its inputs unchanged, nor constant: taken
    from the ``OwnLoss`` (``output`` and ``args``), or from ``forward_out`` (an array, a
    number, or a tuple of them) and ``inputs`` (the forward's arguments) where a check
    needs other ones (e.g. the penalty alone, and all of a network's params). ``dense``:
    every entry of the true gradient is non-zero (see ``real_gradient``).
    """
    if not isinstance(own_loss, OwnLoss):
        raise TypeError("agrees_with_own_forward needs an OwnLoss (loss_along): its points go to the forward together")
    return agreements([(own_loss, x, analytic, name)], rng, forward, rtol=rtol, forward_out=forward_out,
                      inputs=inputs, dense=dense)[0]


def agreements(checks: list[tuple[OwnLoss, np.ndarray, object, str]], rng, forward: str, *,
               rtol: float = 1e-5, forward_out=None, inputs=None, dense: bool = False) -> list[Verdict]:
    """``agrees_with_own_forward`` for several gradients of one forward pass: ``checks``
    holds (own loss, x, analytic gradient, name) per gradient, each own loss from
    ``loss_along`` on the same forward and arguments with its own k. The points of every
    check are evaluated together (one round trip for the student's forward);
    the verdicts are those the checks give one by one. ``forward_out`` and ``inputs``: as
    for ``agrees_with_own_forward``."""
    plan = plan_agreements(checks, rng, forward, rtol=rtol, forward_out=forward_out, inputs=inputs, dense=dense)
    return evaluate([plan], lambda calls: checks[0][0].outputs_of([args for _, args in calls]))[0]


@dataclass(frozen=True, eq=False)
class Agreements:
    """``agreements`` in two steps, so that the checks of several forward passes can be
    evaluated together (``evaluate``): ``calls``, the argument tuples the forward must be
    evaluated at (none when every verdict is known already), then ``verdicts`` of what it
    returned there. Compared and hashed as itself (a key for what a caller knows of it)."""

    checks: list
    pending: list
    forward: str
    rtol: float

    @functools.cached_property
    def calls(self) -> list[tuple]:
        return [own.arguments(x) for (own, *_), p in zip(self.checks, self.pending) if p.verdict is None
                for x in p.points]

    def verdicts(self, outputs) -> list[Verdict]:
        """One verdict per check, from the forward's ``outputs`` at ``calls``, in order."""
        outputs = iter(outputs)
        verdicts = []
        for (own, _, analytic, name), p in zip(self.checks, self.pending):
            if p.verdict is not None:
                verdicts.append(p.verdict)
                continue
            mine = [next(outputs) for _ in p.points]
            try:
                losses = own.losses(mine)
            except (TypeError, ValueError, IndexError):
                verdicts.append(_unshaped(name, self.forward))
                continue
            verdicts.append(_judge(p, losses, analytic, name, self.forward, self.rtol))
        return verdicts

    def unshaped(self) -> list[Verdict]:
        """The verdicts when the forward's outputs could not be taken apart."""
        return [p.verdict or _unshaped(name, self.forward) for (*_, name), p in zip(self.checks, self.pending)]


def evaluate(plans: list[Agreements], outputs_of: Callable[[list], list]) -> list[list[Verdict]]:
    """Each plan's verdicts, with one call of ``outputs_of`` (one round trip) for the calls
    of them all: it is given ``(plan, arguments)`` pairs, in order, and returns what the
    plan's forward gave on each. Outputs it cannot take apart make every check unshaped."""
    calls = [(plan, args) for plan in plans for args in plan.calls]
    if not calls:
        return [plan.verdicts([]) for plan in plans]
    try:
        outputs = iter(outputs_of(calls))
    except (TypeError, ValueError, IndexError):
        return [plan.unshaped() for plan in plans]
    return [plan.verdicts([next(outputs) for _ in plan.calls]) for plan in plans]


def plan_agreements(checks: list[tuple[OwnLoss, np.ndarray, object, str]], rng, forward: str, *,
                    rtol: float = 1e-5, forward_out=None, inputs=None, dense: bool = False) -> Agreements:
    """The first step of ``agreements`` (same arguments): the guards, and the random
    directions drawn from ``rng``."""
    if not checks:
        return Agreements([], [], forward, rtol)
    first = checks[0][0]  # every check: the same forward, output and arguments
    works = real_output(first.output if forward_out is None else forward_out, f"{forward} → output",
                        inputs=first.args if inputs is None else inputs)
    return Agreements(list(checks), [_prepare(x, analytic, rng, name, works, dense) for _, x, analytic, name in checks],
                      forward, rtol)


@dataclass(frozen=True)
class _Pending:
    """One gradient's check before its evaluations: a verdict already (no real work, a
    wrong shape), or the random directions and the points x ± h·u to evaluate."""

    verdict: Verdict | None
    directions: tuple = ()
    points: tuple = ()
    scale: float = 0.0


def _prepare(x, analytic, rng, name: str, works: Verdict, dense: bool = False) -> _Pending:
    """``works``: whether the forward's output is real work (``real_output``)."""
    if not works.passed:
        return _Pending(works)
    real = real_gradient(analytic, name, dense=dense)
    if not real.passed:
        return _Pending(real)
    if analytic.shape != x.shape:
        return _Pending(Verdict.fail(f"{name}: shape expected {x.shape}, got {shown_shape(analytic.shape, x.shape)}"))
    # Every point first, then the verdicts: the student's forward runs at all of them in
    # one round trip (an OwnLoss of student.values), and a direction is judged as before.
    directions = tuple(random_direction(rng, x.shape) for _ in range(DIRECTIONS))
    x = np.asarray(x, dtype=np.float64)
    points = tuple(p for u in directions for p in (x + STEP * u, x - STEP * u))
    return _Pending(None, directions, points, float(np.linalg.norm(analytic)))


def _judge(pending: _Pending, losses: list[float], analytic, name: str, forward: str, rtol: float) -> Verdict:
    for i, u in enumerate(pending.directions):
        numeric = (losses[2 * i] - losses[2 * i + 1]) / (2 * STEP)
        if not np.isfinite(numeric) or abs(numeric) <= FLAT * max(pending.scale, 1.0):
            return Verdict.fail(f"{name}: cannot be checked against your {forward}: its output does not change "
                                "when this input changes")
        ok, err = check_direction(analytic, numeric, direction=u, rtol=rtol)
        if not ok:
            return Verdict.fail(f"{name} disagrees with a numerical derivative of your own {forward} along a "
                                f"random direction (relative error {err:.1e})")
    return Verdict.ok()


def _unshaped(name: str, forward: str) -> Verdict:
    return Verdict.fail(f"{name}: could not be checked, {forward} does not return arrays of the documented shapes")
