"""Hidden grading tests for `regularization`: random networks (several layouts of keys and
shapes, weights that are vectors, biases stored as (1, M) rows, batch-norm's gamma and
beta), random λ and learning rates; penalty gradients checked against central
differences of the reference penalty; early stopping on random and edge-case curves.
"""

import numpy as np
import pytest

from grader.checks import (Unchanged, Untouched, Verdict, agrees_with_own_forward, away_from_zero, combine,
                           combine_cases, compare_dict, describe_type, directional_derivative, expect_raises_each,
                           is_integer, loss_along, matches, numerical_gradient, random_direction, with_hint)

pytestmark = pytest.mark.hidden

GRAD_RTOL, GRAD_ATOL = 1e-5, 1e-7
LAYOUTS = ("mlp", "batchnorm", "rnn")


# ------------------------------------------------------------------ helpers
def network(rng, layout: str) -> dict:
    """Random parameters of a small network: "mlp" (W1, b1, W2, b2), "batchnorm" (with
    gamma1, beta1, a bias stored as a (1, C) row and a vector weight W3) or "rnn" (Wx, Wh,
    b, W_out, b_out)."""
    D, H, C = (int(n) for n in rng.integers(2, 5, size=3))
    shapes = {
        "mlp": {"W1": (D, H), "b1": (H,), "W2": (H, C), "b2": (C,)},
        "batchnorm": {"W1": (D, H), "b1": (H,), "gamma1": (H,), "beta1": (H,), "W2": (H, C), "b2": (1, C),
                      "W3": (C,)},
        "rnn": {"Wx": (D, H), "Wh": (H, H), "b": (H,), "W_out": (H, 1), "b_out": (1,)},
    }[layout]
    return {k: away_from_zero(rng, s, 0.2, 1.5) for k, s in shapes.items()}  # |w| is smooth there


def strength(rng) -> float:
    """A regularization strength λ, as a training script passes it (a Python float)."""
    return float(rng.uniform(0.05, 0.5))


def own_gradients(student, func: str, params: dict, lam: float, penalty, grads, rng) -> Verdict:
    """Pass when ``grads`` is the gradient of the student's own ``func`` penalty: weights by
    ``agrees_with_own_forward`` (real work needed); a zero gradient of another parameter
    only where the student's penalty does not change along it."""
    if not isinstance(grads, dict) or set(grads) != set(params):
        return Verdict.fail(f"{func} → grads: not a dict with the keys of params")
    verdicts = []
    for key, value in params.items():
        own = penalty_along(student, func, params, lam, key, (penalty, grads))
        got, name = grads[key], f"{func} → grads[{key!r}]"
        if key.startswith("W") or not isinstance(got, np.ndarray) or np.any(got):
            verdicts.append(agrees_with_own_forward(own, value, got, rng, name, func, forward_out=penalty,
                                                    inputs=(params, lam)))
            continue
        flat = abs(directional_derivative(own, value, 1.0, random_direction(rng, value.shape))) <= 1e-7
        verdicts.append(Verdict.ok() if got.shape == value.shape and flat
                        else Verdict.fail(f"{name} disagrees with your own {func}"))
    return combine(verdicts)


def penalty_along(student, func: str, params: dict, lam: float, key: str, output):
    """The student's penalty as a function of params[key] (an OwnLoss: its points go to the
    sandbox together); ``output``: what the call on params itself returned."""
    def arguments(x):
        return {**params, key: x}, lam
    return loss_along(lambda lists: student.values(func, [arguments(a[0]) for a in lists]), [params[key]], 0,
                      lambda out: float(out[0]), output=output, many=True)


def judge_penalty_gradients(student, solution, rng, func: str) -> Verdict:
    """``judge_gradients`` on one random network of each layout (the student's calls in one
    round trip to the sandbox)."""
    problems = [(network(rng, layout), strength(rng)) for layout in LAYOUTS]
    return combine_cases([judge_gradients(student, solution, rng, func, params, lam, answer)
                          for answer, (params, lam) in zip(student.values(func, problems), problems)],
                         "random networks")


