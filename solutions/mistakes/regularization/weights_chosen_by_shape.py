HINT = ("a parameter is a weight because its name starts with \"W\", not because of its shape: "
        "a weight can be a vector and a bias can be stored as a (1, M) matrix")


def _by_shape(value):
    return value.ndim >= 2


def l2_penalty(params, lam):
    penalty = sum(0.5 * lam * float(np.sum(v * v)) for v in params.values() if _by_shape(v))
    return penalty, {k: lam * v if _by_shape(v) else np.zeros_like(v) for k, v in params.items()}


def l1_penalty(params, lam):
    penalty = sum(lam * float(np.sum(np.abs(v))) for v in params.values() if _by_shape(v))
    return penalty, {k: lam * np.sign(v) if _by_shape(v) else np.zeros_like(v) for k, v in params.items()}


def sgd_weight_decay_step(params, grads, lr, lam):
    return {k: v - lr * (grads[k] + lam * v) if _by_shape(v) else v - lr * grads[k] for k, v in params.items()}
