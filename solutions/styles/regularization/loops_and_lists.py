# Right in another style: explicit loops over entries, Python-scalar maths, list returns,
# a ValueError subclass for invalid arguments.
import math


class PatienceError(ValueError):
    pass


def l2_penalty(params, lam):
    total = 0.0
    grads = {}
    for name in params:
        W = params[name]
        g = np.zeros(W.shape)
        if name[:1] == "W":
            for index in np.ndindex(W.shape):
                total += float(W[index]) ** 2
                g[index] = lam * W[index]
        grads[name] = g
    return [lam / 2 * total, grads]


def l1_penalty(params, lam):
    total = 0.0
    grads = {}
    for name in params:
        W = params[name]
        g = np.zeros(W.shape)
        if name[:1] == "W":
            for index in np.ndindex(W.shape):
                w = float(W[index])
                total += abs(w)
                g[index] = 0.0 if w == 0 else lam * math.copysign(1.0, w)
        grads[name] = g
    return [lam * total, grads]


def sgd_weight_decay_step(params, grads, lr, lam):
    out = {}
    for name in params:
        new = params[name].copy()
        decay = lam if name[:1] == "W" else 0.0
        for index in np.ndindex(new.shape):
            new[index] = new[index] - lr * (grads[name][index] + decay * params[name][index])
        out[name] = new
    return out


def early_stopping(val_losses, patience):
    if patience < 1 or len(val_losses) == 0:
        raise PatienceError("bad arguments")
    best = math.inf
    best_epoch = 0
    bad_epochs = 0
    epoch = 0
    while epoch < len(val_losses):
        if val_losses[epoch] < best:
            best = val_losses[epoch]
            best_epoch = epoch
            bad_epochs = 0
        else:
            bad_epochs = bad_epochs + 1
            if bad_epochs >= patience:
                break
        epoch += 1
    return [best_epoch, min(epoch, len(val_losses) - 1)]
