"""Hidden grading tests for `init`.

Random draws are judged statistically, never compared with the reference's draws:
on three random shapes of about 40,000 entries (fan_in ≠ fan_out, both orders), the mean,
the variance (mean of W², the mean being 0) and the whole distribution
(Kolmogorov–Smirnov distance to the right normal or uniform law), and for the uniform
its bounds. Every bound is broken by a right solution with probability at most P_FAIL =
1e-10; a grading run checks fewer than 100 of them, so a right solution loses points with
probability below 1e-8. layer_stds is deterministic and compared with the reference.
"""

import math

import numpy as np
import pytest

from grader.checks import (SeededRng, Verdict, centred, check_shape, combine, combine_cases, expect_raises_each, only_with,
                           with_hint)

pytestmark = pytest.mark.hidden

P_FAIL = 1e-10
LOG_TERM = math.log(2 / P_FAIL)  # the x of the tail bounds 2·exp(−x) = P_FAIL
ACTIVATIONS = ("relu", "tanh", "sigmoid", "linear")
RULES = {  # the variance each initializer must give, and the rule's name in messages
    "xavier_uniform": (lambda fi, fo: 2 / (fi + fo), "2 / (fan_in + fan_out)"),
    "xavier_normal": (lambda fi, fo: 2 / (fi + fo), "2 / (fan_in + fan_out)"),
    "he_normal": (lambda fi, fo: 2 / fi, "2 / fan_in"),
    "lecun_normal": (lambda fi, fo: 1 / fi, "1 / fan_in"),
}


def as_layer(W, shape):
    """W with the layer's shape when it has the right number of entries: the seeding is
    judged here; the shape has its own test."""
    return W.reshape(shape) if isinstance(W, np.ndarray) and W.size == math.prod(shape) else W


def centred_layer(W, func: str) -> Verdict:
    """Whether a 200 × 200 draw of ``func`` is centred at 0 (``checks.centred``), the condition
    for the points of a right shape and seeding (``SEEDING``): any noise has a shape."""
    return centred(as_layer(W, (200, 200)), f"{func}(200, 200)")


SEEDING = "the shape and the seeding"


# ------------------------------------------------------------------ statistics
def shapes(rng):
    """Three (fan_in, fan_out) of about 40,000 entries: fan_out ≫ fan_in, the reverse, and
    a nearly square layer whose fans still differ by 25% or more."""
    narrow, wide = int(rng.integers(70, 110)), int(rng.integers(380, 520))
    square = int(rng.integers(160, 185))
    return [(narrow, wide), (wide, narrow), (square, square + int(rng.integers(45, 70)))]


def mean_verdict(w, scale: float, name: str) -> Verdict:
    """|mean| within a bound of 0. ``scale`` bounds the spread: σ for a normal (its sample
    mean is exactly N(0, σ²/n), and P(|Z| > z) ≤ 2·exp(−z²/2)); for U(−a, a), Hoeffding's
    inequality with range 2a gives the same form with σ replaced by a."""
    bound = scale * math.sqrt(2 * LOG_TERM / w.size)
    if abs(float(np.mean(w))) <= bound:
        return Verdict.ok()
    return Verdict.fail(f"{name}: the mean of its entries is too far from 0 for weights centred at 0")


def variance_verdict(w, var: float, rule: str, name: str, uniform: bool) -> Verdict:
    """mean(W²)/var within bounds around 1.

    Normal: n·mean(W²)/σ² is chi-squared with n degrees of freedom, and Laurent & Massart
    (2000) give P(X ≥ n + 2√(nx) + 2x) ≤ e^−x, P(X ≤ n − 2√(nx)) ≤ e^−x.
    Uniform on [−a, a]: W² lies in [0, a²] with a² = 3·var, and Hoeffding gives
    P(|mean(W²) − var| ≥ t) ≤ 2·exp(−2nt²/a⁴).
    """
    n = w.size
    if uniform:
        half = 3 * math.sqrt(LOG_TERM / (2 * n))
        low, high = 1 - half, 1 + half
    else:
        low, high = 1 - 2 * math.sqrt(LOG_TERM / n), 1 + 2 * math.sqrt(LOG_TERM / n) + 2 * LOG_TERM / n
    ratio = float(np.mean(w * w)) / var
    if low <= ratio <= high:
        return Verdict.ok()
    return Verdict.fail(f"{name}: the variance of its entries is {ratio:.3g} times {rule} "
                        f"(a right solution gives between {low:.3f} and {high:.3f} times)")


