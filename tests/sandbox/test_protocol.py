"""The wire format refuses everything that is not plain numeric data."""

import json
import struct

import numpy as np
import pytest

from grader.sandbox import protocol
from grader.sandbox.protocol import Foreign, Handle, ProtocolError, decode_message, encode_message


def _payload(header: dict, blob: bytes = b"") -> bytes:
    head = json.dumps(header).encode()
    return struct.pack(">I", len(head)) + head + blob


def test_round_trip_of_plain_values():
    values = {"x": np.arange(6.0).reshape(2, 3), "t": (np.int32(3), [np.array([True, False])], None),
              "s": "nag", "f": 2.5}
    header, decoded = decode_message(encode_message({"op": "call"}, values))
    assert header == {"op": "call"}
    assert np.array_equal(decoded["x"], values["x"]) and decoded["x"].dtype == np.float64
    assert decoded["t"][0] == 3 and decoded["t"][1][0].dtype == bool and decoded["t"][2] is None
    assert decoded["s"] == "nag" and decoded["f"] == 2.5


def test_objects_and_subclasses_are_not_sent_as_data():
    class Sub(np.ndarray):
        pass

    values = {"obj": object(), "sub": np.zeros(3).view(Sub), "objarr": np.array([object()], dtype=object)}
    _, decoded = decode_message(encode_message({}, values))
    assert decoded["obj"] == Foreign("object", "not plain data")
    assert decoded["sub"] == Foreign("custom class", "ndarray subclass")
    assert isinstance(decoded["objarr"], Foreign) and "dtype object" in decoded["objarr"].why


@pytest.mark.parametrize("dtype", ["|O", "<U4", "|V8", "<c16", "<M8[s]"])
def test_non_numeric_dtypes_are_refused(dtype):
    node = {"t": "array", "dtype": dtype, "shape": [1], "offset": 0, "scalar": False}
    with pytest.raises(ProtocolError):
        decode_message(_payload({"values": {"x": node}}, b"\0" * 16))


def test_a_pickle_is_never_unpickled():
    import pickle

    blob = pickle.dumps(np.zeros(3))
    with pytest.raises(ProtocolError):
        decode_message(blob)


def test_claimed_sizes_must_match_the_bytes_present():
    node = {"t": "array", "dtype": "<f8", "shape": [10 ** 6, 10 ** 6], "offset": 0, "scalar": False}
    with pytest.raises(ProtocolError, match="array data missing"):
        decode_message(_payload({"values": {"x": node}}, b"\0" * 64))
    node["shape"] = [-1]
    with pytest.raises(ProtocolError):
        decode_message(_payload({"values": {"x": node}}, b"\0" * 64))


def test_oversized_frames_are_refused_before_reading_them():
    with pytest.raises(ProtocolError, match="exceeds"):
        protocol.frame_length(struct.pack(">Q", protocol.MAX_FRAME_BYTES + 1))


def test_the_grader_never_builds_callables_or_resolves_handles():
    for node in ({"t": "callable", "builder": "quadratic", "data": {"t": "none"}}, {"t": "rng", "seed": 1},
                 {"t": "code", "v": "print(1)"}):
        with pytest.raises(ProtocolError):
            decode_message(_payload({"values": {"x": node}}))
    _, decoded = decode_message(_payload({"values": {"x": {"t": "handle", "id": 4, "type": "tuple"}}}))
    assert decoded["x"] == Handle(4, "tuple")


def test_deep_nesting_and_bad_json_are_refused():
    node = {"t": "none"}
    for _ in range(50):
        node = {"t": "list", "items": [node]}
    with pytest.raises(ProtocolError):
        decode_message(_payload({"values": {"x": node}}))
    with pytest.raises(ProtocolError):
        decode_message(struct.pack(">I", 5) + b"{nan}")
    with pytest.raises(ProtocolError):
        decode_message(_payload({"values": {"x": {"t": "array", "dtype": "<f8", "shape": "3", "offset": 0}}}))


def test_student_chosen_type_names_never_reach_a_report():
    secret = type("x_0_4217", (), {})()  # a class named after a hidden input
    _, decoded = decode_message(encode_message({}, {"a": secret, "b": {1: 2}}))
    assert decoded["a"] == Foreign("custom class", "not plain data")
    assert decoded["b"] == Foreign("dict", "not plain data")
    node = {"t": "foreign", "type": "ndarray", "why": "theta[0] = 0.4217"}
    _, decoded = decode_message(_payload({"values": {"x": node}}))
    assert decoded["x"] == Foreign("ndarray", "not plain data")


def test_frames_larger_than_the_pipe_and_with_many_arrays_arrive_whole():
    import os
    import threading

    values = {"big": np.arange(600_000, dtype=np.float64).reshape(600, 1000),  # ~4.8 MB: several pipe-fulls
              "many": [np.full(3, i, dtype=np.int16) for i in range(1500)]}    # more buffers than one writev takes
    read_fd, write_fd = os.pipe()
    writer = threading.Thread(target=protocol.write_frame,
                              args=(write_fd, protocol.encode_parts({"op": "x"}, values)))
    writer.start()
    try:
        payload = protocol.FrameReader().frame(lambda view: os.readv(read_fd, [view]))
    finally:
        writer.join()
        os.close(read_fd)
        os.close(write_fd)
    header, decoded = decode_message(payload)
    assert header == {"op": "x"} and np.array_equal(decoded["big"], values["big"])
    assert all(np.array_equal(a, b) and a.dtype == np.int16 for a, b in zip(decoded["many"], values["many"]))
    assert len(decoded["many"]) == 1500


