# A right solution in another style: hyper-parameters used as the Python floats a
# training script passes (float(...) conversions, `is` checks on strings avoided).


def gd_step(theta, grad_fn, lr):
    step = float(lr)
    return theta - step * grad_fn(theta)


def momentum_step(theta, velocity, grad_fn, lr, rho):
    assert isinstance(lr, float) and isinstance(rho, float)
    velocity_next = float(rho) * velocity - float(lr) * grad_fn(theta)
    return theta + velocity_next, velocity_next


def optimize(grad_fn, theta0, method, lr, rho=0.9, num_steps=100):
    if not isinstance(num_steps, int) or method not in ("gd", "momentum", "nag"):
        raise ValueError("bad arguments")
    theta = theta0.copy()
    velocity = 0.0 * theta0
    rows = [theta0.copy()]
    for _ in range(num_steps):
        if method == "gd":
            theta = gd_step(theta, grad_fn, lr)
        elif method == "momentum":
            theta, velocity = momentum_step(theta, velocity, grad_fn, lr, rho)
        else:
            theta, velocity = nag_step(theta, velocity, grad_fn, lr, rho)
        rows.append(theta.copy())
    return np.array(rows)
