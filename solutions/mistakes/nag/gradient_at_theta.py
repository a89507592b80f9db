HINT = ("your velocity equals plain momentum's: Nesterov momentum evaluates the gradient "
        "at the look-ahead point θ + ρv, not at θ")


def nag_step(theta, velocity, grad_fn, lr, rho):
    velocity_next = rho * velocity - lr * grad_fn(theta)
    return theta + velocity_next, velocity_next
