HINT = ("U(−a, a) has variance a²/3, so Var(W) = 2 / (fan_in + fan_out) needs "
        "a = √(6 / (fan_in + fan_out)); your interval is too narrow")


def xavier_uniform(fan_in, fan_out, rng):
    a = np.sqrt(3.0 / (fan_in + fan_out))
    return rng.uniform(-a, a, size=(fan_in, fan_out))
