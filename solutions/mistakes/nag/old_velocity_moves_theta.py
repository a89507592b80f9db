HINT = "θ moves by the old velocity: the rule is θ' = θ + v', with the updated velocity v'"


def momentum_step(theta, velocity, grad_fn, lr, rho):
    velocity_next = rho * velocity - lr * grad_fn(theta)
    return theta + velocity, velocity_next


def nag_step(theta, velocity, grad_fn, lr, rho):
    velocity_next = rho * velocity - lr * grad_fn(theta + rho * velocity)
    return theta + velocity, velocity_next
