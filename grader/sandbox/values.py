"""Answers, worker → grader: the wire format of everything the worker sends.

Only plain data crosses the trust boundary this way: a JSON header describing a tree of
values, followed by the raw bytes of the numeric arrays it references. Nothing is ever
unpickled, and the decoder treats every byte the worker sends as hostile: dtypes come
from a whitelist, sizes are checked against the bytes actually present, and the whole
frame is capped before anything is allocated. (Requests, grader → worker, are the
grader's own data: ``requests.py``.)

Framing (``framing.py``): 8-byte big-endian payload length | payload
Payload: 4-byte big-endian header length | UTF-8 JSON header | array bytes

Value tree nodes (the JSON header's ``"value"`` and friends)::

    {"t": "none"}
    {"t": "num", "k": "f" | "i" | "b", "v": 0.1}  # float64, int64 or bool scalar
    {"t": "num", "k": "f", "v": 0.1, "py": true}  # the same as a Python float, int or bool
    {"t": "array", "dtype": "<f8", "shape": [2, 3], "offset": 0, "scalar": false}
    {"t": "str", "v": "nag"}
    {"t": "tuple" | "list", "items": [...]}
    {"t": "dict", "items": {"key": ...}}        # str keys only (e.g. a network's params)
    {"t": "handle", "id": 3, "type": "tuple"}   # an object kept inside the worker
    {"t": "foreign", "type": "Foo", "why": "..."} # something that is not plain data
"""

from __future__ import annotations

import json
import math
import struct
from dataclasses import dataclass

import numpy as np

from grader.sandbox.framing import ProtocolError
from grader.sandbox.text import printable, public_reason, public_type_name

MAX_HEADER_BYTES = 4 * 1024 * 1024
MAX_DEPTH = 8
MAX_NODES = 20_000  # per value (the result of one call)
MAX_MESSAGE_NODES = 2 * MAX_NODES  # per message: a batch of calls (tens of nodes each), or a worker sending many values
MAX_STR = 64 * 1024
MAX_FAILED_CELLS = 20  # a notebook's cells that raised, reported when its file loads

# Plain numeric dtypes only: no object, void, string, datetime or complex arrays.
_ALLOWED_KINDS = {"b": (1,), "i": (1, 2, 4, 8), "u": (1, 2, 4, 8), "f": (2, 4, 8)}
_HEADER = struct.Struct(">I")


@dataclass(frozen=True)
class Handle:
    """A reference to an object that stays inside the worker (e.g. a ``cache``)."""

    id: int
    type: str


@dataclass(frozen=True)
class Foreign:
    """Stands for a returned object that is not plain data (its type name only)."""

    type: str
    why: str = ""


def _dtype_ok(dtype: np.dtype) -> bool:
    sizes = _ALLOWED_KINDS.get(dtype.kind)
    return sizes is not None and dtype.itemsize in sizes and not dtype.hasobject


# Every dtype the decoder accepts, by its wire name (``dtype.str``, in either byte order).
_WIRE_DTYPES = {d.str: d for d in (np.dtype(f"{order}{kind}{size}") for kind, sizes in _ALLOWED_KINDS.items()
                                   for size in sizes for order in "<>") if _dtype_ok(d)}
_DTYPE_NAMES = {d: name for name, d in _WIRE_DTYPES.items()}  # dtype.str costs a string each time


# ---------------------------------------------------------------- encoding


