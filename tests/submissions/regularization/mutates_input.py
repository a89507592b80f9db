import numpy as np


def l2_penalty(params, lam):
    penalty = 0.5 * lam * sum(float(np.sum(v ** 2)) for k, v in params.items() if k.startswith("W"))
    return penalty, {k: lam * v if k.startswith("W") else np.zeros_like(v) for k, v in params.items()}


def l1_penalty(params, lam):
    penalty = lam * sum(float(np.sum(np.abs(v))) for k, v in params.items() if k.startswith("W"))
    return penalty, {k: lam * np.sign(v) if k.startswith("W") else np.zeros_like(v) for k, v in params.items()}


def sgd_weight_decay_step(params, grads, lr, lam):
    # Updates the caller's arrays in place (as many training loops do), then returns them.
    for k in params:
        if k.startswith("W"):
            params[k] -= lr * (grads[k] + lam * params[k])
        else:
            params[k] -= lr * grads[k]
    return params


def early_stopping(val_losses, patience):
    if patience < 1 or len(val_losses) == 0:
        raise ValueError("invalid arguments")
    best, best_epoch, waited = float("inf"), 0, 0
    for epoch, loss in enumerate(val_losses):
        if loss < best:
            best, best_epoch, waited = loss, epoch, 0
        else:
            waited += 1
            if waited == patience:
                return best_epoch, epoch
    return best_epoch, len(val_losses) - 1
