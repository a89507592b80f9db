"""The wire between the grader and the sandbox worker, in three parts:

- ``framing``: length-prefixed frames on a pipe, capped before anything is read;
- ``values``: the pickle-free value trees a frame carries (arrays as raw bytes, dtypes
  from a whitelist, depth and size capped), encoded and decoded;
- ``text``: worker text made safe to show in a report.

Only plain data crosses the trust boundary; the decoder treats every byte the worker
sends as hostile. This module gathers the names the rest of the package uses.
"""

from grader.sandbox.framing import (MAX_FRAME_BYTES, PIPE_BYTES, PREFIX_BYTES, FrameReader, enlarge_pipe,
                                    frame_length, write_frame)
from grader.sandbox.text import printable, public_type_name
from grader.sandbox.values import (CallableSpec, Earlier, Foreign, Handle, ProtocolError, RngSpec, decode_message,
                                   encode_message, encode_parts)

__all__ = [
    "MAX_FRAME_BYTES", "PIPE_BYTES", "PREFIX_BYTES", "CallableSpec", "Earlier", "Foreign", "FrameReader", "Handle",
    "ProtocolError", "RngSpec", "decode_message", "encode_message", "encode_parts", "enlarge_pipe", "frame_length",
    "printable", "public_type_name", "write_frame",
]
