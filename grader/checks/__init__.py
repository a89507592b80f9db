"""The trusted checking library that assignment tests are written with.

One helper per idea: comparing arrays (``compare``, ``compare_list``, ``compare_dict``),
numerical gradients (``numerical_gradient``, ``directional_derivative``), chaining a
forward and a backward pass (``backward_pass``, ``module_call``, ``upstream_loss``),
judging a backward pass against the reference's numerical gradient (``judge_gradient``),
credit for a backward pass that is right for the student's own forward
(``agrees_with_own_forward``, ``backward_agrees_with_own_forward``, ``backward_agreements``
with ``OwnBackward``), whether an output
comes from real work (``real_work``, ``real_output``, ``check_shape``), behaviour beyond
values (``expect_raises``, ``expect_raises_each``, ``expect_unmodified``,
``expect_unmodified_each`` with ``Untouched``, ``Unchanged`` and ``FreshCache``, ``Earlier``
for an earlier output among calls made together,
``written_arguments``), recognising a known mistake (``known_mistake``), combining
verdicts (``combine``, ``combine_cases``)
and building test inputs (``Quadratic``, ``SeededRng``, ``recurrent_parameters``,
``recurrent_step``, ``recurrent_sequence``, ``away_from_zero``).

Nothing here holds reference code or test inputs: this package ships to students.
"""

from grader.checks.backprop import backward_pass, module_call, upstream_loss
from grader.checks.behaviour import (FreshCache, Unchanged, Unmodified, Untouched, expect_raises,
                                     expect_raises_each, expect_unmodified, expect_unmodified_each,
                                     written_arguments)
from grader.checks.compare import (compare, compare_dict, compare_list, describe_type, is_integer, key_difference,
                                   matches)
from grader.checks.gradcheck import (check_direction, directional_derivative, numerical_gradient,
                                     random_direction, rel_error)
from grader.checks.gradient_credit import (GRAD_RTOL, OWN_FORWARD_CREDIT, OwnBackward, against_numerical,
                                           backward_agreements, backward_agrees_with_own_forward, judge_gradient)
from grader.checks.inputs import (Quadratic, SeededRng, away_from_zero, maxout_layer, recurrent_parameters,
                                  recurrent_sequence, recurrent_step)
from grader.checks.recognise import known_mistake, with_hint
from grader.checks.own_forward import (Agreements, OwnLoss, agreements, agrees_with_own_forward, evaluate,
                                      loss_along, plan_agreements)
from grader.checks.shape import array_of_shape, check_shape
from grader.checks.verdict import CheckFailed, Verdict, combine, combine_cases, only_with, require
from grader.checks.work import centred, real_gradient, real_output, real_work
from grader.sandbox.requests import Earlier

__all__ = [
    "Agreements", "CheckFailed", "Earlier", "FreshCache", "GRAD_RTOL", "OWN_FORWARD_CREDIT", "OwnBackward", "OwnLoss",
    "Quadratic", "SeededRng", "Unchanged", "Unmodified", "Untouched", "Verdict", "against_numerical", "agreements",
    "agrees_with_own_forward", "array_of_shape", "away_from_zero", "backward_agreements",
    "backward_agrees_with_own_forward", "backward_pass", "centred", "check_direction", "check_shape", "combine",
    "combine_cases", "compare", "compare_dict", "compare_list", "describe_type", "directional_derivative", "evaluate",
    "expect_raises", "expect_raises_each", "expect_unmodified", "expect_unmodified_each", "is_integer",
    "judge_gradient", "key_difference", "known_mistake", "loss_along", "matches", "maxout_layer", "module_call",
    "numerical_gradient", "only_with", "plan_agreements", "random_direction", "real_gradient", "real_output",
    "real_work", "recurrent_parameters", "recurrent_sequence", "recurrent_step", "rel_error", "require",
    "upstream_loss", "with_hint", "written_arguments",
]
