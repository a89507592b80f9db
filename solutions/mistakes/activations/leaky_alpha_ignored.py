HINT = ("leaky_relu_forward must use the alpha it is given (0.01 is only its default); your forward "
        "pass uses a fixed slope on the negative side")


def leaky_relu_forward(x, alpha=0.01):
    return np.where(x > 0, x, 0.01 * x), (x, alpha)
