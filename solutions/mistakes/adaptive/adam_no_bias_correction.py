HINT = ("Adam divides m' by 1 − β₁ᵗ and v' by 1 − β₂ᵗ (bias correction): m and v start at 0, "
        "so without it the early averages are far too small; your update uses m' and v' as they are")


def adam_step(theta, grad, m, v, t, lr, beta1=0.9, beta2=0.999, eps=1e-8):
    if t < 1:
        raise ValueError(t)
    m_next = beta1 * m + (1 - beta1) * grad
    v_next = beta2 * v + (1 - beta2) * grad ** 2
    return theta - lr * m_next / (np.sqrt(v_next) + eps), m_next, v_next
