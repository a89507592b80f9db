HINT = ("db adds up the contributions of all N examples of the batch (b is shared by every "
        "example, like W); you averaged them instead of summing")


def maxout_backward(dout, cache):
    x, W, winner = cache
    D, M, K = W.shape
    dz = np.zeros((dout.shape[0], M, K))
    np.put_along_axis(dz, winner[:, :, None], dout[:, :, None], axis=2)
    dz_flat = dz.reshape(-1, M * K)
    return dz_flat @ W.reshape(D, M * K).T, (x.T @ dz_flat).reshape(D, M, K), dz.mean(axis=0)
