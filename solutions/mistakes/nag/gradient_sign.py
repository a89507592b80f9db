HINT = ("the update climbs the objective: the gradient enters the velocity with a minus "
        "sign, v' = ρv − η∇J")


def momentum_step(theta, velocity, grad_fn, lr, rho):
    velocity_next = rho * velocity + lr * grad_fn(theta)
    return theta + velocity_next, velocity_next


def nag_step(theta, velocity, grad_fn, lr, rho):
    velocity_next = rho * velocity + lr * grad_fn(theta + rho * velocity)
    return theta + velocity_next, velocity_next


def gd_step(theta, grad_fn, lr):
    return theta + lr * grad_fn(theta)
