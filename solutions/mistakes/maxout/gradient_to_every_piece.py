HINT = ("the gradient of out = max_k z_k reaches only the piece that attained the maximum; "
        "your backward pass sends it to every one of the K pieces")


def maxout_backward(dout, cache):
    x, W, winner = cache
    D, M, K = W.shape
    dz = np.repeat(dout[:, :, None], K, axis=2)
    dz_flat = dz.reshape(-1, M * K)
    return dz_flat @ W.reshape(D, M * K).T, (x.T @ dz_flat).reshape(D, M, K), dz.sum(axis=0)
