HINT = ("weight decay shrinks only the weights (keys starting with \"W\"); biases and other "
        "parameters take a plain SGD step p ← p − ηg")


def sgd_weight_decay_step(params, grads, lr, lam):
    return {k: v - lr * (grads[k] + lam * v) for k, v in params.items()}
