import numpy as np


def sigmoid(a):
    out = np.empty_like(a)
    pos = a >= 0
    out[pos] = 1 / (1 + np.exp(-a[pos]))
    out[~pos] = np.exp(a[~pos]) / (1 + np.exp(a[~pos]))
    return out


def gru_step_forward(x, prev_h, Wx, Wh, b):
    H = prev_h.shape[1]
    z = sigmoid(x @ Wx[:, 0:H] + prev_h @ Wh[:, 0:H] + b[0:H])
    r = sigmoid(x @ Wx[:, H:2*H] + prev_h @ Wh[:, H:2*H] + b[H:2*H])
    n = np.tanh(x @ Wx[:, 2*H:3*H] + (r * prev_h) @ Wh[:, 2*H:3*H] + b[2*H:3*H])
    next_h = (1 - z) * prev_h + z * n
    cache = {"x": x, "prev_h": prev_h, "Wx": Wx, "Wh": Wh, "z": z, "r": r, "n": n}
    return next_h, cache


def gru_step_backward(dnext_h, cache):
    x, prev_h, Wx, Wh = cache["x"], cache["prev_h"], cache["Wx"], cache["Wh"]
    z, r, n = cache["z"], cache["r"], cache["n"]
    H = prev_h.shape[1]
    dn = dnext_h * z
    dz = dnext_h * (n - prev_h)
    dprev_h = dnext_h * (1 - z)
    dan = dn * (1 - n ** 2)
    daz = dz * z * (1 - z)
    d_rh = dan @ Wh[:, 2*H:3*H].T
    dar = d_rh * prev_h * r * (1 - r)
    dprev_h = dprev_h + d_rh * r
    dprev_h = dprev_h + daz @ Wh[:, 0:H].T + dar @ Wh[:, H:2*H].T
    dx = daz @ Wx[:, 0:H].T + dar @ Wx[:, H:2*H].T + dan @ Wx[:, 2*H:3*H].T
    dWx = np.zeros_like(Wx)
    dWh = np.zeros_like(Wh)
    db = np.zeros(3 * H)
    for k, da in enumerate([daz, dar, dan]):
        dWx[:, k*H:(k+1)*H] = x.T @ da
        db[k*H:(k+1)*H] = da.sum(axis=0)
    dWh[:, 0:H] = prev_h.T @ daz
    dWh[:, H:2*H] = prev_h.T @ dar
    dWh[:, 2*H:3*H] = (r * prev_h).T @ dan
    return dx, dprev_h, dWx, dWh, db


def gru_forward(x, h0, Wx, Wh, b):
    N, T, D = x.shape
    H = h0.shape[1]
    h = np.zeros((N, T, H))
    caches = []
    h_t = h0
    for t in range(T):
        h_t, c = gru_step_forward(x[:, t, :], h_t, Wx, Wh, b)
        h[:, t, :] = h_t
        caches.append(c)
    return h, caches


def gru_backward(dh, cache):
    N, T, H = dh.shape
    D = cache[0]["x"].shape[1]
    dx = np.zeros((N, T, D))
    dWx = np.zeros((D, 3 * H))
    dWh = np.zeros((H, 3 * H))
    db = np.zeros(3 * H)
    dh_next = np.zeros((N, H))
    for t in reversed(range(T)):
        dx_t, dh_next, dWx_t, dWh_t, db_t = gru_step_backward(dh[:, t, :] + dh_next, cache[t])
        dx[:, t, :] = dx_t
        dWx = dWx + dWx_t
        dWh = dWh + dWh_t
        db = db + db_t
    return dx, dh_next, dWx, dWh, db
