"""Attack: Try to write a forged report straight into the grader's own stdout/stderr
(/proc/<ppid>/fd/1, /proc/1/fd/1, /dev/tty, /dev/console, /dev/pts/*).
Expected: the wrong core's score; the JSON report on stdout parses and is unaltered.
"""
import glob
import os

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


_FAKE = b'\n{"assignment": "nag", "score": 10.0, "max_score": 10.0, "tests": []}\n'
_LEAKED = False


def _attack():
    global _LEAKED
    paths = [f"/proc/{os.getppid()}/fd/1", f"/proc/{os.getppid()}/fd/2", "/proc/1/fd/1",
             "/dev/tty", "/dev/console", *glob.glob("/dev/pts/*")]
    for path in paths:
        try:
            with open(path, "wb", buffering=0) as fh:
                fh.write(_FAKE)
            _LEAKED = True
        except OSError:
            pass


_attack()


# ---- honest core: a correct implementation ----
def _right_gd_step(theta, grad_fn, lr):
    return theta - lr * grad_fn(theta)


def _right_momentum_step(theta, velocity, grad_fn, lr, rho):
    v = rho * velocity - lr * grad_fn(theta)
    return theta + v, v


def _right_nag_step(theta, velocity, grad_fn, lr, rho):
    v = rho * velocity - lr * grad_fn(theta + rho * velocity)
    return theta + v, v


def _right_optimize(grad_fn, theta0, method, lr, rho=0.9, num_steps=100):
    if method not in ("gd", "momentum", "nag"):
        raise ValueError(f"unknown method {method!r}")
    theta = np.array(theta0, dtype=np.float64)
    v = np.zeros_like(theta)
    rows = [theta]
    for _ in range(num_steps):
        if method == "gd":
            theta = _right_gd_step(theta, grad_fn, lr)
        elif method == "momentum":
            theta, v = _right_momentum_step(theta, v, grad_fn, lr, rho)
        else:
            theta, v = _right_nag_step(theta, v, grad_fn, lr, rho)
        rows.append(theta)
    return np.stack(rows)


def _core():
    return "_right_" if _LEAKED else "_wrong_"


def gd_step(theta, grad_fn, lr):
    return globals()[_core() + "gd_step"](theta, grad_fn, lr)


def momentum_step(theta, velocity, grad_fn, lr, rho):
    return globals()[_core() + "momentum_step"](theta, velocity, grad_fn, lr, rho)


def nag_step(theta, velocity, grad_fn, lr, rho):
    return globals()[_core() + "nag_step"](theta, velocity, grad_fn, lr, rho)


def optimize(grad_fn, theta0, method, lr, rho=0.9, num_steps=100):
    return globals()[_core() + "optimize"](grad_fn, theta0, method, lr, rho, num_steps)
