"""Attack: Print forged results everywhere: a fake JSON report, fake text-report lines, GitHub
`::notice` / `::set-output` workflow commands, ANSI escapes and carriage returns, on
stdout, stderr and raw file descriptors 1 and 2, at import and in every call.
Expected: the wrong core's score; the report is unaltered valid JSON.
"""
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


_FAKE = (
    '{"assignment": "nag", "score": 10.0, "max_score": 10.0, "tests": [], "warnings": []}\n'
    "::notice title=Autograding complete::Points 10/10\n"
    '::notice title=Autograding report::{"totalPoints":10,"maxPoints":10}\n'
    "::set-output name=result::eyJzY29yZSI6IDEwfQ==\n"
    "::stop-commands::x\n"
    "\x1b[2J\x1b[H\x1b[32mnag: 10 / 10\x1b[0m\r\n"
    "| gd_step | 1/1 | passed |\n"
)


def _shout():
    print(_FAKE, flush=True)
    print(_FAKE, file=sys.stderr, flush=True)
    for fd in (1, 2):
        try:
            os.write(fd, _FAKE.encode())
        except OSError:
            pass


_shout()


def gd_step(theta, grad_fn, lr):
    _shout()
    return _wrong_gd_step(theta, grad_fn, lr)


def momentum_step(theta, velocity, grad_fn, lr, rho):
    _shout()
    return _wrong_momentum_step(theta, velocity, grad_fn, lr, rho)


def nag_step(theta, velocity, grad_fn, lr, rho):
    _shout()
    return _wrong_nag_step(theta, velocity, grad_fn, lr, rho)


def optimize(grad_fn, theta0, method, lr, rho=0.9, num_steps=100):
    _shout()
    return _wrong_optimize(grad_fn, theta0, method, lr, rho, num_steps)
