import numpy as np


def sigmoid(a):
    return np.where(a >= 0, 1 / (1 + np.exp(-np.abs(a))), np.exp(-np.abs(a)) / (1 + np.exp(-np.abs(a))))


def gru_step_forward(x, prev_h, Wx, Wh, b):
    H = prev_h.shape[1]
    a = x @ Wx + b
    z = sigmoid(a[:, :H] + prev_h @ Wh[:, :H])
    r = sigmoid(a[:, H:2 * H] + prev_h @ Wh[:, H:2 * H])
    n = np.tanh(a[:, 2 * H:] + (r * prev_h) @ Wh[:, 2 * H:])
    return (1 - z) * prev_h + z * n, (x, prev_h, Wx, Wh, z, r, n)


def gru_step_backward(dnext_h, cache):
    x, prev_h, Wx, Wh, z, r, n = cache
    H = prev_h.shape[1]
    dan = dnext_h * z * (1 - n ** 2)
    daz = dnext_h * (n - prev_h) * z * (1 - z)
    drh = dan @ Wh[:, 2 * H:].T
    dar = drh * prev_h * r * (1 - r)
    da = np.hstack([daz, dar, dan])
    dprev_h = dnext_h * (1 - z) + drh * r + np.hstack([daz, dar]) @ Wh[:, :2 * H].T
    dWh = np.hstack([prev_h.T @ np.hstack([daz, dar]), (r * prev_h).T @ dan])
    return da @ Wx.T, dprev_h, x.T @ da, dWh, da.sum(axis=0)


def gru_forward(x, h0, Wx, Wh, b):
    N, T, _ = x.shape
    h = np.zeros((N, T, h0.shape[1]))
    caches = []
    prev = h0
    for t in range(T):
        prev, c = gru_step_forward(x[:, t], prev, Wx, Wh, b)
        h[:, t] = prev
        caches.append(c)
    return h, caches


def gru_backward(dh, cache):
    N, T, H = dh.shape
    dx = np.zeros((N, T, cache[0][0].shape[1]))
    dWx, dWh, db = 0, 0, 0
    for t in reversed(range(T)):
        dx[:, t], dprev, gWx, gWh, gb = gru_step_backward(dh[:, t], cache[t])
        if t > 0:
            dh[:, t - 1] += dprev  # accumulates into the caller's dh
        dWx, dWh, db = dWx + gWx, dWh + gWh, db + gb
    return dx, dprev, dWx, dWh, db
