HINT = ("on the negative side leaky ReLU has slope α, so its backward pass multiplies dout by α "
        "there; yours passes dout through with slope 1 everywhere")


def leaky_relu_backward(dout, cache):
    return dout * 1.0
