HINT = ("PReLU learns one slope per channel: alpha[c] multiplies the negative inputs of column c "
        "of x; your forward pass uses a single slope for every channel")


def prelu_forward(x, alpha):
    return np.where(x > 0, x, alpha[0] * x), (x, alpha)