def distribution_verdict(w, cdf, law: str, name: str) -> Verdict:
    """Kolmogorov–Smirnov distance sup|F_n − F| to the law's CDF within the
    Dvoretzky–Kiefer–Wolfowitz bound: P(sup|F_n − F| > ε) ≤ 2·exp(−2nε²)."""
    sorted_w = np.sort(w)
    n = w.size
    F = cdf(sorted_w)
    distance = float(max(np.max(np.arange(1, n + 1) / n - F), np.max(F - np.arange(n) / n)))
    epsilon = math.sqrt(LOG_TERM / (2 * n))
    if distance <= epsilon:
        return Verdict.ok()
    return Verdict.fail(f"{name}: its entries are not distributed as {law} (Kolmogorov–Smirnov distance "
                        f"{distance:.3f}; a right sample stays below {epsilon:.3f})")


def _erf(v: np.ndarray) -> np.ndarray:
    """erf, vectorized (NumPy has none; math.erf entry by entry was a tenth of a class
    run's time here): Abramowitz & Stegun 7.1.26, |error| ≤ 1.5e-7, a million times below
    the Kolmogorov–Smirnov bounds it is compared with."""
    x = np.abs(v)
    t = 1.0 / (1.0 + 0.3275911 * x)
    poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))))
    return np.sign(v) * (1.0 - poly * np.exp(-x * x))


def judge_draw(W, func: str, fan_in: int, fan_out: int) -> Verdict:
    """Every statistical check of one draw of ``func``, all or nothing: zeros have the
    right mean and noise of any scale may pass one moment (shape judged elsewhere: only
    the number of entries must be fan_in·fan_out)."""
    verdict = _draw_checks(W, func, fan_in, fan_out)
    return verdict if verdict.passed else Verdict.fail(verdict.message)


def _draw_checks(W, func: str, fan_in: int, fan_out: int) -> Verdict:
    name = f"{func} → W"
    if not isinstance(W, np.ndarray) or W.dtype.kind != "f" or W.size != fan_in * fan_out:
        return Verdict.fail(f"{name}: expected a float array of fan_in·fan_out entries")
    if not np.all(np.isfinite(W)):
        return Verdict.fail(f"{name}: contains NaN or inf")
    w = W.astype(np.float64).ravel()
    var_of, rule = RULES[func]
    var = var_of(fan_in, fan_out)
    if func == "xavier_uniform":
        a = math.sqrt(3 * var)
        return combine([bounds_verdict(w, a, name), mean_verdict(w, a, name),
                        variance_verdict(w, var, rule, name, uniform=True),
                        distribution_verdict(w, lambda v: np.clip((v + a) / (2 * a), 0, 1),
                                             "U(−a, a), a = √(6 / (fan_in + fan_out))", name)])
    sigma = math.sqrt(var)
    return combine([mean_verdict(w, sigma, name), variance_verdict(w, var, rule, name, uniform=False),
                    distribution_verdict(w, lambda v: 0.5 * (1 + _erf(v / (sigma * math.sqrt(2)))),
                                         f"a normal distribution N(0, {rule})", name)])


