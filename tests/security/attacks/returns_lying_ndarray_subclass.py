"""Attack: Return ndarray subclasses that lie: __eq__ always True, __array_ufunc__ answering
zeros, __array__/__array_function__ overridden, allclose-friendly __sub__, around wrong
values. Expected: no comparison passes (only plain arrays cross the boundary): the
points of tests that need no returned value only.
"""
import numpy as np


class Liar(np.ndarray):
    def __eq__(self, other):
        return np.ones(np.shape(self), dtype=bool)

    __ne__ = lambda self, other: np.zeros(np.shape(self), dtype=bool)
    __sub__ = __rsub__ = lambda self, other: np.zeros(np.shape(self))
    __abs__ = lambda self: np.zeros(np.shape(self))

    def __array_ufunc__(self, ufunc, method, *inputs, **kwargs):
        return np.zeros(np.shape(self))

    def __array_function__(self, func, types, args, kwargs):
        return True

    def __len__(self):
        return 0


def _lie(a):
    return np.asarray(a, dtype=np.float64).view(Liar)


def gd_step(theta, grad_fn, lr):
    return _lie(theta)


def momentum_step(theta, velocity, grad_fn, lr, rho):
    return _lie(theta), _lie(velocity)


def nag_step(theta, velocity, grad_fn, lr, rho):
    return _lie(theta), _lie(velocity)


def optimize(grad_fn, theta0, method, lr, rho=0.9, num_steps=100):
    if method not in ("gd", "momentum", "nag"):
        raise ValueError(method)
    return _lie(np.stack([theta0] * (num_steps + 1)))
