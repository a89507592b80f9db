"""Regularization: L2 and L1 penalties, SGD with weight decay, early stopping.

A network's parameters come as a dict of arrays, e.g. {"W1": (D, H), "b1": (H,),
"W2": (H, C), "b2": (C,)}. A key names a weight iff it starts with "W" (case-sensitive);
every other entry (biases, batch-norm's gamma and beta, ...) is left out of the penalty,
as the lecture says: the regularization term usually does not consider the biases.
Gradients come as a dict with exactly the keys of the parameters.
"""

import numpy as np


def is_weight(key):
    """True when the parameter named ``key`` is a weight (its name starts with "W")."""
    return key.startswith("W")


def l2_penalty(params, lam):
    """L2 regularization ("weight decay" penalty): (λ/2) Σ_W ‖W‖².

    Inputs:
    - params: dict of parameter arrays, any shapes
    - lam: regularization strength λ ≥ 0 (a float)

    Returns a tuple of:
    - penalty: (λ/2) · the sum of the squares of every entry of every weight (a float)
    - grads: dict with the keys of params; grads[k] (params[k].shape) is λ·W for a
      weight and zeros for any other parameter
    """
    # YOUR CODE HERE
    raise NotImplementedError("implement l2_penalty (see its docstring)")


def l1_penalty(params, lam):
    """L1 regularization: λ Σ_W ‖W‖₁, which drives weights to exactly zero (sparsity).

    Inputs:
    - params: dict of parameter arrays, any shapes
    - lam: regularization strength λ ≥ 0 (a float)

    Returns a tuple of:
    - penalty: λ · the sum of the absolute values of every entry of every weight (a float)
    - grads: dict with the keys of params; grads[k] (params[k].shape) is λ·sign(W) for
      a weight (0 where W is exactly 0, the subgradient we choose there) and zeros for
      any other parameter
    """
    # YOUR CODE HERE
    raise NotImplementedError("implement l1_penalty (see its docstring)")


def sgd_weight_decay_step(params, grads, lr, lam):
    """One SGD step with weight decay: W ← W − η(g + λW) for weights, p ← p − ηg otherwise.

    The decay term λW is the gradient of the L2 penalty (λ/2)‖W‖², so each step shrinks
    every weight by the factor (1 − ηλ) before the loss gradient moves it.

    Inputs:
    - params: dict of parameter arrays, any shapes
    - grads: dict with the same keys; grads[k] is the loss gradient, params[k].shape
    - lr: learning rate η (a float)
    - lam: weight decay λ (a float)

    Returns:
    - new_params: a new dict with the keys of params, arrays of the same shapes (the
      input dicts and arrays are left unchanged)
    """
    # YOUR CODE HERE
    raise NotImplementedError("implement sgd_weight_decay_step (see its docstring)")


def early_stopping(val_losses, patience):
    """When early stopping ends training, and which epoch's weights it keeps.

    Epochs count from 0. An epoch improves when its validation loss is strictly below
    every earlier one (epoch 0 always improves). Training stops at the first epoch that
    ends `patience` epochs in a row without improvement, else at the last epoch; the
    best epoch is the last improving epoch up to the stop.

    Inputs:
    - val_losses: validation loss after each epoch, a non-empty list or 1-D array of T floats
    - patience: how many epochs in a row without improvement are tolerated, an int ≥ 1

    Returns a tuple of:
    - best_epoch: int, the epoch whose weights early stopping keeps
    - stop_epoch: int, the epoch after which training stops

    Raises ValueError when patience < 1 or val_losses is empty.
    """
    # YOUR CODE HERE
    raise NotImplementedError("implement early_stopping (see its docstring)")
