HINT = ("σ(x) = e^x / (1 + e^x) overflows to inf / inf = NaN for large x: compute e^t only for "
        "t ≤ 0, i.e. 1 / (1 + e^(−x)) when x ≥ 0 and e^x / (1 + e^x) when x < 0")


def sigmoid(x):
    e = np.exp(x)
    return e / (1.0 + e)
