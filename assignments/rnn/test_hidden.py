"""Hidden grading tests for `rnn`: random inputs with non-zero biases and h0, weights of
order 0.5, sequences of T ≥ 4 with an upstream gradient on every step (so that a
backward pass without the gradient from the next step, or without accumulating dWh over
time, is caught), and a longer sequence with a loss on its last step only.

Every backward call gets the cache of a forward call of its own (a submission may
consume its cache, e.g. with `cache.pop()`). Backward outputs are judged against
numerical gradients (central differences, float64) of the REFERENCE forward, one test
per output; when an output is wrong but is the gradient of the student's OWN (wrong)
forward pass, half its points are kept.
"""

import pytest

from grader.checks import (GRAD_RTOL, Earlier, FreshCache, Unchanged, Verdict, check_shape, combine, compare,
                           judge_gradient, recurrent_sequence, recurrent_step)

pytestmark = pytest.mark.hidden


# forward, backward, names of the backward's outputs (each the gradient of the forward's
# argument at the same position)
KINDS = {
    "step": ("rnn_step_forward", "rnn_step_backward", ("dx", "dprev_h", "dWx", "dWh", "db")),
    "sequence": ("rnn_forward", "rnn_backward", ("dx", "dh0", "dWx", "dWh", "db")),
}


def step_problem(rng, N=3, D=4, H=5):
    """Arguments of rnn_step_forward and an upstream gradient dnext_h."""
    args, (dnext_h,) = recurrent_step(rng, N, D, H, blocks=1)
    return args, dnext_h


def sequence_problem(rng, N=2, T=4, D=3, H=4):
    """Arguments of rnn_forward (non-zero h0) and an upstream gradient dh on every step."""
    args, (dh,) = recurrent_sequence(rng, N, T, D, H, blocks=1)
    return args, dh


# ------------------------------------------------------------------ forward


@pytest.mark.points(0.5)
def test_step_forward_random(student, solution, rng):
    """rnn_step_forward on random inputs (N = 3, D = 4, H = 5)"""
    args, _ = step_problem(rng)
    return solution.judge(student.rnn_step_forward(*args), "rnn_step_forward", *args)


@pytest.mark.points(0.75)
def test_forward_random(student, solution, rng):
    """rnn_forward over a sequence (N = 3, T = 6, D = 4, H = 5)"""
    args, _ = sequence_problem(rng, N=3, T=6, D=4, H=5)
    return solution.judge(student.rnn_forward(*args), "rnn_forward", *args)


@pytest.mark.points(0.25)
def test_forward_chains_own_steps(student, rng):
    """rnn_forward carries h from step to step (T = 5, compared with chaining your own rnn_step_forward)"""
    # Judged against the student's own step so that this is about the loop, not the cell.
    args, _ = sequence_problem(rng, T=5)
    x, h0, Wx, Wh, b = args
    # One round trip: the sequence, then the steps, each given the next_h of the step before.
    (h, _), *steps = student.values_each([("rnn_forward", args)] + [
        ("rnn_step_forward", (x[:, t, :], Earlier(t, 0) if t else h0, Wx, Wh, b)) for t in range(x.shape[1])])
    shape = check_shape(h, (x.shape[0], x.shape[1], h0.shape[1]), "rnn_forward → h", inputs=args)
    if not shape.passed:
        return shape
    for t, (prev_h, _) in enumerate(steps):
        verdict = compare(h[:, t, :], prev_h, f"rnn_forward → h[:, {t}]")
        if not verdict.passed:
            return Verdict.fail(f"{verdict.message} (compared with chaining your own rnn_step_forward). "
                                "Hint: the next_h of step t is the prev_h of step t + 1; h0 is used only at step 0")
    return None


# ------------------------------------------------------------------ backward


def judge(student, solution, rng, kind, k, problem=None, by_direction=False):
    """Output k of the backward pass of ``kind`` (see ``grader.checks.judge_gradient``)."""
    forward, backward, names = KINDS[kind]
    args, upstream = problem or (step_problem(rng) if kind == "step" else sequence_problem(rng))
    return judge_gradient(student, solution, forward, backward, args, [upstream], k, rng,
                          name=f"{backward} → {names[k]}", by_direction=by_direction, dense=True)


@pytest.mark.points(0.25)
@pytest.mark.parametrize("k", range(5), ids=KINDS["step"][2])
def test_step_backward(student, solution, rng, k):
    """rnn_step_backward equals the numerical gradient"""
    return judge(student, solution, rng, "step", k)


@pytest.mark.points(0.75)
def test_backward_dx(student, solution, rng):
    """rnn_backward → dx equals the numerical gradient (T = 4)"""
    return judge(student, solution, rng, "sequence", 0)


@pytest.mark.points(0.75)
def test_backward_dh0(student, solution, rng):
    """rnn_backward → dh0 equals the numerical gradient (T = 4)"""
    return judge(student, solution, rng, "sequence", 1)


@pytest.mark.points(0.75)
def test_backward_dWx(student, solution, rng):
    """rnn_backward → dWx equals the numerical gradient (T = 4)"""
    return judge(student, solution, rng, "sequence", 2)


@pytest.mark.points(1)
def test_backward_dWh(student, solution, rng):
    """rnn_backward → dWh equals the numerical gradient (T = 4)"""
    return judge(student, solution, rng, "sequence", 3)


@pytest.mark.points(0.5)
def test_backward_db(student, solution, rng):
    """rnn_backward → db equals the numerical gradient (T = 4)"""
    return judge(student, solution, rng, "sequence", 4)


@pytest.mark.points(0.1)
@pytest.mark.parametrize("k", range(5), ids=KINDS["sequence"][2])
def test_backward_last_step_loss(student, solution, rng, k):
    """rnn_backward on a longer sequence (T = 12, H = 8) with a loss on the last step only, by direction"""
    args, dh = sequence_problem(rng, N=3, T=12, D=5, H=8)
    dh[:, :-1, :] = 0.0  # only h_T is in the loss: every other gradient must come back through time
    return judge(student, solution, rng, "sequence", k, problem=(args, dh), by_direction=True)


# ------------------------------------------------------------------ inputs


@pytest.mark.points(0.5)
@pytest.mark.uncovered("no known mistake writes into its inputs; the fixture submission "
                       "tests/submissions/rnn/mutates_input.py fails this test")
def test_inputs_not_modified(student, solution, rng):
    """no function modifies its input arrays"""
    step_args, dnext_h = step_problem(rng)
    args, dh = sequence_problem(rng)
    checks = [Unchanged("rnn_step_forward", step_args), Unchanged("rnn_forward", args)]
    for kind, problem, upstream in (("step", step_args, dnext_h), ("sequence", args, dh)):
        forward, backward, _ = KINDS[kind]
        checks.append(Unchanged(backward, (upstream, FreshCache(forward, problem)), rtol=GRAD_RTOL))
    return combine(solution.unmodified_each(student, checks))
