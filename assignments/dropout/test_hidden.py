"""Hidden grading tests for `dropout`.

Training mode is random and a correct solution may draw its mask in any valid way, so
masks are never compared with the reference's: the tests check statistical properties
with bounds of six standard deviations (a correct solution fails with probability
below 1e-8), exact relations between the output and the input (a dropped unit is an
exact 0 because inputs are never 0), and reproducibility from the given rng. Drop
probabilities are 0.3 and 0.6 — never 0.5, where keeping and dropping look alike.
"""

import numpy as np
import pytest

from grader.checks import (SeededRng, Unchanged, Untouched, Verdict, agrees_with_own_forward, away_from_zero,
                           check_shape, combine, compare, expect_raises_each, loss_along, require)

pytestmark = pytest.mark.hidden

FORWARDS = ("dropout_forward", "inverted_dropout_forward")
SIGMAS = 6
# Units in the statistical tests: six standard deviations are then 0.04 of the kept
# fraction and 0.11 of the train/test ratio, while the mistakes they catch are off by
# 0.2 or more, or by a factor of 1 − p. (Four times as many units cost four times the
# time and data through the sandbox, for power nobody needs.)
STATS_SHAPE = (50, 100)


def seed(rng) -> SeededRng:
    return SeededRng(int(rng.integers(2**31)))


def dropped_structure(out, x, func: str) -> Verdict:
    """Training output of x (no zeros in x) shaped like dropout: an array of x's shape in
    which some units are 0 and every other unit is x times one common factor. Returning
    x, zeros or an input-independent array is not dropout, whatever its statistics."""
    shape = check_shape(out, x.shape, f"{func} → out", inputs=(x,))
    if not shape.passed:
        return shape
    kept = out != 0
    if kept.all() or not kept.any():
        return Verdict.fail(f"{func} → out: with p > 0 some units must be dropped (0) and others kept")
    ratios = out[kept] / x[kept]
    if not np.allclose(ratios, ratios[0], rtol=1e-9, atol=0.0):
        return Verdict.fail(f"{func} → out: every kept unit must be x times the same factor")
    return Verdict.ok()


def train_output(student, func, x, p, rng_arg):
    """The student's training-mode output, required to look like dropout (``dropped_structure``)."""
    return train_outputs(student, func, [x], p, rng_arg)[0]


def train_outputs(student, func, xs, p, rng_arg) -> list:
    """``train_output`` for each x of ``xs``, the calls in one round trip; ``p`` and
    ``rng_arg``: the drop probability and the rng of every call, or a list of one per call."""
    ps = p if isinstance(p, list) else [p] * len(xs)
    rng_args = rng_arg if isinstance(rng_arg, list) else [rng_arg] * len(xs)
    outputs = student.values(func, [(x, p, True, r) for x, p, r in zip(xs, ps, rng_args)])
    for (out, _), x in zip(outputs, xs):
        require_dropped(out, x, func)
    return outputs


def require_dropped(out, x, func: str) -> None:
    """Fail the test unless ``out`` looks like dropout of ``x`` (``dropped_structure``)."""
    structure = dropped_structure(out, x, func)
    require(structure.passed, structure.message)


def drops_right(student, func, rng) -> Verdict:
    """Training mode with p = 0.5 drops units and scales the kept ones by the right factor:
    the condition for credit on cases where doing nothing happens to be right (test mode
    of inverted dropout, p = 0)."""
    return drops_right_each(student, [func], rng)[0]


def drops_right_each(student, funcs, rng) -> list[Verdict]:
    """``drops_right`` for each of ``funcs``, the calls in one round trip."""
    cases = [(func, away_from_zero(rng, (20, 30)), seed(rng)) for func in funcs]
    outputs = student.values_each([(func, (x, 0.5, True, rng_arg)) for func, x, rng_arg in cases])
    verdicts = []
    for (func, x, _), (out, _) in zip(cases, outputs):
        structure = dropped_structure(out, x, func)
        if not structure.passed:
            verdicts.append(structure)
            continue
        kept = out != 0
        verdicts.append(compare(out[kept], factor(func, 0.5) * x[kept],
                                f"{func} → out (training mode, the units kept)"))
    return verdicts


def factor(func: str, p: float) -> float:
    """What a kept unit is multiplied by while training."""
    return 1.0 if func == "dropout_forward" else 1.0 / (1.0 - p)


