"""Run a forward pass and then its backward pass, the way a training loop chains them.

A forward function returns its outputs with the cache last; its backward function takes
the upstream gradients (one per differentiable output, each of that output's shape) and
that cache, and returns one gradient per differentiable argument, in the order of the
arguments. ``call(func, *args)`` runs one function and returns what it returns, as the
``student`` proxy does (``student.value``) or as ``module_call`` does for the reference
or a known-mistake variant.
"""

from __future__ import annotations

from typing import Callable, Sequence

import numpy as np


def module_call(solution, module=None) -> Callable:
    """``call(func, *args)`` running the reference (or ``module``) on fresh copies of the
    arguments, returning what the function returns (a single output is not wrapped)."""
    return lambda func, *args: solution.expected(func, *args, module=module)


def backward_pass(call: Callable, forward: str, backward: str, args: Sequence, upstream: Sequence, *,
                  single: bool = False) -> tuple:
    """Gradients of ``backward`` after ``forward`` on ``args`` (a cache of its own), as a tuple.

    Inputs: ``upstream``, a list of upstream gradients (e.g. [dout] of out's shape, or
    [dnext_h, dnext_c]); ``single``: the backward returns one array rather than a tuple.
    Returns: a tuple of gradients, gradient k of argument k's shape.
    """
    cache = call(forward, *args)[-1]
    grads = call(backward, *upstream, cache)
    return (grads,) if single else tuple(grads)


def upstream_loss(upstream: Sequence) -> Callable:
    """outputs ↦ Σⱼ Σ outputs[j] ⊙ upstream[j]: the scalar whose gradient a backward pass
    returns when given ``upstream``. ``outputs`` is a forward's return value (a tuple
    whose first len(upstream) entries are the differentiable outputs, or one array)."""
    def loss(outputs) -> float:
        outs = outputs if isinstance(outputs, (tuple, list)) else (outputs,)
        return float(sum(np.sum(np.asarray(o, dtype=np.float64) * u) for o, u in zip(outs, upstream)))
    return loss
