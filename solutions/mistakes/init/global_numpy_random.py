HINT = ("draw from the `rng` argument (rng.normal, rng.uniform), not from np.random: the same "
        "rng must give the same weights, which is what makes an experiment reproducible")


def xavier_uniform(fan_in, fan_out, rng):
    a = np.sqrt(6.0 / (fan_in + fan_out))
    return np.random.uniform(-a, a, size=(fan_in, fan_out))


def xavier_normal(fan_in, fan_out, rng):
    return np.random.normal(0.0, np.sqrt(2.0 / (fan_in + fan_out)), size=(fan_in, fan_out))


def he_normal(fan_in, fan_out, rng):
    return np.random.normal(0.0, np.sqrt(2.0 / fan_in), size=(fan_in, fan_out))


def lecun_normal(fan_in, fan_out, rng):
    return np.random.normal(0.0, np.sqrt(1.0 / fan_in), size=(fan_in, fan_out))
