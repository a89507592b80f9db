HINT = ("xavier_uniform draws from the uniform distribution U(−a, a) (rng.uniform), not from "
        "a normal distribution with the same variance")


def xavier_uniform(fan_in, fan_out, rng):
    return rng.normal(0.0, np.sqrt(2.0 / (fan_in + fan_out)), size=(fan_in, fan_out))
