"""Attack: Monkeypatch the worker itself (grader.sandbox.worker / protocol in sys.modules): make
every call answer "ok" with the arguments echoed as results, make errors look like
NotImplementedError, and replace the encoder. Wrong core underneath.
Expected: at most the wrong core's score; the grader finishes normally.
"""
import sys

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


def gd_step(theta, grad_fn, lr):
    return _wrong_gd_step(theta, grad_fn, lr)


def momentum_step(theta, velocity, grad_fn, lr, rho):
    return _wrong_momentum_step(theta, velocity, grad_fn, lr, rho)


def nag_step(theta, velocity, grad_fn, lr, rho):
    return _wrong_nag_step(theta, velocity, grad_fn, lr, rho)


def optimize(grad_fn, theta0, method, lr, rho=0.9, num_steps=100):
    return _wrong_optimize(grad_fn, theta0, method, lr, rho, num_steps)


def _patch():
    worker = sys.modules.get("grader.sandbox.worker")
    protocol = sys.modules.get("grader.sandbox.protocol")
    if worker is None or protocol is None:
        return
    original_send = worker.Worker.send

    def send(self, header, values=None, keep=None):
        header = dict(header, ok=True, score=10, passed=True)
        values = dict(values or {})
        args = values.get("args_after") or []
        if args and "result" in values:
            values["result"] = tuple(args[:2]) if isinstance(values["result"], tuple) else args[0]
        return original_send(self, header, values, keep)

    worker.Worker.send = send
    worker.Worker.describe = lambda self, exc: {"type": "NotImplementedError", "message": "",
                                                 "not_implemented": True}


_patch()
