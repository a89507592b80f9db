"""The trusted checking library that assignment tests are written with.

One helper per idea: comparing arrays (``compare``, ``compare_list``), numerical
gradients (``numerical_gradient``, ``directional_derivative``), credit for a backward
pass that is right for the student's own forward (``agrees_with_own_forward``), whether
an output comes from real work (``real_work``, ``check_shape``), behaviour beyond
values (``expect_raises``, ``expect_unmodified``), recognising a known mistake
(``known_mistake``) and building test inputs (``Quadratic``, ``SeededRng``,
``recurrent_parameters``).
"""

from grader.checks.behaviour import expect_raises, expect_unmodified
from grader.checks.compare import compare, compare_list, describe_type, matches
from grader.checks.gradcheck import (check_direction, directional_derivative, numerical_gradient,
                                     random_direction, rel_error)
from grader.checks.inputs import Quadratic, SeededRng, recurrent_parameters
from grader.checks.recognise import known_mistake, with_hint
from grader.checks.own_forward import agrees_with_own_forward, loss_along
from grader.checks.shape import check_shape
from grader.checks.verdict import CheckFailed, Verdict, combine, require
from grader.checks.work import real_gradient, real_work

__all__ = [
    "CheckFailed", "Quadratic", "SeededRng", "Verdict", "agrees_with_own_forward", "check_direction",
    "check_shape", "combine", "compare", "compare_list", "describe_type", "directional_derivative",
    "expect_raises", "expect_unmodified", "known_mistake", "loss_along", "matches", "numerical_gradient",
    "random_direction", "real_gradient", "real_work", "recurrent_parameters", "rel_error", "require",
    "with_hint",
]
