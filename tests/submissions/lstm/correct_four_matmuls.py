"""A correct LSTM in another style: one weight slice and one matmul per gate, a dict cache,
a sigmoid built from masks, and per-gate gradients assembled with np.hstack."""

import numpy as np

GATES = ("i", "f", "o", "g")


def sigmoid(x):
    x = np.asarray(x, dtype=np.float64)
    out = np.empty_like(x)
    positive = x >= 0
    out[positive] = 1.0 / (1.0 + np.exp(-x[positive]))
    e = np.exp(x[~positive])
    out[~positive] = e / (1.0 + e)
    return out


def _block(W, k, H):
    return W[..., k * H:(k + 1) * H]


def lstm_step_forward(x, prev_h, prev_c, Wx, Wh, b):
    H = prev_h.shape[1]
    pre = {name: x @ _block(Wx, k, H) + prev_h @ _block(Wh, k, H) + _block(b, k, H)
           for k, name in enumerate(GATES)}
    gate = {name: sigmoid(pre[name]) for name in ("i", "f", "o")}
    gate["g"] = np.tanh(pre["g"])
    next_c = gate["f"] * prev_c + gate["i"] * gate["g"]
    next_h = gate["o"] * np.tanh(next_c)
    cache = {"x": x, "prev_h": prev_h, "prev_c": prev_c, "Wx": Wx, "Wh": Wh, "next_c": next_c, **gate}
    return next_h, next_c, cache


def lstm_step_backward(dnext_h, dnext_c, cache):
    i, f, o, g = (cache[name] for name in GATES)
    tanh_c = np.tanh(cache["next_c"])
    dc = dnext_c + dnext_h * o * (1 - tanh_c * tanh_c)
    dpre = {
        "i": dc * g * i * (1 - i),
        "f": dc * cache["prev_c"] * f * (1 - f),
        "o": dnext_h * tanh_c * o * (1 - o),
        "g": dc * i * (1 - g * g),
    }
    H = dnext_h.shape[1]
    dx = sum(dpre[name] @ _block(cache["Wx"], k, H).T for k, name in enumerate(GATES))
    dprev_h = sum(dpre[name] @ _block(cache["Wh"], k, H).T for k, name in enumerate(GATES))
    dWx = np.hstack([cache["x"].T @ dpre[name] for name in GATES])
    dWh = np.hstack([cache["prev_h"].T @ dpre[name] for name in GATES])
    db = np.hstack([dpre[name].sum(axis=0) for name in GATES])
    return dx, dprev_h, dc * f, dWx, dWh, db


def lstm_forward(x, h0, Wx, Wh, b):
    h_list, caches = [], []
    h, c = h0, np.zeros(h0.shape)
    for t in range(x.shape[1]):
        h, c, step = lstm_step_forward(x[:, t], h, c, Wx, Wh, b)
        h_list.append(h)
        caches.append(step)
    return np.stack(h_list, axis=1), {"steps": caches}


def lstm_backward(dh, cache):
    steps = cache["steps"]
    grads_x = []
    dh_carry = np.zeros_like(dh[:, 0])
    dc_carry = np.zeros_like(dh[:, 0])
    dWx = dWh = db = 0.0
    for t in range(len(steps) - 1, -1, -1):
        dx_t, dh_carry, dc_carry, dWx_t, dWh_t, db_t = lstm_step_backward(dh[:, t] + dh_carry, dc_carry, steps[t])
        grads_x.append(dx_t)
        dWx = dWx + dWx_t
        dWh = dWh + dWh_t
        db = db + db_t
    return np.stack(grads_x[::-1], axis=1), dh_carry, dWx, dWh, db
