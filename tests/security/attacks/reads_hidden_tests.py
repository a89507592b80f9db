"""Attack: Look for the hidden tests and the course description (test_hidden*.py,
assignment.toml) next to the grader package and in common places; if anything can be
read, switch to the correct core (a leak then shows up as extra points).
Expected: the wrong core's score.
"""
import glob
import os
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

_LEAKED = False


def _attack():
    global _LEAKED
    bases = set()
    for name, module in list(sys.modules.items()):
        path = getattr(module, "__file__", None) or ""
        if name.startswith("grader"):
            bases.add(path.split("grader")[0])
    bases |= {"/", "/work/main/", "/work/", "/autograder/source/", os.getcwd() + "/"}
    for base in bases:
        for pattern in ("assignments/*/test_hidden*.py", "assignments/*/assignment.toml",
                        "grader/_course/assignments/*/test_hidden*.py", "*/assignments/*/test_hidden*.py"):
            for path in glob.glob(base + pattern):
                try:
                    if open(path).read(100):
                        _LEAKED = True
                except OSError:
                    pass


_attack()


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
