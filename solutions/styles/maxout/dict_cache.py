# A right solution in another style: a dict cache, einsum, np.max plus a tie-safe argmax.


def maxout_forward(x, W, b):
    z = np.einsum("nd,dmk->nmk", x, W) + b
    return np.max(z, axis=2), {"x": x, "W": W, "k": z.argmax(axis=2)}


def maxout_backward(dout, cache):
    x, W, k = cache["x"], cache["W"], cache["k"]
    dz = (np.arange(W.shape[2]) == k[:, :, None]) * dout[:, :, None]
    return np.einsum("nmk,dmk->nd", dz, W), np.einsum("nd,nmk->dmk", x, dz), dz.sum(0)
