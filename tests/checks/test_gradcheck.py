"""The numerical-gradient library on functions whose gradients are known."""

import numpy as np
import pytest

from grader.checks import compare, directional_derivative, numerical_gradient, random_direction, rel_error
from grader.checks.gradcheck import check_direction


def cubic(x):
    return x ** 3


def matmul_layer(w, x):
    return x @ w


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_numerical_gradient_matches_analytic(seed):
    rng = np.random.default_rng(seed)
    x, dout = rng.normal(size=(3, 4)), rng.normal(size=(3, 4))
    assert rel_error(numerical_gradient(cubic, x, dout), 3 * x ** 2 * dout) < 1e-7


def test_numerical_gradient_of_a_layer_wrt_weights():
    rng = np.random.default_rng(3)
    x, w, dout = rng.normal(size=(5, 3)), rng.normal(size=(3, 2)), rng.normal(size=(5, 2))
    numeric = numerical_gradient(lambda w_: matmul_layer(w_, x), w, dout)
    assert rel_error(numeric, x.T @ dout) < 1e-8


def test_one_wrong_entry_in_a_gradient_is_caught_and_located():
    rng = np.random.default_rng(4)
    x, dout = rng.normal(size=(4, 3)), rng.normal(size=(4, 3))
    analytic = 3 * x ** 2 * dout
    analytic[2, 1] *= 1.01
    verdict = compare(analytic, numerical_gradient(cubic, x, dout), "dx", rtol=1e-5)
    assert not verdict.passed
    assert "1 of 12 entries" in verdict.message and "index (2, 1)" in verdict.message


def test_directional_check_catches_a_wrong_gradient_and_accepts_the_right_one():
    rng = np.random.default_rng(5)
    x, dout = rng.normal(size=(20, 30)), rng.normal(size=(20, 30))
    u = random_direction(rng, x.shape)
    numeric = directional_derivative(cubic, x, dout, u)
    good = 3 * x ** 2 * dout
    bad = good.copy()
    bad[7, 11] += 0.5
    assert check_direction(good, numeric, direction=u)[0]
    assert not check_direction(bad, numeric, direction=u)[0]


def test_gradient_checks_never_modify_their_inputs_and_never_print(capsys):
    rng = np.random.default_rng(6)
    x, dout = rng.normal(size=(3, 3)), rng.normal(size=(3, 3))
    x_before, dout_before = x.copy(), dout.copy()
    numerical_gradient(cubic, x, dout)
    directional_derivative(cubic, x, dout, random_direction(rng, x.shape))
    assert np.array_equal(x, x_before) and np.array_equal(dout, dout_before)
    assert capsys.readouterr() == ("", "")


def test_rel_error_floors_its_denominator():
    assert rel_error(np.zeros(3), np.zeros(3)) == 0.0
    assert rel_error(np.array([1e-12]), np.array([0.0])) == pytest.approx(1e-4)
