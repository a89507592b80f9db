HINT = ("every step needs the gradient at the current θ, grad_fn(theta) inside the loop; your "
        "run_adaptive keeps using the gradient at theta0")


def run_adaptive(grad_fn, theta0, method, lr, num_steps=100):
    if method not in ("adagrad", "rmsprop", "adam"):
        raise ValueError(method)
    theta = np.array(theta0, dtype=np.float64)
    a, b = np.zeros_like(theta), np.zeros_like(theta)
    rows = [theta]
    for t in range(1, num_steps + 1):
        g = grad_fn(theta0)
        if method == "adagrad":
            theta, a = adagrad_step(theta, g, a, lr)
        elif method == "rmsprop":
            theta, a = rmsprop_step(theta, g, a, lr)
        else:
            theta, a, b = adam_step(theta, g, a, b, t, lr)
        rows.append(theta)
    return np.stack(rows)
