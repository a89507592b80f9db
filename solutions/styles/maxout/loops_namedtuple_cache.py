# A right solution in another style: explicit loops, a namedtuple cache, list returns.
from collections import namedtuple

MaxoutCache = namedtuple("MaxoutCache", ["x", "W", "b", "best"])


def maxout_forward(x, W, b):
    N, D = x.shape
    _, M, K = W.shape
    out = np.zeros((N, M))
    best = np.zeros((N, M), dtype=int)
    for n in range(N):
        for m in range(M):
            z = [float(np.dot(x[n], W[:, m, k]) + b[m, k]) for k in range(K)]
            k_best = max(range(K), key=lambda k: (z[k], -k))
            best[n, m], out[n, m] = k_best, z[k_best]
    return [out, MaxoutCache(x, W, b, best)]


def maxout_backward(dout, cache):
    x, W, b, best = cache.x, cache.W, cache.b, cache.best
    dx, dW, db = np.zeros_like(x), np.zeros_like(W), np.zeros_like(b)
    N, M = dout.shape
    for n in range(N):
        for m in range(M):
            k = best[n, m]
            dx[n] += dout[n, m] * W[:, m, k]
            dW[:, m, k] += dout[n, m] * x[n]
            db[m, k] += dout[n, m]
    return [dx, dW, db]


def relu_as_maxout(W, b):
    # The zero piece first: the function is the same whichever order the pieces have.
    W2 = np.zeros(W.shape + (2,))
    b2 = np.zeros(b.shape + (2,))
    W2[:, :, 1], b2[:, 1] = W, b
    return [W2, b2]
