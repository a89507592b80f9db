HINT = "row 0 of the trajectory is theta0 itself, so the trajectory has num_steps + 1 rows"


def optimize(grad_fn, theta0, method, lr, rho=0.9, num_steps=100):
    if method not in ("gd", "momentum", "nag"):
        raise ValueError(method)
    theta = np.array(theta0, dtype=np.float64)
    velocity = np.zeros_like(theta)
    rows = []
    for _ in range(num_steps):
        if method == "gd":
            theta = gd_step(theta, grad_fn, lr)
        elif method == "momentum":
            theta, velocity = momentum_step(theta, velocity, grad_fn, lr, rho)
        else:
            theta, velocity = nag_step(theta, velocity, grad_fn, lr, rho)
        rows.append(theta)
    return np.stack(rows)
