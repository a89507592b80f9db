"""Hidden grading tests for `clipping`: random lists of gradients of various shapes (a 0-d
array included), thresholds above and below their norm, all-zero and non-finite
gradients, and the lecture's exploding gradient w = 1.01, T = 1000.

Lists come back as lists: each test checks their length, then every array. Scalars may
come back as a Python float, a NumPy scalar or a 0-d array.
"""

import numpy as np
import pytest

from grader.checks import (Unchanged, Verdict, combine, compare, compare_list, describe_type, expect_raises_each,
                           with_hint)

pytestmark = pytest.mark.hidden

SHAPES = [(3,), (2, 4), (2, 2, 3), ()]


def random_grads(rng, scale=3.0):
    """A list of gradient arrays of the shapes in SHAPES, of order ``scale``."""
    # np.array(...): scaling a 0-d array gives a NumPy scalar, and the gradients must all be arrays.
    return [np.array(scale * rng.normal(size=shape)) for shape in SHAPES]


def global_norm_of(grads) -> float:
    return float(np.sqrt(sum(np.sum(g ** 2) for g in grads)))


def hinted(verdict: Verdict, solution, got, func, args, index=None) -> Verdict:
    """``verdict`` with the hint of the known mistake whose output (``index`` of a tuple)
    the student's ``got`` equals."""
    if verdict.passed:
        return verdict

    def output(module):
        out = solution.run(func, *args, module=module)
        return out[0] if index is None else out[index]

    return with_hint(verdict, solution.recognise(output, got))


# ------------------------------------------------------------------ norm and clipping by value


@pytest.mark.points(0.75)
def test_global_norm_random(student, solution, rng):
    """global_norm of arrays of shapes (3,), (2, 4), (2, 2, 3) and ()"""
    grads = random_grads(rng)
    return solution.judge(student.global_norm(grads), "global_norm", grads)


@pytest.mark.points(0.75)
def test_clip_by_value_random(student, solution, rng):
    """clip_by_value clips every element to [−clip_value, clip_value]"""
    grads, clip_value = random_grads(rng), rng.uniform(1.0, 2.0)  # entries on both sides of the bounds
    # Every array needs clipping somewhere, so that none is right by being left alone.
    grads[-1] = np.array(-(clip_value + 1.0))
    got = student.clip_by_value(grads, clip_value)
    if isinstance(got, (list, tuple)) and all(isinstance(g, np.ndarray) and g.shape == x.shape
                                              and np.array_equal(g, x) for g, x in zip(got, grads)):
        return Verdict.fail("clip_by_value returns the gradients unchanged, though some entries are out of bounds")
    return solution.judge(got, "clip_by_value", grads, clip_value)


@pytest.mark.points(0.25)
def test_clip_by_value_rejects(student, rng):
    """clip_by_value raises ValueError for clip_value 0 or negative"""
    grads = random_grads(rng)
    return combine(expect_raises_each(student, ValueError, [("clip_by_value", grads, 0.0),
                                                           ("clip_by_value", grads, -0.5)]))


# ------------------------------------------------------------------ clipping by global norm


@pytest.mark.points(1)
def test_clip_by_global_norm_scales(student, solution, rng):
    """clip_by_global_norm above the threshold: one common factor max_norm / norm"""
    grads = random_grads(rng)
    max_norm = 0.3 * global_norm_of(grads)
    return solution.judge(student.clip_by_global_norm(grads, max_norm), "clip_by_global_norm", grads, max_norm,
                          outputs=("clipped",))


@pytest.mark.points(0.5)
def test_clip_by_global_norm_returns_norm(student, solution, rng):
    """clip_by_global_norm returns the global norm before clipping"""
    grads = random_grads(rng)
    max_norm = 0.5 * global_norm_of(grads)
    return solution.judge(student.clip_by_global_norm(grads, max_norm), "clip_by_global_norm", grads, max_norm,
                          outputs=("norm",))


