# ---------------------------------------------------------------- replay helpers
# Each case below replays calls recorded from dl-grader's own tests: the inputs, and
# the reference solution's results on them, are stored as data (base64 arrays); the
# reference source is not here. Checks: returned values within a relative tolerance,
# the exception type raised, arguments left unmodified, points where grad_fn was
# evaluated. Messages name the function and output, never the expected values.
import base64 as _b64

import numpy as _np

_RTOL = 1e-6
_ATOL_SCALE = 1e-9


def A(dtype, shape, data):
    """An array stored as base64 of its raw bytes."""
    return _np.frombuffer(_b64.b64decode(data), dtype=_np.dtype(dtype)).reshape(shape).copy()


def S(dtype, data):
    """A NumPy scalar stored like an array."""
    return A(dtype, (), data)[()]


class C:
    """A callable (e.g. a quadratic's gradient) built afresh for every call."""

    def __init__(self, builder, data):
        self.builder, self.data = builder, data


class R:
    """A numpy.random.Generator made afresh from a seed for every call."""

    def __init__(self, seed):
        self.seed = seed


class O:
    """Output ``index`` of an earlier call of the same case (an opaque value such as a cache)."""

    def __init__(self, call, index):
        self.call, self.index = call, index


def _materialise(value, log, done):
    if isinstance(value, _np.ndarray):
        return value.copy()
    if isinstance(value, C):
        return build_callable(value.builder, value.data, log)
    if isinstance(value, R):
        return build_rng(value.seed)
    if isinstance(value, O):
        returned = done[value.call]
        if returned is None:
            raise AssertionError("an earlier call of this check failed, so its output cannot be reused")
        return returned[value.index]
    if isinstance(value, list):
        return [_materialise(v, log, done) for v in value]
    if isinstance(value, tuple):
        return tuple(_materialise(v, log, done) for v in value)
    return value


def _arrays(value):
    if isinstance(value, _np.ndarray):
        return [value]
    if isinstance(value, (list, tuple)):
        return [a for v in value for a in _arrays(v)]
    return []


def _differences(got, expected, label):
    """Problems with ``got`` as ``expected`` (a list of messages; empty when it matches)."""
    if isinstance(expected, (list, tuple)):
        if not isinstance(got, (list, tuple)) or len(got) != len(expected):
            return [f"{label}: expected a sequence of {len(expected)} items"]
        return [p for i, (g, e) in enumerate(zip(got, expected)) for p in _differences(g, e, f"{label}[{i}]")]
    expected = _np.asarray(expected)
    if not isinstance(got, (_np.ndarray, _np.generic, int, float, bool)):
        return [f"{label}: expected a NumPy array of shape {expected.shape}, got {type(got).__name__}"]
    got = _np.asarray(got)
    if got.shape != expected.shape:
        return [f"{label}: shape expected {expected.shape}, got {got.shape}"]
    if got.dtype.kind not in "biuf":
        return [f"{label}: expected numbers, got dtype {got.dtype}"]
    exp, arr = expected.astype(_np.float64), got.astype(_np.float64)
    scale = float(_np.max(_np.abs(exp[_np.isfinite(exp)]), initial=0.0))
    with _np.errstate(invalid="ignore", over="ignore"):
        diff = _np.where(_np.isfinite(exp), _np.abs(arr - exp), _np.where(arr == exp, 0.0, _np.inf))
    wrong = ~(diff <= _ATOL_SCALE * max(scale, 1e-300) + _RTOL * _np.abs(_np.where(_np.isfinite(exp), exp, 0.0)))
    if wrong.any():
        first = tuple(int(i) for i in _np.unravel_index(int(_np.argmax(wrong)), wrong.shape))
        return [f"{label}: {int(wrong.sum())} of {wrong.size} entries are wrong; the first at index {first}"]
    return []


def _run(calls, functions):
    """Replay ``calls`` on the student's functions; per call (returned outputs, exception, log, mutated)."""
    done, runs = [], []
    for call in calls:
        func = functions.get(call["func"])
        log = CallLog()
        try:
            args = [_materialise(a, log, done) for a in call["args"]]
            kwargs = {k: _materialise(v, log, done) for k, v in call["kwargs"].items()}
        except AssertionError as exc:
            done.append(None)
            runs.append((None, exc, log, False))
            continue
        before = [a.copy() for a in _arrays((args, kwargs))]
        if not callable(func):
            done.append(None)
            runs.append((None, NameError(f"{call['func']} is not defined"), log, False))
            continue
        try:
            returned = func(*args, **kwargs)
        except Exception as exc:  # the student's exception is the result being checked
            done.append(None)
            runs.append((None, exc, log, False))
            continue
        mutated = any(not _np.array_equal(b, a, equal_nan=True) for b, a in zip(before, _arrays((args, kwargs))))
        outputs = (returned,) if len(call["returns"]) == 1 else returned
        if not isinstance(outputs, (tuple, list)) or len(outputs) != len(call["returns"]):
            outputs = None
        done.append(outputs)
        runs.append((outputs, None, log, mutated))
    return runs


def _problem(call, run, kind, index):
    outputs, exc, log, mutated = run
    name = call["func"]
    if kind == "raises":
        if exc is None:
            return f"`{name}` returned normally on invalid arguments; it should raise {call['raised']}"
        if type(exc).__name__ != call["raised"]:
            return f"`{name}` raised {type(exc).__name__}; it should raise {call['raised']}"
        return None
    if exc is not None:
        return f"`{name}` raised {type(exc).__name__}: {exc}"
    if kind == "returns":
        return None
    if kind == "unmodified":
        return f"`{name}` modified an argument in place; work on a copy" if mutated else None
    if kind == "grad_points":
        points = log.points
        for want in call["grad_points"]:
            if not any(p.shape == want.shape and _np.allclose(p, want, rtol=1e-9, atol=1e-12) for p in points):
                return f"`{name}` did not evaluate grad_fn where it should (e.g. the look-ahead point)"
        return None
    if outputs is None:
        return f"`{name}` should return {len(call['returns'])} values ({', '.join(call['returns'])})"
    label = name if len(call["returns"]) == 1 else f"{name} → {call['returns'][index]}"
    problems = _differences(outputs[index], call["outputs"][index], label)
    return "; ".join(problems) if problems else None


def check(calls, checks, functions):
    """Replay ``calls`` and raise AssertionError unless every (call, kind, index) check holds."""
    runs = _run(calls, functions)
    problems = [_problem(calls[c], runs[c], kind, index) for c, kind, index in checks]
    problems = [p for p in problems if p]
    if problems:
        raise AssertionError("; ".join(problems))
