# Right in another style: a helper per idea, `is True`-style checks, ints computed as
# floats then converted, tuples built from generators.
def _split(params):
    weights = {k: v for k, v in params.items() if str(k).startswith("W") is True}
    others = {k: v for k, v in params.items() if k not in weights}
    return weights, others


def l2_penalty(params, lam):
    weights, others = _split(params)
    penalty = 0.5 * lam * sum(float((w ** 2).sum()) for w in weights.values())
    grads = {k: (lam * params[k] if k in weights else 0.0 * params[k]) for k in params}
    return penalty, grads


def l1_penalty(params, lam):
    weights, others = _split(params)
    penalty = lam * sum(float(np.linalg.norm(w.ravel(), 1)) for w in weights.values())
    grads = {k: (lam * np.sign(params[k]) if k in weights else 0.0 * params[k]) for k in params}
    return penalty, grads


def sgd_weight_decay_step(params, grads, lr, lam):
    weights, _ = _split(params)
    return {k: params[k] - lr * grads[k] - (lr * lam * params[k] if k in weights else 0.0) for k in params}


def early_stopping(val_losses, patience):
    if isinstance(patience, int) is True and patience >= 1 and len(val_losses) > 0:
        history = list(val_losses)
        best_epoch, since = 0.0, 0
        for epoch in range(1, len(history)):
            if history[epoch] < min(history[:epoch]):
                best_epoch, since = float(epoch), 0
            else:
                since += 1
                if since == patience:
                    return int(best_epoch), epoch
        return int(best_epoch), len(history) - 1
    raise ValueError("patience must be an int >= 1 and val_losses non-empty")
