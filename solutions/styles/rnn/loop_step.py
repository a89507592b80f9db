# A right solution whose step is computed with explicit loops over the examples and the
# hidden units (math.tanh on Python floats), with a namedtuple step cache; the sequence
# cache keeps the inputs and states and rnn_backward calls the step backward on caches
# it rebuilds.
import math
from collections import namedtuple

Step = namedtuple("Step", "x prev_h Wx Wh next_h")


def rnn_step_forward(x, prev_h, Wx, Wh, b):
    N, D = x.shape
    H = Wh.shape[0]
    next_h = np.zeros((N, H))
    for n in range(N):
        for j in range(H):
            a = float(b[j])
            for d in range(D):
                a += x[n, d] * Wx[d, j]
            for i in range(H):
                a += prev_h[n, i] * Wh[i, j]
            next_h[n, j] = math.tanh(a)
    return next_h, Step(x, prev_h, Wx, Wh, next_h)


def rnn_step_backward(dnext_h, cache):
    x, prev_h, Wx, Wh, next_h = cache
    N, H = dnext_h.shape
    da = np.zeros((N, H))
    for n in range(N):
        for j in range(H):
            da[n, j] = dnext_h[n, j] * (1 - next_h[n, j] * next_h[n, j])
    return da.dot(Wx.T), da.dot(Wh.T), x.T.dot(da), prev_h.T.dot(da), da.sum(0)


def rnn_forward(x, h0, Wx, Wh, b):
    T = x.shape[1]
    h = np.zeros((x.shape[0], T, h0.shape[1]))
    prev = h0
    for t in range(T):
        prev, _ = rnn_step_forward(x[:, t, :], prev, Wx, Wh, b)
        h[:, t, :] = prev
    return h, (x, h0, Wx, Wh, h)


def rnn_backward(dh, cache):
    x, h0, Wx, Wh, h = cache
    T = x.shape[1]
    dx = np.zeros(x.shape)
    dWx, dWh, db = np.zeros(Wx.shape), np.zeros(Wh.shape), np.zeros(Wh.shape[0])
    dnext = np.zeros(h0.shape)
    for t in range(T - 1, -1, -1):
        prev = h[:, t - 1, :] if t > 0 else h0
        step = Step(x[:, t, :], prev, Wx, Wh, h[:, t, :])
        dx[:, t, :], dnext, gx, gh, gb = rnn_step_backward(dh[:, t, :] + dnext, step)
        dWx += gx
        dWh += gh
        db += gb
    return dx, dnext, dWx, dWh, db
