import numpy as np


def sig(a):
    return 0.5 * (np.tanh(a / 2) + 1)


def gru_step_forward(x, prev_h, Wx, Wh, b):
    H = prev_h.shape[1]
    a = x @ Wx + b
    zr = sig(a[:, :2 * H] + prev_h @ Wh[:, :2 * H])
    z, r = zr[:, :H], zr[:, H:]
    n = np.tanh(a[:, 2 * H:] + (r * prev_h) @ Wh[:, 2 * H:])
    return [prev_h + z * (n - prev_h), [x, prev_h, Wx, Wh, z, r, n]]


def gru_step_backward(dnext_h, cache):
    x, prev_h, Wx, Wh, z, r, n = cache
    H = prev_h.shape[1]
    dan = dnext_h * z * (1 - n * n)
    daz = dnext_h * (n - prev_h) * z * (1 - z)
    drh = dan.dot(Wh[:, 2 * H:].T)
    dar = drh * prev_h * r * (1 - r)
    dazr = np.concatenate([daz, dar], 1)
    da = np.concatenate([dazr, dan], 1)
    dprev_h = dnext_h * (1 - z) + drh * r + dazr.dot(Wh[:, :2 * H].T)
    dWh = np.concatenate([prev_h.T.dot(dazr), (r * prev_h).T.dot(dan)], 1)
    return [da.dot(Wx.T), dprev_h, x.T.dot(da), dWh, da.sum(0)]


def gru_forward(x, h0, Wx, Wh, b):
    hs, caches = [], []
    h = h0
    for t in range(x.shape[1]):
        h, c = gru_step_forward(x[:, t, :], h, Wx, Wh, b)
        hs.append(h)
        caches.append(c)
    return [np.stack(hs, 1), caches]


def gru_backward(dh, cache):
    T = dh.shape[1]
    dxs = [None] * T
    grads = None
    carry = 0.0
    for t in range(T - 1, -1, -1):
        dx_t, carry, *param_grads = gru_step_backward(dh[:, t, :] + carry, cache.pop())
        dxs[t] = dx_t
        grads = param_grads if grads is None else [g + p for g, p in zip(grads, param_grads)]
    return [np.stack(dxs, 1), carry] + grads