@pytest.mark.points(0.5)
def test_clip_by_global_norm_below_threshold(student, solution, rng):
    """clip_by_global_norm leaves gradients under the threshold unchanged"""
    # That they are copies is checked with the inputs (test_inputs_not_modified): arrays
    # cross the sandbox boundary as values; what is checked here is that they are not
    # rescaled, and the norm.
    grads = random_grads(rng)
    max_norm = 1.5 * global_norm_of(grads)
    clipped, norm = student.clip_by_global_norm(grads, max_norm)
    expected, expected_norm = solution.expected("clip_by_global_norm", grads, max_norm)
    verdict = combine([compare_list(clipped, expected, "clip_by_global_norm → clipped (norm ≤ max_norm)"),
                       compare(norm, expected_norm, "clip_by_global_norm → norm")], weights=[3, 1])
    # Leaving gradients alone is also what a function that does nothing does: the credit
    # needs the same function to clip gradients above the threshold (rightly or not: a
    # wrong clipping factor is charged by the tests above, not again here).
    scaled = clips(student, rng)
    if not scaled.passed:
        return Verdict.fail(f"gradients left unchanged under the threshold count only when the same function also "
                            f"clips gradients above it: {scaled.message}")
    return hinted(verdict, solution, clipped, "clip_by_global_norm", [grads, max_norm], index=0)


def clips(student, rng) -> Verdict:
    """clip_by_global_norm of random gradients above the threshold scales them down: each
    returned array is its gradient times a factor in (0, 1], not every factor 1. The
    condition for credit where doing nothing is right; the factor's value is judged by
    the tests of clipping itself."""
    grads = random_grads(rng)
    clipped = student.clip_by_global_norm(grads, 0.4 * global_norm_of(grads))[0]
    name = "clip_by_global_norm → clipped (gradients above the threshold)"
    shapes = compare_list(clipped, grads, name, atol=np.inf)  # a list of finite arrays of the right shapes
    if not shapes.passed:
        return Verdict.fail(shapes.message)
    clipped = [np.asarray(c, dtype=np.float64) for c in clipped]  # a 0-d gradient may come back as a scalar
    factors = [float(np.sum(c * g) / np.sum(g * g)) for c, g in zip(clipped, grads)]
    scaled = all(np.allclose(c, f * g, rtol=1e-6, atol=0.0) for c, g, f in zip(clipped, grads, factors))
    if not (scaled and all(0.0 < f <= 1.0 + 1e-12 for f in factors) and min(factors) < 1.0 - 1e-9):
        return Verdict.fail(f"{name}: each gradient should be scaled down by a factor between 0 and 1 (not left "
                            "as it is, not zeroed, not changed in direction)")
    return Verdict.ok()


@pytest.mark.points(0.5)
def test_clip_by_global_norm_zero_gradients(student, solution, rng):
    """clip_by_global_norm of all-zero gradients: zeros and norm 0, no NaN"""
    # Zeros are also what a function that does nothing returns: the credit needs the same
    # function to clip non-zero gradients right.
    grads = [np.zeros(shape) for shape in SHAPES]
    outcome = student.call("clip_by_global_norm", grads, 1.0)
    if not outcome.ok and (outcome.error or {}).get("type") == "ZeroDivisionError":
        return Verdict.fail("clip_by_global_norm raised ZeroDivisionError on all-zero gradients: it divides by "
                            "the norm, which is 0 here, before comparing it with max_norm. Compare first: a norm "
                            "of 0 is never above max_norm, so nothing should be divided by it")
    if not outcome.ok:
        student.raise_issue("clip_by_global_norm", outcome)
    clipped, norm = student.result("clip_by_global_norm", outcome)
    verdict = combine([compare_list(clipped, grads, "clip_by_global_norm → clipped (all-zero gradients)"),
                       compare(norm, 0.0, "clip_by_global_norm → norm (all-zero gradients)")], weights=[3, 1])
    scaled = clips(student, rng)
    if not scaled.passed:
        return Verdict.fail(f"zeros for all-zero gradients count only when the same function also clips non-zero "
                            f"gradients: {scaled.message}")
    if "NaN" in verdict.message:
        return Verdict(verdict.fraction, f"{verdict.message}. Hint: a norm of 0 is never above max_norm, so "
                       "nothing should be divided by it")
    return verdict


