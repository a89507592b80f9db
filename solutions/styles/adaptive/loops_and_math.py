# Explicit loops over every entry with Python-scalar maths (math.sqrt, float(...)), and
# lists returned instead of tuples.
import math


def adagrad_step(theta, grad, cache, lr, eps=1e-8):
    theta_next = np.zeros(theta.shape)
    cache_next = np.zeros(theta.shape)
    for i in np.ndindex(theta.shape):
        s = float(cache[i]) + float(grad[i]) ** 2
        cache_next[i] = s
        theta_next[i] = theta[i] - lr * grad[i] / (math.sqrt(s) + eps)
    return [theta_next, cache_next]


def rmsprop_step(theta, grad, cache, lr, decay=0.9, eps=1e-8):
    theta_next = np.zeros(theta.shape)
    cache_next = np.zeros(theta.shape)
    for i in np.ndindex(theta.shape):
        s = decay * float(cache[i]) + (1.0 - decay) * float(grad[i]) * float(grad[i])
        cache_next[i] = s
        theta_next[i] = theta[i] - lr * grad[i] / (math.sqrt(s) + eps)
    return [theta_next, cache_next]


def adam_step(theta, grad, m, v, t, lr, beta1=0.9, beta2=0.999, eps=1e-8):
    if t < 1:
        raise ValueError("t starts at 1")
    correction1 = 1.0 - math.pow(beta1, t)
    correction2 = 1.0 - math.pow(beta2, t)
    theta_next, m_next, v_next = np.zeros(theta.shape), np.zeros(theta.shape), np.zeros(theta.shape)
    for i in np.ndindex(theta.shape):
        g = float(grad[i])
        m_next[i] = beta1 * m[i] + (1.0 - beta1) * g
        v_next[i] = beta2 * v[i] + (1.0 - beta2) * g * g
        theta_next[i] = theta[i] - lr * (m_next[i] / correction1) / (math.sqrt(v_next[i] / correction2) + eps)
    return [theta_next, m_next, v_next]


def run_adaptive(grad_fn, theta0, method, lr, num_steps=100):
    if method != "adagrad" and method != "rmsprop" and method != "adam":
        raise ValueError("method must be adagrad, rmsprop or adam")
    trajectory = np.zeros((num_steps + 1,) + theta0.shape)
    trajectory[0] = theta0
    theta = theta0.copy()
    first = np.zeros(theta0.shape)
    second = np.zeros(theta0.shape)
    step = 0
    while step < num_steps:
        step += 1
        g = grad_fn(theta)
        if method == "adam":
            theta, first, second = adam_step(theta, g, first, second, step, lr)
        elif method == "rmsprop":
            theta, first = rmsprop_step(theta, g, first, lr)
        else:
            theta, first = adagrad_step(theta, g, first, lr)
        trajectory[step] = theta
    return trajectory
