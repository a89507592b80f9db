"""Run a forward pass and then its backward pass, the way a training loop chains them.

A forward function returns its outputs with the cache last; its backward function takes
the upstream gradients (one per differentiable output, each of that output's shape) and
that cache, and returns one gradient per differentiable argument, in the order of the
arguments. A runner's ``forward_backward(forward, args, backward, upstream)`` makes the
two calls and returns both values: the ``student`` proxy (in one round trip to the
sandbox), or ``module_call`` for the reference or a known-mistake variant.
"""

from __future__ import annotations

from typing import Callable, Sequence

import numpy as np


class module_call:  # noqa: N801 - used like a function: module_call(solution, module)
    """A runner of the reference (or ``module``, a known-mistake variant) on fresh copies
    of the arguments, returning what the functions return (a single output is not wrapped)."""

    def __init__(self, solution, module=None):
        self.solution = solution
        self.module = module

    def forward_backward(self, forward: str, args: Sequence, backward: str, upstream: Sequence) -> tuple:
        out = self.solution.expected(forward, *args, module=self.module)
        return out, self.solution.expected(backward, *upstream, out[-1], module=self.module)


def backward_pass(runner, forward: str, backward: str, args: Sequence, upstream: Sequence, *,
                  single: bool = False) -> tuple:
    """Gradients of ``backward`` after ``forward`` on ``args`` (a cache of its own), as a
    tuple, from ``runner`` (the ``student`` proxy or a ``module_call``).

    Inputs: ``upstream``, a list of upstream gradients (e.g. [dout] of out's shape, or
    [dnext_h, dnext_c]); ``single``: the backward returns one array rather than a tuple.
    Returns: a tuple of gradients, gradient k of argument k's shape.
    """
    _, grads = runner.forward_backward(forward, args, backward, upstream)
    return (grads,) if single else tuple(grads)


def upstream_loss(upstream: Sequence) -> Callable:
    """outputs ↦ Σⱼ Σ outputs[j] ⊙ upstream[j]: the scalar whose gradient a backward pass
    returns when given ``upstream``. ``outputs`` is a forward's return value (a tuple
    whose first len(upstream) entries are the differentiable outputs, or one array)."""
    def loss(outputs) -> float:
        outs = outputs if isinstance(outputs, (tuple, list)) else (outputs,)
        return float(sum(np.sum(np.asarray(o, dtype=np.float64) * u) for o, u in zip(outs, upstream)))
    return loss
