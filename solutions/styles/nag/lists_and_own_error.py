# A right solution in another style: list returns, a ValueError subclass, a trajectory
# built row by row into a preallocated array with an explicit step counter.


class UnknownMethod(ValueError):
    pass


def momentum_step(theta, velocity, grad_fn, lr, rho):
    velocity_next = rho * velocity - lr * grad_fn(theta)
    return [theta + velocity_next, velocity_next]


def nag_step(theta, velocity, grad_fn, lr, rho):
    lookahead = theta + rho * velocity
    velocity_next = rho * velocity - lr * grad_fn(lookahead)
    return [theta + velocity_next, velocity_next]


def optimize(grad_fn, theta0, method, lr, rho=0.9, num_steps=100):
    steps = {"gd": None, "momentum": momentum_step, "nag": nag_step}
    if method not in steps:
        raise UnknownMethod(method)
    out = np.empty((num_steps + 1,) + np.shape(theta0))
    out[0] = theta0
    theta, velocity = np.array(theta0, dtype=float), np.zeros(np.shape(theta0))
    for t in range(1, num_steps + 1):
        if method == "gd":
            theta = gd_step(theta, grad_fn, lr)
        else:
            theta, velocity = steps[method](theta, velocity, grad_fn, lr, rho)
        out[t] = theta
    return out
