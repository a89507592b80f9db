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
    ### BEGIN SOLUTION
    penalty = 0.0
    grads = {}
    for key, value in params.items():
        if is_weight(key):
            penalty += 0.5 * lam * float(np.sum(value * value))
            grads[key] = lam * value  # d/dW of (λ/2)‖W‖²: the ½ cancels the 2
        else:
            grads[key] = np.zeros_like(value)
    return penalty, grads
    ### END SOLUTION


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
    ### BEGIN SOLUTION
    penalty = 0.0
    grads = {}
    for key, value in params.items():
        if is_weight(key):
            penalty += lam * float(np.sum(np.abs(value)))
            grads[key] = lam * np.sign(value)  # np.sign(0) is 0
        else:
            grads[key] = np.zeros_like(value)
    return penalty, grads
    ### END SOLUTION


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
    ### BEGIN SOLUTION
    new_params = {}
    for key, value in params.items():
        step = grads[key] + lam * value if is_weight(key) else grads[key]
        new_params[key] = value - lr * step
    return new_params
    ### END SOLUTION


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
    ### BEGIN SOLUTION
    losses = [float(v) for v in val_losses]
    if patience < 1:
        raise ValueError(f"patience must be at least 1, got {patience}")
    if not losses:
        raise ValueError("val_losses is empty")
    best_loss, best_epoch, waited = np.inf, 0, 0
    for epoch, loss in enumerate(losses):
        if loss < best_loss:  # a tie is not an improvement
            best_loss, best_epoch, waited = loss, epoch, 0
        else:
            waited += 1
            if waited == patience:
                return best_epoch, epoch
    return best_epoch, len(losses) - 1
    ### END SOLUTION
