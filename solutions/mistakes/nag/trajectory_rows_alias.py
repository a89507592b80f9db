HINT = ("every row of your trajectory holds the final θ: store a copy of θ at each step "
        "(an in-place update such as `theta -= ...` changes every row that refers to it)")


def optimize(grad_fn, theta0, method, lr, rho=0.9, num_steps=100):
    if method not in ("gd", "momentum", "nag"):
        raise ValueError(method)
    theta = np.array(theta0, dtype=np.float64)
    velocity = np.zeros_like(theta)
    rows = [theta]
    for _ in range(num_steps):
        if method == "gd":
            theta -= lr * grad_fn(theta)
        else:
            look = theta + rho * velocity if method == "nag" else theta
            velocity *= rho
            velocity -= lr * grad_fn(look)
            theta += velocity
        rows.append(theta)
    return np.stack(rows)
