HINT = ("SELU's scale λ ≈ 1.0507 multiplies x on the positive side and α ≈ 1.6733 sits in the "
        "exponential part, λα(eˣ − 1); you swapped the two constants")


def selu_forward(x):
    return SELU_ALPHA * np.where(x > 0, x, SELU_LAMBDA * np.expm1(np.minimum(x, 0.0))), x


def selu_backward(dout, cache):
    x = cache
    return dout * SELU_ALPHA * np.where(x > 0, 1.0, SELU_LAMBDA * np.exp(np.minimum(x, 0.0)))
