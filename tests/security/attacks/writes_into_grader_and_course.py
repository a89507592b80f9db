"""Attack: Try to write into the grader package, the course folders (tests, reference), the
Python runtime (sitecustomize.py, a .pth file, numpy/__init__.py: code the next grader
run would execute), /etc and root's home folder (its own HOME is a private scratch folder). Any success switches to the correct core.
Expected: the wrong core's score, and no file of the repository or runtime changes.
"""
import os
import site
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


def _targets():
    found = []
    for name, module in list(sys.modules.items()):
        path = getattr(module, "__file__", None) or ""
        if name.startswith("grader") or module is np:
            found.append(path)
    if found:
        root = found[0].rsplit("grader", 1)[0]
        found += [root + "solutions/nag.py", root + "assignments/nag/test_hidden.py",
                  root + "assignments/nag/zz_injected_test_hidden.py", root + "grader/__init__.py"]
    for directory in [*site.getsitepackages(), sys.prefix]:
        found += [os.path.join(directory, "sitecustomize.py"), os.path.join(directory, "zz_grader_attack.pth")]
    found += ["/etc/ld.so.preload", "/usr/lib/zz_grader_attack", "/root/.bashrc"]
    return found


def _attack():
    global _LEAKED
    for path in _targets():
        try:
            with open(path, "a") as fh:
                fh.write("\n# written by a submission\n")
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
