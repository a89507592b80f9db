"""Does an output come from real work? Credit for shapes, consistency and statistics
is paid only to outputs computed from the inputs.

A function that returns zeros, a constant, a fixed array or its own input unchanged can
have the right shape, "agree" with its own zero derivative, and leave its inputs alone:
none of that is behaviour the assignment teaches, so none of it earns points. The tests
use inputs for which a right implementation gives varied values that differ from every
input (random normals with both signs, p > 0, …), so these checks never fail it.
"""

from __future__ import annotations

import numpy as np

from grader.checks.compare import describe_type
from grader.checks.verdict import Verdict


def real_work(got, name: str, *, inputs=(), other=None) -> Verdict:
    """Pass when ``got`` is a finite float array with more than one distinct value, equal to none
    of ``inputs`` and, when ``other`` (the same output for different inputs) is given,
    different from it."""
    if not isinstance(got, np.ndarray) or got.dtype.kind != "f":
        return Verdict.fail(f"{name}: expected a floating-point NumPy array, got {describe_type(got)}")
    if not np.all(np.isfinite(got)):
        return Verdict.fail(f"{name}: contains NaN or inf; points for this check are earned only by finite values "
                            "computed from the inputs")
    if got.size > 1 and np.all(got == got.flat[0]):
        return Verdict.fail(f"{name}: every entry is the same value; points for this check are earned only "
                            "by values computed from the inputs")
    for value in inputs:
        if isinstance(value, np.ndarray) and value.shape == got.shape and np.array_equal(value, got):
            return Verdict.fail(f"{name}: is one of the inputs, unchanged; points for this check are earned only "
                                "by values computed from the inputs")
    if isinstance(other, np.ndarray) and other.shape == got.shape and np.array_equal(other, got):
        return Verdict.fail(f"{name}: does not change when the inputs change; points for this check are earned "
                            "only by values computed from the inputs")
    return Verdict.ok()


def real_output(got, name: str, *, inputs=()) -> Verdict:
    """Pass when a function's return value comes from real work: an array that passes
    ``real_work`` against every array among ``inputs`` (searched inside lists, tuples and
    dicts), or a number equal to none of the numbers among them. For a tuple or list of
    outputs (caches and other values are ignored), one such output is enough."""
    arrays = list(_leaves(inputs))
    if isinstance(got, (tuple, list)):
        verdicts = [real_output(g, f"{name}[{i}]", inputs=inputs) for i, g in enumerate(got)
                    if isinstance(g, (np.ndarray, float, int, np.generic)) and not isinstance(g, bool)]
        passed = [v for v in verdicts if v.passed]
        if passed or not verdicts:
            return passed[0] if passed else Verdict.fail(f"{name}: contains no array or number")
        return verdicts[0]
    if isinstance(got, (float, int, np.generic)) and not isinstance(got, (bool, np.bool_)):
        numbers = [v for v in arrays if isinstance(v, (float, int, np.generic)) and not isinstance(v, bool)]
        if any(float(got) == float(v) for v in numbers):
            return Verdict.fail(f"{name}: is one of the inputs, unchanged; points for this check are earned only "
                                "by values computed from the inputs")
        return Verdict.ok()
    return real_work(got, name, inputs=[a for a in arrays if isinstance(a, np.ndarray)])


def _leaves(values):
    for value in values:
        if isinstance(value, (list, tuple)):
            yield from _leaves(value)
        elif isinstance(value, dict):
            yield from _leaves(value.values())
        else:
            yield value


def real_gradient(got, name: str, *, dense: bool = False) -> Verdict:
    """Pass when a gradient has at least one non-zero entry (the tests' inputs make every
    true gradient non-zero): a zero "gradient" agrees with any constant function. With
    ``dense`` (where every entry of the true gradient is non-zero, as in a recurrent
    cell, whose every weight feeds its output), no entry may be 0: a forward pass that
    ignores part of an input (a GRU without its gates) is not an attempt at the cell."""
    if not isinstance(got, np.ndarray) or got.dtype.kind != "f":
        return Verdict.fail(f"{name}: expected a floating-point NumPy array, got {describe_type(got)}")
    if not np.any(got):
        return Verdict.fail(f"{name}: is all zeros, but on these inputs the gradient is not zero")
    if dense and not np.all(got):
        return Verdict.fail(f"{name}: is 0 in {got.size - np.count_nonzero(got)} of its {got.size} entries, where on "
                            "these inputs every entry of the gradient is non-zero (does your forward pass ignore "
                            "part of this input?)")
    return Verdict.ok()


def centred(w, name: str, p_fail: float = 1e-10) -> Verdict:
    """Pass when the entries of ``w`` (a float array of many entries, drawn independently)
    average to 0 within what chance allows: |mean| ≤ z·s/√n, s their own standard
    deviation, P(|Z| > z) = ``p_fail``. Random weights of any scale centred at 0 pass;
    ``rng.random`` (centred at 0.5), constants and their like do not."""
    if not isinstance(w, np.ndarray) or w.dtype.kind != "f" or w.size < 100 or not np.all(np.isfinite(w)):
        return Verdict.fail(f"{name}: expected many finite floating-point weights, got {describe_type(w)}")
    z = float(np.sqrt(2 * np.log(2 / p_fail)))
    spread = float(np.std(w))
    if spread > 0 and abs(float(np.mean(w))) <= z * spread / np.sqrt(w.size):
        return Verdict.ok()
    return Verdict.fail(f"for weights centred at 0, as an initializer's are: those of {name} are not")
