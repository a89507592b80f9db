"""Shape-only checks, for public tests that know no reference values."""

from __future__ import annotations

import numpy as np

from grader.checks.compare import describe_type
from grader.checks.verdict import Verdict


def check_shape(got, shape: tuple[int, ...], name: str) -> Verdict:
    """Pass when ``got`` is a floating-point array of exactly ``shape``."""
    if not isinstance(got, np.ndarray):
        return Verdict.fail(f"{name}: expected a NumPy array of shape {shape}, got {describe_type(got)}")
    if got.shape != tuple(shape):
        return Verdict.fail(f"{name}: shape expected {tuple(shape)}, got {got.shape}")
    if got.dtype.kind != "f":
        return Verdict.fail(f"{name}: expected floating-point values, got dtype {got.dtype}")
    return Verdict.ok()