@pytest.mark.points(0.5)
@pytest.mark.parametrize("func", FORWARDS)
def test_keep_fraction(student, solution, rng, func):
    """training mode keeps a fraction 1 − p of the units (p = 0.3 and p = 0.6)"""
    verdicts = []
    cases = [(p, away_from_zero(rng, STATS_SHAPE), seed(rng)) for p in (0.3, 0.6)]
    outputs = train_outputs(student, func, [x for _, x, _ in cases], [p for p, *_ in cases],
                            [s for *_, s in cases])  # one round trip
    for (p, x, _), (out, _) in zip(cases, outputs):
        kept = float(np.mean(out != 0))
        bound = SIGMAS * np.sqrt(p * (1 - p) / x.size)
        if abs(kept - (1 - p)) <= bound:
            verdicts.append(Verdict.ok())
        elif abs(kept - p) <= bound:
            # Named as the known mistake it is, so that the class report counts it too.
            hint = solution.recognise_where(lambda module: abs(float(np.mean(
                getattr(module, func)(x, p, True, np.random.default_rng(0))[0] != 0)) - p) <= bound)
            verdicts.append(Verdict.fail(
                f"{func} kept {kept:.1%} of the units with p = {p}, not about 1 − p = {1 - p:.0%}: "
                + (hint or "your code keeps each unit with probability p, but p is the probability of DROPPING it")))
        else:
            verdicts.append(Verdict.fail(f"{func} kept {kept:.1%} of the units with p = {p}; "
                                         f"about 1 − p = {1 - p:.0%} should be kept"))
    return combine(verdicts)


@pytest.mark.points(0.5)
@pytest.mark.parametrize("func", FORWARDS)
def test_kept_values(student, rng, func):
    """training mode: dropped units are 0, kept units are x (classic) or x / (1 − p) (inverted)"""
    p = 0.6
    x = away_from_zero(rng, (50, 80))
    out, _ = train_output(student, func, x, p, seed(rng))
    kept = out != 0
    require(kept.any() and not kept.all(), f"{func} with p = {p} should drop some units and keep others")
    ratio = float(np.median(out[kept] / x[kept]))
    if func == "dropout_forward" and np.isclose(ratio, 1 / (1 - p)):
        hint = ("classic dropout leaves the kept units unchanged while training (the scaling by "
                "1 − p happens at test time); dividing by 1 − p is inverted dropout")
    elif func == "inverted_dropout_forward" and np.isclose(ratio, 1.0):
        hint = "inverted dropout divides the kept units by 1 − p while training"
    else:
        hint = ""
    # Judged where the student's output is non-zero: a kept unit must be x times the factor.
    return compare(out, np.where(kept, factor(func, p) * x, 0.0), f"{func} → out (the units kept)", hint=hint)


@pytest.mark.points(0.5)
@pytest.mark.parametrize("func", FORWARDS)
def test_train_expectation_matches_test(student, rng, func):
    """the average training output equals the test-mode output (p = 0.6)"""
    p = 0.6
    x = away_from_zero(rng, STATS_SHAPE, signs=False)
    (out, _), (test_out, _) = student.values(func, [(x, p, True, seed(rng)), (x, p, False, seed(rng))])
    require_dropped(out, x, func)
    shape = check_shape(test_out, x.shape, f"{func} → out (test mode)")
    if not shape.passed:
        return shape
    reference = float(np.sum(test_out))
    require(np.isfinite(reference) and reference > 0, f"{func} in test mode should give positive "
                                                      "outputs for positive inputs")
    ratio = float(np.sum(out)) / reference
    # Relative standard deviation of Σ out around its mean (1 − p)·f·Σ x, f the kept units' factor.
    sigma = np.sqrt(p / (1 - p)) * np.sqrt(np.sum(x**2)) / np.sum(x)
    if abs(ratio - 1) <= SIGMAS * sigma:
        return None
    return Verdict.fail(f"{func}: the average training output is {ratio:.2f} times the test-mode output; "
                        "test mode must give the expected training output, E[x·mask·scale] "
                        + ("= x·(1 − p) for classic dropout" if func == "dropout_forward"
                           else "= x for inverted dropout, which divides by 1 − p while training"))