class _Encoder:
    def __init__(self, keep_object):
        self.chunks: list[bytes] = []
        self.size = 0
        self.nodes = 0
        self.keep_object = keep_object

    def array(self, arr: np.ndarray, scalar: bool) -> dict:
        # A byte view of the array's own memory: the data is copied once, into the pipe.
        if not arr.flags.c_contiguous:
            arr = np.ascontiguousarray(arr)
        data = memoryview(arr.reshape(-1).view(np.uint8))
        node = {"t": "array", "dtype": _DTYPE_NAMES.get(arr.dtype) or arr.dtype.str, "shape": list(arr.shape),
                "offset": self.size, "scalar": scalar}
        self.chunks.append(data)
        self.size += len(data)
        return node

    def encode(self, value, depth: int = 0) -> dict:
        self.nodes += 1
        if depth > MAX_DEPTH or self.nodes > MAX_NODES:
            return {"t": "foreign", "type": type(value).__name__, "why": "nested too deeply"}
        if value is None:
            return {"t": "none"}
        if type(value) in (bool, int, float) or isinstance(value, np.generic):
            return self._scalar(value)
        if type(value) is np.ndarray:
            if not _dtype_ok(value.dtype):
                return {"t": "foreign", "type": "ndarray", "why": f"dtype {value.dtype}"}
            return self.array(value, scalar=False)
        if type(value) is str:
            return {"t": "str", "v": value[:MAX_STR]}
        if type(value) in (tuple, list):
            kind = "tuple" if type(value) is tuple else "list"
            return {"t": kind, "items": [self.encode(v, depth + 1) for v in value]}
        if type(value) is dict and all(type(k) is str for k in value):
            return {"t": "dict", "items": {k: self.encode(v, depth + 1) for k, v in value.items()}}
        if isinstance(value, Handle):
            return {"t": "handle", "id": value.id, "type": value.type}
        if self.keep_object is not None:
            return self.keep_object(value)
        why = "ndarray subclass" if isinstance(value, np.ndarray) else "not plain data"
        return {"t": "foreign", "type": type(value).__name__[:100], "why": why}

    def _scalar(self, value) -> dict:
        # The common scalars (learning rates, norms, counts) travel as JSON numbers and
        # decode to the type they were sent as: a Python float stays a float (so that
        # `1.0 / 0.0` raises in student code as it does in a training script), a NumPy
        # scalar stays one. The rest travel as 0-d arrays.
        kind = _NUMBER_KINDS.get(type(value))
        node = None
        if kind == "f" and math.isfinite(value):
            node = {"t": "num", "k": "f", "v": float(value)}
        elif kind == "i" and _INT64_MIN <= value <= _INT64_MAX:
            node = {"t": "num", "k": "i", "v": int(value)}
        elif kind == "b":
            node = {"t": "num", "k": "b", "v": bool(value)}
        if node is not None:
            if type(value) in _PYTHON_NUMBERS:
                node["py"] = True
            return node
        if type(value) is float:  # inf and nan: a Python float all the same
            return {"t": "num", "k": "f", "v": repr(value), "py": True}
        arr = np.asarray(value)
        if not _dtype_ok(arr.dtype):
            return {"t": "foreign", "type": type(value).__name__, "why": f"dtype {arr.dtype}"}
        return self.array(arr.reshape(()), scalar=True)


def encode_parts(header: dict, values: dict, keep_object=None) -> list:
    """Encode ``header`` (plain JSON) plus ``values`` (value trees) as the buffers of one
    frame payload, in order; arrays are views of their own memory, not copies.

    ``keep_object(obj) -> node`` decides what happens to objects that are not plain data
    (the worker turns them into handles or foreign markers).
    """
    enc = _Encoder(keep_object)
    body = dict(header)
    body["values"] = {}
    for name, v in values.items():
        enc.nodes = 0  # the limits hold per value: a batch of calls is as free as the calls one by one
        body["values"][name] = enc.encode(v)
    head = _to_json(body).encode("utf-8")
    return [_HEADER.pack(len(head)), head, *enc.chunks]


def encode_message(header: dict, values: dict, keep_object=None) -> bytes:
    """``encode_parts`` joined into one payload."""
    return b"".join(encode_parts(header, values, keep_object))


# ---------------------------------------------------------------- decoding


