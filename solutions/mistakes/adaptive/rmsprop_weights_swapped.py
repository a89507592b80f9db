HINT = ("RMSprop keeps most of the old average: s' = decay·s + (1 − decay)·g², with decay (e.g. 0.9) "
        "on the old s; you swapped the weights, so each new g² dominates")


def rmsprop_step(theta, grad, cache, lr, decay=0.9, eps=1e-8):
    cache_next = (1 - decay) * cache + decay * grad ** 2
    return theta - lr * grad / (np.sqrt(cache_next) + eps), cache_next