def judge_gradients(student, solution, rng, func: str, params: dict, lam: float, answer) -> Verdict:
    """The student's grads (``answer``: what ``func(params, lam)`` returned) against central
    differences of the reference penalty with respect to every array of params (zero for
    non-weights); half the points when they are the gradient of the student's own (wrong)
    penalty."""
    penalty, grads = answer
    name = f"{func} → grads"

    def reference_penalty(key):
        return lambda value: solution.run(func, {**params, key: value}, lam)[0]

    numeric = {k: numerical_gradient(reference_penalty(k), v, 1.0) for k, v in params.items()}
    verdict = compare_dict(grads, numeric, name, rtol=GRAD_RTOL, atol=GRAD_ATOL)
    if verdict.passed:
        return verdict
    hint = solution.recognise(lambda module: solution.run(func, params, lam, module=module)[1], grads)
    penalty_right = matches(penalty, solution.run(func, params, lam)[0])
    if not penalty_right and own_gradients(student, func, params, lam, penalty, grads, rng).passed:
        verdict = Verdict(0.5, f"{name} is the correct gradient of your own penalty, but the penalty of {func} "
                               "is wrong (see its tests): half the points; fix the penalty and this passes too")
    return with_hint(verdict, hint)


def judge_penalty(student, solution, rng, func: str) -> Verdict:
    """The penalty value on one random network of each layout."""
    problems = [(network(rng, layout), strength(rng)) for layout in LAYOUTS]
    return combine_cases([solution.judge(got, func, params, lam, outputs=("penalty",))
                          for got, (params, lam) in zip(student.values(func, problems), problems)], "random networks")


def judge_curves(student, solution, cases) -> Verdict:
    """early_stopping on several (losses, patience, description) cases, a share of the
    points each; nothing when the student's epochs are the same for every case (the
    reference's are not): fixed answers do no work."""
    got = call_early_stopping(student, [(losses, patience) for losses, patience, _ in cases])
    answers = {repr(g) for g in got if not isinstance(g, Verdict)}  # any values, hashable or not
    if len(answers) == 1 and len(got) == len(cases):
        return Verdict.fail("early_stopping returns the same epochs whatever the validation curve")
    return combine_cases([g if isinstance(g, Verdict) else judge_epochs(solution, g, *case)
                          for g, case in zip(got, cases)], "validation curves")


def call_early_stopping(student, cases) -> list:
    """For each (losses, patience) of ``cases``, the student's (best_epoch, stop_epoch), or a
    failing Verdict when the call raised (the calls in one round trip)."""
    got = []
    for (losses, _), outcome in zip(cases, student.outcomes([("early_stopping", case) for case in cases])):
        if outcome.ok:
            got.append(student.result("early_stopping", outcome))
            continue
        if student.unusable(outcome):
            student.raise_issue("early_stopping", outcome)
        kind = "a NumPy array of losses" if isinstance(losses, np.ndarray) else "a list of losses"
        got.append(Verdict.fail(f"early_stopping raised an exception on {kind}"))
    return got


def judge_epochs(solution, got, losses, patience: int, what: str) -> Verdict:
    """Two ints equal to the reference's epochs (``what`` describes the curve, not its values)."""
    expected = solution.run("early_stopping", losses, patience)
    verdicts = []
    for value, want, output in zip(got, expected, ("best_epoch", "stop_epoch")):
        if not is_integer(value):
            verdicts.append(Verdict.fail(f"early_stopping → {output} on {what}: expected an int, "
                                         f"got {describe_type(value)}"))
        else:
            verdicts.append(Verdict.ok() if value == want else Verdict.fail(f"early_stopping → {output} is wrong on {what}"))
    verdict = combine(verdicts)
    if verdict.passed:
        return verdict
    copy = list if isinstance(losses, list) else np.copy
    return with_hint(verdict, solution.recognise(lambda module: module.early_stopping(copy(losses), patience), got))


def validation_curve(rng, T: int) -> list:
    """A validation loss that falls, flattens and turns up again (over-fitting), with noise:
    T Python floats, distinct."""
    t = np.arange(T)
    turn = rng.uniform(0.3, 0.8) * T
    curve = np.exp(-t / rng.uniform(3, 8)) + 0.002 * np.maximum(t - turn, 0) ** 1.5 + 0.02 * rng.random(T)
    return [float(v) for v in curve]


# ------------------------------------------------------------------ L2
@pytest.mark.points(0.75)
def test_l2_penalty_value(student, solution, rng):
    """l2_penalty → penalty on random networks (weights only, with the ½)"""
    return judge_penalty(student, solution, rng, "l2_penalty")


@pytest.mark.points(1)
def test_l2_gradients(student, solution, rng):
    """l2_penalty → grads equal the numerical gradient of the penalty, for every parameter"""
    return judge_penalty_gradients(student, solution, rng, "l2_penalty")


