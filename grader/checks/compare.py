"""Careful comparison of a student's returned array with the expected one.

Order of checks: is it an array at all, then its shape, its dtype kind, its finiteness
(NaN and inf never pass), then closeness relative to the expected values' scale.
Messages name the output (``nag_step → velocity_next``) and say what is wrong —
shape expected vs got, or the first wrong index and its relative error — but never the
expected values themselves.
"""

from __future__ import annotations

import numpy as np

from grader.checks.verdict import Verdict, combine
from grader.sandbox.protocol import Foreign, Handle

RTOL = 1e-6
ATOL_SCALE = 1e-9
SINGLE_PRECISION_ERROR = 1e-4  # errors below this, above RTOL, look like float32 arithmetic


def describe_type(value) -> str:
    """Human-readable description of something a student returned instead of an array."""
    if value is None:
        return "None (is a `return` statement missing?)"
    if isinstance(value, Foreign):
        extra = f", {value.why}" if value.why else ""
        return f"a {value.type} object{extra}"
    if isinstance(value, Handle):
        return f"a {value.type} object"
    if isinstance(value, (list, tuple)):
        return f"a {type(value).__name__} of length {len(value)}"
    return f"a {type(value).__name__}"


def as_array(got, name: str, expected: np.ndarray) -> np.ndarray | Verdict:
    """``got`` as an ndarray, or a failing Verdict saying why it is not acceptable.

    Python and NumPy scalars are accepted where a 0-d result is expected, and an integer
    where that result is a float (``return 0`` for a norm of zero is a right answer).
    """
    if isinstance(got, np.ndarray):
        arr = got
    elif expected.ndim == 0 and isinstance(got, (bool, int, float, np.generic)):
        arr = np.asarray(got)
    else:
        arr = None
    if arr is not None:
        whole_number = arr.ndim == 0 and expected.ndim == 0 and arr.dtype.kind in "iu"
        return arr.astype(np.float64) if whole_number and expected.dtype.kind == "f" else arr
    return Verdict.fail(f"{name}: expected a NumPy array of shape {expected.shape}, "
                        f"got {describe_type(got)}")


def compare(got, expected, name: str, *, rtol: float = RTOL, atol: float | None = None,
            hint: str = "") -> Verdict:
    """Judge ``got`` against ``expected`` (an array of any shape, float or int or bool).

    Tolerance: |got − expected| ≤ atol + rtol·|expected| elementwise, where atol
    defaults to ATOL_SCALE times the largest |expected| (so entries that should be
    ~0 are judged on the output's own scale). ``hint`` is appended to a failure.
    """
    expected = np.asarray(expected)
    arr = as_array(got, name, expected)
    if isinstance(arr, Verdict):
        return arr
    suffix = f". Hint: {hint}" if hint else ""
    if arr.shape != expected.shape:
        return Verdict.fail(f"{name}: shape expected {expected.shape}, got {shown_shape(arr.shape, expected.shape)}"
                            f"{suffix}")
    if expected.dtype.kind == "f" and arr.dtype.kind != "f":
        return Verdict.fail(f"{name}: expected floating-point values, got dtype {arr.dtype} "
                            "(integer arithmetic or an integer buffer such as np.zeros_like of an int array?)")
    if arr.dtype.kind not in "biuf":
        return Verdict.fail(f"{name}: expected numbers, got dtype {arr.dtype}")
    bad = ~np.isfinite(arr) & np.isfinite(expected) if arr.dtype.kind == "f" else np.zeros(arr.shape, bool)
    if bad.any():
        index = _first(bad)
        what = "NaN" if np.isnan(arr[index]) else "inf"
        return Verdict.fail(f"{name}: contains {what} at index {index} "
                            f"({int(bad.sum())} non-finite entries){suffix}")
    diff, tol, scale = _tolerance(arr, expected, rtol, atol)
    wrong = ~(diff <= tol)
    if wrong.any():
        index = _first(wrong)
        if scale == 0.0:  # every expected entry is 0: a relative error would be meaningless
            error = f"absolute error {diff[index]:.1e}"
        else:
            error = f"relative error {diff[index] / max(abs(float(expected[index])), scale * 1e-3):.1e}"
        return Verdict.fail(f"{name}: {int(wrong.sum())} of {wrong.size} entries are wrong; the first "
                            f"at index {index} ({error}){_precision_note(arr, expected, diff, wrong, scale)}{suffix}")
    return Verdict.ok()


