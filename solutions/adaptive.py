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
    ### BEGIN SOLUTION
    cache_next = cache + grad * grad
    theta_next = theta - lr * grad / (np.sqrt(cache_next) + eps)
    return theta_next, cache_next
    ### END SOLUTION


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
    ### BEGIN SOLUTION
    cache_next = decay * cache + (1 - decay) * grad * grad
    theta_next = theta - lr * grad / (np.sqrt(cache_next) + eps)
    return theta_next, cache_next
    ### END SOLUTION


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
    ### BEGIN SOLUTION
    if isinstance(t, bool) or not isinstance(t, (int, np.integer)) or t < 1:
        raise ValueError(f"t is the number of this update, an int >= 1; got {t!r}")
    m_next = beta1 * m + (1 - beta1) * grad
    v_next = beta2 * v + (1 - beta2) * grad * grad
    m_hat = m_next / (1 - beta1 ** t)
    v_hat = v_next / (1 - beta2 ** t)
    theta_next = theta - lr * m_hat / (np.sqrt(v_hat) + eps)
    return theta_next, m_next, v_next
    ### END SOLUTION


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
    ### BEGIN SOLUTION
    if method not in ("adagrad", "rmsprop", "adam"):
        raise ValueError(f"unknown method {method!r}: use 'adagrad', 'rmsprop' or 'adam'")
    theta = np.array(theta0, dtype=np.float64)
    state = [np.zeros_like(theta), np.zeros_like(theta)]  # cache, or Adam's m and v
    trajectory = [theta]
    for t in range(1, num_steps + 1):
        grad = grad_fn(theta)
        if method == "adagrad":
            theta, state[0] = adagrad_step(theta, grad, state[0], lr)
        elif method == "rmsprop":
            theta, state[0] = rmsprop_step(theta, grad, state[0], lr)
        else:
            theta, state[0], state[1] = adam_step(theta, grad, state[0], state[1], t, lr)
        trajectory.append(theta)
    return np.stack(trajectory)
    ### END SOLUTION
