HINT = ("inverted dropout already divides by 1 − p during training, so at test time the "
        "layer is the identity (out = x): scaling again at test time counts it twice")


def inverted_dropout_forward(x, p, train, rng):
    if not 0.0 <= p < 1.0:
        raise ValueError(p)
    multiplier = (rng.random(x.shape) >= p) / (1.0 - p) if train else 1.0 - p
    return x * multiplier, multiplier
