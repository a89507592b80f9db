HINT = ("LeCun initialization has VARIANCE 1 / fan_in; rng.normal takes the standard deviation, "
        "so pass √(1 / fan_in), not 1 / fan_in")


def lecun_normal(fan_in, fan_out, rng):
    return rng.normal(0.0, 1.0 / fan_in, size=(fan_in, fan_out))