def bounds_verdict(w, a: float, name: str) -> Verdict:
    """Every |w| ≤ a, and the largest close to a: n uniform draws all stay below a(1 − δ)
    in absolute value with probability (1 − δ)^n = P_FAIL for δ = 1 − P_FAIL^(1/n)."""
    largest = float(np.max(np.abs(w)))
    if largest > a * (1 + 1e-12):
        return Verdict.fail(f"{name}: some entries lie outside [−a, a], a = √(6 / (fan_in + fan_out))")
    if largest < a * (1 - (1 - P_FAIL ** (1 / w.size))):
        return Verdict.fail(f"{name}: its entries do not reach the ends of [−a, a], a = √(6 / (fan_in + fan_out)) "
                            "(the interval is too narrow)")
    return Verdict.ok()


def profile(W) -> tuple[float, bool]:
    """(mean of W², uniform-looking): the kurtosis of a uniform law is 1.8, of a normal 3."""
    w = np.asarray(W, dtype=np.float64).ravel()
    second = float(np.mean(w * w))
    return second, float(np.mean(w ** 4)) / max(second ** 2, 1e-300) < 2.4


def similar(p, q) -> bool:
    return p[1] == q[1] and abs(p[0] - q[0]) <= 0.1 * max(abs(q[0]), 1e-300)


def distribution_hint(solution, func: str, fan_in: int, fan_out: int, W) -> str:
    """The hint of the first known mistake whose draws have the student's statistics
    (variance within 10%, same uniform-or-normal shape) while the reference's differ."""
    if not isinstance(W, np.ndarray) or W.size < 1000:
        return ""
    right = profile(getattr(solution.reference, func)(fan_in, fan_out, np.random.default_rng(0)))
    got = profile(W)

    def matches(module) -> bool:
        theirs = profile(getattr(module, func)(fan_in, fan_out, np.random.default_rng(0)))
        return not similar(theirs, right) and similar(got, theirs)

    return solution.recognise_where(matches)


def judge_initializer(student, solution, rng, func: str) -> Verdict:
    verdicts = []
    cases = [(fan_in, fan_out, SeededRng(int(rng.integers(2**31)))) for fan_in, fan_out in shapes(rng)]
    for (fan_in, fan_out, _), W in zip(cases, student.values(func, cases)):  # one round trip for all draws
        verdict = judge_draw(W, func, fan_in, fan_out)
        verdicts.append(verdict if verdict.passed
                        else with_hint(verdict, distribution_hint(solution, func, fan_in, fan_out, W)))
    return combine_cases(verdicts, "layer shapes")


# ------------------------------------------------------------------ initializers
@pytest.mark.points(1.25)
def test_xavier_uniform_statistics(student, solution, rng):
    """xavier_uniform: bounds ±√(6 / (fan_in + fan_out)), mean, variance and a uniform distribution"""
    return judge_initializer(student, solution, rng, "xavier_uniform")


@pytest.mark.points(1)
def test_xavier_normal_statistics(student, solution, rng):
    """xavier_normal: mean, variance 2 / (fan_in + fan_out) and a normal distribution"""
    return judge_initializer(student, solution, rng, "xavier_normal")


@pytest.mark.points(1)
def test_he_normal_statistics(student, solution, rng):
    """he_normal: mean, variance 2 / fan_in and a normal distribution"""
    return judge_initializer(student, solution, rng, "he_normal")


@pytest.mark.points(1)
def test_lecun_normal_statistics(student, solution, rng):
    """lecun_normal: mean, variance 1 / fan_in and a normal distribution"""
    return judge_initializer(student, solution, rng, "lecun_normal")


