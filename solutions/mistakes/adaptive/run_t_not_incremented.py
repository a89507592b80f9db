HINT = ("Adam's t counts the updates, t = 1, 2, 3, …: it grows by one every step; your run_adaptive "
        "passes the same t to every update, so the bias correction stays that of the first step")


def run_adaptive(grad_fn, theta0, method, lr, num_steps=100):
    if method not in ("adagrad", "rmsprop", "adam"):
        raise ValueError(method)
    theta = np.array(theta0, dtype=np.float64)
    a, b = np.zeros_like(theta), np.zeros_like(theta)
    t = 1
    rows = [theta]
    for _ in range(num_steps):
        g = grad_fn(theta)
        if method == "adagrad":
            theta, a = adagrad_step(theta, g, a, lr)
        elif method == "rmsprop":
            theta, a = rmsprop_step(theta, g, a, lr)
        else:
            theta, a, b = adam_step(theta, g, a, b, t, lr)
        rows.append(theta)
    return np.stack(rows)
