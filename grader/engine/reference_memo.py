"""Reference results remembered across the students one grading process grades.

Without a seed secret every student of a class is graded on the same inputs, so the
hidden tests ask the reference (and the known mistakes) the same questions for every
student: the numerical gradients alone are ~2000 reference calls a student, a tenth of
a batch's time. ``ReferenceMemo`` answers a repeated question from memory.

Only questions and answers made of plain data are remembered: NumPy arrays of numbers,
Python numbers, strings, ``None``, and tuples, lists and str-keyed dicts of them. A call
given anything else (a random generator, a callable) runs every time, as does one that
raises. Answers are read-only arrays in fresh lists, tuples and dicts (``frozen``): a test
that writes into one gets an error instead of changing what the next student is judged
against, and nothing is copied on the way out. With per-student seeds nothing repeats and the
memo only costs the hashing (a few microseconds a call).

Keys name the module by a digest of its source (``reference.module_from_source``): a
reference and a known mistake never share answers, and an edited file is a new module.
"""

from __future__ import annotations

from collections import OrderedDict

import numpy as np

MAX_BYTES = 32 << 20  # remembered bytes (questions and answers) per process
MAX_ENTRY_BYTES = 1 << 20  # larger answers are computed again rather than crowd out the rest


class _Unremembered(Exception):
    """The value is not plain data (see the module docstring)."""


class ReferenceMemo:
    """A bounded least-recently-used map from (module, function, arguments) to outputs."""

    def __init__(self, max_bytes: int = MAX_BYTES):
        self.max_bytes = max_bytes
        self._entries: OrderedDict[tuple, tuple[object, int, bool]] = OrderedDict()  # outputs, bytes, has lists
        self._bytes = 0
        self.hits = self.misses = 0

    def key(self, module_key: str, func: str, args: tuple, kwargs: dict) -> tuple | None:
        """The key of a call (the arguments' bytes, exactly), or None when an argument is
        not plain data."""
        try:
            return module_key, func, _key(args), _key(kwargs)
        except _Unremembered:
            return None

    def get(self, key: tuple):
        """The remembered outputs (read-only arrays in fresh containers), or None."""
        entry = self._entries.get(key)
        if entry is None:
            self.misses += 1
            return None
        self._entries.move_to_end(key)
        self.hits += 1
        outputs, _, mutable = entry
        return _fresh_containers(outputs) if mutable else outputs

    def put(self, key: tuple, outputs) -> None:
        """Remember ``outputs``, already ``frozen`` (ignored when not plain data, or too large)."""
        try:
            size = _size(outputs) + _size(key[2]) + _size(key[3])
        except _Unremembered:
            return
        if size > MAX_ENTRY_BYTES or key in self._entries:
            return
        self._entries[key] = (outputs, size, _has_mutable(outputs))
        self._bytes += size
        while self._bytes > self.max_bytes and self._entries:
            _, (_, dropped, _) = self._entries.popitem(last=False)
            self._bytes -= dropped


def _key(value):
    """A hashable, exact image of a plain value: equal images, equal values (floats by
    repr, so -0.0 and 0.0 differ; arrays by dtype, shape and bytes)."""
    kind = type(value)
    if kind is np.ndarray:
        if value.dtype.kind not in "biufc":
            raise _Unremembered
        return "a", value.dtype.str, value.shape, value.tobytes()
    if kind is tuple or kind is list:
        return kind.__name__, tuple(_key(v) for v in value)
    if kind is dict:
        if not all(type(k) is str for k in value):
            raise _Unremembered
        return "dict", tuple((k, _key(value[k])) for k in sorted(value))
    if kind is float or kind is complex:
        return kind.__name__, repr(value)
    if kind is int or kind is bool or kind is str or value is None:
        return kind.__name__, value
    if isinstance(value, np.generic) and value.dtype.kind in "biufc":
        return "g", value.dtype.str, value.tobytes()
    raise _Unremembered


def _size(value) -> int:
    kind = type(value)
    if kind is np.ndarray:
        if value.dtype.kind not in "biufc":
            raise _Unremembered
        return value.nbytes
    if kind is bytes:
        return len(value)
    if kind in (tuple, list):
        return sum(_size(v) for v in value) + 8 * len(value)
    if kind is dict:
        if not all(type(k) is str for k in value):
            raise _Unremembered
        return sum(_size(v) for v in value.values()) + 16 * len(value)
    if kind in (int, float, bool, str, complex) or value is None or isinstance(value, np.generic):
        return 32
    raise _Unremembered


def frozen(value):
    """``value`` with every array in it read-only, in fresh lists, tuples and dicts (so
    that appending to a returned list changes nothing remembered); other objects as they are."""
    kind = type(value)
    if kind is np.ndarray:
        value.flags.writeable = False
        return value
    if kind is tuple or kind is list:
        return kind(frozen(v) for v in value)
    if kind is dict:
        return {k: frozen(v) for k, v in value.items()}
    return value


MEMO = ReferenceMemo()  # one per grading process: it lives as long as the process grades


def _has_mutable(value) -> bool:
    """Whether a frozen value holds a list or a dict (which each ``get`` hands out afresh)."""
    kind = type(value)
    if kind is list or kind is dict:
        return True
    return kind is tuple and any(_has_mutable(v) for v in value)


def _fresh_containers(value):
    """New lists, tuples and dicts around the same (read-only) arrays."""
    kind = type(value)
    if kind is tuple or kind is list:
        return kind(_fresh_containers(v) for v in value)
    if kind is dict:
        return {k: _fresh_containers(v) for k, v in value.items()}
    return value
