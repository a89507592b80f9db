"""A student's adaptive.py: one entry at a time, over the flattened arrays."""
import numpy as np


def adagrad_step(theta, grad, cache, lr, eps=1e-8):
    th, g, s = theta.ravel(), grad.ravel(), cache.ravel()
    new_theta, new_cache = np.empty(th.size), np.empty(th.size)
    for i in range(th.size):
        new_cache[i] = s[i] + g[i] ** 2
        new_theta[i] = th[i] - lr * g[i] / (np.sqrt(new_cache[i]) + eps)
    return new_theta.reshape(theta.shape), new_cache.reshape(theta.shape)


def rmsprop_step(theta, grad, cache, lr, decay=0.9, eps=1e-8):
    th, g, s = theta.ravel(), grad.ravel(), cache.ravel()
    new_theta, new_cache = np.empty(th.size), np.empty(th.size)
    for i in range(th.size):
        new_cache[i] = decay * s[i] + (1 - decay) * g[i] ** 2
        new_theta[i] = th[i] - lr * g[i] / (np.sqrt(new_cache[i]) + eps)
    return new_theta.reshape(theta.shape), new_cache.reshape(theta.shape)


def adam_step(theta, grad, m, v, t, lr, beta1=0.9, beta2=0.999, eps=1e-8):
    if t < 1:
        raise ValueError("t must be at least 1")
    out = [np.empty(theta.size) for _ in range(3)]
    for i, (th, g, mi, vi) in enumerate(zip(theta.ravel(), grad.ravel(), m.ravel(), v.ravel())):
        mi = beta1 * mi + (1 - beta1) * g
        vi = beta2 * vi + (1 - beta2) * g * g
        m_hat = mi / (1 - beta1 ** t)
        v_hat = vi / (1 - beta2 ** t)
        out[0][i], out[1][i], out[2][i] = th - lr * m_hat / (np.sqrt(v_hat) + eps), mi, vi
    return tuple(a.reshape(theta.shape) for a in out)


def run_adaptive(grad_fn, theta0, method, lr, num_steps=100):
    if method not in ["adagrad", "rmsprop", "adam"]:
        raise ValueError("unknown method " + str(method))
    thetas = [theta0.astype(float)]
    cache = np.zeros(theta0.shape)
    m = np.zeros(theta0.shape)
    v = np.zeros(theta0.shape)
    for i in range(num_steps):
        theta = thetas[-1]
        g = grad_fn(theta)
        if method == "adagrad":
            theta, cache = adagrad_step(theta, g, cache, lr)
        elif method == "rmsprop":
            theta, cache = rmsprop_step(theta, g, cache, lr)
        else:
            theta, m, v = adam_step(theta, g, m, v, i + 1, lr)
        thetas.append(theta)
    return np.array(thetas)
