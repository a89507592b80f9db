"""Attack: Undo the sandbox's own mounts: unmount every mount point (the empty tmpfs hiding
an installed grader's course among them), remount each read-write, mount an uncapped
tmpfs, in the worker's namespaces and in a user namespace of a child's own. Any success
counts as a win (the correct core is used): from there the reference is one read away,
as `imports_reference_solution` shows. A worker that made a user namespace holds every
capability inside it unless it drops them.
Expected: the wrong core's score in every mode (no mount call succeeds, nothing is found).
"""
import ctypes
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


MNT_DETACH, MS_REMOUNT, MS_BIND = 2, 32, 4096


def _unmount_everything():
    """True if any mount call succeeded: the sandbox's view is then the student's to change
    (where the grader is installed in a bound runtime, its course files lie under the
    empty tmpfs that was just unmounted), which this attack counts as a win."""
    global _LEAKED
    libc = ctypes.CDLL(None, use_errno=True)
    with open("/proc/self/mountinfo") as fh:
        targets = [line.split()[4] for line in fh]
    results = []
    for target in reversed(targets):
        results.append(libc.umount2(target.encode(), MNT_DETACH))
        results.append(libc.mount(b"none", target.encode(), None, MS_REMOUNT | MS_BIND, None))
    results.append(libc.mount(b"tmpfs", b"/tmp", b"tmpfs", 0, b"size=4g"))
    results.append(_nested_mount(libc))
    if 0 in results:
        _LEAKED = True


def _nested_mount(libc):
    """0 if a child could make a user and mount namespace of its own and mount a tmpfs
    there (every capability again, inside it: RAM outside every limit)."""
    CLONE_NEWUSER, CLONE_NEWNS = 0x10000000, 0x00020000
    child = os.fork()
    if child == 0:
        ok = libc.unshare(CLONE_NEWUSER | CLONE_NEWNS) == 0 and \
            libc.mount(b"tmpfs", b"/tmp", b"tmpfs", 0, b"size=4g") == 0
        os._exit(0 if ok else 1)
    _, status = os.waitpid(child, 0)
    return 0 if os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0 else -1


try:
    _unmount_everything()
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