@pytest.mark.points(0.5)
@pytest.mark.parametrize("func", FORWARDS)
def test_test_mode(student, solution, rng, func):
    """test mode is deterministic: x·(1 − p) (classic) or x (inverted)"""
    p = 0.3
    x = rng.normal(size=(20, 30))
    first, (second, _) = student.values(func, [(x, p, False, SeededRng(1)), (x, p, False, SeededRng(2))])
    verdict = solution.judge(first, func, x, p, False, SeededRng(1))
    if verdict.passed and func == "inverted_dropout_forward":
        training = drops_right(student, func, rng)
        if not training.passed:
            return Verdict.fail(f"out = x in test mode counts only when training mode drops and scales right: "
                                f"{training.message}")
    if isinstance(first[0], np.ndarray) and isinstance(second, np.ndarray) \
            and not np.array_equal(first[0], second):
        return combine([verdict, Verdict.fail(f"{func} in test mode (train=False) gave different outputs "
                                              "for different rngs: test mode uses no randomness")])
    return verdict


def backward_message(func, dx, dout, out) -> str:
    """A hint about the backward pass's likely mistake (empty if none recognised)."""
    if not (isinstance(dx, np.ndarray) and dx.shape == dout.shape):
        return ""
    if np.allclose(dx, dout):
        return "dx passes dout through unchanged: dropped units must get no gradient, dx = dout·mask"
    if func == "inverted_dropout_forward" and np.allclose(dx, dout * (out != 0)):
        return "dx lacks the 1/(1 − p) factor that inverted dropout applied to the kept units"
    return ""


@pytest.mark.points(0.5)
@pytest.mark.parametrize("func", FORWARDS)
def test_backward_uses_mask(student, rng, func):
    """dropout_backward multiplies dout by the forward pass's mask and scale"""
    p = 0.3
    x = away_from_zero(rng, (40, 50))
    out, cache = train_output(student, func, x, p, seed(rng))
    dout = rng.normal(size=x.shape)
    dx = student.dropout_backward(dout, cache)
    # out / x is exactly what the forward pass multiplied each unit by (0 where dropped).
    return compare(dx, dout * (out / x), f"dropout_backward → dx (cache of {func})",
                   hint=backward_message(func, dx, dout, out))


@pytest.mark.points(0.25)
@pytest.mark.parametrize("func", FORWARDS)
def test_backward_numerical(student, rng, func):
    """dropout_backward equals a numerical gradient of the forward pass with its mask fixed"""
    p = 0.3
    x = away_from_zero(rng, (6, 7))
    rng_arg = seed(rng)  # the same seed reproduces the same mask: the forward pass is then linear in x
    (out, cache), (again, _) = train_outputs(student, func, [x, x], p, rng_arg)
    require(np.array_equal(out, again), f"{func} drew different masks from identically seeded rngs, so its "
            "gradient cannot be checked: draw the mask from the `rng` argument only")
    dout = rng.normal(size=x.shape)
    dx = student.dropout_backward(dout, cache)
    own = loss_along(lambda arg_lists: train_outputs(student, func, [a[0] for a in arg_lists], p, rng_arg), [x], 0,
                     lambda output: float(np.sum(output[0] * dout)), output=(out, cache), many=True)
    return agrees_with_own_forward(own, x, dx, rng, f"dropout_backward → dx (cache of {func})", func,
                                   forward_out=out, inputs=(x,))


@pytest.mark.points(0.25)
def test_p_zero_keeps_everything(student, rng):
    """p = 0 keeps every unit: out = x and dx = dout, for both forward functions"""
    x, dout = rng.normal(size=(30, 20)), rng.normal(size=(30, 20))
    training = dict(zip(FORWARDS, drops_right_each(student, FORWARDS, rng)))
    right = [func for func in FORWARDS if training[func].passed]
    passes = dict(zip(right, student.forward_backward_each([(func, (x, 0.0, True, seed(rng)), "dropout_backward",
                                                              (dout,)) for func in right])))
    verdicts = []
    for func in FORWARDS:
        if not training[func].passed:
            # Keeping everything is also what a function that ignores p does.
            verdicts.append(Verdict.fail(f"p = 0 counts only when p > 0 drops right: {training[func].message}"))
            continue
        (out, _), dx = passes[func]
        verdicts.append(compare(out, x, f"{func} → out with p = 0"))
        verdicts.append(compare(dx, dout, f"dropout_backward → dx (cache of {func}, p = 0)"))
    return combine(verdicts)


