# A right solution in another style: the mask drawn with rng.binomial, tuple caches of
# (mask, scale).


def dropout_forward(x, p, train, rng):
    if not 0 <= p < 1:
        raise ValueError("p")
    if not train:
        return x * (1.0 - p), (None, 1.0 - p)
    mask = rng.binomial(1, 1.0 - p, size=x.shape)
    return x * mask, (mask, 1.0)


def inverted_dropout_forward(x, p, train, rng):
    if not 0 <= p < 1:
        raise ValueError("p")
    if not train:
        return x, (None, 1.0)
    mask = rng.binomial(1, 1.0 - p, size=x.shape)
    return x * mask / (1.0 - p), (mask, 1.0 / (1.0 - p))


def dropout_backward(dout, cache):
    mask, scale = cache
    return dout * scale if mask is None else dout * mask * scale
