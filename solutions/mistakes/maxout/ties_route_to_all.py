HINT = ("on a tie (several pieces equal to the max) the gradient goes to the first such "
        "piece only, as np.argmax picks it; your backward pass gives it to every tied piece")


def maxout_forward(x, W, b):
    z = np.einsum("nd,dmk->nmk", x, W) + b
    out = z.max(axis=2)
    return out, (x, W, z == out[:, :, None])


def maxout_backward(dout, cache):
    x, W, winners = cache
    dz = winners * dout[:, :, None]
    return np.einsum("nmk,dmk->nd", dz, W), np.einsum("nd,nmk->dmk", x, dz), dz.sum(axis=0)
