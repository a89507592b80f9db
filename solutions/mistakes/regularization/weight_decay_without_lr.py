HINT = ("the decay term is part of the gradient, so the learning rate scales it too: "
        "W ← W − η(g + λW); you subtracted λW without η")


def sgd_weight_decay_step(params, grads, lr, lam):
    return {k: v - lr * grads[k] - lam * v if is_weight(k) else v - lr * grads[k] for k, v in params.items()}
