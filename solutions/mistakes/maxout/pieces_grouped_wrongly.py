HINT = ("the K pieces of unit m are W[:, m, :] and b[m, :] (W has shape (D, M, K)); your "
        "reshape groups the columns of x @ W into units in another order, so each max is "
        "taken over pieces that belong to different units")


def maxout_forward(x, W, b):
    D, M, K = W.shape
    z = (x @ W.reshape(D, M * K) + b.reshape(M * K)).reshape(-1, K, M)
    winner = np.argmax(z, axis=1)  # (N, M), over the wrongly grouped pieces
    out = np.take_along_axis(z, winner[:, None, :], axis=1)[:, 0, :]
    return out, (x, W, winner)


def maxout_backward(dout, cache):
    # Consistent with the forward pass above: the gradient of that (wrong) function.
    x, W, winner = cache
    D, M, K = W.shape
    dz = np.zeros((dout.shape[0], K, M))
    np.put_along_axis(dz, winner[:, None, :], dout[:, None, :], axis=1)
    dz_flat = dz.reshape(-1, M * K)
    return dz_flat @ W.reshape(D, M * K).T, (x.T @ dz_flat).reshape(D, M, K), dz_flat.sum(axis=0).reshape(M, K)
