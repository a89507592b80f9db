"""Fault: every function forgets its return statement."""
import numpy as np


def gd_step(theta, grad_fn, lr):
    theta - lr * grad_fn(theta)


def momentum_step(theta, velocity, grad_fn, lr, rho):
    pass


def nag_step(theta, velocity, grad_fn, lr, rho):
    pass


def optimize(grad_fn, theta0, method, lr, rho=0.9, num_steps=100):
    pass