@pytest.mark.points(0.5)
def test_shapes(student, solution, rng):
    """every initializer returns shape (fan_in, fan_out), including fan_in = 1 or fan_out = 1"""
    verdicts = []
    layers = [(func, (200, 200, SeededRng(int(rng.integers(2**31))))) for func in RULES]
    cases = [(fan_in, fan_out, func, [(func, (fan_in, fan_out, SeededRng(int(rng.integers(2**31)))))
                                      for _ in range(2)])
             for fan_in, fan_out in [(1, int(rng.integers(5, 9))), (int(rng.integers(5, 9)), 1), (4, 7)]
             for func in RULES]
    values = iter(student.values_each(layers + [call for *_, calls in cases for call in calls]))  # one round trip
    weights = {func: centred_layer(next(values), func) for func in RULES}
    for fan_in, fan_out, func, _ in cases:
        got, other = next(values), next(values)
        verdict = only_with(check_shape(got, (fan_in, fan_out), func, other=other), weights[func], SEEDING)
        if not verdict.passed and isinstance(got, np.ndarray):
            verdict = with_hint(verdict, solution.recognise(
                lambda module, f=func, a=fan_in, b=fan_out:
                    np.array(getattr(module, f)(a, b, np.random.default_rng(0)).shape, float),
                np.array(got.shape, float)))
        verdicts.append(verdict)
    return combine_cases(verdicts, "calls")


@pytest.mark.points(0.75)
def test_randomness_comes_from_rng(student, solution, rng):
    """every initializer draws from rng only: the same seed gives the same weights, another seed others"""
    verdicts = []
    seeds = {func: int(rng.integers(2**31)) for func in RULES}
    values = iter(student.values_each([(func, (30, 20, SeededRng(s))) for func, seed in seeds.items()
                                       for s in (seed, seed, seed + 1)]
                                      + [(func, (200, 200, SeededRng(seed + 2))) for func, seed in seeds.items()]))
    draws = {func: [next(values) for _ in range(3)] for func in RULES}
    for func in RULES:
        layer = next(values)
        first, again, other = (as_layer(W, (30, 20)) for W in draws[func])
        work = only_with(check_shape(first, (30, 20), func, other=other), centred_layer(layer, func), SEEDING)
        if not work.passed:
            verdicts.append(work)
        elif not (isinstance(again, np.ndarray) and np.array_equal(first, again)):
            verdicts.append(with_hint(Verdict.fail(f"{func} gave different weights for two generators with the "
                                                   "same seed"), unreproducible_hint(solution, func)))
        else:
            verdicts.append(Verdict.ok())
    return combine_cases(verdicts, "initializers")


def unreproducible_hint(solution, func: str) -> str:
    """The hint of the first known mistake whose same-seed draws differ."""
    return solution.recognise_where(lambda module: not np.array_equal(
        getattr(module, func)(5, 4, np.random.default_rng(0)), getattr(module, func)(5, 4, np.random.default_rng(0))))


# ------------------------------------------------------------------ layer_stds
def deep_net(rng, activation: str):
    """x (N, d_0) and L weights of random widths, scaled so that no activation saturates."""
    widths = [int(d) for d in rng.integers(3, 7, size=int(rng.integers(3, 6)) + 1)]
    x = rng.normal(size=(int(rng.integers(4, 8)), widths[0]))
    gain = 2.0 if activation == "relu" else 1.0
    weights = [rng.normal(size=(a, b)) * math.sqrt(gain / a) for a, b in zip(widths, widths[1:])]
    return x, weights


@pytest.mark.points(1.25)
def test_layer_stds(student, solution, rng):
    """layer_stds on random deep networks, for each of the four activations"""
    cases = [(*deep_net(rng, activation), activation) for activation in ACTIVATIONS]
    verdicts = [solution.judge(got, "layer_stds", *case)
                for case, got in zip(cases, student.values("layer_stds", cases))]  # one round trip
    return combine_cases(verdicts, "activations")


@pytest.mark.points(0.25)
def test_layer_stds_rejects_unknown_activation(student, rng):
    """layer_stds raises ValueError for an activation that is not one of the four names"""
    x, weights = deep_net(rng, "tanh")
    return combine(expect_raises_each(student, ValueError, [("layer_stds", x, weights, name)
                                                           for name in ("softmax", "ReLU", "")]))


@pytest.mark.points(0.5)
def test_inputs_not_modified(student, solution, rng):
    """no function modifies its input arrays"""
    x, weights = deep_net(rng, "tanh")
    return solution.unmodified(student, "layer_stds", x, weights, "tanh")
