"""Hidden grading tests for `gru`: random inputs with non-zero biases and h0, weights of
order 0.5, sequences of T ≥ 4 with an upstream gradient on every step.

Every gradient of both backward functions is judged against numerical gradients
(central differences, float64) of the REFERENCE forward computed here, in the grader,
one test per output. When an output is wrong but is the exact gradient of the student's
OWN (wrong) forward, half of its points are kept and the message says that the forward
pass is what needs fixing. Each backward call gets a cache of its own, fresh from a
forward call.
"""

import pytest

from grader.checks import (FreshCache, Unchanged, check_shape, combine, compare, judge_gradient,
                           recurrent_sequence, recurrent_step, with_hint)

pytestmark = pytest.mark.hidden

STEP_GRADS = ("dx", "dprev_h", "dWx", "dWh", "db")
SEQ_GRADS = ("dx", "dh0", "dWx", "dWh", "db")


def step_problem(rng, N=3, D=3, H=4):
    """Arguments of gru_step_forward and an upstream gradient dnext_h, all non-zero."""
    return recurrent_step(rng, N, D, H, blocks=3)


def sequence_problem(rng, N=2, T=4, D=2, H=3):
    """Arguments of gru_forward (non-zero h0) and an upstream gradient dh on every step."""
    return recurrent_sequence(rng, N, T, D, H, blocks=3)


# The two kinds of GRU pass: forward, backward, gradient names, problem.
KINDS = {
    "step": ("gru_step_forward", "gru_step_backward", STEP_GRADS, step_problem),
    "sequence": ("gru_forward", "gru_backward", SEQ_GRADS, sequence_problem),
}


def judge(student, solution, rng, kind, output, problem=None, by_direction=False):
    """Gradient ``output`` of the ``kind`` backward pass (see ``grader.checks.judge_gradient``)."""
    forward, backward, names, make = KINDS[kind]
    args, ups = problem or make(rng)
    return judge_gradient(student, solution, forward, backward, args, ups, names.index(output), rng,
                          name=f"{backward} → {output}", by_direction=by_direction, dense=True)


# ------------------------------------------------------------------ forward


@pytest.mark.points(0.5)
def test_step_forward_random(student, solution, rng):
    """gru_step_forward on random inputs (N = 3, D = 3, H = 4)"""
    args, _ = step_problem(rng)
    return solution.judge(student.gru_step_forward(*args), "gru_step_forward", *args)


@pytest.mark.points(0.5)
def test_forward_random(student, solution, rng):
    """gru_forward over a sequence (N = 2, T = 5, D = 2, H = 3)"""
    args, _ = sequence_problem(rng, T=5)
    return solution.judge(student.gru_forward(*args), "gru_forward", *args)


@pytest.mark.points(0.25)
def test_forward_one_step(student, solution, rng):
    """gru_forward with T = 1 equals one step from h0"""
    (x, h0, Wx, Wh, b), _ = sequence_problem(rng, T=1)
    h, _ = student.gru_forward(x, h0, Wx, Wh, b)
    shape = check_shape(h, (2, 1, 3), "gru_forward → h", inputs=(x,))
    if not shape.passed:
        return shape
    step = (x[:, 0, :], h0, Wx, Wh, b)
    verdict = compare(h[:, 0, :], solution.run("gru_step_forward", *step)[0], "gru_forward → h[:, 0]")
    return with_hint(verdict, solution.recognise(
        lambda module: solution.run("gru_step_forward", *step, module=module)[0], h[:, 0, :]))


# ------------------------------------------------------------------ backward


@pytest.mark.points(0.4)
@pytest.mark.parametrize("output", STEP_GRADS)
def test_step_backward(student, solution, rng, output):
    """gru_step_backward vs numerical gradients"""
    return judge(student, solution, rng, "step", output)


@pytest.mark.points(0.6)
@pytest.mark.parametrize("output", SEQ_GRADS)
def test_backward(student, solution, rng, output):
    """gru_backward vs numerical gradients (T = 4)"""
    return judge(student, solution, rng, "sequence", output)


@pytest.mark.points(0.75)
def test_backward_long_sequence(student, solution, rng):
    """gru_backward on a longer sequence (N = 3, T = 7, D = 5, H = 6), along random directions"""
    problem = sequence_problem(rng, N=3, T=7, D=5, H=6)
    # A fresh forward for every backward call (inside judge_gradient): a cache is handed back once.
    return combine([judge(student, solution, rng, "sequence", name, problem, by_direction=True)
                    for name in SEQ_GRADS])


# ------------------------------------------------------------------ inputs


@pytest.mark.points(0.5)
@pytest.mark.uncovered("no known mistake writes into its inputs; the fixture submission "
                       "tests/submissions/gru/mutates_input.py fails this test")
def test_inputs_not_modified(student, solution, rng):
    """no function modifies its input arrays (e.g. `dh[:, t - 1] += ...`)"""
    step_args, (dnext_h,) = step_problem(rng)
    seq_args, (dh,) = sequence_problem(rng)
    return combine(solution.unmodified_each(student, [
        Unchanged("gru_step_forward", step_args),
        Unchanged("gru_forward", seq_args),
        # Each backward gets a cache of its own, fresh from the student's own forward; the
        # reference judges with its own cache of the same inputs.
        Unchanged("gru_step_backward", (dnext_h, FreshCache("gru_step_forward", step_args))),
        Unchanged("gru_backward", (dh, FreshCache("gru_forward", seq_args))),
    ]))
