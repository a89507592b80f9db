"""Hidden grading tests for `clipping`: random lists of gradients of various shapes (a 0-d
array included), thresholds above and below their norm, all-zero and non-finite
gradients, and the lecture's exploding gradient w = 1.01, T = 1000.

Lists come back as lists: each test checks their length, then every array. Scalars may
come back as a Python float, a NumPy scalar or a 0-d array.
"""

import numpy as np
import pytest

from grader.checks import Verdict, combine, compare, expect_raises, expect_unmodified, matches
from grader.checks.compare import describe_type

pytestmark = pytest.mark.hidden

SHAPES = [(3,), (2, 4), (2, 2, 3), ()]


def random_grads(rng, scale=3.0):
    """A list of gradient arrays of the shapes in SHAPES, of order ``scale``."""
    # np.array(...): scaling a 0-d array gives a NumPy scalar, and the gradients must all be arrays.
    return [np.array(scale * rng.normal(size=shape)) for shape in SHAPES]


def global_norm_of(grads) -> float:
    return float(np.sqrt(sum(np.sum(g ** 2) for g in grads)))


def compare_list(got, expected, name) -> Verdict:
    """Judge a returned list of arrays: a list (or tuple) of the right length, then each array."""
    if not isinstance(got, (list, tuple)):
        return Verdict.fail(f"{name}: expected a list of {len(expected)} arrays, got {describe_type(got)}")
    if len(got) != len(expected):
        return Verdict.fail(f"{name}: expected a list of {len(expected)} arrays (one per gradient), "
                            f"got {len(got)}")
    return combine([compare(g, e, f"{name}[{j}]") for j, (g, e) in enumerate(zip(got, expected))])


def same(got, expected) -> bool:
    """``got`` equals ``expected``: arrays, scalars, or lists of arrays."""
    if isinstance(expected, list):
        return (isinstance(got, (list, tuple)) and len(got) == len(expected)
                and all(matches(g, e) for g, e in zip(got, expected)))
    try:
        return matches(got, expected)
    except (TypeError, ValueError):
        return False


def with_hint(verdict: Verdict, solution, got, func, args, index=None) -> Verdict:
    """Append the hint of the first known mistake whose output (``index`` of a tuple) the
    student's ``got`` equals while differing from the reference's."""
    if verdict.passed:
        return verdict

    def output(module):
        out = solution.run(func, *args, module=module)
        return out[0] if index is None else out[index]

    correct = output(solution.reference)
    for mistake in solution.mistakes:
        try:
            theirs = output(mistake.module)
        except Exception:  # noqa: BLE001 - a variant may raise on these inputs
            continue
        if same(got, theirs) and not same(theirs, correct):
            return Verdict(verdict.fraction, f"{verdict.message}. Likely cause: {mistake.hint}")
    return verdict


# ------------------------------------------------------------------ norm and clipping by value


@pytest.mark.points(0.75)
def test_global_norm_random(student, solution, rng):
    """global_norm of arrays of shapes (3,), (2, 4), (2, 2, 3) and ()"""
    grads = random_grads(rng)
    got = student.global_norm(grads)
    return with_hint(compare(got, solution.expected("global_norm", grads), "global_norm"),
                     solution, got, "global_norm", [grads])


@pytest.mark.points(0.75)
def test_clip_by_value_random(student, solution, rng):
    """clip_by_value clips every element to [−clip_value, clip_value]"""
    grads, clip_value = random_grads(rng), rng.uniform(1.0, 2.0)  # entries on both sides of the bounds
    got = student.clip_by_value(grads, clip_value)
    verdict = compare_list(got, solution.expected("clip_by_value", grads, clip_value), "clip_by_value")
    return with_hint(verdict, solution, got, "clip_by_value", [grads, clip_value])


@pytest.mark.points(0.25)
def test_clip_by_value_rejects(student, rng):
    """clip_by_value raises ValueError for clip_value 0 or negative"""
    grads = random_grads(rng)
    return combine([expect_raises(student, ValueError, "clip_by_value", grads, 0.0),
                    expect_raises(student, ValueError, "clip_by_value", grads, -0.5)])


# ------------------------------------------------------------------ clipping by global norm


@pytest.mark.points(1)
def test_clip_by_global_norm_scales(student, solution, rng):
    """clip_by_global_norm above the threshold: one common factor max_norm / norm"""
    grads = random_grads(rng)
    max_norm = 0.3 * global_norm_of(grads)
    clipped, _ = student.clip_by_global_norm(grads, max_norm)
    expected, _ = solution.expected("clip_by_global_norm", grads, max_norm)
    verdict = compare_list(clipped, expected, "clip_by_global_norm → clipped")
    return with_hint(verdict, solution, clipped, "clip_by_global_norm", [grads, max_norm], index=0)


