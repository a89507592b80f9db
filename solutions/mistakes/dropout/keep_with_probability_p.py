HINT = ("p is the probability of DROPPING a unit: each unit is kept with probability "
        "1 − p, so the mask is 1 where a uniform draw is ≥ p; your code keeps units with "
        "probability p")


def dropout_forward(x, p, train, rng):
    if not 0.0 <= p < 1.0:
        raise ValueError(p)
    multiplier = (rng.random(x.shape) < p).astype(np.float64) if train else 1.0 - p
    return x * multiplier, multiplier


def inverted_dropout_forward(x, p, train, rng):
    if not 0.0 <= p < 1.0:
        raise ValueError(p)
    multiplier = (rng.random(x.shape) < p) / (1.0 - p) if train else 1.0
    return x * multiplier, multiplier
