# Each activation as a small layer object whose forward remembers what its backward
# needs; the object itself is the cache. ReLU and leaky ReLU are PReLU-like formulas
# written with np.maximum / np.minimum.


class _Layer:
    def __init__(self, x, slope):
        self.x, self.slope = x, slope

    def positive(self):
        return self.x > 0


def relu_forward(x):
    layer = _Layer(x, 0.0)
    return np.maximum(x, 0), layer


def relu_backward(dout, cache):
    return np.multiply(dout, cache.positive(), dtype=float)


def leaky_relu_forward(x, alpha=0.01):
    layer = _Layer(x, alpha)
    return np.maximum(x, 0) + alpha * np.minimum(x, 0), layer


def leaky_relu_backward(dout, cache):
    return dout * (cache.positive() + cache.slope * ~cache.positive())


def prelu_forward(x, alpha):
    layer = _Layer(x, alpha)
    return np.maximum(x, 0) + alpha[np.newaxis, :] * np.minimum(x, 0), layer


def prelu_backward(dout, cache):
    positive = cache.positive()
    dx = dout * (positive + cache.slope * ~positive)
    dalpha = (dout * np.minimum(cache.x, 0)).sum(axis=0)  # min(x, 0) is x where x ≤ 0, else 0
    return dx, dalpha


def selu_forward(x):
    layer = _Layer(x, SELU_ALPHA)
    negative = np.minimum(x, 0)
    return SELU_LAMBDA * (np.maximum(x, 0) + SELU_ALPHA * np.expm1(negative)), layer


def selu_backward(dout, cache):
    positive = cache.positive()
    return dout * SELU_LAMBDA * (positive + SELU_ALPHA * np.exp(np.minimum(cache.x, 0)) * ~positive)
