# A ValueError subclass for invalid
# arguments, state kept in a dict, in-place updates only on the function's own copies.


class OptimizerArgumentError(ValueError):
    pass


def adagrad_step(theta, grad, cache, lr, eps=1e-8):
    cache_next = cache.copy()
    cache_next += np.square(grad)
    step = np.divide(grad, np.add(np.sqrt(cache_next), eps))
    return theta - lr * step, cache_next


def rmsprop_step(theta, grad, cache, lr, decay=0.9, eps=1e-8):
    cache_next = cache * decay
    cache_next += (1 - decay) * np.square(grad)
    theta_next = theta.copy()
    theta_next -= lr * grad / (np.sqrt(cache_next) + eps)
    return theta_next, cache_next


def adam_step(theta, grad, m, v, t, lr, beta1=0.9, beta2=0.999, eps=1e-8):
    if t <= 0:
        raise OptimizerArgumentError(f"Adam's step counter must be positive, got {t}")
    m_next = m + (1 - beta1) * (grad - m)   # the same average, written as an interpolation
    v_next = v + (1 - beta2) * (grad ** 2 - v)
    step_size = lr * np.sqrt(1 - beta2 ** t) / (1 - beta1 ** t)
    denominator = np.sqrt(v_next) + eps * np.sqrt(1 - beta2 ** t)  # = √v̂ + ε, rescaled
    return theta - step_size * m_next / denominator, m_next, v_next


def run_adaptive(grad_fn, theta0, method, lr, num_steps=100):
    if method not in {"adagrad", "rmsprop", "adam"}:
        raise OptimizerArgumentError("unknown method: " + str(method))
    state = {"s": np.zeros_like(theta0, dtype=float), "m": np.zeros_like(theta0, dtype=float),
             "v": np.zeros_like(theta0, dtype=float)}
    path = [np.array(theta0, dtype=float)]
    for t in range(1, num_steps + 1):
        theta = path[-1]
        g = grad_fn(theta)
        if method == "adagrad":
            theta, state["s"] = adagrad_step(theta, g, state["s"], lr)
        elif method == "rmsprop":
            theta, state["s"] = rmsprop_step(theta, g, state["s"], lr)
        else:
            theta, state["m"], state["v"] = adam_step(theta, g, state["m"], state["v"], t, lr)
        path.append(theta)
    return np.array(path)
