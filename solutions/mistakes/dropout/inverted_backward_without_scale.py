HINT = ("inverted dropout multiplies the kept units by 1/(1 − p), so the backward pass "
        "multiplies dout by the same factor: dx = dout·mask/(1 − p)")


def dropout_forward(x, p, train, rng):
    if not 0.0 <= p < 1.0:
        raise ValueError(p)
    if not train:
        return x * (1.0 - p), None
    mask = rng.random(x.shape) >= p
    return x * mask, mask


def inverted_dropout_forward(x, p, train, rng):
    if not 0.0 <= p < 1.0:
        raise ValueError(p)
    if not train:
        return x.copy(), None
    mask = rng.random(x.shape) >= p
    return x * mask / (1.0 - p), mask


def dropout_backward(dout, cache):
    return dout.copy() if cache is None else dout * cache
