HINT = ("the negative side is decided by the input x, not by the output: with a negative slope "
        "alpha[c], alpha[c]·x > 0 for x < 0, so testing out > 0 sends those entries the wrong slope")


def prelu_forward(x, alpha):
    out = np.where(x > 0, x, alpha * x)
    return out, (x, alpha, out)


def prelu_backward(dout, cache):
    x, alpha, out = cache
    negative = out <= 0
    return dout * np.where(negative, alpha, 1.0), np.sum(dout * x * negative, axis=0)
