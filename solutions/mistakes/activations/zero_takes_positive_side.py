HINT = ("at x = 0 exactly, take the negative side's slope: 0 for ReLU, α for leaky ReLU and PReLU, "
        "λα for SELU; your backward pass uses the positive side's slope there (a test like x >= 0)")


def relu_backward(dout, cache):
    return dout * (cache >= 0)


def leaky_relu_backward(dout, cache):
    x, alpha = cache
    return dout * np.where(x >= 0, 1.0, alpha)


def prelu_backward(dout, cache):
    x, alpha = cache
    negative = x < 0
    return dout * np.where(negative, alpha, 1.0), np.sum(dout * x * negative, axis=0)


def selu_backward(dout, cache):
    x = cache
    return dout * SELU_LAMBDA * np.where(x >= 0, 1.0, SELU_ALPHA * np.exp(np.minimum(x, 0.0)))
