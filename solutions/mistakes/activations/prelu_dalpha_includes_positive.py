HINT = ("alpha[c] only acts on the negative side (out = alpha[c]·x where x ≤ 0), so only those "
        "entries contribute dout·x to dalpha; you also added the entries with x > 0")


def prelu_backward(dout, cache):
    x, alpha = cache
    return dout * np.where(x <= 0, alpha, 1.0), np.sum(dout * x, axis=0)
