HINT = ("classic dropout keeps the values of the kept units unchanged while training and "
        "scales by 1 − p at test time; dividing by 1 − p while training is inverted dropout")


def dropout_forward(x, p, train, rng):
    if not 0.0 <= p < 1.0:
        raise ValueError(p)
    multiplier = (rng.random(x.shape) >= p) / (1.0 - p) if train else 1.0 - p
    return x * multiplier, multiplier
