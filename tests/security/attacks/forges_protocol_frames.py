"""Attack: Find the worker's pipes to the grader and write forged frames: a fake "load" answer
with a malformed function list, fake "ok" answers, garbage, an announced 2^62-byte
frame; and read the request pipe from a thread to desynchronise the conversation.
Expected: at most the wrong core's score; the grader finishes normally (no internal error).
"""
import json
import os
import stat
import struct
import threading

import numpy as np


# ---- honest core: wrong (never moves); scores what `honest/wrong.py` scores ----
def _wrong_gd_step(theta, grad_fn, lr):
    return np.array(theta, dtype=np.float64)


def _wrong_momentum_step(theta, velocity, grad_fn, lr, rho):
    return np.array(theta, dtype=np.float64), np.array(velocity, dtype=np.float64)


def _wrong_nag_step(theta, velocity, grad_fn, lr, rho):
    return np.array(theta, dtype=np.float64), np.array(velocity, dtype=np.float64)


def _wrong_optimize(grad_fn, theta0, method, lr, rho=0.9, num_steps=100):
    if method not in ("gd", "momentum", "nag"):
        raise ValueError(f"unknown method {method!r}")
    return np.stack([np.array(theta0, dtype=np.float64)] * (num_steps + 1))


def _frame(header):
    head = json.dumps(header).encode()
    payload = struct.pack(">I", len(head)) + head
    return struct.pack(">Q", len(payload)) + payload


def _pipes():
    fds = []
    for fd in range(3, 64):
        try:
            if stat.S_ISFIFO(os.fstat(fd).st_mode):
                fds.append(fd)
        except OSError:
            pass
    return fds


def _forge(kind):
    frames = {
        "load": _frame({"ok": True, "functions": 5, "values": {}}),
        "call": _frame({"ok": True, "values": {"result": {"t": "array", "dtype": "<f8", "shape": [3, 2],
                                                            "offset": 0, "scalar": False}}}),
        "junk": b"\xff" * 64,
        "huge": struct.pack(">Q", 2 ** 62),
    }[kind]
    for fd in _pipes():
        try:
            os.write(fd, frames)
        except OSError:
            pass


def _eavesdrop():
    for fd in _pipes():
        threading.Thread(target=lambda f=fd: os.read(f, 1 << 16), daemon=True).start()


_forge("load")


def gd_step(theta, grad_fn, lr):
    _forge("call")
    return _wrong_gd_step(theta, grad_fn, lr)


def momentum_step(theta, velocity, grad_fn, lr, rho):
    _forge("junk")
    return _wrong_momentum_step(theta, velocity, grad_fn, lr, rho)


def nag_step(theta, velocity, grad_fn, lr, rho):
    _eavesdrop()
    return _wrong_nag_step(theta, velocity, grad_fn, lr, rho)


def optimize(grad_fn, theta0, method, lr, rho=0.9, num_steps=100):
    _forge("huge")
    return _wrong_optimize(grad_fn, theta0, method, lr, rho, num_steps)
