"""A fingerprint of the answers a submission gave in one test: equal wrong answers, equal digests.

``AnswerDigest`` is fed every value the student's code returned during a hidden test
(as the grader process decoded it, see ``engine/proxy.py``) and gives a 16-hex-digit
digest. Floats are rounded to ``SIGNIFICANT`` significant digits, so two students who
wrote the same wrong formula with a different order of operations share a digest;
entries below ``NOISE`` times the array's largest magnitude count as zero (float noise
where the exact answer is 0). Only the digest leaves this module: never a value.

The digest groups students only when they were graded on the same inputs: one seed for
the class (no ``--seed-secret``, whose per-student inputs make every digest different).
"""

from __future__ import annotations

import hashlib

import numpy as np

SIGNIFICANT = 6
NOISE = 1e-9
DIGITS = 16  # hex digits kept: 64 bits, collisions negligible for a class's answers
CHUNK = 1 << 16  # entries rounded at a time: a huge returned array costs no huge temporaries

_NORMAL, _ZERO, _NAN, _POS_INF, _NEG_INF = 0, 1, 2, 3, 4


def largest_finite(values: np.ndarray) -> float:
    """The largest finite magnitude in ``values`` (0 when none), chunk by chunk."""
    flat = values.reshape(-1)
    largest = 0.0
    for start in range(0, flat.size, CHUNK):
        part = np.abs(flat[start:start + CHUNK].astype(np.float64))
        part = part[np.isfinite(part)]
        if part.size:
            largest = max(largest, float(part.max()))
    return largest


def rounded_floats(values, largest: float | None = None) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``values`` (any shape, real) as (mantissa, exponent, kind) int64 arrays, each of the
    flattened size N: value ≈ mantissa · 10**(exponent − SIGNIFICANT + 1) for kind normal.
    ``largest``: the magnitude the noise floor is relative to (default: that of ``values``)."""
    a = np.asarray(values, dtype=np.float64).ravel()
    finite = np.isfinite(a)
    magnitude = np.abs(np.where(finite, a, 0.0))
    if largest is None:
        largest = magnitude.max() if magnitude.size else 0.0
    zero = finite & (magnitude <= largest * NOISE)
    normal = finite & ~zero
    safe = np.where(normal, magnitude, 1.0)
    exponent = np.floor(np.log10(safe))
    mantissa = np.rint(np.where(normal, a, 0.0) / 10.0 ** (exponent - SIGNIFICANT + 1))
    carried = np.abs(mantissa) >= 10 ** SIGNIFICANT  # 9.999995 rounds up to 10.0000
    mantissa = np.where(carried, np.rint(mantissa / 10), mantissa)
    exponent = np.where(carried, exponent + 1, exponent)
    kind = np.select([zero, np.isnan(a), a == np.inf, a == -np.inf], [_ZERO, _NAN, _POS_INF, _NEG_INF], _NORMAL)
    exponent = np.where(normal, exponent, 0)
    return mantissa.astype(np.int64), exponent.astype(np.int64), kind.astype(np.int64)


class AnswerDigest:
    """A running digest of the values returned during one test.

    Values are kept and hashed only when the digest is asked for: it is asked for only
    when a test failed, and hashing every answer of every passing test was a tenth of a
    right submission's grading time. Past ``PENDING_BYTES`` of kept arrays the values are
    hashed at once, so a test that receives many large answers holds no more memory.
    """

    PENDING_BYTES = 16 << 20

    def __init__(self) -> None:
        self._hash = hashlib.sha256()
        self._count = 0
        self._pending: list[tuple[bool, object]] = []  # (is a value, value or failure text)
        self._pending_bytes = 0

    def add(self, value) -> None:
        """Add one call's return value (arrays, scalars, tuples, lists, dicts, opaque handles)."""
        self._count += 1
        self._pending.append((True, value))
        self._pending_bytes += _nbytes(value)
        if self._pending_bytes > self.PENDING_BYTES:
            self._fold()

    def add_failure(self, what: str) -> None:
        """Add a call that returned nothing (what it raised, or how it failed)."""
        self._count += 1
        self._pending.append((False, what))

    def hexdigest(self) -> str:
        """The digest, or "" when nothing was added."""
        self._fold()
        return self._hash.hexdigest()[:DIGITS] if self._count else ""

    def _fold(self) -> None:
        for is_value, item in self._pending:
            if is_value:
                self._feed(b"call")
                self._value(item)
            else:
                self._feed(b"failed:" + item.encode("utf-8", "replace"))
        self._pending.clear()
        self._pending_bytes = 0

    def _feed(self, data: bytes) -> None:
        self._hash.update(len(data).to_bytes(8, "little"))
        self._hash.update(data)

    def _value(self, value) -> None:
        if isinstance(value, (list, tuple)):
            self._feed(f"{type(value).__name__}:{len(value)}".encode())
            for item in value:
                self._value(item)
        elif isinstance(value, dict):
            self._feed(f"dict:{len(value)}".encode())
            for key in sorted(value, key=repr):
                self._feed(repr(key).encode("utf-8", "replace"))
                self._value(value[key])
        elif value is None or isinstance(value, (str, bytes)):
            self._feed(repr(value).encode("utf-8", "replace"))
        elif isinstance(value, (bool, np.bool_)):
            self._feed(b"bool:" + str(bool(value)).encode())
        elif isinstance(value, (int, float, complex, np.number, np.ndarray)):
            self._array(np.asarray(value))
        else:  # an opaque cache kept in the worker, or a marker for an unsendable value
            self._feed(f"opaque:{type(value).__name__}".encode())

    def _array(self, array: np.ndarray) -> None:
        self._feed(f"array:{array.dtype.kind}:{array.shape}".encode())
        if array.dtype.kind in "biu":
            flat = array.reshape(-1)
            for start in range(0, flat.size, CHUNK):
                self._feed(flat[start:start + CHUNK].astype(np.int64).tobytes())
        elif array.dtype.kind in "fc":
            flat = array.reshape(-1)
            parts = (flat.real, flat.imag) if array.dtype.kind == "c" else (flat,)
            for values in parts:
                largest = largest_finite(values)
                for start in range(0, values.size, CHUNK):
                    for piece in rounded_floats(values[start:start + CHUNK], largest):
                        self._feed(piece.tobytes())
        else:
            self._feed(b"other")


def _nbytes(value) -> int:
    """The array bytes a returned value holds (nested lists, tuples and dicts included)."""
    if isinstance(value, np.ndarray):
        return value.nbytes
    if isinstance(value, (list, tuple)):
        return sum(_nbytes(v) for v in value)
    if isinstance(value, dict):
        return sum(_nbytes(v) for v in value.values())
    return 0
