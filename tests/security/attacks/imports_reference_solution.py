"""Attack: Locate the reference solution (from the grader package's __file__, sys.path, common
folders, a walk of the filesystem) and use its functions if found; wrong otherwise.
Expected: the wrong core's score (the reference is not visible to the worker).
"""
import os
import sys
import time

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


def _candidates():
    roots = set()
    for module in list(sys.modules.values()):
        path = getattr(module, "__file__", None) or ""
        if "grader" in path:
            parts = path.split(os.sep)
            for i in range(1, len(parts)):
                roots.add(os.sep.join(parts[:i]) or "/")
    roots |= {p for p in sys.path if p}
    roots |= {"/", "/work", "/home", "/root", "/srv", "/opt", "/autograder", "/tmp", os.getcwd()}
    return sorted(roots)


def _find():
    deadline = time.monotonic() + 0.4
    for root in _candidates():
        for path in (os.path.join(root, "solutions", "nag.py"),
                     os.path.join(root, "grader", "_course", "solutions", "nag.py")):
            if os.path.isfile(path):
                return path
    for top, dirs, files in os.walk("/"):
        dirs[:] = [d for d in dirs if d not in ("proc", "sys", "dev")]
        if time.monotonic() > deadline:
            break
        for name in files:
            if name == "nag.py":
                path = os.path.join(top, name)
                try:
                    text = open(path, errors="ignore").read()
                    if "BEGIN SOLUTION" in text and "def _steal" not in text:  # not this very file
                        return path
                except OSError:
                    pass
    return None


def _steal():
    global _LEAKED
    path = _find()
    if path:
        namespace = {}
        exec(compile(open(path).read(), path, "exec"), namespace)
        for name in ("gd_step", "momentum_step", "nag_step", "optimize"):
            globals()["_right_" + name] = namespace[name]
        _LEAKED = True


try:
    _steal()
except Exception:
    pass


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
