HINT = ("inverted dropout divides the kept units by 1 − p during training, so that the "
        "expected training output equals x and test time needs no scaling")


def inverted_dropout_forward(x, p, train, rng):
    if not 0.0 <= p < 1.0:
        raise ValueError(p)
    multiplier = (rng.random(x.shape) >= p).astype(np.float64) if train else 1.0
    return x * multiplier, multiplier
