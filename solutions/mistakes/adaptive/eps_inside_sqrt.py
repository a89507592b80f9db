HINT = ("ε is added after the square root, θ' = θ − η g / (√s + ε); you put it inside (√(s + ε)), "
        "which changes the step wherever the squared gradients are not much larger than ε")


def adagrad_step(theta, grad, cache, lr, eps=1e-8):
    cache_next = cache + grad ** 2
    return theta - lr * grad / np.sqrt(cache_next + eps), cache_next


def rmsprop_step(theta, grad, cache, lr, decay=0.9, eps=1e-8):
    cache_next = decay * cache + (1 - decay) * grad ** 2
    return theta - lr * grad / np.sqrt(cache_next + eps), cache_next


def adam_step(theta, grad, m, v, t, lr, beta1=0.9, beta2=0.999, eps=1e-8):
    if t < 1:
        raise ValueError(t)
    m_next = beta1 * m + (1 - beta1) * grad
    v_next = beta2 * v + (1 - beta2) * grad ** 2
    m_hat, v_hat = m_next / (1 - beta1 ** t), v_next / (1 - beta2 ** t)
    return theta - lr * m_hat / np.sqrt(v_hat + eps), m_next, v_next
