# A right solution in another style: the np.where sigmoid the README suggests (it warns,
# since np.where evaluates both branches), list returns, dict caches for each step.


def sigmoid(x):
    return np.where(x >= 0, 1 / (1 + np.exp(-x)), np.exp(x) / (1 + np.exp(x)))


def lstm_step_forward(x, prev_h, prev_c, Wx, Wh, b):
    H = prev_h.shape[1]
    a = x @ Wx + prev_h @ Wh + b
    gates = {"i": sigmoid(a[:, :H]), "f": sigmoid(a[:, H:2 * H]), "o": sigmoid(a[:, 2 * H:3 * H]),
             "g": np.tanh(a[:, 3 * H:])}
    next_c = gates["f"] * prev_c + gates["i"] * gates["g"]
    next_h = gates["o"] * np.tanh(next_c)
    cache = {"x": x, "prev_h": prev_h, "prev_c": prev_c, "Wx": Wx, "Wh": Wh, "next_c": next_c, **gates}
    return [next_h, next_c, cache]


def lstm_step_backward(dnext_h, dnext_c, cache):
    i, f, o, g = cache["i"], cache["f"], cache["o"], cache["g"]
    tanh_c = np.tanh(cache["next_c"])
    dc = dnext_c + dnext_h * o * (1 - tanh_c * tanh_c)
    da = np.hstack([dc * g * i * (1 - i), dc * cache["prev_c"] * f * (1 - f),
                    dnext_h * tanh_c * o * (1 - o), dc * i * (1 - g * g)])
    return [da @ cache["Wx"].T, da @ cache["Wh"].T, dc * f, cache["x"].T @ da, cache["prev_h"].T @ da,
            np.sum(da, axis=0)]


def lstm_forward(x, h0, Wx, Wh, b):
    N, T, D = x.shape
    hs, caches = [], []
    h, c = h0, np.zeros(h0.shape)
    for t in range(T):
        h, c, step = lstm_step_forward(x[:, t], h, c, Wx, Wh, b)
        hs.append(h)
        caches.append(step)
    return [np.stack(hs, axis=1), caches]


def lstm_backward(dh, cache):
    N, T, H = dh.shape
    grads = None
    dh_next, dc_next = np.zeros((N, H)), np.zeros((N, H))
    dxs = [None] * T
    for t in range(T - 1, -1, -1):
        dx_t, dh_next, dc_next, dWx, dWh, db = lstm_step_backward(dh[:, t] + dh_next, dc_next, cache[t])
        dxs[t] = dx_t
        grads = [dWx, dWh, db] if grads is None else [grads[0] + dWx, grads[1] + dWh, grads[2] + db]
    return [np.stack(dxs, axis=1), dh_next, *grads]