# ------------------------------------------------------------------ L1
@pytest.mark.points(0.75)
def test_l1_penalty_value(student, solution, rng):
    """l1_penalty → penalty on random networks (weights only)"""
    return judge_penalty(student, solution, rng, "l1_penalty")


@pytest.mark.points(0.75)
def test_l1_gradients(student, solution, rng):
    """l1_penalty → grads equal the numerical gradient of the penalty (weights away from 0)"""
    return judge_penalty_gradients(student, solution, rng, "l1_penalty")


@pytest.mark.points(0.5)
def test_l1_gradient_zero_at_zero(student, solution, rng):
    """l1_penalty → grads is 0 where a weight is exactly 0"""
    params, lam = network(rng, "batchnorm"), strength(rng)
    for key in ("W1", "W2", "W3"):
        params[key] = np.where(rng.random(params[key].shape) < 0.4, 0.0, params[key])
        params[key].flat[0] = 0.0  # at least one exact zero in each weight
    return solution.judge(student.l1_penalty(params, lam), "l1_penalty", params, lam)


# ------------------------------------------------------------------ weight decay
@pytest.mark.points(1.25)
def test_sgd_weight_decay_step(student, solution, rng):
    """sgd_weight_decay_step on random networks: weights decay, other parameters take a plain step"""
    problems = []
    for layout in LAYOUTS:
        params = network(rng, layout)
        grads = {k: rng.normal(size=v.shape) for k, v in params.items()}
        problems.append((params, grads, float(rng.uniform(0.05, 0.5)), float(rng.uniform(0.05, 0.3))))
    got = student.values("sgd_weight_decay_step", problems)
    return combine_cases([solution.judge(g, "sgd_weight_decay_step", *problem) for g, problem in zip(got, problems)],
                         "random networks")


# ------------------------------------------------------------------ early stopping
@pytest.mark.points(1)
def test_early_stopping_random_curves(student, solution, rng):
    """early_stopping on random over-fitting validation curves and patiences"""
    cases = [(validation_curve(rng, int(rng.integers(15, 40))), int(rng.integers(1, 6)), "a random validation curve")
             for _ in range(6)]
    return judge_curves(student, solution, cases)


@pytest.mark.points(0.75)
def test_early_stopping_edge_cases(student, solution, rng):
    """early_stopping on plateaus (ties), late minima, a single epoch, patience 1 and a NumPy array"""
    best = float(rng.uniform(0.5, 1.0))
    plateau = [best + 1.0] + [best] * 5 + [best - 0.1] * 6
    late_minimum = [2.0, 1.0, 1.5, 1.4, 1.3, 1.2, 0.5]
    cases = [(plateau, 3, "a curve with plateaus (equal losses)"),
             (plateau, 5, "a curve with plateaus (equal losses)"),
             (late_minimum, 3, "a curve whose lowest loss comes after the stop"),
             ([best], 1, "a single epoch"),
             (validation_curve(rng, 12), 1, "a random curve with patience 1"),
             (validation_curve(rng, 6), 10, "a curve shorter than the patience"),
             (np.array(validation_curve(rng, 20)), 2, "a NumPy array of losses")]
    return judge_curves(student, solution, cases)


@pytest.mark.points(0.25)
def test_early_stopping_rejects_invalid_arguments(student, rng):
    """early_stopping raises ValueError for patience < 1 and for no losses"""
    losses = validation_curve(rng, 10)
    cases = {"patience = 0": (losses, 0), "patience = −2": (losses, -2), "an empty list of losses": ([], 3)}
    verdicts = expect_raises_each(student, ValueError, [("early_stopping", *args) for args in cases.values()])
    return combine([v if v.passed else Verdict.fail(f"with {case}: {v.message}") for case, v in zip(cases, verdicts)])


# ------------------------------------------------------------------ inputs
@pytest.mark.points(0.5)
def test_inputs_not_modified(student, solution, rng):
    """no function modifies its input arrays"""
    params, lam = network(rng, "mlp"), strength(rng)
    grads = {k: rng.normal(size=v.shape) for k, v in params.items()}
    losses = np.array(validation_curve(rng, 15))
    return combine(solution.unmodified_each(student, [
        Unchanged("l2_penalty", (params, lam)),
        Unchanged("l1_penalty", (params, lam)),
        Unchanged("sgd_weight_decay_step", (params, grads, 0.1, lam)),
        Untouched("early_stopping", (losses, 3),
                  lambda got: judge_epochs(solution, got, losses, 3, "a NumPy array of losses"))]))