@pytest.mark.points(0.5)
def test_clip_by_global_norm_rejects(student, rng):
    """clip_by_global_norm raises ValueError for max_norm ≤ 0 and for NaN or inf in a gradient"""
    grads = random_grads(rng)
    with_inf = [g.copy() for g in grads]
    with_inf[1][0, 2] = -np.inf
    with_nan = [g.copy() for g in grads]
    with_nan[2][1, 0, 1] = np.nan
    return combine(expect_raises_each(student, ValueError, [
        ("clip_by_global_norm", grads, 0.0),
        ("clip_by_global_norm", grads, -1.5),
        ("clip_by_global_norm", with_inf, 1.0),
        ("clip_by_global_norm", with_nan, 1.0),
    ]))


@pytest.mark.points(0.5)
def test_inputs_not_modified(student, solution, rng):
    """no function modifies its input arrays; clip_by_global_norm returns copies under the threshold"""
    # Only this test sees in-place writes (known mistake `clip_in_place`) and gradients
    # handed back uncopied: every other test judges values computed from fresh copies.
    grads = random_grads(rng)
    norm = global_norm_of(grads)
    return combine(solution.unmodified_each(student, [
        Unchanged("global_norm", (grads,)),
        Unchanged("clip_by_value", (grads, 1.0)),
        Unchanged("clip_by_global_norm", (grads, 0.3 * norm)),
        Unchanged("clip_by_global_norm", (grads, 2.0 * norm), copies=True),
    ]))


# ------------------------------------------------------------------ the lecture's example


@pytest.mark.points(0.5)
@pytest.mark.parametrize("w, T", [(1.01, 1000), (0.9, 60), (-1.2, 7)],
                         ids=["w=1.01, T=1000", "w=0.9, T=60", "w=-1.2, T=7"])
def test_scalar_rnn_grad_closed_form(student, solution, w, T):
    """scalar_rnn_grad against the closed form y_T = w^T, dy/dw = T·w^(T−1)"""
    got = student.scalar_rnn_grad(w, T)
    verdict = combine([compare(got[0], w ** T, "scalar_rnn_grad → y_T"),
                       compare(got[1], T * w ** (T - 1), "scalar_rnn_grad → dy_dw")])
    by_gradient = hinted(verdict, solution, got[1], "scalar_rnn_grad", [w, T], index=1)
    if by_gradient is not verdict:
        return by_gradient
    return hinted(verdict, solution, got[0], "scalar_rnn_grad", [w, T], index=0)


@pytest.mark.points(0.75)
def test_scalar_rnn_grad_numerical(student):
    """scalar_rnn_grad's dy_dw is the derivative of its own y_T (central differences)"""
    checks = []
    cases = [(1.01, 1000, 1e-7), (0.95, 30, 1e-6)]
    values = iter(student.values("scalar_rnn_grad", [(v, T) for w, T, h in cases for v in (w, w + h, w - h)]))
    for w, T, h in cases:  # (the calls of both cases in one round trip)
        (_, dy_dw), (y_plus, _), (y_minus, _) = next(values), next(values), next(values)
        try:
            numeric = (float(y_plus) - float(y_minus)) / (2 * h)
        except (TypeError, ValueError):
            return Verdict.fail(f"scalar_rnn_grad → y_T: expected a float, got {describe_type(y_plus)}")
        if numeric == 0.0:
            # A constant y_T has derivative 0, and a zero dy_dw would "agree" with it.
            return Verdict.fail(f"scalar_rnn_grad(w={w}, T={T}) → y_T does not change when w does, so dy_dw "
                                "cannot be checked against it")
        # Central differences in float64 are good to ~1e-7 relative here; the mistakes are off by ≳1e-2.
        checks.append(compare(dy_dw, numeric, f"scalar_rnn_grad(w={w}, T={T}) → dy_dw (vs a numerical "
                              "derivative of your y_T)", rtol=1e-5))
    return combine(checks)
