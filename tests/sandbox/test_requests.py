"""Requests, grader → worker (``grader/sandbox/requests.py``): arguments arrive exactly as
the grader passed them, markers become what only the worker can make, and a request
naming anything else is refused rather than run."""

import os
import pickle

import numpy as np
import pytest

from grader.sandbox.protocol import (CallableSpec, Earlier, FrameReader, Handle, ProtocolError, RequestDecoder,
                                     RngSpec, encode_request, write_frame)


def _decoder(handles=None):
    handles = handles or {}

    def find(handle_id):
        if handle_id not in handles:
            raise ProtocolError("unknown handle")
        return handles[handle_id]
    return RequestDecoder(find, lambda builder, data: ("built", builder, data), np.random.default_rng)


def _payload(header, values) -> bytes:
    return b"".join(bytes(p) for p in encode_request(header, values))


def test_arguments_arrive_with_their_exact_types_and_layout():
    fortran = np.asfortranarray(np.arange(6.0).reshape(2, 3))
    values = {"args:0": (1.0, np.float64(2.0), 3, np.int64(4), True, np.bool_(False), [1.5, 2.5],
                         (np.float32(1.0),), fortran, np.arange(4, dtype=np.int16), {"W": np.ones(2)})}
    header, got = _decoder().decode(_payload({"op": "calls", "steps": [{"func": "f"}]}, values))
    assert header == {"op": "calls", "steps": [{"func": "f"}]}
    args = got["args:0"]
    assert [type(a) for a in args[:6]] == [float, np.float64, int, np.int64, bool, np.bool_]
    assert type(args[6]) is list and type(args[7]) is tuple and type(args[7][0]) is np.float32
    assert args[8].flags.f_contiguous and np.array_equal(args[8], fortran)
    assert args[9].dtype == np.int16 and type(args[10]) is dict and np.array_equal(args[10]["W"], np.ones(2))


@pytest.mark.parametrize("x", [np.array(3.0), np.zeros((0, 3)), np.arange(5, dtype=">i4"), np.ones((2, 2), bool),
                               np.arange(12.0).reshape(3, 4)[:, ::2], np.float16([1, 2])],
                         ids=["0-d", "empty", "big-endian", "bool", "a view", "float16"])
def test_every_array_arrives_equal_and_writable(x):
    _, got = _decoder().decode(_payload({}, {"x": x}))
    assert got["x"].dtype == x.dtype and got["x"].shape == x.shape and np.array_equal(got["x"], x)
    assert got["x"].flags.writeable


def test_arrays_are_the_workers_own_and_survive_the_next_request_in_the_same_buffer():
    # The worker reads every frame into one kept buffer: an argument must not be a view of it.
    read_fd, write_fd = os.pipe()
    reader, decoder = FrameReader(), _decoder()
    try:
        write_frame(write_fd, encode_request({}, {"x": np.arange(8.0)}))
        _, first = decoder.decode(reader.frame(lambda view: os.readv(read_fd, [view])))
        write_frame(write_fd, encode_request({}, {"x": np.full(8, -1.0)}))
        decoder.decode(reader.frame(lambda view: os.readv(read_fd, [view])))
    finally:
        os.close(read_fd)
        os.close(write_fd)
    x = first["x"]
    assert np.array_equal(x, np.arange(8.0)) and x.flags.writeable
    x[0] = 42.0  # the student may write into it, as into any array it is passed


def test_an_array_passed_twice_arrives_as_two_arrays():
    # Calls made one by one each get fresh copies: writing into one argument must not
    # change another, within a call or in a later call of the same sequence.
    x = np.arange(3.0)
    _, got = _decoder().decode(_payload({}, {"args:0": (x, x), "args:1": (x,)}))
    (first, second), (later,) = got["args:0"], got["args:1"]
    first += 1.0
    assert np.array_equal(second, x) and np.array_equal(later, x)


def test_markers_become_the_workers_objects():
    cache = ("kept", object())
    values = {"args:0": (Handle(3, "tuple"), CallableSpec("quadratic", {"A": np.eye(2)}), RngSpec(7), Earlier(0, -1))}
    _, got = _decoder({3: cache}).decode(_payload({}, values))
    kept, built, rng, earlier = got["args:0"]
    assert kept is cache
    assert built[:2] == ("built", "quadratic") and np.array_equal(built[2]["A"], np.eye(2))
    assert isinstance(rng, np.random.Generator) and rng.integers(1 << 30) == np.random.default_rng(7).integers(1 << 30)
    assert earlier == Earlier(0, -1)


def test_a_forgotten_handle_is_a_protocol_error():
    with pytest.raises(ProtocolError, match="unknown handle"):
        _decoder().decode(_payload({}, {"args:0": (Handle(9, "tuple"),)}))


class _Boom:
    def __reduce__(self):
        return (os.system, ("echo should-not-run",))


@pytest.mark.parametrize("payload", [
    pickle.dumps(({}, {"x": _Boom()})),
    pickle.dumps(({}, {"x": pickle.loads})),
    b"not a pickle",
    pickle.dumps(["a list", "not a pair of dicts"]),
], ids=["code", "a function", "not a pickle", "not a request"])
def test_anything_but_the_grader_s_own_data_is_refused(payload, capfd):
    with pytest.raises(ProtocolError):
        _decoder().decode(payload)
    assert "should-not-run" not in capfd.readouterr().out
