"""Requests, grader → worker: pickled, because only the grader ever writes them.

The two directions of the wire are not alike. What the worker sends back comes from a
process the student controls, so it is plain data in a format the grader decodes with
suspicion (``values.py``) and never unpickles. A request is built by the grader from its
own tests' arguments; the worker may unpickle it as it would any trusted data, with
pickle's own C speed and exact types (a Python float stays a float, a NumPy scalar a
NumPy scalar, a Fortran-ordered array Fortran-ordered, as a training script passes them).
Student code that tampers with pickle in the worker can only change what it is itself
given.

Four markers stand for what only the worker can make: ``Handle`` (an object a call
kept, e.g. a cache), ``CallableSpec`` and ``RngSpec`` (built from data, ``builders.py``)
and ``Earlier`` (an output of an earlier call of the same sequence, resolved by the
worker's ``calls``). They travel as calls of their own classes, which the worker's
``RequestDecoder`` replaces by its builders. Arrays travel as their bytes, dtype and
shape; anything else a request names must be NumPy's own array and scalar reconstruction.
"""

from __future__ import annotations

import copyreg
import importlib
import importlib.util
import io
import pickle
from dataclasses import dataclass

import numpy as np

from grader.sandbox.values import Handle, ProtocolError


@dataclass(frozen=True)
class CallableSpec:
    """Data from which the worker builds a callable (e.g. a quadratic's gradient)."""

    builder: str
    data: dict


@dataclass(frozen=True)
class RngSpec:
    """A ``numpy.random.Generator`` the worker builds from a seed."""

    seed: int


@dataclass(frozen=True)
class Earlier:
    """In a sequence of calls (the worker's ``calls``): output ``output`` of call ``call``
    of the same sequence, passed on as that call returned it (a kept cache as the object
    itself), as a training script passes one call's output to the next."""

    call: int
    output: int


_PROTOCOL = 5


def array(data: bytearray, dtype: str, shape: tuple):
    """A C-ordered array rebuilt from its bytes (a writable array of its own)."""
    return np.frombuffer(data, dtype).reshape(shape)


def _reduce_array(a: np.ndarray):
    # Twice as fast both ways as NumPy's own reduction, for the arrays of nearly every
    # request; any other layout (Fortran order, a view) travels as NumPy pickles it.
    if a.flags.c_contiguous and a.dtype.kind in "biuf":
        return array, (pickle.PickleBuffer(a), a.dtype.str, a.shape)
    return a.__reduce_ex__(_PROTOCOL)


_REDUCERS = copyreg.dispatch_table.copy()
_REDUCERS.update({
    np.ndarray: _reduce_array,
    Handle: lambda h: (Handle, (h.id, h.type)),
    CallableSpec: lambda c: (CallableSpec, (c.builder, c.data)),
    RngSpec: lambda r: (RngSpec, (int(r.seed),)),
    Earlier: lambda e: (Earlier, (int(e.call), int(e.output))),
})


def encode_request(header: dict, values: dict) -> list:
    """The payload of one request frame (``header`` and the argument ``values``)."""
    out = io.BytesIO()
    pickler = pickle.Pickler(out, protocol=_PROTOCOL)
    pickler.dispatch_table = _REDUCERS
    # No memo: an array the grader passes twice (to two calls of a sequence, or as two
    # arguments) arrives as two arrays, as calls made one by one each get a fresh copy;
    # a call that writes into one cannot change what another is given.
    pickler.fast = True
    pickler.dump((header, values))
    return [out.getbuffer()]


# What NumPy's arrays and scalars need to be rebuilt, in this NumPy's module names
# (``numpy.core`` became ``numpy._core`` in 2.0).
_CORE = "numpy._core" if importlib.util.find_spec("numpy._core") else "numpy.core"
_NUMPY = {(f"{_CORE}.multiarray", "_reconstruct"), (f"{_CORE}.multiarray", "scalar"),
          (f"{_CORE}.numeric", "_frombuffer"), ("numpy", "ndarray"), ("numpy", "dtype")}


class RequestDecoder:
    """The worker's side: requests unpickled, with its own builders for the markers.

    ``find_handle(id) -> object`` gives a kept object (raising ``ProtocolError`` for an
    unknown one), ``build_callable(builder, data)`` and ``build_rng(seed)`` build the others."""

    def __init__(self, find_handle, build_callable, build_rng):
        self._names = {
            _name(Handle): lambda id, type: find_handle(id),  # noqa: A002 - Handle's fields
            _name(CallableSpec): build_callable,
            _name(RngSpec): build_rng,
            _name(Earlier): Earlier,
            _name(array): array,
        }
        for module, name in _NUMPY:
            self._names[module, name] = getattr(importlib.import_module(module), name)

    def decode(self, payload) -> tuple[dict, dict]:
        """``(header, values)`` of a request payload; ``ProtocolError`` if it is not one."""
        try:
            header, values = _Unpickler(io.BytesIO(payload), self._names).load()
        except ProtocolError:
            raise
        except Exception as exc:  # noqa: BLE001 - a request this worker cannot read
            raise ProtocolError(f"malformed request ({type(exc).__name__})") from None
        if type(header) is not dict or type(values) is not dict:
            raise ProtocolError("malformed request")
        return header, values


def _name(obj) -> tuple[str, str]:
    """How pickle names a class or function: (its module, its name)."""
    return obj.__module__, obj.__qualname__


class _Unpickler(pickle.Unpickler):
    def __init__(self, file, names: dict):
        super().__init__(file)
        self._names = names

    def find_class(self, module: str, name: str):
        found = self._names.get((module, name))
        if found is None:
            raise ProtocolError(f"a request may not name {module}.{name}")
        return found
