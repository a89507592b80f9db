"""Attack: Try to reach the network: a TCP connection to a listener the test opens on 127.0.0.1
(port substituted into __PORT__), a public DNS server, UDP, and well-known Unix sockets
(Docker, D-Bus). Any success switches to the correct core.
Expected: the wrong core's score, and the test's listener sees no connection.
"""
import socket

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
    attempts = [(socket.AF_INET, socket.SOCK_STREAM, ("127.0.0.1", int("__PORT__"))),
                (socket.AF_INET, socket.SOCK_STREAM, ("1.1.1.1", 53)),
                (socket.AF_INET, socket.SOCK_DGRAM, ("8.8.8.8", 53)),
                (socket.AF_UNIX, socket.SOCK_STREAM, "/var/run/docker.sock"),
                (socket.AF_UNIX, socket.SOCK_STREAM, "/run/dbus/system_bus_socket")]
    for family, kind, address in attempts:
        try:
            with socket.socket(family, kind) as sock:
                sock.settimeout(0.5)
                sock.connect(address)
                if kind == socket.SOCK_DGRAM:
                    sock.send(b"x")
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
