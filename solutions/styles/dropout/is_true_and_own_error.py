# A right solution in another style: `if train is True:` checks (train arrives as the
# Python bool a training script passes), a ValueError subclass, list returns, dict caches.


class BadProbability(ValueError):
    pass


def _check(p):
    if p < 0 or p >= 1:
        raise BadProbability(p)


def dropout_forward(x, p, train, rng):
    _check(p)
    if train is True:
        mask = (rng.random(x.shape) >= p) * 1.0
        return [x * mask, {"factor": mask}]
    return [x * (1 - p), {"factor": 1 - p}]


def inverted_dropout_forward(x, p, train, rng):
    _check(p)
    if train is False:
        return [x.copy(), {"factor": 1.0}]
    keep = rng.random(x.shape) >= p
    return [np.where(keep, x / (1 - p), 0.0), {"factor": keep / (1 - p)}]


def dropout_backward(dout, cache):
    return dout * cache["factor"]


def scale_weights_for_test(W, p):
    _check(p)
    return (1 - p) * W
