HINT = ("x belongs to the caller: `x[x < 0] = 0` changes the caller's array; compute a new one "
        "(out = np.maximum(x, 0))")


def relu_forward(x):
    x[x < 0] = 0.0
    return x, x
