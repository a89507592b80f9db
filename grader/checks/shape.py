"""Shape checks, for public tests that know no reference values.

A right shape earns points only with values computed from the inputs (``work.real_work``):
zeros or a constant of the right shape earn nothing.
"""

from __future__ import annotations

import numpy as np

from grader.checks.compare import describe_type, shown_shape
from grader.checks.verdict import Verdict
from grader.checks.work import real_work


def check_shape(got, shape: tuple[int, ...], name: str, *, inputs=(), other=None) -> Verdict:
    """Pass when ``got`` is a floating-point array of exactly ``shape`` whose values come
    from real work: not constant, none of ``inputs`` unchanged, and not equal to
    ``other`` (the same output for different inputs), when given."""
    shaped = array_of_shape(got, shape, name)
    return real_work(got, name, inputs=inputs, other=other) if shaped.passed else shaped


def array_of_shape(got, shape: tuple[int, ...], name: str) -> Verdict:
    """Pass when ``got`` is a floating-point array of exactly ``shape``, whatever its values:
    for outputs judged by what they make another function compute (parameters), where a
    constant part can be right and a wrong one is caught by that judgement."""
    if not isinstance(got, np.ndarray):
        return Verdict.fail(f"{name}: expected a NumPy array of shape {shape}, got {describe_type(got)}")
    if got.shape != tuple(shape):
        return Verdict.fail(f"{name}: shape expected {tuple(shape)}, got {shown_shape(got.shape, tuple(shape))}")
    if got.dtype.kind != "f":
        return Verdict.fail(f"{name}: expected floating-point values, got dtype {got.dtype}")
    return Verdict.ok()
