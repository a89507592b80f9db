"""Not a GRU: a linear map h' = 2h + x Wx[:, :H] + h Wh[:, :H] + b[:H] (no gates, two thirds of
the weights ignored), with its exact gradient. Consistent backpropagation of a forward pass
that ignores most of its weights earns no own-forward credit for those weights."""
import numpy as np


def gru_step_forward(x, prev_h, Wx, Wh, b):
    H = prev_h.shape[1]
    return 2 * prev_h + x @ Wx[:, :H] + prev_h @ Wh[:, :H] + b[:H], (x, prev_h, Wx, Wh, b)


def gru_step_backward(dnext_h, cache):
    x, prev_h, Wx, Wh, b = cache
    H = prev_h.shape[1]
    dWx, dWh, db = np.zeros_like(Wx), np.zeros_like(Wh), np.zeros_like(b)
    dWx[:, :H], dWh[:, :H], db[:H] = x.T @ dnext_h, prev_h.T @ dnext_h, dnext_h.sum(0)
    return dnext_h @ Wx[:, :H].T, 2 * dnext_h + dnext_h @ Wh[:, :H].T, dWx, dWh, db


def gru_forward(x, h0, Wx, Wh, b):
    h, hs, caches = h0, [], []
    for t in range(x.shape[1]):
        h, cache = gru_step_forward(x[:, t], h, Wx, Wh, b)
        hs.append(h)
        caches.append(cache)
    return np.stack(hs, 1), caches


def gru_backward(dh, caches):
    dxs, dWx, dWh, db, dprev = [], 0, 0, 0, np.zeros_like(dh[:, 0])
    for t in reversed(range(dh.shape[1])):
        dx, dprev, wx, wh, bb = gru_step_backward(dh[:, t] + dprev, caches[t])
        dxs.append(dx)
        dWx, dWh, db = dWx + wx, dWh + wh, db + bb
    return np.stack(dxs[::-1], 1), dprev, dWx, dWh, db
