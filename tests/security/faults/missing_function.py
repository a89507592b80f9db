"""Fault: optimize is missing (the rest is correct)."""
import numpy as np


def gd_step(theta, grad_fn, lr):
    return theta - lr * grad_fn(theta)


def momentum_step(theta, velocity, grad_fn, lr, rho):
    v = rho * velocity - lr * grad_fn(theta)
    return theta + v, v


def nag_step(theta, velocity, grad_fn, lr, rho):
    v = rho * velocity - lr * grad_fn(theta + rho * velocity)
    return theta + v, v


