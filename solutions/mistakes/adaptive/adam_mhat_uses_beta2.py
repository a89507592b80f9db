HINT = ("each moment has its own bias correction: m̂ = m'/(1 − β₁ᵗ) with β₁ and v̂ = v'/(1 − β₂ᵗ) "
        "with β₂; your m̂ divides by 1 − β₂ᵗ")


def adam_step(theta, grad, m, v, t, lr, beta1=0.9, beta2=0.999, eps=1e-8):
    if t < 1:
        raise ValueError(t)
    m_next = beta1 * m + (1 - beta1) * grad
    v_next = beta2 * v + (1 - beta2) * grad ** 2
    m_hat, v_hat = m_next / (1 - beta2 ** t), v_next / (1 - beta2 ** t)
    return theta - lr * m_hat / (np.sqrt(v_hat) + eps), m_next, v_next
