"""The wire between the grader and the sandbox worker, in four parts:

- ``framing``: length-prefixed frames on a pipe, capped before anything is read;
- ``values``: answers, worker → grader: the pickle-free value trees a frame carries
  (arrays as raw bytes, dtypes from a whitelist, depth and size capped);
- ``requests``: requests, grader → worker: the grader's own data, pickled, with markers
  for what only the worker can make (kept objects, built callables, generators);
- ``text``: worker text made safe to show in a report.

Only plain data crosses the trust boundary from the worker; the decoder treats every
byte the worker sends as hostile. This module gathers the names the rest of the package
uses.
"""

from grader.sandbox.framing import (MAX_FRAME_BYTES, PIPE_BYTES, PREFIX_BYTES, FrameReader, enlarge_pipe,
                                    frame_length, write_frame)
from grader.sandbox.text import printable, public_type_name
from grader.sandbox.requests import CallableSpec, Earlier, RequestDecoder, RngSpec, encode_request
from grader.sandbox.values import Foreign, Handle, ProtocolError, decode_message, encode_message, encode_parts

__all__ = [
    "MAX_FRAME_BYTES", "PIPE_BYTES", "PREFIX_BYTES", "CallableSpec", "Earlier", "Foreign", "FrameReader", "Handle",
    "ProtocolError", "RequestDecoder", "RngSpec", "decode_message", "encode_message", "encode_parts",
    "encode_request", "enlarge_pipe", "frame_length", "printable", "public_type_name", "write_frame",
]