@pytest.mark.points(0.5)
def test_clip_by_global_norm_returns_norm(student, solution, rng):
    """clip_by_global_norm returns the global norm before clipping"""
    grads = random_grads(rng)
    max_norm = 0.5 * global_norm_of(grads)
    _, norm = student.clip_by_global_norm(grads, max_norm)
    verdict = compare(norm, solution.expected("clip_by_global_norm", grads, max_norm)[1],
                      "clip_by_global_norm → norm")
    return with_hint(verdict, solution, norm, "clip_by_global_norm", [grads, max_norm], index=1)


@pytest.mark.points(0.5)
def test_clip_by_global_norm_below_threshold(student, solution, rng):
    """clip_by_global_norm leaves gradients under the threshold unchanged"""
    # That they are copies cannot be seen from here (arrays cross the sandbox boundary as
    # values); what is checked is that they are not rescaled, and the norm.
    grads = random_grads(rng)
    max_norm = 1.5 * global_norm_of(grads)
    clipped, norm = student.clip_by_global_norm(grads, max_norm)
    expected, expected_norm = solution.expected("clip_by_global_norm", grads, max_norm)
    verdict = combine([compare_list(clipped, expected, "clip_by_global_norm → clipped (norm ≤ max_norm)"),
                       compare(norm, expected_norm, "clip_by_global_norm → norm")], weights=[3, 1])
    return with_hint(verdict, solution, clipped, "clip_by_global_norm", [grads, max_norm], index=0)


@pytest.mark.points(0.5)
def test_clip_by_global_norm_zero_gradients(student):
    """clip_by_global_norm of all-zero gradients: zeros and norm 0, no NaN"""
    grads = [np.zeros(shape) for shape in SHAPES]
    clipped, norm = student.clip_by_global_norm(grads, 1.0)
    verdict = combine([compare_list(clipped, grads, "clip_by_global_norm → clipped (all-zero gradients)"),
                       compare(norm, 0.0, "clip_by_global_norm → norm (all-zero gradients)")], weights=[3, 1])
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
    return combine([
        expect_raises(student, ValueError, "clip_by_global_norm", grads, 0.0),
        expect_raises(student, ValueError, "clip_by_global_norm", grads, -1.5),
        expect_raises(student, ValueError, "clip_by_global_norm", with_inf, 1.0),
        expect_raises(student, ValueError, "clip_by_global_norm", with_nan, 1.0),
    ])


@pytest.mark.points(0.5)
def test_inputs_not_modified(student, rng):
    """no function modifies its input arrays"""
    # Only this test sees in-place writes (known mistake `clip_in_place`): every other
    # test judges values computed from fresh copies of the inputs.
    grads = random_grads(rng)
    norm = global_norm_of(grads)
    return combine([
        expect_unmodified(student, "global_norm", grads),
        expect_unmodified(student, "clip_by_value", grads, 1.0),
        expect_unmodified(student, "clip_by_global_norm", grads, 0.3 * norm),
        expect_unmodified(student, "clip_by_global_norm", grads, 2.0 * norm),
    ])


# ------------------------------------------------------------------ the lecture's example


@pytest.mark.points(0.5)
@pytest.mark.parametrize("w, T", [(1.01, 1000), (0.9, 60), (-1.2, 7)],
                         ids=["w=1.01, T=1000", "w=0.9, T=60", "w=-1.2, T=7"])
def test_scalar_rnn_grad_closed_form(student, solution, w, T):
    """scalar_rnn_grad against the closed form y_T = w^T, dy/dw = T·w^(T−1)"""
    got = student.scalar_rnn_grad(w, T)
    verdict = combine([compare(got[0], w ** T, "scalar_rnn_grad → y_T"),
                       compare(got[1], T * w ** (T - 1), "scalar_rnn_grad → dy_dw")])
    hinted = with_hint(verdict, solution, got[1], "scalar_rnn_grad", [w, T], index=1)
    return hinted if hinted is not verdict else with_hint(verdict, solution, got[0], "scalar_rnn_grad",
                                                          [w, T], index=0)


@pytest.mark.points(0.75)
def test_scalar_rnn_grad_numerical(student):
    """scalar_rnn_grad's dy_dw is the derivative of its own y_T (central differences)"""
    checks = []
    for w, T, h in [(1.01, 1000, 1e-7), (0.95, 30, 1e-6)]:
        _, dy_dw = student.scalar_rnn_grad(w, T)
        (y_plus, _), (y_minus, _) = student.scalar_rnn_grad(w + h, T), student.scalar_rnn_grad(w - h, T)
        try:
            numeric = (float(y_plus) - float(y_minus)) / (2 * h)
        except (TypeError, ValueError):
            return Verdict.fail(f"scalar_rnn_grad → y_T: expected a float, got {describe_type(y_plus)}")
        # Central differences in float64 are good to ~1e-7 relative here; the mistakes are off by ≳1e-2.
        checks.append(compare(dy_dw, numeric, f"scalar_rnn_grad(w={w}, T={T}) → dy_dw (vs a numerical "
                              "derivative of your y_T)", rtol=1e-5))
    return combine(checks)
