"""Public tests for `batchnorm`: small hand-checked examples you can run with `grader check`.

The example batch has N = 4 examples of D = 2 features, and eps = 0 so that the
arithmetic is exact (the hidden tests use eps > 0):

    x = [[1, 2],      feature 0: μ = 2, σ² = (1 + 1 + 1 + 1)/4 = 1,   x̂ = [−1, −1, 1, 1]
         [1, 6],      feature 1: μ = 4, σ² = (4 + 4 + 4 + 4)/4 = 4,   x̂ = [−1, 1, 1, −1]
         [3, 6],
         [3, 2]]      γ = [2, 0.5], β = [1, −1]

The README works through the forward pass.
"""

import numpy as np
import pytest

from grader.checks import backward_agrees_with_own_forward, check_shape, combine, compare

X = np.array([[1.0, 2.0],
              [1.0, 6.0],
              [3.0, 6.0],
              [3.0, 2.0]])
GAMMA = np.array([2.0, 0.5])
BETA = np.array([1.0, -1.0])
MOMENTUM, EPS = 0.9, 0.0


@pytest.mark.points(0.5)
def test_forward_train_example(student):
    """batchnorm_forward in training mode on the 4 × 2 example (out and running statistics)"""
    out, mean_next, var_next, _ = student.batchnorm_forward(X, GAMMA, BETA, np.zeros(2), np.ones(2),
                                                            True, MOMENTUM, EPS)
    # out = γ·x̂ + β: feature 0 is 2·[−1, −1, 1, 1] + 1, feature 1 is 0.5·[−1, 1, 1, −1] − 1.
    expected_out = np.array([[-1.0, -1.5],
                             [-1.0, -0.5],
                             [3.0, -0.5],
                             [3.0, -1.5]])
    # running' = 0.9·running + 0.1·batch: mean 0.9·0 + 0.1·[2, 4]; variance 0.9·1 + 0.1·[1, 4].
    return combine([compare(out, expected_out, "batchnorm_forward → out"),
                    compare(mean_next, np.array([0.2, 0.4]), "batchnorm_forward → running_mean_next"),
                    compare(var_next, np.array([1.0, 1.3]), "batchnorm_forward → running_var_next")],
                   weights=[2, 1, 1])


@pytest.mark.points(0.5)
def test_forward_test_mode_example(student):
    """batchnorm_forward at test time normalizes with the running statistics"""
    running_mean, running_var = np.array([2.0, 4.0]), np.array([1.0, 4.0])
    x = np.array([[2.0, 4.0],
                  [4.0, 8.0]])
    out, mean_next, var_next, _ = student.batchnorm_forward(x, GAMMA, BETA, running_mean, running_var,
                                                            False, MOMENTUM, EPS)
    # x̂ = (x − running_mean)/√running_var: feature 0 is [0, 2]/1, feature 1 is [0, 4]/2.
    # out = γ·x̂ + β: feature 0 is 2·[0, 2] + 1 = [1, 5], feature 1 is 0.5·[0, 2] − 1 = [−1, 0].
    # (This batch's own statistics would give x̂ = ±1 instead.)
    verdict = compare(out, np.array([[1.0, -1.0], [5.0, 0.0]]), "batchnorm_forward (train=False) → out")
    if not verdict.passed:
        return verdict
    # The running statistics are only used, not updated, at test time.
    return combine([compare(mean_next, running_mean, "batchnorm_forward (train=False) → running_mean_next"),
                    compare(var_next, running_var, "batchnorm_forward (train=False) → running_var_next")])


@pytest.mark.points(0.5)
def test_backward_example(student):
    """batchnorm_backward on the 4 × 2 example: the gradient also flows through μ and σ²"""
    dout = np.array([[1.0, 0.0],
                     [0.0, 0.0],
                     [0.0, 0.0],
                     [0.0, 2.0]])
    args = (X, GAMMA, BETA, np.zeros(2), np.ones(2), True, MOMENTUM, EPS)
    _, (dx, dgamma, dbeta) = student.forward_backward("batchnorm_forward", args, "batchnorm_backward", (dout,))
    # dbeta = Σ_n dout = [1, 2];  dgamma = Σ_n dout·x̂ = [1·(−1), 2·(−1)] = [−1, −2].
    # dx = γ/(N·σ)·(N·dout − Σ_n dout − x̂·Σ_n dout·x̂), per feature:
    #   feature 0: 2/(4·1)·([4, 0, 0, 0] − 1 + [−1, −1, 1, 1]) = 0.5·[2, −2, 0, 0] = [1, −1, 0, 0]
    #   feature 1: 0.5/(4·2)·([0, 0, 0, 8] − 2 + 2·[−1, 1, 1, −1]) = [−4, 0, 0, 4]/16
    expected_dx = np.array([[1.0, -0.25],
                            [-1.0, 0.0],
                            [0.0, 0.0],
                            [0.0, 0.25]])
    return combine([compare(dx, expected_dx, "batchnorm_backward → dx"),
                    compare(dgamma, np.array([-1.0, -2.0]), "batchnorm_backward → dgamma"),
                    compare(dbeta, np.array([1.0, 2.0]), "batchnorm_backward → dbeta")],
                   weights=[2, 1, 1])


def random_batch(rng, N, D):
    """x (N, D) with a different mean and spread per feature, γ and β (D,), running stats (D,)."""
    x = rng.normal(size=(N, D)) * rng.uniform(0.5, 2.0, size=D) + rng.uniform(-2.0, 2.0, size=D)
    return [x, rng.uniform(0.5, 1.5, size=D), rng.normal(size=D), rng.normal(size=D), rng.uniform(0.5, 2.0, size=D)]


def shapes_of_work(student, problems):
    """The student's (out, running_mean_next, running_var_next, dx, dgamma, dbeta) for each
    training-mode batch (args, dout) of ``problems``, in one round trip."""
    done = student.forward_backward_each([("batchnorm_forward", (*args, True, 0.8, 1e-5), "batchnorm_backward", (dout,))
                                          for args, dout in problems])
    return [(out, mean_next, var_next) + tuple(grads) for (out, mean_next, var_next, _), grads in done]


@pytest.mark.points(0.5)
def test_output_shapes(student):
    """batchnorm_forward and batchnorm_backward return arrays of the documented shapes"""
    N, D = 6, 3
    rng = np.random.default_rng(0)
    args, dout = random_batch(rng, N, D), rng.normal(size=(N, D))
    # The same outputs for another batch: values that do not change with the inputs earn nothing.
    got, other = shapes_of_work(student, [(args, dout), (random_batch(rng, N, D), rng.normal(size=(N, D)))])
    names = ["batchnorm_forward → out", "batchnorm_forward → running_mean_next",
             "batchnorm_forward → running_var_next", "batchnorm_backward → dx",
             "batchnorm_backward → dgamma", "batchnorm_backward → dbeta"]
    shapes = [(N, D), (D,), (D,), (N, D), (D,), (D,)]
    return combine([check_shape(g, s, n, inputs=[dout, *args], other=o)
                    for g, o, s, n in zip(got, other, shapes, names)])


@pytest.mark.points(0.5)
def test_backward_matches_own_forward(student):
    """batchnorm_backward is the gradient of your own batchnorm_forward (numerical check)"""
    rng = np.random.default_rng(1)
    args = random_batch(rng, 5, 3) + [True, 0.9, 1e-5]
    dout = rng.normal(size=(5, 3))
    return backward_agrees_with_own_forward(student, "batchnorm_forward", "batchnorm_backward", args, [dout],
                                            ("dx", "dgamma", "dbeta"), rng)
