"""Submissions that do nothing, made from any assignment's API: each must score 0.

Five kinds, each a source file graded like a student's:

- ``none``: every function returns ``None``;
- ``zeros``, ``constant``: every output is zeros (or 7) of the reference's shape and
  type, so shape checks cannot tell it from real work;
- ``noise``: a fixed pseudo-random array of the reference's shape, the same whatever the
  inputs (input-independent, yet not constant);
- ``echo``: every output is an input handed back (one of the reference's shape when
  there is one).

Opaque outputs (caches) are the reference's own, so that a backward function gets a
real cache and is judged on what it returns. Where the reference raises (invalid
arguments), the variant returns ``None``: raising the right error is behaviour too.
"""

from __future__ import annotations

from grader.course import Assignment

KINDS = ("none", "zeros", "constant", "noise", "echo")

# Appended to the reference's source: the reference functions are kept under other
# names and every SPEC function is replaced by a null version of itself.
_RUNTIME = '''

# ---- a submission that does nothing ({kind}) ----
import numpy as _null_np

_NULL_KIND = {kind!r}
_NULL_OPAQUE = {opaque!r}
_NULL_REFERENCE = {{_name: globals()[_name] for _name in _NULL_OPAQUE}}


def _null_arrays(values):
    for v in values:
        if isinstance(v, _null_np.ndarray):
            yield v
        elif isinstance(v, (list, tuple)):
            yield from _null_arrays(v)
        elif isinstance(v, dict):
            yield from _null_arrays(v.values())


def _null_value(value, inputs, salt):
    if isinstance(value, _null_np.ndarray):
        if _NULL_KIND == "echo":
            arrays = [a for a in _null_arrays(inputs)]
            same = [a for a in arrays if a.shape == value.shape]
            return (same or arrays or [value * 0])[0]
        if _NULL_KIND == "noise":
            return _null_np.random.default_rng(salt).normal(size=value.shape).astype(value.dtype)
        return _null_np.full(value.shape, 0 if _NULL_KIND == "zeros" else 7, dtype=value.dtype)
    if isinstance(value, (list, tuple)):
        return type(value)(_null_value(v, inputs, salt + i + 1) for i, v in enumerate(value))
    if isinstance(value, dict):
        return {{k: _null_value(v, inputs, salt + i + 1) for i, (k, v) in enumerate(value.items())}}
    if isinstance(value, (bool, _null_np.bool_)):
        return False
    if isinstance(value, (int, float, _null_np.integer, _null_np.floating)):
        if _NULL_KIND == "echo":
            numbers = [a for a in inputs if isinstance(a, (int, float)) and not isinstance(a, bool)]
            return numbers[0] if numbers else type(value)(0)
        return type(value)({{"zeros": 0, "constant": 7, "noise": 3}}.get(_NULL_KIND, 0))
    return value


def _null_version(name, opaque):
    reference = _NULL_REFERENCE[name]

    def null(*args, **kwargs):
        if _NULL_KIND == "none":
            return None
        try:
            out = reference(*args, **kwargs)
        except Exception:
            return None
        inputs = list(args) + list(kwargs.values())
        if isinstance(out, tuple):
            return tuple(v if i in opaque else _null_value(v, inputs, 1000 * i + len(name))
                         for i, v in enumerate(out))
        return _null_value(out, inputs, len(name))
    null.__name__ = name
    return null


for _name, _opaque in _NULL_OPAQUE.items():
    globals()[_name] = _null_version(_name, _opaque)
'''


def null_source(assignment: Assignment, reference_source: str, kind: str) -> str:
    """The source of a ``kind`` null submission for ``assignment``."""
    if kind not in KINDS:
        raise ValueError(f"unknown null kind {kind!r}")
    opaque = {name: tuple(api.opaque) for name, api in assignment.functions.items()}
    return reference_source + _RUNTIME.format(kind=kind, opaque=opaque)