def _chunks(chunks: list):
    """``readinto`` over a list of byte strings, one (or what fits of it) per read."""
    def readinto(view):
        if not chunks:
            return 0
        chunk = chunks.pop(0)
        view[:min(len(chunk), len(view))] = chunk[:len(view)]
        if len(chunk) > len(view):
            chunks.insert(0, chunk[len(view):])
        return min(len(chunk), len(view))
    return readinto


def test_a_stream_that_ends_mid_frame_is_an_end_of_stream_not_a_short_frame():
    readinto = _chunks([struct.pack(">Q", 100), b"only ten b"])
    with pytest.raises(EOFError):
        protocol.FrameReader().frame(readinto)


def test_frames_arrive_whole_however_the_stream_cuts_them():
    # Frames written back to back and read in pieces of every size: each payload is whole
    # (the reader keeps what a read brought of the next frame).
    frames = [protocol.encode_message({"n": i}, {"x": np.arange(float(i * 7))}) for i in range(40)]
    stream = b"".join(struct.pack(">Q", len(f)) + f for f in frames)
    for size in (1, 3, 8, 100, 4096, len(stream)):
        reader = protocol.FrameReader(limit=10_000)
        readinto = _chunks([stream[i:i + size] for i in range(0, len(stream), size)])
        for i in range(40):
            header, values = decode_message(reader.frame(readinto))
            assert header == {"n": i} and np.array_equal(values["x"], np.arange(float(i * 7)))
        with pytest.raises(EOFError):
            reader.frame(readinto)


def test_a_frame_over_the_limit_is_refused_before_it_is_read():
    readinto = _chunks([struct.pack(">Q", 10_001) + b"x" * 100])
    with pytest.raises(protocol.ProtocolError):
        protocol.FrameReader(limit=10_000).frame(readinto)


def test_scalars_keep_their_type_python_numbers_included():
    # A training script passes Python floats, ints and bools: student code must get them
    # as such (SPEC), so that e.g. `1.0 / 0.0` raises as it would there.
    values = {"f": 0.1, "nf": np.float64(2.5), "i": 7, "ni": np.int64(-3), "b": True, "nb": np.bool_(False),
              "big": 2 ** 70, "inf": float("inf"), "nan": float("nan"), "f32": np.float32(1.5)}
    _, decoded = decode_message(encode_message({}, values))
    assert type(decoded["f"]) is float and decoded["f"] == 0.1
    assert type(decoded["nf"]) is np.float64 and decoded["nf"] == 2.5
    assert type(decoded["i"]) is int and decoded["i"] == 7
    assert type(decoded["ni"]) is np.int64 and decoded["ni"] == -3
    assert decoded["b"] is True and type(decoded["nb"]) is np.bool_ and not decoded["nb"]
    assert isinstance(decoded["big"], Foreign)  # beyond int64: not plain data
    assert type(decoded["inf"]) is float and decoded["inf"] == float("inf")
    assert type(decoded["nan"]) is float and decoded["nan"] != decoded["nan"]
    assert type(decoded["f32"]) is np.float32


def test_lists_stay_lists_and_tuples_tuples():
    _, decoded = decode_message(encode_message({}, {"l": [1.0, np.zeros(2)], "t": (1, 2)}))
    assert type(decoded["l"]) is list and type(decoded["l"][0]) is float
    assert type(decoded["t"]) is tuple


@pytest.mark.parametrize("node", [{"t": "num", "k": "f", "v": "1"}, {"t": "num", "k": "i", "v": 2 ** 64},
                                  {"t": "num", "k": "b", "v": 1}, {"t": "num", "k": "x", "v": 1},
                                  {"t": "num", "k": "f", "v": 1e400}, {"t": "num", "k": "f", "v": "inf"},
                                  {"t": "num", "k": "f", "v": "1e5", "py": True}])
def test_malformed_numbers_are_refused(node):
    with pytest.raises(ProtocolError):
        decode_message(_payload({"values": {"x": node}}))


def test_big_endian_arrays_arrive_in_native_order():
    x = np.arange(4.0).astype(">f8")
    _, decoded = decode_message(encode_message({}, {"x": x}))
    assert decoded["x"].dtype.isnative and np.array_equal(decoded["x"], np.arange(4.0))


def test_node_limits_hold_per_value_and_per_message():
    # A batch's values each get the per-value budget; the message as a whole a bounded total.
    from grader.sandbox.values import MAX_MESSAGE_NODES, MAX_NODES

    per_value = [0.5] * (MAX_NODES // 2)
    header, values = decode_message(encode_message({}, {"0:result": per_value, "1:result": per_value}))
    assert len(values["0:result"]) == len(values["1:result"]) == MAX_NODES // 2
    too_many = {f"{i}:result": per_value for i in range(2 * MAX_MESSAGE_NODES // MAX_NODES + 1)}
    with pytest.raises(ProtocolError):
        decode_message(encode_message({}, too_many))
