"""Adaptive learning rates: AdaGrad, RMSprop and Adam ("Adam: adaptive + momentum").

Each method keeps, per parameter, a running measure s of the squared gradients and
divides the step by √s + ε: parameters with large gradients take smaller steps, those
with small gradients larger ones. AdaGrad sums every g² seen so far (its steps only
shrink), RMSprop keeps a decaying average instead, and Adam adds a decaying average of
the gradients themselves (momentum) with a bias correction for the zero start.

Every function works for parameters theta of any shape S; grad, the state arrays and
the results all have shape S. ε is added after the square root, as in the formulas.
"""

import numpy as np


def adagrad_step(theta, grad, cache, lr, eps=1e-8):
    """One AdaGrad update: s' = s + g²; θ' = θ − η g / (√s' + ε).

    Inputs:
    - theta: parameters, an array of any shape S
    - grad: the gradient g of the objective at theta, of shape S
    - cache: the sum s of the squared gradients of the earlier steps, of shape S
    - lr: learning rate η, a float
    - eps: ε, a small float that keeps the division finite

    Returns a tuple of:
    - theta_next: the updated parameters, of shape S
    - cache_next: s', of shape S
    """
    # YOUR CODE HERE
    raise NotImplementedError("implement adagrad_step (see its docstring)")


def rmsprop_step(theta, grad, cache, lr, decay=0.9, eps=1e-8):
    """One RMSprop update: s' = decay·s + (1 − decay)·g²; θ' = θ − η g / (√s' + ε).

    Inputs:
    - theta: parameters, an array of any shape S
    - grad: the gradient g of the objective at theta, of shape S
    - cache: the decaying average s of squared gradients, of shape S
    - lr: learning rate η, a float
    - decay: how much of the old average is kept, a float in [0, 1)
    - eps: ε, a small float that keeps the division finite

    Returns a tuple of:
    - theta_next: the updated parameters, of shape S
    - cache_next: s', of shape S
    """
    # YOUR CODE HERE
    raise NotImplementedError("implement rmsprop_step (see its docstring)")


def adam_step(theta, grad, m, v, t, lr, beta1=0.9, beta2=0.999, eps=1e-8):
    """One Adam update, number t (the first update has t = 1).

    m' = β₁m + (1 − β₁)g;  v' = β₂v + (1 − β₂)g²
    m̂ = m' / (1 − β₁ᵗ);    v̂ = v' / (1 − β₂ᵗ)      (bias correction: m and v start at 0)
    θ' = θ − η m̂ / (√v̂ + ε)

    Inputs:
    - theta: parameters, an array of any shape S
    - grad: the gradient g of the objective at theta, of shape S
    - m: the decaying average of gradients (first moment), of shape S
    - v: the decaying average of squared gradients (second moment), of shape S
    - t: the number of this update, an int ≥ 1 (anything else raises ValueError)
    - lr: learning rate η, a float
    - beta1, beta2: decay rates β₁, β₂ of m and v, floats in [0, 1)
    - eps: ε, a small float that keeps the division finite

    Returns a tuple of:
    - theta_next: the updated parameters, of shape S
    - m_next: m', of shape S
    - v_next: v', of shape S
    """
    # YOUR CODE HERE
    raise NotImplementedError("implement adam_step (see its docstring)")


def run_adaptive(grad_fn, theta0, method, lr, num_steps=100):
    """Run num_steps updates of "adagrad", "rmsprop" or "adam" from theta0.

    The state (cache, or m and v) starts at zero, the hyper-parameters other than lr
    are the defaults, and Adam's updates are numbered t = 1, 2, … . grad_fn is called
    once per step, at the current parameters.

    Inputs:
    - grad_fn: function mapping an array of theta0's shape S to the gradient there
    - theta0: initial parameters, an array of any shape S
    - method: "adagrad", "rmsprop" or "adam"; anything else raises ValueError
    - lr: learning rate η, a float
    - num_steps: number of updates T, an int

    Returns:
    - trajectory: an array of shape (T + 1,) + S whose row t is θ after t updates
      (row 0 is theta0)
    """
    # YOUR CODE HERE
    raise NotImplementedError("implement run_adaptive (see its docstring)")
