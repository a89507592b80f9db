# Optimizer objects (as in a small training library), with the step functions as thin
# wrappers; integer literals where floats are expected; run_adaptive collects rows with
# np.concatenate.


class _Adam:
    def __init__(self, beta1=0.9, beta2=0.999, eps=1e-8):
        self.beta1, self.beta2, self.eps = beta1, beta2, eps

    def update(self, theta, grad, m, v, t, lr):
        m_next = self.beta1 * m + (1 - self.beta1) * grad
        v_next = self.beta2 * v + (1 - self.beta2) * grad * grad
        m_hat = m_next / (1 - self.beta1 ** t)
        v_hat = v_next / (1 - self.beta2 ** t)
        return theta - lr * m_hat / (v_hat ** 0.5 + self.eps), m_next, v_next


def adagrad_step(theta, grad, cache, lr, eps=1e-8):
    cache_next = np.add(cache, np.power(grad, 2))
    return np.subtract(theta, lr * grad / (np.power(cache_next, 0.5) + eps)), cache_next


def rmsprop_step(theta, grad, cache, lr, decay=0.9, eps=1e-8):
    cache_next = decay * cache + (1 - decay) * np.power(grad, 2)
    return theta - lr * grad / (np.power(cache_next, 0.5) + eps), cache_next


def adam_step(theta, grad, m, v, t, lr, beta1=0.9, beta2=0.999, eps=1e-8):
    if not t >= 1:
        raise ValueError("t >= 1")
    return _Adam(beta1, beta2, eps).update(theta, grad, m, v, t, lr)


def run_adaptive(grad_fn, theta0, method, lr, num_steps=100):
    if method == "adagrad":
        update = lambda th, g, a, b, t: adagrad_step(th, g, a, lr) + (b,)
    elif method == "rmsprop":
        update = lambda th, g, a, b, t: rmsprop_step(th, g, a, lr) + (b,)
    elif method == "adam":
        update = lambda th, g, a, b, t: adam_step(th, g, a, b, t, lr)
    else:
        raise ValueError(method)
    theta = theta0 * 1.0
    a = b = theta0 * 0
    rows = theta[None]
    for t in range(1, num_steps + 1):
        theta, a, b = update(theta, grad_fn(theta), a, b, t)
        rows = np.concatenate([rows, theta[None]])
    return rows
