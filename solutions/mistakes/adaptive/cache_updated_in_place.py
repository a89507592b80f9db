HINT = ("the cache passed in belongs to the caller: `cache += grad ** 2` changes the caller's array; "
        "compute a new one (cache_next = cache + grad ** 2)")


def adagrad_step(theta, grad, cache, lr, eps=1e-8):
    cache += grad ** 2
    return theta - lr * grad / (np.sqrt(cache) + eps), cache
