"""Attack: during batch grading, reach the next student's folder (its path, substituted
into __SIBLING__, is given to the attacker as the worst case): overwrite their nag.py
with a broken one, drop a file beside it, and copy their code to use it.
Expected: the wrong core's score; the sibling's folder is unchanged and the sibling,
graded next, gets full marks.
"""
import os

import numpy as np

_SIBLING = "__SIBLING__"
_LEAKED = False


def _attack():
    global _LEAKED
    target = os.path.join(_SIBLING, "nag.py")
    try:
        stolen = open(target).read()
        namespace = {}
        exec(compile(stolen, target, "exec"), namespace)
        for name in ("gd_step", "momentum_step", "nag_step", "optimize"):
            globals()["_stolen_" + name] = namespace[name]
        _LEAKED = True
    except Exception:
        pass
    for path, text in ((target, "def gd_step(*a):\n    raise SystemExit\n"),
                       (os.path.join(_SIBLING, "evil.py"), "print('hi')\n")):
        try:
            with open(path, "w") as fh:
                fh.write(text)
        except OSError:
            pass


def _wrong(theta):
    return np.array(theta, dtype=np.float64)


_attack()


def gd_step(theta, grad_fn, lr):
    return _stolen_gd_step(theta, grad_fn, lr) if _LEAKED else _wrong(theta)


def momentum_step(theta, velocity, grad_fn, lr, rho):
    if _LEAKED:
        return _stolen_momentum_step(theta, velocity, grad_fn, lr, rho)
    return _wrong(theta), _wrong(velocity)


def nag_step(theta, velocity, grad_fn, lr, rho):
    if _LEAKED:
        return _stolen_nag_step(theta, velocity, grad_fn, lr, rho)
    return _wrong(theta), _wrong(velocity)


def optimize(grad_fn, theta0, method, lr, rho=0.9, num_steps=100):
    if _LEAKED:
        return _stolen_optimize(grad_fn, theta0, method, lr, rho, num_steps)
    if method not in ("gd", "momentum", "nag"):
        raise ValueError(method)
    return np.stack([_wrong(theta0)] * (num_steps + 1))
