HINT = ("He initialization has VARIANCE 2 / fan_in; rng.normal takes the standard deviation, "
        "so pass √(2 / fan_in), not 2 / fan_in")


def he_normal(fan_in, fan_out, rng):
    return rng.normal(0.0, 2.0 / fan_in, size=(fan_in, fan_out))