def _precision_note(arr: np.ndarray, expected: np.ndarray, diff: np.ndarray, wrong: np.ndarray, scale: float) -> str:
    """A note when the error is small: a float32 array (compute in float64, as the inputs are),
    or every wrong entry only slightly off, whose likely causes it lists without picking one
    (float32 arithmetic, a rounded constant and a formula's small term look alike)."""
    if expected.dtype != np.float64 or scale == 0.0:
        return ""
    if arr.dtype.kind == "f" and arr.itemsize < 8:
        return f"; the array is {arr.dtype}: compute in float64, as the inputs are"
    with np.errstate(all="ignore"):
        worst = float(np.max(diff[wrong] / np.maximum(np.abs(expected[wrong]).astype(np.float64), scale * 1e-3)))
    if worst < SINGLE_PRECISION_ERROR:  # False for NaN (an inf where a number belongs)
        return ("; every wrong entry is within 1e-4 (relative) of the right value: a small but real difference "
                "(float32 arithmetic somewhere, a constant with too few digits, or a term of the formula)")
    return ""


def compare_list(got, expected: list, name: str, **tolerances) -> Verdict:
    """Judge a returned list of arrays: a list (or tuple) of the right length, then each
    array with ``compare`` (``name[j]`` in messages)."""
    if not isinstance(got, (list, tuple)):
        return Verdict.fail(f"{name}: expected a list of {len(expected)} arrays, got {describe_type(got)}")
    if len(got) != len(expected):
        return Verdict.fail(f"{name}: expected a list of {len(expected)} arrays, got {len(got)}")
    return combine([compare(g, e, f"{name}[{j}]", **tolerances) for j, (g, e) in enumerate(zip(got, expected))])


def compare_dict(got, expected: dict, name: str, **tolerances) -> Verdict:
    """Judge a returned dict of arrays as one output: a dict with exactly the expected keys
    whose every array passes ``compare`` (``name['key']`` in messages). All or nothing:
    part of the arrays right (e.g. zero gradients of biases) is no evidence of work."""
    if not isinstance(got, dict):
        return Verdict.fail(f"{name}: expected a dict with the keys of params, got {describe_type(got)}")
    if set(got) != set(expected):
        return Verdict.fail(f"{name}: must have exactly the keys of params ({key_difference(got, expected)})")
    verdict = combine([compare(got[k], e, f"{name}[{k!r}]", **tolerances) for k, e in expected.items()])
    return verdict if verdict.passed else Verdict.fail(verdict.message)


def shown_shape(got: tuple, expected: tuple) -> str:
    """A returned array's shape as a message shows it: written out when it is one a mistake
    gives (at most one dimension more than expected, none empty unless one is expected to
    be, each at most 4 times the largest expected); otherwise only how many dimensions it
    has. The dimensions of an empty array are free numbers: written out, they would carry
    a hidden test's inputs into the report."""
    largest = max((*expected, 1))
    plausible = (len(got) <= len(expected) + 1 and all(d <= 4 * largest for d in got)
                 and (0 not in got or 0 in expected))
    return str(tuple(got)) if plausible else f"another shape, of {len(got)} dimensions"


def key_difference(got, expected) -> str:
    """How a dict's keys differ from the expected ones: the expected keys it lacks, and how
    many others it has (their names are the student's own text, and are not quoted)."""
    missing = [k for k in expected if k not in got]
    extra = sum(1 for k in got if k not in expected)
    parts = [f"missing {', '.join(map(repr, missing))}" if missing else "",
             f"{extra} unexpected key{'s' if extra > 1 else ''}" if extra else ""]
    return "; ".join(p for p in parts if p)


def is_integer(value) -> bool:
    """True for a Python int or a NumPy integer (an index, a count, an epoch), not a float
    or a bool."""
    return isinstance(value, (int, np.integer)) and not isinstance(value, (bool, np.bool_))


def matches(got, expected, *, rtol: float = RTOL, atol: float | None = None) -> bool:
    """True when ``compare`` would pass (used to recognise known mistakes)."""
    return compare(got, expected, "", rtol=rtol, atol=atol).passed


def _tolerance(arr, expected, rtol, atol):
    exp = expected.astype(np.float64)
    got = arr.astype(np.float64)
    finite = np.isfinite(exp)
    scale = float(np.max(np.abs(exp[finite]), initial=0.0))
    atol = ATOL_SCALE * max(scale, 1e-300) if atol is None else atol
    with np.errstate(invalid="ignore", over="ignore"):
        diff = np.where(finite, np.abs(got - exp), np.where(got == exp, 0.0, np.inf))
    return diff, atol + rtol * np.abs(np.where(finite, exp, 0.0)), scale


def _first(mask: np.ndarray) -> tuple[int, ...]:
    return tuple(int(i) for i in np.unravel_index(int(np.argmax(mask)), mask.shape))
