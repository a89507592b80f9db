# A vanilla RNN with dict caches and loops over the time steps (lists of per-step arrays).
import numpy as np


def rnn_step_forward(x, prev_h, Wx, Wh, b):
    z = np.matmul(x, Wx) + np.matmul(prev_h, Wh) + b
    h = np.tanh(z)
    return h, {"x": x, "h_prev": prev_h, "Wx": Wx, "Wh": Wh, "h": h}


def rnn_step_backward(dnext_h, cache):
    dz = dnext_h * (1 - cache["h"] * cache["h"])
    grads = [np.matmul(dz, cache["Wx"].T), np.matmul(dz, cache["Wh"].T),
             np.matmul(cache["x"].T, dz), np.matmul(cache["h_prev"].T, dz), dz.sum(axis=0)]
    return grads


def rnn_forward(x, h0, Wx, Wh, b):
    states, caches = [], []
    h = h0
    for t in range(x.shape[1]):
        h, c = rnn_step_forward(x[:, t, :], h, Wx, Wh, b)
        states.append(h)
        caches.append(c)
    return np.stack(states, axis=1), {"steps": caches, "D": x.shape[2]}


def rnn_backward(dh, cache):
    N, T, H = dh.shape
    dxs = [None] * T
    dWx = np.zeros((cache["D"], H))
    dWh = np.zeros((H, H))
    db = np.zeros(H)
    carry = np.zeros((N, H))
    for t in range(T - 1, -1, -1):
        dx_t, carry, gWx, gWh, gb = rnn_step_backward(dh[:, t, :] + carry, cache["steps"][t])
        dxs[t] = dx_t
        dWx = dWx + gWx
        dWh = dWh + gWh
        db = db + gb
    return np.stack(dxs, axis=1), carry, dWx, dWh, db