@pytest.mark.points(0.5)
def test_rejects_invalid_p(student):
    """ValueError for p outside [0, 1): p = 1, p = −0.1, p = 1.5"""
    x = np.array([[0.5, -1.0], [2.0, 1.5]])
    funcs, invalid = FORWARDS + ("scale_weights_for_test",), (1.0, -0.1, 1.5)
    each = iter(expect_raises_each(student, ValueError, [
        (func, x, p, *((True, SeededRng(0)) if func in FORWARDS else ())) for func in funcs for p in invalid]))
    verdicts = []
    for func in funcs:
        tried = {p: next(each) for p in invalid}
        wrong = [p for p, v in tried.items() if not v.passed]
        fraction = 1 - len(wrong) / len(tried)
        verdicts.append(Verdict(fraction, f"`{func}` with p = {', '.join(map(str, wrong))}: "
                                f"{tried[wrong[0]].message} (p must satisfy 0 ≤ p < 1)" if wrong else ""))
    return combine(verdicts)


@pytest.mark.points(0.5)
def test_randomness_from_rng(student, rng):
    """the mask comes from the given rng only: same seed, same mask; another seed, another mask"""
    x = away_from_zero(rng, (30, 40))
    rng_args = [(r, r, SeededRng(r.seed + 1)) for r in (seed(rng) for _ in FORWARDS)]
    outputs = iter(student.values_each([(func, (x, 0.3, True, r)) for func, rs in zip(FORWARDS, rng_args)
                                        for r in rs]))  # one round trip
    verdicts = []
    for func in FORWARDS:
        (first, _), (second, _), (other, _) = next(outputs), next(outputs), next(outputs)
        for out in (first, second, other):
            require_dropped(out, x, func)
        if not np.array_equal(first, second):
            verdicts.append(Verdict.fail(f"{func} gave different outputs for two identically seeded rngs: draw "
                                         "the mask from the `rng` argument (e.g. rng.random), not from np.random"))
        elif np.array_equal(first, other):
            verdicts.append(Verdict.fail(f"{func} gave the same mask for differently seeded rngs: draw a new "
                                         "mask from the `rng` argument at every call"))
        else:
            verdicts.append(Verdict.ok())
    return combine(verdicts)


@pytest.mark.points(0.5)
@pytest.mark.uncovered("no known mistake writes into its inputs; the fixture submission "
                       "tests/submissions/dropout/mutates_input.py fails this test")
def test_inputs_not_modified(student, solution, rng):
    """no function modifies its input arrays"""
    x, dout = away_from_zero(rng, (8, 9)), rng.normal(size=(8, 9))
    seeds = {func: (seed(rng), seed(rng)) for func in FORWARDS}  # the tracked call's, the backward's cache's
    caches = student.values_each([(func, (x, 0.3, True, seeds[func][1])) for func in FORWARDS])
    checks = []
    for func, (out, cache) in zip(FORWARDS, caches):
        checks += [Untouched(func, (x, 0.3, True, seeds[func][0]),
                             right=lambda got, func=func: dropped_structure(got[0], x, func)),
                   Untouched("dropout_backward", (dout, cache),
                             right=lambda got, out=out, func=func: backward_right(got, dout, out, x, func))]
    # The tracked calls in one round trip (the caches' forward calls in one before it).
    verdicts = solution.unmodified_each(student, checks + [Unchanged("scale_weights_for_test", (x, 0.3))])
    result = combine(verdicts)
    # Both backward calls report the same write; say it once.
    return Verdict(result.fraction, "; ".join(dict.fromkeys(v.message for v in verdicts if not v.passed)))


def backward_right(dx, dout, out, x, func: str) -> Verdict:
    """dropout_backward's dx against dout times the forward's mask and scale (out / x), once
    the forward's output is known to look like dropout (of x's shape, among others)."""
    structure = dropped_structure(out, x, func)
    return compare(dx, dout * (out / x), "dropout_backward → dx") if structure.passed else structure


@pytest.mark.points(0.25)
def test_scale_weights_random(student, solution, rng):
    """scale_weights_for_test on random weights, p = 0.6"""
    W = 0.5 * rng.normal(size=(6, 5))
    return solution.judge(student.scale_weights_for_test(W, 0.6), "scale_weights_for_test", W, 0.6)
