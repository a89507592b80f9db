HINT = ("for large x, eˣ overflows to inf, and multiplying it by a 0/1 mask gives inf·0 = NaN; "
        "compute eˣ only where x ≤ 0, e.g. np.exp(np.minimum(x, 0))")


def selu_forward(x):
    with np.errstate(over="ignore", invalid="ignore"):  # public: a common line, not the mistake
        out = SELU_LAMBDA * (x * (x > 0) + SELU_ALPHA * (np.exp(x) - 1) * (x <= 0))
    return out, x


def selu_backward(dout, cache):
    x = cache
    with np.errstate(over="ignore", invalid="ignore"):
        return dout * SELU_LAMBDA * ((x > 0) + SELU_ALPHA * np.exp(x) * (x <= 0))
