HINT = ("`velocity` was modified in place: the caller's array changed. Compute a new array "
        "(v_next = rho * v - ...) instead of `v *= rho; v -= ...`")


def nag_step(theta, velocity, grad_fn, lr, rho):
    lookahead = theta + rho * velocity
    velocity *= rho
    velocity -= lr * grad_fn(lookahead)
    return theta + velocity, velocity
