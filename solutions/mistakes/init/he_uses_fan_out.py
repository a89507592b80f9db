HINT = ("He initialization keeps the forward signal's variance: each output sums fan_in "
        "inputs, so Var(W) = 2 / fan_in (not 2 / fan_out)")


def he_normal(fan_in, fan_out, rng):
    return rng.normal(0.0, np.sqrt(2.0 / fan_out), size=(fan_in, fan_out))
