"""Gradient descent, momentum and Nesterov momentum.

Every function works for a parameter array theta of any shape. grad_fn(theta) returns
the gradient of the objective J at theta, with theta's shape. lr is the learning rate
η and rho the momentum coefficient ρ.
"""

import numpy as np


def gd_step(theta, grad_fn, lr):
    """One step of gradient descent: θ' = θ − η∇J(θ).

    Inputs:
    - theta: parameters, an array of any shape
    - grad_fn: function mapping an array of theta's shape to the gradient there
    - lr: learning rate η, a float

    Returns:
    - theta_next: the updated parameters, of theta's shape
    """
    # YOUR CODE HERE
    raise NotImplementedError("implement gd_step (see its docstring)")


def momentum_step(theta, velocity, grad_fn, lr, rho):
    """One step of momentum: v' = ρv − η∇J(θ); θ' = θ + v'.

    Inputs:
    - theta: parameters, an array of any shape
    - velocity: the current velocity v, of theta's shape
    - grad_fn: function mapping an array of theta's shape to the gradient there
    - lr: learning rate η, a float
    - rho: momentum coefficient ρ, a float

    Returns a tuple of:
    - theta_next: the updated parameters, of theta's shape
    - velocity_next: the updated velocity, of theta's shape
    """
    # YOUR CODE HERE
    raise NotImplementedError("implement momentum_step (see its docstring)")


def nag_step(theta, velocity, grad_fn, lr, rho):
    """One step of Nesterov momentum: v' = ρv − η∇J(θ + ρv); θ' = θ + v'.

    The gradient is taken at the look-ahead point θ + ρv, where momentum alone would
    carry the parameters, not at θ.

    Inputs:
    - theta: parameters, an array of any shape
    - velocity: the current velocity v, of theta's shape
    - grad_fn: function mapping an array of theta's shape to the gradient there
    - lr: learning rate η, a float
    - rho: momentum coefficient ρ, a float

    Returns a tuple of:
    - theta_next: the updated parameters, of theta's shape
    - velocity_next: the updated velocity, of theta's shape
    """
    # YOUR CODE HERE
    raise NotImplementedError("implement nag_step (see its docstring)")


def optimize(grad_fn, theta0, method, lr, rho=0.9, num_steps=100):
    """Run num_steps steps of "gd", "momentum" or "nag" from theta0, velocity starting at 0.

    Inputs:
    - grad_fn: function mapping an array of theta0's shape to the gradient there
    - theta0: initial parameters, an array of any shape S
    - method: "gd", "momentum" or "nag"; anything else raises ValueError
    - lr: learning rate η; rho: momentum coefficient ρ (ignored by "gd")
    - num_steps: number of steps T

    Returns:
    - trajectory: an array of shape (T + 1,) + S whose row t is θ after t steps
      (row 0 is theta0)
    """
    # YOUR CODE HERE
    raise NotImplementedError("implement optimize (see its docstring)")
