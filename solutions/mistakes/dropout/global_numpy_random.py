HINT = ("draw the mask from the `rng` argument (e.g. rng.random(x.shape)), not from "
        "np.random: the same rng must give the same mask")


def dropout_forward(x, p, train, rng):
    if not 0.0 <= p < 1.0:
        raise ValueError(p)
    multiplier = (np.random.random(x.shape) >= p).astype(np.float64) if train else 1.0 - p
    return x * multiplier, multiplier


def inverted_dropout_forward(x, p, train, rng):
    if not 0.0 <= p < 1.0:
        raise ValueError(p)
    multiplier = (np.random.random(x.shape) >= p) / (1.0 - p) if train else 1.0
    return x * multiplier, multiplier
