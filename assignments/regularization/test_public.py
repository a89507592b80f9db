"""Public tests for `regularization`: small hand-checked examples you can run with `grader check`.

The example network has two weight matrices and one bias: W1 (2, 2), b1 (2,), W2 (2, 1).
Every expected value below can be checked with pencil and paper (the README works
through the L2 example).
"""

import numpy as np
import pytest

from grader.checks import (Verdict, away_from_zero, combine, compare, compare_dict, describe_type, evaluate,
                           is_integer, key_difference, loss_along, plan_agreements)

PARAMS = {"W1": np.array([[1.0, -2.0], [0.5, 3.0]]),
          "b1": np.array([1.0, -1.0]),
          "W2": np.array([[2.0], [-1.0]])}
LAM = 0.1


@pytest.mark.points(0.5)
def test_l2_penalty_example(student):
    """l2_penalty on the example network with λ = 0.1"""
    penalty, grads = student.l2_penalty(PARAMS, LAM)
    # Σ‖W‖² = (1 + 4 + 0.25 + 9) + (4 + 1) = 19.25, so the penalty is 0.1 / 2 · 19.25 = 0.9625;
    # the bias b1 is not part of it. The gradient of (λ/2)‖W‖² is λW; b1's is zero.
    return combine([
        compare(penalty, np.array(0.9625), "l2_penalty → penalty"),
        compare_dict(grads, {"W1": np.array([[0.1, -0.2], [0.05, 0.3]]), "b1": np.zeros(2),
                             "W2": np.array([[0.2], [-0.1]])}, "l2_penalty → grads"),
    ])


@pytest.mark.points(0.5)
def test_l1_penalty_example(student):
    """l1_penalty with λ = 0.1 on weights that include an exact zero"""
    params = {"W1": np.array([[1.0, -2.0], [0.0, 3.0]]), "b1": np.array([1.0, -1.0]),
              "W2": np.array([[2.0], [-1.0]])}
    penalty, grads = student.l1_penalty(params, LAM)
    # Σ|W| = (1 + 2 + 0 + 3) + (2 + 1) = 9, so the penalty is 0.1 · 9 = 0.9. The gradient is
    # λ·sign(W): ±0.1, and 0 for the weight that is exactly 0; b1's is zero.
    return combine([
        compare(penalty, np.array(0.9), "l1_penalty → penalty"),
        compare_dict(grads, {"W1": np.array([[0.1, -0.1], [0.0, 0.1]]), "b1": np.zeros(2),
                             "W2": np.array([[0.1], [-0.1]])}, "l1_penalty → grads"),
    ])


@pytest.mark.points(0.5)
def test_sgd_weight_decay_step_example(student):
    """sgd_weight_decay_step with η = 0.5, λ = 0.1: weights decay, the bias takes a plain step"""
    grads = {"W1": np.array([[0.5, 0.5], [-1.0, 0.0]]), "b1": np.array([1.0, 2.0]),
             "W2": np.array([[1.0], [0.0]])}
    got = student.sgd_weight_decay_step(PARAMS, grads, 0.5, LAM)
    # W1: g + λW1 = [[0.6, 0.3], [-0.95, 0.3]]; W1 − 0.5·that = [[0.7, −2.15], [0.975, 2.85]].
    # b1: b1 − 0.5·g = [1 − 0.5, −1 − 1] = [0.5, −2].
    # W2: g + λW2 = [[1.2], [−0.1]]; W2 − 0.5·that = [[1.4], [−0.95]].
    return compare_dict(got, {"W1": np.array([[0.7, -2.15], [0.975, 2.85]]), "b1": np.array([0.5, -2.0]),
                              "W2": np.array([[1.4], [-0.95]])}, "sgd_weight_decay_step → params")


@pytest.mark.points(0.5)
def test_early_stopping_example(student):
    """early_stopping on two short validation curves"""
    # Curve 1, patience 2: epochs 0, 1, 3, 4 improve (1.0, 0.8, 0.7, 0.6); epochs 5 and 6 (0.65,
    # 0.62) do not, so epoch 6 ends 2 epochs in a row without improvement: stop at 6, keep
    # epoch 4. Epoch 7 (0.5) is never seen.
    # Curve 2, patience 3: epochs 2 and 3 do not improve, epoch 4 does, epoch 5 does not; the
    # patience never runs out, so training stops at the last epoch, 5, and keeps epoch 4.
    cases = [([1.0, 0.8, 0.9, 0.7, 0.6, 0.65, 0.62, 0.5], 2, (4, 6)),
             ([3.0, 2.0, 2.5, 2.2, 1.0, 1.5], 3, (4, 5))]
    verdicts = []
    for (losses, patience, expected), got in zip(cases, student.values("early_stopping", [c[:2] for c in cases])):
        for value, want, output in zip(got, expected, ("best_epoch", "stop_epoch")):
            name = f"early_stopping({losses}, {patience}) → {output}"
            if not is_integer(value):
                verdicts.append(Verdict.fail(f"{name}: expected an int, got {describe_type(value)}"))
            elif value != want:
                verdicts.append(Verdict.fail(f"{name}: expected {want}, got {value}"))
            else:
                verdicts.append(Verdict.ok())
    return combine(verdicts)


@pytest.mark.points(0.5)
def test_penalty_gradients_match_own_penalty(student):
    """l2_penalty and l1_penalty return the gradients of their own penalties (numerical check)"""
    rng = np.random.default_rng(1)
    # Weights away from 0, where |w| has a derivative.
    params = {"W1": away_from_zero(rng, (3, 4), 0.2, 1.0), "b1": rng.normal(size=4),
              "W2": away_from_zero(rng, (4, 2), 0.2, 1.0)}
    funcs = ("l2_penalty", "l1_penalty")
    plans, keys = [], {}  # per gradient: a verdict, or its Agreements plan (keys: the weight the plan varies)
    for func, (penalty, grads) in zip(funcs, student.values_each([(f, (params, 0.3)) for f in funcs])):
        if not isinstance(grads, dict) or set(grads) != set(params):
            got = key_difference(grads, params) if isinstance(grads, dict) else f"got {describe_type(grads)}"
            plans.append(Verdict.fail(f"{func} → grads: expected a dict with exactly the keys of params "
                                      f"({', '.join(map(repr, params))}): {got}"))
            continue
        for key in ("W1", "W2"):
            own_penalty = loss_along(
                lambda lists, func=func, key=key: student.values(func, [({**params, key: a[0]}, 0.3) for a in lists]),
                [params[key]], 0, lambda out: float(out[0]), output=(penalty, grads), many=True)
            check = (own_penalty, params[key], grads[key], f"{func} → grads[{key!r}]")
            plans.append(plan_agreements([check], rng, func, forward_out=penalty, inputs=(params, 0.3)))
            keys[plans[-1]] = key
    # Every penalty at every point of every check, in one round trip.
    judged = iter(evaluate(list(keys), lambda calls: student.values_each(
        [(plan.forward, ({**params, keys[plan]: args[0]}, 0.3)) for plan, args in calls])))
    return combine([p if isinstance(p, Verdict) else next(judged)[0] for p in plans])
