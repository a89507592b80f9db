"""The trusted checking library that assignment tests are written with."""

from grader.checks.behaviour import expect_raises, expect_unmodified
from grader.checks.compare import compare, matches
from grader.checks.gradcheck import (check_direction, directional_derivative, numerical_gradient,
                                     random_direction, rel_error)
from grader.checks.inputs import Quadratic, SeededRng
from grader.checks.shape import check_shape
from grader.checks.verdict import CheckFailed, Verdict, combine, require

__all__ = [
    "CheckFailed", "Quadratic", "SeededRng", "Verdict", "check_direction", "check_shape", "combine", "compare",
    "directional_derivative", "expect_raises", "expect_unmodified", "matches", "numerical_gradient",
    "random_direction", "rel_error", "require",
]
