HINT = ("Xavier's variance is 2 / (fan_in + fan_out): the average of 1 / fan_in (forward) and "
        "1 / fan_out (backward) is 2 / (fan_in + fan_out), not 1 / (fan_in + fan_out)")


def xavier_normal(fan_in, fan_out, rng):
    return rng.normal(0.0, np.sqrt(1.0 / (fan_in + fan_out)), size=(fan_in, fan_out))