class _Decoder:
    def __init__(self, blob: memoryview):
        self.blob = blob
        self.nodes = 0

    def decode(self, node, depth: int = 0):
        self.nodes += 1
        if depth > MAX_DEPTH or self.nodes > MAX_NODES:
            raise ProtocolError("value nested too deeply or too large")
        if not isinstance(node, dict) or not isinstance(node.get("t"), str):
            raise ProtocolError("malformed value node")
        kind = node["t"]
        if kind == "none":
            return None
        if kind == "num":
            return _number(node)
        if kind == "array":
            return self._array(node)
        if kind == "str":
            return _as_str(node.get("v"))
        if kind in ("tuple", "list"):
            items = node.get("items")
            if not isinstance(items, list):
                raise ProtocolError("malformed sequence")
            seq = [self.decode(v, depth + 1) for v in items]
            return tuple(seq) if kind == "tuple" else seq
        if kind == "dict":
            items = node.get("items")
            if not isinstance(items, dict):
                raise ProtocolError("malformed dict")
            return {_as_str(k): self.decode(v, depth + 1) for k, v in items.items()}
        if kind == "handle":
            return Handle(_as_int(node.get("id")), public_type_name(_as_str(node.get("type"))))
        if kind == "foreign":
            return Foreign(public_type_name(_as_str(node.get("type"))), public_reason(_as_str(node.get("why", ""))))
        raise ProtocolError(f"unexpected value kind {kind!r}")

    def _array(self, node) -> np.ndarray:
        name = node.get("dtype")
        dtype = _WIRE_DTYPES.get(name) if type(name) is str else None
        if dtype is None:
            raise ProtocolError(f"dtype {printable(name, 24)} is not allowed")
        shape = node.get("shape")
        if type(shape) is not list or len(shape) > 32:
            raise ProtocolError("bad shape")
        count = 1
        for d in shape:
            if type(d) is not int or d < 0:
                raise ProtocolError("bad dimension")
            count *= d
        dims = tuple(shape)
        nbytes = count * dtype.itemsize
        offset = _as_int(node.get("offset"))
        if offset < 0 or offset + nbytes > len(self.blob):
            raise ProtocolError("array data missing")
        flat = np.frombuffer(self.blob[offset:offset + nbytes], dtype=dtype, count=count)
        arr = flat.reshape(dims).copy() if dtype.isnative else flat.reshape(dims).astype(dtype.newbyteorder("="))
        if node.get("scalar") is True and arr.ndim == 0:
            return arr[()]
        return arr


_NUMBER_KINDS = {float: "f", np.float64: "f", int: "i", np.int64: "i", bool: "b", np.bool_: "b"}
_PYTHON_NUMBERS = (float, int, bool)
_INT64_MIN, _INT64_MAX = -(2 ** 63), 2 ** 63 - 1
_NON_FINITE = {"inf": math.inf, "-inf": -math.inf, "nan": math.nan}


def _number(node):
    """A Python number when the node says it was one (``"py"``), else a NumPy scalar."""
    kind, v, python = node.get("k"), node.get("v"), node.get("py") is True
    if kind == "f" and python and type(v) is str and v in _NON_FINITE:
        return _NON_FINITE[v]
    if kind == "f" and type(v) in (int, float) and math.isfinite(v):
        return float(v) if python else np.float64(v)
    if kind == "i" and type(v) is int and _INT64_MIN <= v <= _INT64_MAX:
        return int(v) if python else np.int64(v)
    if kind == "b" and type(v) is bool:
        return bool(v) if python else np.bool_(v)
    raise ProtocolError("malformed number")


def _as_int(v) -> int:
    if type(v) is not int:
        raise ProtocolError("expected an integer")
    return v


def _as_str(v) -> str:
    if type(v) is not str:
        raise ProtocolError("expected a string")
    return v


def decode_message(payload: bytes) -> tuple[dict, dict]:
    """Split a payload into its JSON header and decoded values (builds nothing but plain
    data, arrays and the ``Handle`` and ``Foreign`` markers).

    Returns ``(header, values)``; raises ``ProtocolError`` on anything malformed.
    """
    if len(payload) < _HEADER.size:
        raise ProtocolError("truncated payload")
    (head_len,) = _HEADER.unpack_from(payload)
    if head_len > MAX_HEADER_BYTES or _HEADER.size + head_len > len(payload):
        raise ProtocolError("bad header length")
    raw = bytes(payload[_HEADER.size:_HEADER.size + head_len])
    try:
        header = _from_json(raw.decode("utf-8"))
    except (ValueError, RecursionError) as exc:
        raise ProtocolError("header is not valid JSON") from exc
    if not isinstance(header, dict):
        raise ProtocolError("header is not an object")
    nodes = header.pop("values", {})
    if not isinstance(nodes, dict):
        raise ProtocolError("malformed values")
    decoder = _Decoder(memoryview(payload)[_HEADER.size + head_len:])
    values, total = {}, 0
    for k, v in nodes.items():
        decoder.nodes = 0  # per value, as encoded
        values[_as_str(k)] = decoder.decode(v)
        total += decoder.nodes
        if total > MAX_MESSAGE_NODES:
            raise ProtocolError("message too large")
    return header, values


def _reject_constant(name):
    raise ProtocolError(f"non-standard JSON constant {name}")


# Made once: json.dumps/loads with options build a new coder on every call.
_to_json = json.JSONEncoder(allow_nan=False, separators=(",", ":")).encode
_from_json = json.JSONDecoder(parse_constant=_reject_constant).decode
