import numpy as np


def l2_penalty(params, lam):
    penalty = 0.0
    grads = {}
    for name, value in params.items():
        grad = np.zeros(value.shape)
        if name.startswith("W"):
            for i in range(value.size):
                w = value.flat[i]
                penalty += 0.5 * lam * w * w
                grad.flat[i] = lam * w
        grads[name] = grad
    return penalty, grads


def l1_penalty(params, lam):
    penalty = 0.0
    grads = {}
    for name, value in params.items():
        grad = np.zeros(value.shape)
        if name.startswith("W"):
            for i in range(value.size):
                w = value.flat[i]
                penalty += lam * abs(w)
                if w > 0:
                    grad.flat[i] = lam
                elif w < 0:
                    grad.flat[i] = -lam
        grads[name] = grad
    return penalty, grads


def sgd_weight_decay_step(params, grads, lr, lam):
    new_params = {}
    for name, value in params.items():
        if name.startswith("W"):
            new_params[name] = value - lr * (grads[name] + lam * value)
        else:
            new_params[name] = value - lr * grads[name]
    return new_params


def early_stopping(val_losses, patience):
    if patience < 1:
        raise ValueError("patience must be at least 1")
    if len(val_losses) == 0:
        raise ValueError("no validation losses")
    best_epoch = 0
    bad = 0
    for epoch in range(1, len(val_losses)):
        improved = True
        for earlier in range(epoch):
            if val_losses[epoch] >= val_losses[earlier]:
                improved = False
        if improved:
            best_epoch = epoch
            bad = 0
        else:
            bad += 1
            if bad == patience:
                return best_epoch, epoch
    return best_epoch, len(val_losses) - 1
