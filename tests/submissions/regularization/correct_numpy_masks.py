import numpy as np


def _mask(params):
    return {k: float(k.startswith("W")) for k in params}


def l2_penalty(params, lam):
    m = _mask(params)
    penalty = sum(m[k] * np.sum(params[k] ** 2) for k in params) * lam / 2
    return penalty, {k: m[k] * lam * params[k] for k in params}


def l1_penalty(params, lam):
    m = _mask(params)
    penalty = lam * sum(m[k] * np.sum(np.abs(params[k])) for k in params)
    return penalty, {k: m[k] * lam * np.sign(params[k]) for k in params}


def sgd_weight_decay_step(params, grads, lr, lam):
    m = _mask(params)
    return {k: params[k] * (1 - lr * lam * m[k]) - lr * grads[k] for k in params}


def early_stopping(val_losses, patience):
    losses = np.array(val_losses, dtype=float)
    if patience < 1 or losses.size == 0:
        raise ValueError("invalid arguments")
    best = np.inf
    best_epoch, waited = 0, 0
    for t in range(losses.size):
        if losses[t] < best:
            best, best_epoch, waited = losses[t], t, 0
            continue
        waited += 1
        if waited == patience:
            return best_epoch, t
    return best_epoch, losses.size - 1
