HINT = ("ReLU is the element-wise max(0, x), np.maximum(x, 0); np.max(x, 0) is a reduction: it takes "
        "the largest entry along axis 0, so the output loses that axis")


def relu_forward(x):
    return np.max(x, 0), x
