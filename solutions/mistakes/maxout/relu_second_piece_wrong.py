HINT = ("ReLU is max(z, 0): the second piece is the constant 0 (zero weights and zero bias); "
        "your second piece is not, so the layer does not output 0 where x @ W + b < 0")


def relu_as_maxout(W, b):
    return np.stack([W, -W], axis=-1), np.stack([b, -b], axis=-1)
