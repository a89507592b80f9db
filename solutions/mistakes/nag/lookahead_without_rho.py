HINT = "the look-ahead point is θ + ρv: scale the velocity by ρ before looking ahead"


def nag_step(theta, velocity, grad_fn, lr, rho):
    velocity_next = rho * velocity - lr * grad_fn(theta + velocity)
    return theta + velocity_next, velocity_next
