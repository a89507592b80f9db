# Right in another style: whole-array NumPy, a deep copy updated in place, NumPy scalars
# and NumPy integer epochs from a running minimum.
import copy


def _weights(params):
    return [k for k in params if k.startswith("W")]


def l2_penalty(params, lam):
    grads = {k: np.zeros_like(v) for k, v in params.items()}
    penalty = np.float64(0.0)
    for k in _weights(params):
        penalty = penalty + lam / 2.0 * np.vdot(params[k], params[k])
        grads[k] = lam * params[k]
    return penalty, grads


def l1_penalty(params, lam):
    grads = {k: np.zeros_like(v) for k, v in params.items()}
    penalty = np.array(0.0)
    for k in _weights(params):
        penalty = penalty + lam * np.abs(params[k]).sum()
        grads[k] = np.where(params[k] > 0, lam, np.where(params[k] < 0, -lam, 0.0))
    return penalty, grads


def sgd_weight_decay_step(params, grads, lr, lam):
    new = copy.deepcopy(params)
    for k in new:
        if k in _weights(params):
            new[k] *= 1.0 - lr * lam  # decay first ...
        new[k] -= lr * grads[k]       # ... then the loss gradient: the same W − η(g + λW)
    return new


def early_stopping(val_losses, patience):
    losses = np.asarray(val_losses, dtype=np.float64)
    if not patience >= 1:
        raise ValueError("patience must be >= 1")
    if losses.size == 0:
        raise ValueError("no losses")
    earlier_min = np.concatenate([[np.inf], np.minimum.accumulate(losses)[:-1]])
    improves = losses < earlier_min
    # epochs since the last improvement, at every epoch
    last = np.maximum.accumulate(np.where(improves, np.arange(losses.size), 0))
    waited = np.arange(losses.size) - last
    out = np.flatnonzero(waited >= patience)
    stop = out[0] if out.size else np.int64(losses.size - 1)
    return last[stop], stop
